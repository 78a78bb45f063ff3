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
 * The check is made at the first start only; restarts of a container that
 * ran keep following the timeline.
 */
import type { Container, ContainerStatus, Pod } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import { podSyncBackoffMs } from './config-retry.js';
import type { StatusContext } from './container-status.js';
import { runFromStatus, statusFromRun } from './container-status.js';
import type { EnvironmentInputs } from './container-environment.js';
import { resolveEnvironment } from './container-environment.js';
import type { TimelineInput } from './container-timeline.js';
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

function configError(i: StepInput, message: string, imagePresent: boolean): Step {
  const c = i.container;
  const at = i.timeline.floor(i.now);
  return {
    status: {
      name: c.name,
      image: normaliseImage(c.image ?? ''),
      imageID: '',
      ready: false,
      restartCount: 0,
      started: false,
      state: { waiting: { reason: CONFIG_ERROR_REASON, message } },
      lastState: {},
    },
    events: [...imageEvents(c, i.timeline.behaviour.startDelayMs ?? 0, imagePresent), failedEvent(message)],
    nextAt: at + podSyncBackoffMs(i.status.pod.uid, at),
  };
}

/** Advances container `i.container` to `i.now`, checking its configuration before its first start. */
export function stepContainer(i: StepInput): Step {
  const c = i.container;
  const waiting = i.previous?.state?.waiting;
  const blocked = waiting?.reason === CONFIG_ERROR_REASON;
  let timeline = i.timeline;
  if (blocked) {
    const seen = recordedEvent(i.view, i.pod, i.node, failedEvent(waiting.message ?? ''));
    const last = parseStamp(i.epoch, seen?.['lastTimestamp']);
    const due = last === undefined ? i.now : last + podSyncBackoffMs(i.status.pod.uid, last);
    if (due > i.now && i.previous !== undefined) return { status: i.previous, events: [], nextAt: due };
    // The retry: the image is present; the container starts now if its configuration resolves.
    timeline = { ...timeline, podStart: timeline.floor(i.now), behaviour: { ...timeline.behaviour, startDelayMs: 0 } };
  }
  const run = blocked ? { restartCount: 0, state: { kind: 'creating' as const } } : runFromStatus(i.previous, i.epoch);
  const warnings: Spec[] = [];
  if (run.state.kind === 'creating') {
    const startAt = timeline.floor(timeline.podStart + (timeline.behaviour.startDelayMs ?? 0));
    if (startAt <= i.now) {
      const env = resolveEnvironment(i.view, i.pod as unknown as Pod, c, i.env);
      if (!env.ok) return configError(i, env.message, blocked);
      warnings.push(...env.warnings.map(invalidEnvNamesEvent));
    }
  }
  const adv = advance(run, timeline, i.now);
  const events = [...containerEvents(adv.happened, c, i.pod, timeline.behaviour.startDelayMs ?? 0, blocked), ...warnings];
  const status = statusFromRun(adv.run, { ...i.status, container: { name: c.name, image: c.image ?? '' } });
  return { status, events, ...(adv.nextAt === undefined ? {} : { nextAt: adv.nextAt }) };
}
