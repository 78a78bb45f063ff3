/**
 * The Deployment controller's own rolling-update arithmetic (maxSurge and
 * maxUnavailable resolved as Kubernetes 1.32 `ResolveFenceposts` does) and
 * pod availability, taken from the controllers layer so the invariant can
 * never disagree with the controller it judges.
 */
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { desiredReplicas, isPodActive, isPodAvailable, maxSurge, maxUnavailable } from '../controllers/index.js';

export interface DeploymentArithmetic {
  desiredReplicas(d: Deployment): number;
  maxSurge(d: Deployment): number;
  maxUnavailable(d: Deployment): number;
  isPodActive(pod: Pod): boolean;
  isPodAvailable(pod: Pod, minReadySeconds: number, nowUnixMs: number): boolean;
}

export const deploymentArithmetic: DeploymentArithmetic = { desiredReplicas, maxSurge, maxUnavailable, isPodActive, isPodAvailable };
