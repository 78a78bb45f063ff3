/**
 * The back-off between deleting failed daemon pods on one node, so the
 * controller does not hot-loop against a kubelet that keeps rejecting the
 * pod (Kubernetes 1.32 `failedPodsBackoff`: `flowcontrol.Backoff` of 1 s
 * doubling to 15 min per DaemonSet and node; an entry idle for more than
 * twice the maximum starts again at 1 s).
 *
 * Kubernetes keeps the back-off in the controller's memory. A reconcile
 * here may keep nothing between calls, so the back-off is read from what
 * the cluster records of it: each delete of a failed pod is announced by a
 * `FailedDaemonPod` Warning event on the DaemonSet ("Found failed daemon
 * pod NS/POD on node NODE, will try to kill it"), and the back-off is
 * replayed over those events' times. Two approximations follow from it:
 * event timestamps have whole seconds (a delay can end up to 1 s early),
 * and Kubernetes' key also holds the DaemonSet's observedGeneration (a spec
 * change resets its back-off; here it does not).
 */
import type { DaemonSet } from 'kubernetes-types/apps/v1.js';
import type { StateView } from '../../store/index.js';
import { unixMs } from '../replica-set/pod-state.js';
import { FAILED_POD_BACKOFF_INITIAL_MS, FAILED_POD_BACKOFF_MAX_MS, Reason } from './names.js';

export interface BackoffState {
  /** The current back-off (`Backoff.Get`), 0 when the node has none. */
  readonly delayMs: number;
  /** When the back-off was last bumped (Unix ms). */
  readonly lastUpdateMs: number;
}

const NONE: BackoffState = { delayMs: 0, lastUpdateMs: 0 };

/** The message Kubernetes records before deleting a failed daemon pod. */
export function failedPodMessage(namespace: string, pod: string, node: string): string {
  return `Found failed daemon pod ${namespace}/${pod} on node ${node}, will try to kill it`;
}

const expired = (at: number, last: number): boolean => at - last > 2 * FAILED_POD_BACKOFF_MAX_MS;

/** `Backoff.Next` replayed over the times (Unix ms, ascending) a failed pod was deleted. */
export function replayBackoff(times: readonly number[]): BackoffState {
  let state = NONE;
  for (const t of times) {
    const delayMs = state.delayMs === 0 || expired(t, state.lastUpdateMs) ? FAILED_POD_BACKOFF_INITIAL_MS : Math.min(2 * state.delayMs, FAILED_POD_BACKOFF_MAX_MS);
    state = { delayMs, lastUpdateMs: t };
  }
  return state;
}

/** `IsInBackOffSinceUpdate`. */
export function inBackoff(state: BackoffState, nowMs: number): boolean {
  if (state.delayMs === 0 || expired(nowMs, state.lastUpdateMs)) return false;
  return nowMs - state.lastUpdateMs < state.delayMs;
}

/** The back-off of `ds` on `node`, from its `FailedDaemonPod` events. */
export function failedPodBackoff(view: StateView, ds: DaemonSet, node: string): BackoffState {
  const uid = ds.metadata?.uid ?? '';
  const suffix = ` on node ${node}, will try to kill it`;
  const times: number[] = [];
  const events = view.list({ group: '', resource: 'events', namespace: ds.metadata?.namespace ?? 'default' }, (e) => {
    const involved = e['involvedObject'] as { uid?: string } | undefined;
    return involved?.uid === uid && e['reason'] === Reason.FailedDaemonPod && String(e['message']).endsWith(suffix);
  });
  for (const e of events) {
    const first = unixMs(e['firstTimestamp'] as string | undefined);
    const last = unixMs(e['lastTimestamp'] as string | undefined);
    if (first !== undefined) times.push(first);
    if (last !== undefined && last !== first) times.push(last);
  }
  return replayBackoff(times.sort((a, b) => a - b));
}
