/**
 * A StatefulSet pod's identity and storage, as Kubernetes 1.32
 * `stateful_set_utils.go` defines them:
 *
 * - pod `NAME-ORDINAL` (ordinals from `spec.ordinals.start`, default 0), its
 *   ordinal read back from the name with `(.*)-([0-9]+)$` (−1 when none);
 * - labels `statefulset.kubernetes.io/pod-name` and
 *   `apps.kubernetes.io/pod-index`, and `spec.hostname` = the pod's name and
 *   `spec.subdomain` = `spec.serviceName`, set once at creation;
 * - one PersistentVolumeClaim per volumeClaimTemplate and ordinal, named
 *   `TEMPLATE-NAME-ORDINAL`, labelled with the template's labels plus the
 *   selector's matchLabels, mounted as the volume named after the template
 *   (replacing a template volume of that name).
 *
 * Kubernetes builds the claim volumes from a Go map (random order); here
 * they follow the templates' order, so pods are identical run to run.
 */
import type { StatefulSet } from 'kubernetes-types/apps/v1.js';
import type { PersistentVolumeClaim, Pod, Volume } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../model/index.js';
import { podFromTemplate } from '../replica-set/pod-template.js';
import { POD_INDEX_LABEL, POD_NAME_LABEL, REVISION_LABEL } from './names.js';
import { STATEFUL_SET_KIND } from './statefulset-kind.js';

const STATEFUL_POD = /^(.*)-([0-9]+)$/;

/** `getParentNameAndOrdinal`: ['', -1] when the name has no `-N` suffix (or N overflows int32). */
export function parentAndOrdinal(name: string): [string, number] {
  const m = STATEFUL_POD.exec(name);
  if (m === null) return ['', -1];
  const n = Number(m[2]);
  return [m[1] ?? '', n <= 2147483647 ? n : -1];
}

export function ordinalOf(pod: Pod): number {
  return parentAndOrdinal(pod.metadata?.name ?? '')[1];
}

export function startOrdinal(set: StatefulSet): number {
  return set.spec?.ordinals?.start ?? 0;
}

/** `spec.replicas` (defaulted to 1 by the API server). */
export function replicasOf(set: StatefulSet): number {
  return set.spec?.replicas ?? 1;
}

/** `getEndOrdinal`: the last ordinal kept (inclusive). */
export function endOrdinal(set: StatefulSet): number {
  return startOrdinal(set) + replicasOf(set) - 1;
}

export function inOrdinalRange(pod: Pod, set: StatefulSet): boolean {
  const o = ordinalOf(pod);
  return o >= startOrdinal(set) && o <= endOrdinal(set);
}

export function podName(set: StatefulSet, ordinal: number): string {
  return `${set.metadata?.name ?? ''}-${ordinal}`;
}

export function claimName(set: StatefulSet, template: PersistentVolumeClaim, ordinal: number): string {
  return `${template.metadata?.name ?? ''}-${set.metadata?.name ?? ''}-${ordinal}`;
}

/** `isMemberOf`: the name's prefix is the set's name. */
export function isMemberOf(set: StatefulSet, pod: Pod): boolean {
  return parentAndOrdinal(pod.metadata?.name ?? '')[0] === set.metadata?.name;
}

/** `identityMatches` (1.32): name, namespace and the pod-name label. */
export function identityMatches(set: StatefulSet, pod: Pod): boolean {
  const [parent, ordinal] = parentAndOrdinal(pod.metadata?.name ?? '');
  return (
    ordinal >= 0 &&
    parent === set.metadata?.name &&
    pod.metadata?.name === podName(set, ordinal) &&
    pod.metadata.namespace === set.metadata.namespace &&
    pod.metadata.labels?.[POD_NAME_LABEL] === pod.metadata.name
  );
}

/** `storageMatches`: every claim template is mounted from this ordinal's claim. */
export function storageMatches(set: StatefulSet, pod: Pod): boolean {
  const ordinal = ordinalOf(pod);
  if (ordinal < 0) return false;
  const volumes = new Map((pod.spec?.volumes ?? []).map((v) => [v.name, v]));
  return (set.spec?.volumeClaimTemplates ?? []).every((t) => volumes.get(t.metadata?.name ?? '')?.persistentVolumeClaim?.claimName === claimName(set, t, ordinal));
}

/** `getPersistentVolumeClaims`: this ordinal's claims, in template order. */
export function claimsFor(set: StatefulSet, ordinal: number): PersistentVolumeClaim[] {
  return (set.spec?.volumeClaimTemplates ?? []).map((t) => {
    const c = structuredClone(t);
    const meta = (c.metadata ??= {});
    meta.name = claimName(set, t, ordinal);
    meta.namespace = set.metadata?.namespace ?? 'default';
    meta.labels = { ...(meta.labels ?? {}), ...(set.spec?.selector.matchLabels ?? {}) };
    const { status: _status, ...claim } = c;
    return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', ...claim };
  });
}

/** `updateStorage`: claim volumes first, then the pod's other volumes. */
export function withStorage(set: StatefulSet, pod: Pod): Pod {
  const ordinal = ordinalOf(pod);
  const templates = set.spec?.volumeClaimTemplates ?? [];
  const names = new Set(templates.map((t) => t.metadata?.name ?? ''));
  const claimVolumes: Volume[] = templates.map((t) => ({ name: t.metadata?.name ?? '', persistentVolumeClaim: { claimName: claimName(set, t, ordinal) } }));
  const others = (pod.spec?.volumes ?? []).filter((v) => !names.has(v.name));
  const volumes = [...claimVolumes, ...others];
  return { ...pod, spec: { containers: [], ...pod.spec, ...(volumes.length === 0 ? {} : { volumes }) } };
}

/** `updateIdentity`: the name, namespace, pod-name and pod-index labels. */
export function withIdentity(set: StatefulSet, pod: Pod): Pod {
  const ordinal = ordinalOf(pod);
  const name = podName(set, ordinal);
  return {
    ...pod,
    metadata: { ...pod.metadata, name, namespace: set.metadata?.namespace ?? 'default', labels: { ...(pod.metadata?.labels ?? {}), [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal) } },
  };
}

/** `newStatefulSetPod`: the template's pod with its identity (hostname and subdomain only at creation) and storage. */
export function newStatefulSetPod(set: StatefulSet, ordinal: number): Pod {
  const base = podFromTemplate(set as KubeObject, STATEFUL_SET_KIND) as Pod;
  const named = withIdentity(set, { ...base, metadata: { ...base.metadata, name: podName(set, ordinal) } });
  const spec = { containers: [], ...named.spec, hostname: podName(set, ordinal), ...(set.spec?.serviceName ? { subdomain: set.spec.serviceName } : {}) };
  return withStorage(set, { ...named, spec });
}

/** `getPodRevision`: the `controller-revision-hash` label ('' when absent). */
export function podRevision(pod: Pod): string {
  return pod.metadata?.labels?.[REVISION_LABEL] ?? '';
}

/**
 * `newVersionedStatefulSetPod`: a missing pod is made from the current
 * revision only below the partition (or, without a rollingUpdate block,
 * below `status.currentReplicas`); otherwise from the update revision.
 * Go's `&&` binds tighter than `||`, so the partition test applies under any
 * strategy, as in Kubernetes.
 */
export function newVersionedPod(currentSet: StatefulSet, updateSet: StatefulSet, currentRevision: string, updateRevision: string, ordinal: number): Pod {
  const us = currentSet.spec?.updateStrategy;
  const start = startOrdinal(currentSet);
  const ru = us?.rollingUpdate;
  const fromCurrent =
    ((us?.type ?? 'RollingUpdate') === 'RollingUpdate' && ru === undefined && ordinal < start + (currentSet.status?.currentReplicas ?? 0)) ||
    (ru !== undefined && ordinal < start + (ru.partition ?? 0));
  const pod = newStatefulSetPod(fromCurrent ? currentSet : updateSet, ordinal);
  return { ...pod, metadata: { ...pod.metadata, labels: { ...(pod.metadata?.labels ?? {}), [REVISION_LABEL]: fromCurrent ? currentRevision : updateRevision } } };
}
