/**
 * Pod-level status as the kubelet (1.32) computes it from its containers:
 * the phase (kubelet's getPhase) and the conditions it owns, in its order —
 * PodReadyToStartContainers, Initialized, Ready, ContainersReady — followed
 * by the conditions others own (PodScheduled from the scheduler, kept).
 * A condition keeps its lastTransitionTime while its status is unchanged.
 * PodReadyToStartContainers is False until the sandbox exists (volumes
 * mounted, network set up), and its transition to True is when it did.
 */
import type { ContainerStatus, PodCondition } from 'kubernetes-types/core/v1.js';
import type { RestartPolicy } from './container-timeline.js';

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';

/** kubelet getPhase for a pod without init containers. */
export function podPhase(statuses: readonly ContainerStatus[], policy: RestartPolicy): PodPhase {
  let waiting = 0;
  let running = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const cs of statuses) {
    if (cs.state?.running !== undefined) running++;
    else if (cs.state?.terminated !== undefined) {
      stopped++;
      if (cs.state.terminated.exitCode === 0) succeeded++;
    } else if (cs.lastState?.terminated !== undefined) stopped++;
    else waiting++;
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    // A failed container OnFailure restarts; Never ends the pod.
    return policy === 'Never' ? 'Failed' : 'Running';
  }
  return 'Pending';
}

const KUBELET_CONDITIONS = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady'] as const;

export function podConditions(
  previous: readonly PodCondition[],
  statuses: readonly ContainerStatus[],
  phase: PodPhase,
  nowStamp: string,
  sandboxReady = true,
): PodCondition[] {
  const old = new Map(previous.map((c) => [c.type, c]));
  const cond = (type: string, ok: boolean, reason?: string, message?: string): PodCondition => {
    const status = ok ? 'True' : 'False';
    const before = old.get(type);
    return {
      type,
      status,
      lastTransitionTime: before?.status === status && before.lastTransitionTime !== undefined ? before.lastTransitionTime : nowStamp,
      ...(reason === undefined ? {} : { reason }),
      ...(message === undefined ? {} : { message }),
    };
  };
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  const unready = statuses.filter((s) => !s.ready).map((s) => s.name);
  const ready = !terminal && unready.length === 0;
  const why = (): [string, string] | [string] | [] =>
    ready ? [] : terminal ? ['PodCompleted'] : ['ContainersNotReady', `containers with unready status: [${unready.join(' ')}]`];
  const others = previous.filter((c) => !(KUBELET_CONDITIONS as readonly string[]).includes(c.type));
  return [
    cond('PodReadyToStartContainers', sandboxReady && !terminal),
    cond('Initialized', true),
    cond('Ready', ready, ...why()),
    cond('ContainersReady', ready, ...why()),
    ...others,
  ];
}
