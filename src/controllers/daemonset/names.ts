/**
 * The names and numbers the DaemonSet controller uses, as Kubernetes 1.32
 * spells them (pkg/controller/daemon/daemon_controller.go,
 * k8s.io/api/apps/v1 and k8s.io/api/extensions/v1beta1).
 */

/** `apps.DefaultDaemonSetUniqueLabelKey` / `apps.ControllerRevisionHashLabelKey`. */
export const CONTROLLER_REVISION_HASH = 'controller-revision-hash';
/** `extensions.DaemonSetTemplateGenerationKey`: the template generation a pod was made from. */
export const POD_TEMPLATE_GENERATION = 'pod-template-generation';
/** `apps.DeprecatedTemplateGeneration`: where apps/v1 keeps `spec.templateGeneration` (set by the API server). */
export const DEPRECATED_TEMPLATE_GENERATION = 'deprecated.daemonset.template.generation';

/** The Events' `source.component`. */
export const COMPONENT = 'daemonset-controller';

/** `BurstReplicas`: at most this many creates and this many deletes per sync. */
export const BURST_REPLICAS = 250;

/** The failed-pod back-off: `flowcontrol.NewBackOff(1s, 15m)` in kube-controller-manager's daemonset setup. */
export const FAILED_POD_BACKOFF_INITIAL_MS = 1_000;
export const FAILED_POD_BACKOFF_MAX_MS = 15 * 60_000;

/** Event reasons (daemon_controller.go and RealPodControl). */
export const Reason = {
  SelectingAll: 'SelectingAll',
  FailedDaemonPod: 'FailedDaemonPod',
  SucceededDaemonPod: 'SucceededDaemonPod',
  SuccessfulCreate: 'SuccessfulCreate',
  FailedCreate: 'FailedCreate',
  SuccessfulDelete: 'SuccessfulDelete',
  FailedDelete: 'FailedDelete',
} as const;
