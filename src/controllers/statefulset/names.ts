/**
 * The names the StatefulSet controller writes, as Kubernetes 1.32 spells
 * them (k8s.io/api/apps/v1 constants, pkg/controller/history).
 */

/** `apps.StatefulSetPodNameLabel`: every pod carries its own name. */
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
/** `apps.PodIndexLabel` (PodIndexLabel feature, GA in 1.32): the pod's ordinal. */
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
/** `apps.StatefulSetRevisionLabel` (= `ControllerRevisionHashLabelKey`): the revision a pod was made from. */
export const REVISION_LABEL = 'controller-revision-hash';
/** `history.ControllerRevisionHashLabel`: the hash of a ControllerRevision's data. */
export const REVISION_HASH_LABEL = 'controller.kubernetes.io/hash';
/** The Events' `source.component` (kube-controller-manager's `statefulset-controller` recorder). */
export const COMPONENT = 'statefulset-controller';
/** Default `spec.revisionHistoryLimit` (the API server defaults it too). */
export const DEFAULT_REVISION_HISTORY_LIMIT = 10;
