/**
 * When an unschedulable pod is tried again — kube-scheduler 1.32's queue
 * (pkg/scheduler/internal/queue), read off the view instead of kept in
 * memory:
 *
 * - A failed pod waits in the unschedulable pool until a cluster event that
 *   may help (a node added or changed, resources freed, the pod itself
 *   updated), or at most podMaxInUnschedulablePodsDuration (5 min), checked
 *   by a flush every 30 s.
 * - Moved by an event, it still serves its backoff: podInitialBackoffSeconds
 *   (1 s) doubling per attempt up to podMaxBackoffSeconds (10 s), counted
 *   from its last attempt; the backoff queue is flushed every 1 s.
 *
 * The attempt count and time come from the pod's FailedScheduling Event for
 * its current condition message (events are aggregated, so `count` is the
 * attempts with that message and `lastTimestamp` the last one, to the
 * second); the revision of that Event's last write is the attempt's
 * revision, compared with the cache's newest "move" revision. Because
 * timestamps have second precision, the last attempt is taken as the end of
 * its second (at most 1 s late, within the backoff queue's own 1 s flush).
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { ReconcileContext } from '../controller.js';
import { eventName } from '../events.js';
import type { KubeObject } from '../../model/index.js';
import { objectKey } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import { truncateMessage } from './fit-error.js';
import type { Profile } from './options.js';
import { BACKOFF_FLUSH_MS, UNSCHEDULABLE_FLUSH_MS } from './options.js';

export interface LastAttempt {
  readonly attempts: number;
  /** The latest run-clock ms the attempt can have happened at. */
  readonly atMs: number;
  readonly rev: number;
}

/** The PodScheduled=False/Unschedulable condition, if the pod carries one. */
export function unschedulableCondition(pod: Pod): { message: string } | undefined {
  const c = pod.status?.conditions?.find((x) => x.type === 'PodScheduled');
  return c !== undefined && c.status === 'False' && c.reason === 'Unschedulable' ? { message: c.message ?? '' } : undefined;
}

/** The pod's last failed attempt, from its FailedScheduling Event; undefined when it has none. */
export function lastAttemptOf(view: StateView, ctx: Pick<ReconcileContext, 'epoch'>, pod: Pod, component: string): LastAttempt | undefined {
  const cond = unschedulableCondition(pod);
  if (cond === undefined) return undefined;
  const spec = { object: pod as KubeObject, type: 'Warning', reason: 'FailedScheduling', message: truncateMessage(cond.message), component } as const;
  const key = objectKey({ group: '', resource: 'events', namespace: pod.metadata?.namespace ?? 'default', name: eventName(spec) });
  const ev = view.get(key);
  if (ev === undefined) return undefined;
  const stamp = Date.parse(String(ev['lastTimestamp'] ?? ''));
  if (Number.isNaN(stamp)) return undefined;
  const count = typeof ev['count'] === 'number' ? ev['count'] : 1;
  return { attempts: Math.max(1, count), atMs: stamp - ctx.epoch + 999, rev: view.versionRev(key) };
}

/** `calculateBackoffDuration`: initial × 2^(attempts−1), capped at max. */
export function backoffMs(attempts: number, profile: Pick<Profile, 'initialBackoffMs' | 'maxBackoffMs'>): number {
  let d = profile.initialBackoffMs;
  for (let i = 1; i < attempts; i++) {
    if (d > profile.maxBackoffMs - d) return profile.maxBackoffMs;
    d += d;
  }
  return Math.min(d, profile.maxBackoffMs);
}

/** Ms from now until a pod failing now is tried again when no cluster event moves it (its Event's timestamp will be this second). */
export function flushDelayAfterAttempt(ctx: Pick<ReconcileContext, 'now' | 'epoch'>, profile: Profile): number {
  const atMs = Math.floor((ctx.epoch + ctx.now) / 1000) * 1000 - ctx.epoch + 999;
  return Math.max(0, retryAt({ attempts: 1, atMs, rev: 0 }, false, profile) - ctx.now);
}

/** The run-clock time the pod is tried again: after its backoff if a cluster event moved it, else at the leftover flush. */
export function retryAt(last: LastAttempt, moved: boolean, profile: Profile): number {
  if (moved) return Math.ceil((last.atMs + backoffMs(last.attempts, profile)) / BACKOFF_FLUSH_MS) * BACKOFF_FLUSH_MS;
  return (Math.floor((last.atMs + profile.maxInUnschedulableMs) / UNSCHEDULABLE_FLUSH_MS) + 1) * UNSCHEDULABLE_FLUSH_MS;
}
