/**
 * The tolerations every daemon pod gets (Kubernetes 1.32
 * `util.AddOrUpdateDaemonPodTolerations`), in this order:
 *
 * - `node.kubernetes.io/not-ready` and `node.kubernetes.io/unreachable`,
 *   NoExecute, Exists, with no tolerationSeconds: a daemon pod is never
 *   evicted from a failing node;
 * - `disk-pressure`, `memory-pressure`, `pid-pressure` and `unschedulable`,
 *   NoSchedule, Exists: a daemon pod still lands on a cordoned or pressured
 *   node (TaintNodesByCondition);
 * - `network-unavailable`, NoSchedule, Exists, for `hostNetwork` pods only.
 *
 * `AddOrUpdateTolerationInPodSpec`: a toleration with the same key,
 * operator, value and effect is replaced in place (dropping, say, its
 * tolerationSeconds); an identical one is left alone; otherwise the
 * toleration is appended.
 */
import type { PodSpec, Toleration } from 'kubernetes-types/core/v1.js';
import {
  TAINT_DISK_PRESSURE,
  TAINT_MEMORY_PRESSURE,
  TAINT_NETWORK_UNAVAILABLE,
  TAINT_NOT_READY,
  TAINT_PID_PRESSURE,
  TAINT_UNREACHABLE,
  TAINT_UNSCHEDULABLE,
} from '../node-lifecycle/taints.js';

const exists = (key: string, effect: 'NoExecute' | 'NoSchedule'): Toleration => ({ key, operator: 'Exists', effect });

/** `Toleration.MatchToleration`: same key, operator, value and effect. */
function sameToleration(a: Toleration, b: Toleration): boolean {
  return (a.key ?? '') === (b.key ?? '') && (a.operator ?? '') === (b.operator ?? '') && (a.value ?? '') === (b.value ?? '') && (a.effect ?? '') === (b.effect ?? '');
}

function identical(a: Toleration, b: Toleration): boolean {
  return sameToleration(a, b) && a.tolerationSeconds === b.tolerationSeconds;
}

/** `AddOrUpdateTolerationInPodSpec` over a list. */
export function addOrUpdateToleration(tolerations: readonly Toleration[], t: Toleration): Toleration[] {
  if (tolerations.some((x) => identical(x, t))) return [...tolerations];
  let updated = false;
  const out = tolerations.map((x) => {
    if (!sameToleration(x, t)) return x;
    updated = true;
    return { ...t };
  });
  if (!updated) out.push({ ...t });
  return out;
}

/** The automatic tolerations for a pod spec, in Kubernetes' order. */
export function daemonPodTolerations(spec: Pick<PodSpec, 'hostNetwork'>): Toleration[] {
  return [
    exists(TAINT_NOT_READY, 'NoExecute'),
    exists(TAINT_UNREACHABLE, 'NoExecute'),
    exists(TAINT_DISK_PRESSURE, 'NoSchedule'),
    exists(TAINT_MEMORY_PRESSURE, 'NoSchedule'),
    exists(TAINT_PID_PRESSURE, 'NoSchedule'),
    exists(TAINT_UNSCHEDULABLE, 'NoSchedule'),
    ...(spec.hostNetwork === true ? [exists(TAINT_NETWORK_UNAVAILABLE, 'NoSchedule')] : []),
  ];
}

/**
 * The pod spec with the daemon tolerations added or updated.
 *
 * @example
 * withDaemonTolerations({ containers: [] }).tolerations?.length // 6
 */
export function withDaemonTolerations<S extends PodSpec>(spec: S): S & { tolerations: Toleration[] } {
  let tolerations: Toleration[] = [...(spec.tolerations ?? [])];
  for (const t of daemonPodTolerations(spec)) tolerations = addOrUpdateToleration(tolerations, t);
  return { ...spec, tolerations };
}
