/**
 * kube-apiserver's lastAppliedUpdater: after a successful server-side apply
 * by the field manager `kubectl`, an object that carries a
 * last-applied-configuration annotation gets it rewritten to the applied
 * configuration, so that a later client-side `kubectl apply` computes its
 * three-way patch against what was really applied last. Objects without
 * the annotation (never client-side applied) are left without it, and the
 * managed fields are not touched (the annotation's owner stays whoever
 * owned it).
 *
 * @example
 * const stored = syncLastApplied(merged, manifest, 'kubectl');
 */
import type { KubeObject } from '../../model/index.js';
import { encodeLastApplied, lastAppliedConfig, lastAppliedOf, withLastApplied } from './last-applied.js';
import { KUBECTL_APPLY_MANAGER } from './last-applied-manager.js';

export function syncLastApplied<T extends KubeObject>(result: T, applied: KubeObject, manager: string): T {
  if (manager !== KUBECTL_APPLY_MANAGER || lastAppliedOf(result) === undefined) return result;
  return withLastApplied(result, encodeLastApplied(lastAppliedConfig(applied)));
}
