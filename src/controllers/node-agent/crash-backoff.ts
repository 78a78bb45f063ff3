/**
 * The kubelet's crash back-off, derived from what the pod status shows.
 *
 * Kubernetes 1.32 (pkg/kubelet/kuberuntime doBackOff with client-go's
 * flowcontrol.Backoff, initial 10 s, max 300 s, no jitter): when a container
 * has exited, the kubelet restarts it at once if it holds no back-off entry
 * for it (first exit, or a fresh kubelet process) or the entry expired (the
 * exit came more than 2 × 300 s = 10 min after the entry's last update,
 * i.e. the container ran over 10 min); then `Next` sets the entry to 10 s.
 * Otherwise it waits the entry's duration from the exit, and on restart
 * `Next` doubles it, capped at 300 s. So the waits before successive
 * restarts are 0, 10, 20, 40, 80, 160, 300, 300 … s.
 *
 * The entry is kubelet memory; here it is recovered from the status: the
 * wait that preceded the current run is `startedAt − lastState.finishedAt`,
 * and while waiting the CrashLoopBackOff message carries it.
 */
import { goDuration, parseGoDuration } from './times.js';

export const INITIAL_BACKOFF_MS = 10_000;
export const MAX_BACKOFF_MS = 300_000;
/** flowcontrol's hasExpired: an entry older than 2 × max is forgotten. */
export const BACKOFF_RESET_MS = 2 * MAX_BACKOFF_MS;

/** The largest back-off step (10 s · 2^k, capped at 300 s) not above `waitMs`; 0 below 10 s. */
function snap(waitMs: number): number {
  if (waitMs < INITIAL_BACKOFF_MS) return 0;
  let step = INITIAL_BACKOFF_MS;
  while (step * 2 <= waitMs && step < MAX_BACKOFF_MS) step *= 2;
  return Math.min(step, MAX_BACKOFF_MS);
}

export interface RunInfo {
  /** Restarts before the run that just exited (0: it was the first run). */
  readonly restartCount: number;
  readonly startedAt: number;
  readonly finishedAt: number;
  /** When the exit before this run finished (undefined if unknown). */
  readonly previousFinishedAt?: number;
  /** When the current kubelet process started. */
  readonly kubeletStartedAt: number;
}

/** How long the kubelet waits after this exit before restarting the container (0: at once). */
export function backoffAfterExit(run: RunInfo): number {
  // No entry: the run was the first, or a kubelet process that has since restarted started it.
  if (run.restartCount === 0 || run.startedAt < run.kubeletStartedAt) return 0;
  // Expired entry: the container ran longer than 10 min.
  if (run.finishedAt - run.startedAt > BACKOFF_RESET_MS) return 0;
  const waited = run.previousFinishedAt === undefined ? 0 : snap(run.startedAt - run.previousFinishedAt);
  return waited === 0 ? INITIAL_BACKOFF_MS : Math.min(2 * waited, MAX_BACKOFF_MS);
}

/** kubelet's waiting message: `back-off 20s restarting failed container=app pod=web_default(UID)` (format.Pod is NAME_NAMESPACE(UID)). */
export function backoffMessage(waitMs: number, container: string, pod: { name: string; namespace: string; uid: string }): string {
  return `back-off ${goDuration(waitMs)} restarting failed container=${container} pod=${pod.name}_${pod.namespace}(${pod.uid})`;
}

/** The wait a CrashLoopBackOff message states (undefined if it is not one of ours). */
export function parseBackoffMessage(message: unknown): number | undefined {
  if (typeof message !== 'string') return undefined;
  const m = /^back-off (\S+) restarting failed container=/.exec(message);
  return m?.[1] === undefined ? undefined : parseGoDuration(m[1]);
}
