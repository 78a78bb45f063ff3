/**
 * Pods: NAME READY STATUS RESTARTS AGE | IP NODE NOMINATED NODE READINESS
 * GATES, with kubectl 1.32's STATUS rules: the phase or status reason,
 * `SchedulingGated`, init progress (`Init:1/3`, `Init:CrashLoopBackOff`,
 * `Init:ExitCode:1`), a container's waiting or terminated reason
 * (`CrashLoopBackOff`, `ContainerCreating`, `Completed`, `Error`,
 * `Signal:9`), `Running`/`NotReady` when a completed container has running
 * siblings, `Terminating` while a non-terminal pod is being deleted and
 * `Unknown` for a deleted pod on a lost node. Sidecars (init containers with
 * `restartPolicy: Always`) count toward READY and, once initialised,
 * RESTARTS. RESTARTS adds "(5m ago)" for the most recent restart.
 */
import type { Container, ContainerStatus, Pod, PodCondition } from 'kubernetes-types/core/v1.js';
import { AGE_COLUMN, NAME_COLUMN, column, wide } from '../columns.js';
import { humanDuration, since, timeOf } from '../human-duration.js';
import { printer } from '../printer.js';
import type { TableCell, TableRowCondition } from '../table-types.js';

const COLUMNS = [
  NAME_COLUMN,
  column('Ready', 'string', 'Ready containers out of all containers (sidecars included).'),
  column('Status', 'string', 'A one-word summary of the pod and its containers.'),
  column('Restarts', 'string', 'Container restarts so far, and how long ago the latest one was.'),
  AGE_COLUMN,
  wide('IP', 'string', 'The first IP address assigned to the pod.'),
  wide('Node', 'string', 'The node the pod is bound to.'),
  wide('Nominated Node', 'string', 'The node a preempting pod is expected to run on.'),
  wide('Readiness Gates', 'string', 'Readiness gates whose condition is True, out of all gates.'),
];

const SUCCEEDED: readonly TableRowCondition[] = [
  { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
];
const FAILED: readonly TableRowCondition[] = [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];

/** The reason kubelet gives pods on a node that stopped reporting (`NodeLost`). */
const NODE_UNREACHABLE_REASON = 'NodeLost';

const isSidecar = (c: Container | undefined): boolean => c?.restartPolicy === 'Always';
const conditionTrue = (conds: readonly PodCondition[] | undefined, type: string): boolean =>
  conds?.find((c) => c.type === type)?.status === 'True';

/** Running totals while walking container statuses. */
interface Tally {
  restarts: number;
  lastRestart: number | undefined;
}

function countRestart(t: Tally, cs: ContainerStatus): void {
  t.restarts += cs.restartCount ?? 0;
  const finished = timeOf(cs.lastState?.terminated?.finishedAt);
  if (finished !== undefined && (t.lastRestart === undefined || finished > t.lastRestart)) t.lastRestart = finished;
}

function terminatedReason(prefix: string, t: { reason?: string; signal?: number; exitCode: number }): string {
  if (t.reason !== undefined && t.reason !== '') return prefix + t.reason;
  if (t.signal !== undefined && t.signal !== 0) return `${prefix}Signal:${t.signal}`;
  return `${prefix}ExitCode:${t.exitCode}`;
}

/** READY, STATUS and RESTARTS, computed together as kubectl does. */
export function podSummary(pod: Pod, now: number): { ready: string; status: string; restarts: string } {
  const spec = pod.spec;
  const status = pod.status ?? {};
  const phase = status.phase ?? '';
  let reason = status.reason !== undefined && status.reason !== '' ? status.reason : phase;
  if (status.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) reason = 'SchedulingGated';

  const initContainers = new Map((spec?.initContainers ?? []).map((c) => [c.name, c]));
  const total = (spec?.containers ?? []).length + (spec?.initContainers ?? []).filter(isSidecar).length;
  let ready = 0;
  const all: Tally = { restarts: 0, lastRestart: undefined };
  const sidecars: Tally = { restarts: 0, lastRestart: undefined };

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i] as ContainerStatus;
    const sidecar = isSidecar(initContainers.get(cs.name));
    countRestart(all, cs);
    if (sidecar) countRestart(sidecars, cs);
    const terminated = cs.state?.terminated;
    const waiting = cs.state?.waiting;
    if (terminated !== undefined && terminated.exitCode === 0) continue;
    if (sidecar && cs.started === true) {
      if (cs.ready) ready++;
      continue;
    }
    if (terminated !== undefined) reason = terminatedReason('Init:', terminated);
    else if (waiting?.reason !== undefined && waiting.reason !== '' && waiting.reason !== 'PodInitializing') reason = `Init:${waiting.reason}`;
    else reason = `Init:${i}/${spec?.initContainers?.length ?? 0}`;
    initializing = true;
    break;
  }

  let tally = all;
  if (!initializing || conditionTrue(status.conditions, 'Initialized')) {
    tally = { ...sidecars };
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i] as ContainerStatus;
      countRestart(tally, cs);
      const waiting = cs.state?.waiting;
      const terminated = cs.state?.terminated;
      if (waiting?.reason !== undefined && waiting.reason !== '') reason = waiting.reason;
      else if (terminated !== undefined) reason = terminatedReason('', terminated);
      else if (cs.ready && cs.state?.running !== undefined) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = conditionTrue(status.conditions, 'Ready') ? 'Running' : 'NotReady';
  }

  const deleting = pod.metadata?.deletionTimestamp !== undefined && pod.metadata.deletionTimestamp !== null;
  if (deleting && status.reason === NODE_UNREACHABLE_REASON) reason = 'Unknown';
  else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';

  const restarts =
    tally.restarts !== 0 && tally.lastRestart !== undefined
      ? `${tally.restarts} (${humanDuration(now - tally.lastRestart)} ago)`
      : String(tally.restarts);
  return { ready: `${ready}/${total}`, status: reason, restarts };
}

function readinessGates(pod: Pod): string {
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  const conds = pod.status?.conditions ?? [];
  const met = gates.filter((g) => conds.find((c) => c.type === g.conditionType)?.status === 'True').length;
  return `${met}/${gates.length}`;
}

const orNone = (s: string | undefined): string => (s === undefined || s === '' ? '<none>' : s);

export const podPrinter = printer<Pod>(
  COLUMNS,
  (pod, now): TableCell[] => {
    const s = podSummary(pod, now);
    return [
      pod.metadata?.name ?? '',
      s.ready,
      s.status,
      s.restarts,
      since(pod.metadata?.creationTimestamp, now),
      orNone(pod.status?.podIPs?.[0]?.ip),
      orNone(pod.spec?.nodeName),
      orNone(pod.status?.nominatedNodeName),
      readinessGates(pod),
    ];
  },
  (pod) => (pod.status?.phase === 'Succeeded' ? SUCCEEDED : pod.status?.phase === 'Failed' ? FAILED : undefined),
);
