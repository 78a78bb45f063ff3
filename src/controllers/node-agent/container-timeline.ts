/**
 * One container's simulated runtime, as a pure function of time: from the
 * state the pod status last showed, step through start, exit and restart
 * until `now`, returning the new state, what happened (for events) and when
 * the next thing will happen (for the requeue). Because it catches up over
 * any gap, a partition, a kubelet restart or a late reconcile lands on the
 * same timeline a kubelet that never blinked would have reported.
 *
 * Times are run-clock ms, floored to whole seconds where they end up in the
 * status, so a state read back from the status continues exactly.
 */
import type { ContainerBehaviour, ContainerCrash, NodeWorldState } from '../../model/index.js';
import { assertNever } from '../../model/index.js';
import { backoffAfterExit } from './crash-backoff.js';

export type RestartPolicy = 'Always' | 'OnFailure' | 'Never';

export interface Exit {
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly exitCode: number;
  /** `Completed` for 0, else `Error`. */
  readonly reason: string;
  /** The restart count of the run that exited (names its container ID). */
  readonly run: number;
}

export type RunState =
  | { readonly kind: 'creating' }
  | { readonly kind: 'running'; readonly startedAt: number }
  /** `waitMs`: the crash back-off before the restart (ignored when the policy forbids one). */
  | { readonly kind: 'exited'; readonly exit: Exit; readonly waitMs: number };

export interface ContainerRun {
  readonly restartCount: number;
  readonly state: RunState;
  /** The previous exit (the status' lastState.terminated). */
  readonly last?: Exit;
}

export type Happening =
  | { readonly kind: 'started'; readonly at: number; readonly restart: boolean }
  | { readonly kind: 'exited'; readonly at: number; readonly exit: Exit }
  | { readonly kind: 'back-off'; readonly at: number; readonly waitMs: number };

export interface TimelineInput {
  /** The pod's startTime: when the kubelet began creating its containers. */
  readonly podStart: number;
  readonly behaviour: ContainerBehaviour;
  readonly restartPolicy: RestartPolicy;
  readonly crashes: readonly ContainerCrash[];
  readonly node: NodeWorldState;
  /** Rounds a time to what the status can hold. */
  readonly floor: (ms: number) => number;
  /** Stop at an exit instead of restarting (the restart's configuration cannot be resolved). */
  readonly holdRestarts?: boolean;
}

export interface Advanced {
  readonly run: ContainerRun;
  readonly happened: readonly Happening[];
  /** When this container next changes (start, exit, restart, becoming ready); undefined if never. */
  readonly nextAt?: number;
}

export function restartAllowed(policy: RestartPolicy, exitCode: number): boolean {
  return policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0);
}

/** When the run that started at `startedAt` exits, and how; undefined if it runs forever. */
function exitOf(startedAt: number, run: number, input: TimelineInput): Exit | undefined {
  const b = input.behaviour;
  let best: { at: number; code: number } | undefined;
  const consider = (at: number, code: number): void => {
    if (best === undefined || at < best.at) best = { at, code };
  };
  if (b.crashAfterMs !== undefined) consider(input.floor(startedAt + b.crashAfterMs), b.exitCode ?? 1);
  if (b.completeAfterMs !== undefined) consider(input.floor(startedAt + b.completeAfterMs), 0);
  const crash = input.crashes.find((c) => input.floor(c.at) > startedAt);
  if (crash !== undefined) consider(input.floor(crash.at), crash.exitCode);
  if (best === undefined) return undefined;
  const { at, code } = best;
  return { startedAt, finishedAt: Math.max(at, startedAt), exitCode: code, reason: code === 0 ? 'Completed' : 'Error', run };
}

/** When the kubelet restarts a container that exited, given its back-off and the node's history. */
export function restartAt(exit: Exit, waitMs: number, node: NodeWorldState): number {
  let at = exit.finishedAt + waitMs;
  const k = node.kubeletStartedAt;
  // A kubelet started during the wait has no back-off entry: it restarts the container at once.
  if (exit.finishedAt < k && at > k) at = k;
  // Nothing restarts while the kubelet is down.
  if (node.lastDownAt !== undefined && at >= node.lastDownAt && at < k) at = k;
  return at;
}

/** When a running container becomes ready (undefined: never). */
export function readyAt(startedAt: number, behaviour: ContainerBehaviour, floor: (ms: number) => number): number | undefined {
  return behaviour.neverReady === true ? undefined : floor(startedAt + (behaviour.readyAfterMs ?? 0));
}

const MAX_STEPS = 10_000;

export function advance(initial: ContainerRun, input: TimelineInput, now: number): Advanced {
  let run = initial;
  const happened: Happening[] = [];
  for (let step = 0; step < MAX_STEPS; step++) {
    const s = run.state;
    switch (s.kind) {
      case 'creating': {
        const at = input.floor(input.podStart + (input.behaviour.startDelayMs ?? 0));
        if (at > now) return { run, happened, nextAt: at };
        run = { ...run, state: { kind: 'running', startedAt: at } };
        happened.push({ kind: 'started', at, restart: false });
        break;
      }
      case 'running': {
        const exit = exitOf(s.startedAt, run.restartCount, input);
        const ready = readyAt(s.startedAt, input.behaviour, input.floor);
        const pendingReady = ready !== undefined && ready > now ? ready : undefined;
        if (exit === undefined || exit.finishedAt > now) {
          const next = [exit?.finishedAt, pendingReady].filter((t): t is number => t !== undefined);
          return next.length === 0 ? { run, happened } : { run, happened, nextAt: Math.min(...next) };
        }
        const waitMs = backoffAfterExit({
          restartCount: run.restartCount,
          startedAt: s.startedAt,
          finishedAt: exit.finishedAt,
          ...(run.last === undefined ? {} : { previousFinishedAt: run.last.finishedAt }),
          kubeletStartedAt: input.node.kubeletStartedAt,
        });
        run = { ...run, state: { kind: 'exited', exit, waitMs } };
        happened.push({ kind: 'exited', at: exit.finishedAt, exit });
        if (restartAllowed(input.restartPolicy, exit.exitCode) && waitMs > 0) happened.push({ kind: 'back-off', at: exit.finishedAt, waitMs });
        break;
      }
      case 'exited': {
        if (!restartAllowed(input.restartPolicy, s.exit.exitCode) || input.holdRestarts === true) return { run, happened };
        const at = restartAt(s.exit, s.waitMs, input.node);
        if (at > now) return { run, happened, nextAt: at };
        run = { restartCount: run.restartCount + 1, state: { kind: 'running', startedAt: at }, last: s.exit };
        happened.push({ kind: 'started', at, restart: true });
        break;
      }
      default:
        return assertNever(s);
    }
  }
  // A behaviour that exits instantly forever would loop; the back-off makes that impossible, but stay bounded.
  return { run, happened, nextAt: now + 1000 };
}
