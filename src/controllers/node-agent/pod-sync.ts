/**
 * One pod's sync, as the kubelet's pod worker does it, as a pure decision:
 * given the pod, this node, the World and the time, the status to write, the
 * Events to record, the deletion to finish, and when to look again.
 *
 * - Node down or partitioned: nothing (look again in 10 s).
 * - Deleting (deletionTimestamp): Killing per running container, once; when
 *   the grace period ends (deletionTimestamp) or no container is running,
 *   delete with gracePeriodSeconds 0, which removes the pod.
 * - Finished (Succeeded/Failed): the sandbox is gone; its IPs are freed.
 * - No sandbox yet and a configMap/secret/projected volume cannot be set
 *   up (volume-gate.ts): Pending, containers in ContainerCreating, no IP,
 *   PodReadyToStartContainers False, FailedMount events on the mount
 *   back-off. The sandbox's creation time is when that condition turns True.
 * - Otherwise: each container stepped to now (container-start.ts: its
 *   configuration resolved before each start, CreateContainerConfigError
 *   when it cannot be; then the timeline of container-timeline.ts), the
 *   status rebuilt (phase, conditions, IPs, container statuses) and written
 *   only if it changed; Events recorded either way.
 */
import type { Pod, PodCondition } from 'kubernetes-types/core/v1.js';
import type { Command, KubeObject, World } from '../../model/index.js';
import { refOf } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import type { ReconcileContext, ReconcileResult } from '../controller.js';
import { behaviourOf } from './behaviour.js';
import { stepContainer } from './container-start.js';
import { statusFromRun } from './container-status.js';
import type { RestartPolicy } from './container-timeline.js';
import type { Spec } from './kubelet-events.js';
import { eventCommands, killingEvent } from './kubelet-events.js';
import { internalIPOf, nodeKey, podCIDRsOf } from './node-info.js';
import { podConditions, podPhase } from './pod-status.js';
import { sameJson } from './same-json.js';
import { floorSecond, parseStamp, stamp } from './times.js';
import { volumeGate } from './volume-gate.js';

/** How often an agent that cannot act (node down, partitioned, not registered) looks again. */
export const OFFLINE_POLL_MS = 10_000;

export interface PodSyncEnv {
  readonly nodeName: string;
  readonly world: World;
}

type Ctx = Pick<ReconcileContext, 'now' | 'epoch'>;

export function syncPod(key: string, obj: KubeObject, view: StateView, ctx: Ctx, env: PodSyncEnv): ReconcileResult {
  const { nodeName, world } = env;
  const pod = obj as unknown as Pod;
  const m = obj.metadata;
  const fault = world.node(nodeName);
  if (fault.down || fault.partitioned) return { commands: [], requeueAfterMs: OFFLINE_POLL_MS };
  const node = view.get(nodeKey(nodeName));
  if (node === undefined) return { commands: [], requeueAfterMs: OFFLINE_POLL_MS };

  if (m.deletionTimestamp !== undefined) return terminate(key, obj, view, ctx, env);
  const status = pod.status ?? {};
  if (status.phase === 'Succeeded' || status.phase === 'Failed') {
    world.releasePodIPs(nodeName, key);
    return { commands: [] };
  }

  const { now, epoch } = ctx;
  const floor = (ms: number): number => floorSecond(epoch, ms);
  const policy = (pod.spec?.restartPolicy ?? 'Always') as RestartPolicy;
  const startTime = parseStamp(epoch, status.startTime) ?? floor(now);
  const ids = { name: m.name ?? '', namespace: m.namespace ?? '', uid: m.uid ?? '' };
  const previous = new Map((status.containerStatuses ?? []).map((cs) => [cs.name, cs]));
  const hostIP = internalIPOf(node);
  const sandboxSince = sandboxCreatedAt(status.conditions, epoch);

  // No sandbox yet: every volume must be set up first (volume-gate.ts).
  if (sandboxSince === undefined) {
    const gate = volumeGate(view, obj, { now, epoch, node: nodeName });
    if (!gate.mounted) {
      const containerStatuses = (pod.spec?.containers ?? []).map((c) =>
        statusFromRun({ restartCount: 0, state: { kind: 'creating' } }, { epoch, now, pod: ids, container: { name: c.name, image: c.image ?? '' }, behaviour: {}, restartPolicy: policy, floor }),
      );
      const next = {
        ...status,
        phase: 'Pending',
        conditions: podConditions(status.conditions ?? [], containerStatuses, 'Pending', stamp(epoch, now), false),
        ...(hostIP === undefined ? {} : { hostIP, hostIPs: [{ ip: hostIP }] }),
        startTime: stamp(epoch, startTime),
        containerStatuses,
      };
      const commands: Command[] = [
        ...(sameJson(next, status) ? [] : [{ type: 'update', subresource: 'status', object: { ...obj, status: next } } as Command]),
        ...eventCommands(view, ctx, obj, nodeName, gate.events),
      ];
      return { commands, requeueAfterMs: Math.max(1, gate.nextAt - now) };
    }
  }
  const podStart = sandboxSince ?? floor(now);

  let nextAt: number | undefined;
  const events: Spec[] = [];
  const ips = world.podIPs(nodeName, key, ids.uid, podCIDRsOf(node));
  const containerStatuses = (pod.spec?.containers ?? []).map((c) => {
    const behaviour = behaviourOf(world, obj, c.name);
    const timeline = { podStart, behaviour, restartPolicy: policy, crashes: world.crashes(ids.namespace, ids.name, c.name), node: fault, floor };
    const step = stepContainer({
      view,
      pod: obj,
      container: c,
      previous: previous.get(c.name),
      now,
      epoch,
      node: nodeName,
      timeline,
      status: { epoch, now, pod: ids, behaviour, restartPolicy: policy, floor },
      env: { podIPs: ips, ...(hostIP === undefined ? {} : { hostIPs: [hostIP] }) },
    });
    if (step.nextAt !== undefined) nextAt = Math.min(nextAt ?? Infinity, step.nextAt);
    events.push(...step.events);
    return step.status;
  });

  const phase = podPhase(containerStatuses, policy);
  const next = {
    ...status,
    phase,
    conditions: podConditions(status.conditions ?? [], containerStatuses, phase, stamp(epoch, now)),
    ...(hostIP === undefined ? {} : { hostIP, hostIPs: [{ ip: hostIP }] }),
    ...(ips[0] === undefined ? {} : { podIP: ips[0], podIPs: ips.map((ip) => ({ ip })) }),
    startTime: stamp(epoch, startTime),
    containerStatuses,
  };
  if (phase === 'Succeeded' || phase === 'Failed') nextAt = undefined;
  const requeue = nextAt === undefined ? {} : { requeueAfterMs: Math.max(1, nextAt - now) };
  if (sameJson(next, status)) return { commands: eventCommands(view, ctx, obj, nodeName, events), ...requeue };
  // The status first: if it is refused (a stale view), the events are not recorded either, and the retry decides again.
  const commands: Command[] = [
    { type: 'update', subresource: 'status', object: { ...obj, status: next } },
    ...eventCommands(view, ctx, obj, nodeName, events),
  ];
  return { commands, ...requeue };
}

/**
 * When the pod's sandbox was created: the transition of
 * PodReadyToStartContainers to True (undefined while it has none). A pod
 * whose status predates that condition is taken to have had it since its
 * startTime.
 */
function sandboxCreatedAt(conditions: readonly PodCondition[] | undefined, epoch: number): number | undefined {
  const c = (conditions ?? []).find((x) => x.type === 'PodReadyToStartContainers');
  if (c === undefined) return undefined;
  return c.status === 'True' ? parseStamp(epoch, c.lastTransitionTime) : undefined;
}

function terminate(key: string, obj: KubeObject, view: StateView, ctx: Ctx, env: PodSyncEnv): ReconcileResult {
  const pod = obj as unknown as Pod;
  const graceEnd = parseStamp(ctx.epoch, obj.metadata.deletionTimestamp) ?? ctx.now;
  const running = (pod.status?.containerStatuses ?? []).filter((cs) => cs.state?.running !== undefined).map((cs) => cs.name);
  const killing = eventCommands(view, ctx, obj, env.nodeName, running.map(killingEvent), true);
  if (running.length > 0 && ctx.now < graceEnd) return { commands: killing, requeueAfterMs: graceEnd - ctx.now };
  env.world.releasePodIPs(env.nodeName, key);
  const uid = obj.metadata.uid;
  return {
    commands: [
      ...killing,
      { type: 'delete', ref: refOf(obj), options: { gracePeriodSeconds: 0, ...(uid === undefined ? {} : { preconditions: { uid } }) } },
    ],
  };
}
