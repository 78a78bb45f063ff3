/**
 * A container's simulated run to and from its `containerStatuses` entry,
 * as the kubelet writes it in 1.32: waiting `ContainerCreating` before the
 * first start; running (started, ready once the behaviour says so);
 * waiting `CrashLoopBackOff` with lastState.terminated during a back-off;
 * terminated (`Completed` / `Error`) when the restart policy ends it.
 */
import type { ContainerState, ContainerStateTerminated, ContainerStatus } from 'kubernetes-types/core/v1.js';
import type { ContainerBehaviour } from '../../model/index.js';
import { assertNever } from '../../model/index.js';
import { backoffMessage, parseBackoffMessage } from './crash-backoff.js';
import type { ContainerRun, Exit, RestartPolicy } from './container-timeline.js';
import { readyAt, restartAllowed } from './container-timeline.js';
import { containerId, imageId, normaliseImage } from './ids.js';
import { parseStamp, stamp } from './times.js';

/** An exit as the status' terminated state records it. */
export function exitFrom(t: ContainerStateTerminated | undefined, epoch: number, run: number): Exit | undefined {
  if (t === undefined) return undefined;
  const finishedAt = parseStamp(epoch, t.finishedAt) ?? 0;
  return {
    startedAt: parseStamp(epoch, t.startedAt) ?? finishedAt,
    finishedAt,
    exitCode: t.exitCode,
    reason: t.reason ?? (t.exitCode === 0 ? 'Completed' : 'Error'),
    run,
  };
}

/** What the status says about the container's run (absent: still being created). */
export function runFromStatus(cs: ContainerStatus | undefined, epoch: number): ContainerRun {
  if (cs === undefined) return { restartCount: 0, state: { kind: 'creating' } };
  const n = cs.restartCount;
  const s = cs.state ?? {};
  if (s.running !== undefined) {
    const last = exitFrom(cs.lastState?.terminated, epoch, n - 1);
    return { restartCount: n, state: { kind: 'running', startedAt: parseStamp(epoch, s.running.startedAt) ?? 0 }, ...(last === undefined ? {} : { last }) };
  }
  const terminated = exitFrom(s.terminated, epoch, n);
  if (terminated !== undefined) return { restartCount: n, state: { kind: 'exited', exit: terminated, waitMs: 0 } };
  const backingOff = exitFrom(cs.lastState?.terminated, epoch, n);
  if (s.waiting !== undefined && backingOff !== undefined) {
    return { restartCount: n, state: { kind: 'exited', exit: backingOff, waitMs: parseBackoffMessage(s.waiting.message) ?? 0 } };
  }
  return { restartCount: n, state: { kind: 'creating' } };
}

export interface StatusContext {
  readonly epoch: number;
  readonly now: number;
  readonly pod: { readonly name: string; readonly namespace: string; readonly uid: string };
  readonly container: { readonly name: string; readonly image: string };
  readonly behaviour: ContainerBehaviour;
  readonly restartPolicy: RestartPolicy;
  /** Rounds times as the timeline does. */
  readonly floor: (ms: number) => number;
}

function terminated(exit: Exit, c: StatusContext): ContainerState {
  return {
    terminated: {
      exitCode: exit.exitCode,
      reason: exit.reason,
      startedAt: stamp(c.epoch, exit.startedAt),
      finishedAt: stamp(c.epoch, exit.finishedAt),
      containerID: containerId(c.pod.uid, c.container.name, exit.run),
    },
  };
}

export function statusFromRun(run: ContainerRun, c: StatusContext): ContainerStatus {
  const base = { name: c.container.name, image: normaliseImage(c.container.image), restartCount: run.restartCount };
  const s = run.state;
  switch (s.kind) {
    case 'creating':
      return { ...base, imageID: '', ready: false, started: false, state: { waiting: { reason: 'ContainerCreating' } }, lastState: {} };
    case 'running': {
      const r = readyAt(s.startedAt, c.behaviour, c.floor);
      return {
        ...base,
        imageID: imageId(c.container.image),
        containerID: containerId(c.pod.uid, c.container.name, run.restartCount),
        ready: r !== undefined && r <= c.now,
        started: true,
        state: { running: { startedAt: stamp(c.epoch, s.startedAt) } },
        lastState: run.last === undefined ? {} : terminated(run.last, c),
      };
    }
    case 'exited': {
      const common = { ...base, imageID: imageId(c.container.image), containerID: containerId(c.pod.uid, c.container.name, s.exit.run), ready: false, started: false };
      if (restartAllowed(c.restartPolicy, s.exit.exitCode)) {
        const waiting =
          s.waitMs > 0
            ? { reason: 'CrashLoopBackOff', message: backoffMessage(s.waitMs, c.container.name, c.pod) }
            : { reason: 'ContainerCreating' };
        return { ...common, state: { waiting }, lastState: terminated(s.exit, c) };
      }
      return { ...common, state: terminated(s.exit, c), lastState: run.last === undefined ? {} : terminated(run.last, c) };
    }
    default:
      return assertNever(s);
  }
}
