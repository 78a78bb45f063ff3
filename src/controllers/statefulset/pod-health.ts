/**
 * How the StatefulSet controller reads a pod (Kubernetes 1.32
 * stateful_set_utils.go): created means the API server gave it a phase;
 * "running and ready" needs phase Running and the Ready condition;
 * available is `podutil.IsPodAvailable` (Ready for longer than
 * minReadySeconds, no phase check); healthy is running, ready and not
 * terminating.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import { isPodAvailable, isPodReady } from '../replica-set/pod-state.js';

export const isCreated = (p: Pod): boolean => (p.status?.phase ?? '') !== '';
export const isPending = (p: Pod): boolean => p.status?.phase === 'Pending';
export const isFailed = (p: Pod): boolean => p.status?.phase === 'Failed';
export const isSucceeded = (p: Pod): boolean => p.status?.phase === 'Succeeded';
export const isTerminating = (p: Pod): boolean => p.metadata?.deletionTimestamp !== undefined;
export const isRunningAndReady = (p: Pod): boolean => p.status?.phase === 'Running' && isPodReady(p);
export const isRunningAndAvailable = (p: Pod, minReadySeconds: number, nowUnixMs: number): boolean => isPodAvailable(p, minReadySeconds, nowUnixMs);
export const isHealthy = (p: Pod): boolean => isRunningAndReady(p) && !isTerminating(p);
