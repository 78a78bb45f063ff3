/**
 * One container's step in a pod sync, with the kubelet's configuration
 * check in front of its first start (kuberuntime startContainer: pull the
 * image, then generate the container config — its environment — then
 * create and start it):
 *
 * - Not yet due (the sandbox is younger than the image pull): ContainerCreating.
 * - Due, and the environment cannot be resolved (container-environment.ts):
 *   waiting `CreateContainerConfigError` with the error as message, the
 *   image events and a `Failed` event `Error: <message>`; tried again on the
 *   pod worker's back-off (config-retry.ts), paced from that event's
 *   lastTimestamp. The image is on the node from the first attempt on.
 * - Due and resolvable: the container runs (the timeline of
 *   container-timeline.ts from then on), with an
 *   `InvalidEnvironmentVariableNames` warning for skipped envFrom keys.
 *
 * - A restart (after an exit, on the crash back-off) resolves the
 *   configuration again: if it fails, the container waits in
 *   CreateContainerConfigError, keeping its restartCount and lastState,
 *   and is retried the same way; when it resolves, the restart counts.
 */
import type { Container, ContainerStatus, Pod } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import { podSyncBackoffMs } from './config-retry.js';
import type { StatusContext } from './container-status.js';
import { exitFrom, runFromStatus, statusFromRun } from './container-status.js';
import type { EnvironmentInputs } from './container-environment.js';
import { resolveEnvironment } from './container-environment.js';
import type { ContainerRun, TimelineInput } from './container-timeline.js';
import { advance } from './container-timeline.js';
import type { Spec } from './kubelet-events.js';
import { containerEvents, failedEvent, imageEvents, invalidEnvNamesEvent, recordedEvent } from './kubelet-events.js';
import { normaliseImage } from './ids.js';
import { parseStamp } from './times.js';

export const CONFIG_ERROR_REASON = 'CreateContainerConfigError';

export interface StepInput {
  readonly view: StateView;
  readonly pod: KubeObject;
  readonly container: Container;
  readonly previous: ContainerStatus | undefined;
  readonly now: number;
  readonly epoch: number;
  readonly node: string;
  readonly timeline: TimelineInput;
  readonly status: Omit<StatusContext, 'container'>;
  readonly env: EnvironmentInputs;
}

export interface Step {
  readonly status: ContainerStatus;
  readonly events: readonly Spec[];
  readonly nextAt?: number;
}

/**
 * Waiting in CreateContainerConfigError; `base` is the status the container
 * would have otherwise (a restart keeps its restartCount and lastState).
 */
function configError(i: StepInput, message: string, imagePresent: boolean, base?: ContainerStatus): Step {
  const c = i.container;
  const at = i.timeline.floor(i.now);
  const status: ContainerStatus = {
    name: c.name,
    image: normaliseImage(c.image ?? ''),
    imageID: base?.imageID ?? '',
    ...(base?.containerID === undefined ? {} : { containerID: base.containerID }),
    ready: false,
    restartCount: base?.restartCount ?? 0,
    started: false,
    state: { waiting: { reason: CONFIG_ERROR_REASON, message } },
    lastState: base?.lastState ?? {},
  };
  return {
    status,
    events: [...imageEvents(c, i.timeline.behaviour.startDelayMs ?? 0, imagePresent), failedEvent(message)],
    nextAt: at + podSyncBackoffMs(i.status.pod.uid, at),
  };
}

function env(i: StepInput): ReturnType<typeof resolveEnvironment> {
  return resolveEnvironment(i.view, i.pod as unknown as Pod, i.container, i.env);
}

/** Advances container `i.container` to `i.now`, resolving its configuration before every start. */
export function stepContainer(i: StepInput): Step {
  const c = i.container;
  const waiting = i.previous?.state?.waiting;
  const statusCtx = { ...i.status, container: { name: c.name, image: c.image ?? '' } };
  if (waiting?.reason === CONFIG_ERROR_REASON && i.previous !== undefined) return retryBlocked(i, i.previous, waiting.message ?? '');

  const run = runFromStatus(i.previous, i.epoch);
  const warnings: Spec[] = [];
  if (run.state.kind === 'creating') {
    const startAt = i.timeline.floor(i.timeline.podStart + (i.timeline.behaviour.startDelayMs ?? 0));
    if (startAt <= i.now) {
      const r = env(i);
      if (!r.ok) return configError(i, r.message, false);
      warnings.push(...r.warnings.map(invalidEnvNamesEvent));
    }
  }
  let adv = advance(run, i.timeline, i.now);
  if (adv.happened.some((h) => h.kind === 'started' && h.restart)) {
    // A restart generates the configuration again: a ConfigMap or Secret gone since stops it.
    const r = env(i);
    if (!r.ok) {
      adv = advance(run, { ...i.timeline, holdRestarts: true }, i.now);
      const held = statusFromRun(adv.run, statusCtx);
      const step = configError(i, r.message, true, held);
      return { ...step, events: [...containerEvents(adv.happened, c, i.pod, 0, true), ...step.events] };
    }
  }
  const events = [...containerEvents(adv.happened, c, i.pod, i.timeline.behaviour.startDelayMs ?? 0), ...warnings];
  return { status: statusFromRun(adv.run, statusCtx), events, ...(adv.nextAt === undefined ? {} : { nextAt: adv.nextAt }) };
}

/** A container held in CreateContainerConfigError: wait for the pod worker's back-off, then try to start it again. */
function retryBlocked(i: StepInput, previous: ContainerStatus, message: string): Step {
  const c = i.container;
  const seen = recordedEvent(i.view, i.pod, i.node, failedEvent(message));
  const last = parseStamp(i.epoch, seen?.['lastTimestamp']);
  const due = last === undefined ? i.now : last + podSyncBackoffMs(i.status.pod.uid, last);
  if (due > i.now) return { status: previous, events: [], nextAt: due };
  const r = env(i);
  if (!r.ok) return configError(i, r.message, true, previous);
  // The image is on the node: the container starts now.
  const at = i.timeline.floor(i.now);
  const exit = exitFrom(previous.lastState?.terminated, i.epoch, previous.restartCount);
  const run: ContainerRun =
    exit === undefined
      ? { restartCount: 0, state: { kind: 'running', startedAt: at } }
      : { restartCount: previous.restartCount + 1, state: { kind: 'running', startedAt: at }, last: exit };
  const adv = advance(run, i.timeline, i.now);
  const events = [
    ...containerEvents([{ kind: 'started', at, restart: exit !== undefined }, ...adv.happened], c, i.pod, 0, true),
    ...r.warnings.map(invalidEnvNamesEvent),
  ];
  const status = statusFromRun(adv.run, { ...i.status, container: { name: c.name, image: c.image ?? '' } });
  return { status, events, ...(adv.nextAt === undefined ? {} : { nextAt: adv.nextAt }) };
}
