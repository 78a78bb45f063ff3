/**
 * The Deployment controller's own rolling-update arithmetic (maxSurge and
 * maxUnavailable resolved as Kubernetes 1.32 `ResolveFenceposts` does) and
 * pod availability, taken from the controllers layer so the invariant can
 * never disagree with the controller it judges.
 *
 * GAP: src/controllers/index.ts does not export these yet. Until it does
 * (the lead adds
 *   export { desiredReplicas, maxSurge, maxUnavailable } from './deployment/rolling-update.js';
 *   export { isPodActive, isPodAvailable } from './replica-set/pod-state.js';
 * ) they are looked up on the front door at call time and `rollout-bounds`
 * fails with a clear error rather than carry a second copy of the arithmetic.
 * Once exported, replace this lookup with a plain import.
 */
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import * as controllers from '../controllers/index.js';

export interface DeploymentArithmetic {
  desiredReplicas(d: Deployment): number;
  maxSurge(d: Deployment): number;
  maxUnavailable(d: Deployment): number;
  isPodActive(pod: Pod): boolean;
  isPodAvailable(pod: Pod, minReadySeconds: number, nowUnixMs: number): boolean;
}

const NAMES = ['desiredReplicas', 'maxSurge', 'maxUnavailable', 'isPodActive', 'isPodAvailable'] as const;

/** The controllers layer's functions, or the names it does not export yet. */
export function deploymentArithmetic(): DeploymentArithmetic | { readonly missing: readonly string[] } {
  const door = controllers as unknown as Record<string, unknown>;
  const missing = NAMES.filter((n) => typeof door[n] !== 'function');
  if (missing.length > 0) return { missing };
  return door as unknown as DeploymentArithmetic;
}
