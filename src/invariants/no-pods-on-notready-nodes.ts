/**
 * `no-pods-on-notready-nodes`: no active pod stays bound to a NotReady node
 * past its toleration. Kubernetes 1.32: when a node's Ready condition turns
 * False (Unknown) the node lifecycle controller taints it
 * `node.kubernetes.io/not-ready` (`unreachable`) with effect NoExecute, and
 * the taint-eviction controller deletes each pod once the pod's matching
 * toleration's `tolerationSeconds` have passed (the admission default is
 * 300 s; a matching toleration without seconds tolerates forever).
 *
 * The clock starts at the Ready condition's `lastTransitionTime`, or at the
 * NoExecute taint's `timeAdded` when the taint came later (Kubernetes times
 * eviction from the taint; the tainting pass runs a few seconds after the
 * transition). A node that never gets the taint is still timed from the
 * transition, so a missing eviction is caught. A pod being deleted
 * (`deletionTimestamp` set) or finished has been dealt with and is not counted.
 */
import type { Node, Pod, Taint } from 'kubernetes-types/core/v1.js';
import { matchingTolerations, minTolerationSeconds, TAINT_NOT_READY, TAINT_UNREACHABLE } from '../controllers/index.js';
import { parseKey } from '../model/index.js';
import type { StateView } from '../store/index.js';
import type { Invariant, InvariantContext, SubjectIndex, Violation } from './invariant.js';
import { checkBySubject, writesKind } from './invariant.js';

/** The DefaultTolerationSeconds admission plugin's default. */
export const DEFAULT_NOT_READY_TOLERATION_SECONDS = 300;

const NODES = { group: '', resource: 'nodes' };
const PODS = { group: '', resource: 'pods' };
const nodeKey = (name: string): string => `core/nodes/_/${name}`;

interface PodDeadline {
  readonly pod: Pod;
  readonly key: string;
  /** Unix ms after which the pod must be gone; undefined: tolerated forever. */
  readonly deadline: number | undefined;
  readonly seconds: number | undefined;
  readonly taint: string;
}

/** The active pods of a NotReady node with when each must be gone; empty for a Ready (or condition-less) node. */
function deadlines(view: StateView, subject: string): PodDeadline[] {
  const node = view.get(subject) as Node | undefined;
  const ready = node?.status?.conditions?.find((c) => c.type === 'Ready');
  if (node === undefined || ready === undefined || ready.status === 'True') return [];
  const taint: Taint = { key: ready.status === 'False' ? TAINT_NOT_READY : TAINT_UNREACHABLE, effect: 'NoExecute' };
  const transition = unixMs(ready.lastTransitionTime);
  const tainted = unixMs(node.spec?.taints?.find((t) => t.key === taint.key && t.effect === 'NoExecute')?.timeAdded);
  const since = Math.max(transition ?? -Infinity, tainted ?? -Infinity);
  if (since === -Infinity) return [];
  const name = parseKey(subject).name;
  const pods = view.list(PODS, (o) => (o as Pod).spec?.nodeName === name);
  const out: PodDeadline[] = [];
  for (const o of pods) {
    const pod = o as Pod;
    const phase = pod.status?.phase;
    if (pod.metadata?.deletionTimestamp !== undefined || phase === 'Succeeded' || phase === 'Failed') continue;
    const { allTolerated, used } = matchingTolerations([taint], pod.spec?.tolerations ?? []);
    const seconds = allTolerated ? minTolerationSeconds(used) : DEFAULT_NOT_READY_TOLERATION_SECONDS;
    const key = `core/pods/${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;
    out.push({ pod, key, deadline: seconds === undefined ? undefined : since + seconds * 1000, seconds, taint: taint.key ?? '' });
  }
  return out;
}

function unixMs(stamp: string | undefined): number | undefined {
  if (stamp === undefined || stamp === '') return undefined;
  const ms = Date.parse(stamp);
  return Number.isNaN(ms) ? undefined : ms;
}

const subjects: SubjectIndex = {
  all: (view) => view.keys(NODES),
  touched: (write, view, before) => {
    if (writesKind(write.key, [NODES])) return [write.key];
    if (!writesKind(write.key, [PODS])) return [];
    const names = new Set<string>();
    for (const v of [before, view]) {
      const n = (v.get(write.key) as Pod | undefined)?.spec?.nodeName;
      if (n !== undefined && n !== '') names.add(n);
    }
    return [...names].sort().map(nodeKey);
  },
  check: (view: StateView, subject: string, ctx: InvariantContext): Violation[] => {
    const now = ctx.epoch + ctx.time;
    const node = parseKey(subject).name;
    return deadlines(view, subject)
      .filter((d) => d.deadline !== undefined && now > d.deadline)
      .map((d) => ({
        key: d.key,
        message: `still on NotReady node ${node} ${Math.round((now - (d.deadline ?? now)) / 1000)} s past its ${d.seconds ?? 0} s toleration of ${d.taint}`,
      }));
  },
  nextChange: (view, subject, ctx) => {
    const now = ctx.epoch + ctx.time;
    let next: number | undefined;
    for (const d of deadlines(view, subject)) {
      if (d.deadline !== undefined && d.deadline >= now && (next === undefined || d.deadline < next)) next = d.deadline;
    }
    // The verdict flips strictly after the deadline: one millisecond later on the run's clock.
    return next === undefined ? undefined : next - ctx.epoch + 1;
  },
};

export const noPodsOnNotReadyNodes: Invariant = {
  name: 'no-pods-on-notready-nodes',
  description: 'no active pod stays bound to a NotReady node past its not-ready/unreachable NoExecute toleration (default 300 s)',
  reads: [NODES, PODS],
  subjects,
  check: checkBySubject(subjects),
};
