/**
 * The DefaultTolerationSeconds admission plugin: on pod create, add
 * `node.kubernetes.io/not-ready` and `node.kubernetes.io/unreachable`
 * NoExecute tolerations for 300 s unless the pod already tolerates those
 * taints (a toleration with that key, or no key, and effect NoExecute or
 * none). Pure: returns a new pod.
 *
 * @example
 * defaultTolerationSeconds(pod).spec.tolerations
 * // [..., { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
 * //       { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }]
 */
import type { Pod, Toleration } from 'kubernetes-types/core/v1.js';

export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const DEFAULT_TOLERATION_SECONDS = 300;

function tolerates(tolerations: readonly Toleration[], key: string): boolean {
  return tolerations.some(
    (t) => ((t.key ?? '') === key || (t.key ?? '') === '') && ((t.effect ?? '') === 'NoExecute' || (t.effect ?? '') === ''),
  );
}

export function defaultTolerationSeconds<P extends Pod>(
  pod: P,
  opts: { notReadySeconds?: number; unreachableSeconds?: number } = {},
): P {
  const existing = pod.spec?.tolerations ?? [];
  const add: Toleration[] = [];
  if (!tolerates(existing, TAINT_NODE_NOT_READY)) {
    add.push({ key: TAINT_NODE_NOT_READY, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: opts.notReadySeconds ?? DEFAULT_TOLERATION_SECONDS });
  }
  if (!tolerates(existing, TAINT_NODE_UNREACHABLE)) {
    add.push({ key: TAINT_NODE_UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: opts.unreachableSeconds ?? DEFAULT_TOLERATION_SECONDS });
  }
  if (add.length === 0) return pod;
  return { ...pod, spec: { containers: [], ...pod.spec, tolerations: [...existing, ...add] } };
}
