/**
 * One scheduling cycle's algorithm (kube-scheduler 1.32 `schedulePod`):
 * PreFilter (NodeAffinity, then VolumeBinding's rejections), then filter nodes from the rotating start index until enough
 * feasible nodes are found (sampling.ts), then score the feasible ones and
 * pick the best (ties at random). With exactly one feasible node, scoring is
 * skipped. No feasible node: the diagnosis becomes the FailedScheduling
 * message (fit-error.ts).
 */
import type { Random } from '../../model/index.js';
import type { ClusterCache } from './cluster-cache.js';
import { NO_NODES_AVAILABLE, unschedulableMessage } from './fit-error.js';
import type { FilterPlugin, FilterStatus } from './filters/filter.js';
import { rejection } from './filters/filter.js';
import { nodeAffinityPreFilter } from './filters/node-affinity.js';
import type { NodeInfo } from './node-info.js';
import type { PodFacts } from './pod-facts.js';
import { numFeasibleNodesToFind } from './sampling.js';
import type { ScorePlugin } from './scores/score.js';
import { selectHost } from './select-host.js';

export interface Framework {
  readonly filters: readonly FilterPlugin[];
  readonly scores: readonly ScorePlugin[];
  readonly percentageOfNodesToScore: number;
}

export type ScheduleResult =
  | { readonly type: 'scheduled'; readonly node: string; readonly evaluated: number; readonly feasible: number }
  | { readonly type: 'unschedulable'; readonly message: string };

function runFilters(filters: readonly FilterPlugin[], pod: PodFacts, node: NodeInfo): FilterStatus | undefined {
  for (let i = 0; i < filters.length; i++) {
    const s = (filters[i] as FilterPlugin).filter(pod, node);
    if (s !== undefined) return s;
  }
  return undefined;
}

/** Total weighted score of each feasible node, plugin by plugin (each normalised over all feasible nodes). */
export function scoreNodes(scores: readonly ScorePlugin[], pod: PodFacts, feasible: readonly NodeInfo[]): number[] {
  const totals = new Array<number>(feasible.length).fill(0);
  const raw = new Array<number>(feasible.length);
  for (const plugin of scores) {
    if (plugin.skip?.(pod, feasible) === true) continue;
    for (let i = 0; i < feasible.length; i++) raw[i] = plugin.score(pod, feasible[i] as NodeInfo);
    plugin.normalize?.(raw);
    for (let i = 0; i < feasible.length; i++) totals[i] = (totals[i] as number) + (raw[i] as number) * plugin.weight;
  }
  return totals;
}

export function schedulePod(pod: PodFacts, cache: ClusterCache, fw: Framework, random: Random): ScheduleResult {
  const all = cache.nodeList();
  if (all.length === 0) return { type: 'unschedulable', message: NO_NODES_AVAILABLE };
  const numAllNodes = all.length;

  const pre = nodeAffinityPreFilter(pod);
  if (pre.type === 'rejected') {
    const message = unschedulableMessage({ numAllNodes, statuses: [], absent: pre.status, preFilterMsg: pre.status.reasons.join(', ') }, pod.neverPreempts);
    return { type: 'unschedulable', message };
  }
  if (pod.volumes?.type === 'rejected') {
    const status = rejection('VolumeBinding', 'UnschedulableAndUnresolvable', pod.volumes.reason);
    return { type: 'unschedulable', message: unschedulableMessage({ numAllNodes, statuses: [], absent: status, preFilterMsg: pod.volumes.reason }, pod.neverPreempts) };
  }
  let nodes = all;
  let absent: FilterStatus | undefined;
  if (pre.type === 'nodes') {
    nodes = pre.names.map((n) => cache.node(n)).filter((n): n is NodeInfo => n !== undefined);
    absent = rejection(pre.plugin, 'UnschedulableAndUnresolvable', `node(s) didn't satisfy plugin(s) [${pre.plugin}]`);
  }

  const filters = fw.filters.filter((f) => f.skip?.(pod) !== true);
  const n = nodes.length;
  const toFind = numFeasibleNodesToFind(fw.percentageOfNodesToScore, n);
  const feasible: NodeInfo[] = [];
  const statuses: FilterStatus[] = [];
  const start = n === 0 ? 0 : cache.nextStartNodeIndex % n;
  let processed = 0;
  for (let i = 0; i < n && feasible.length < toFind; i++) {
    const node = nodes[(start + i) % n] as NodeInfo;
    processed++;
    const s = runFilters(filters, pod, node);
    if (s === undefined) feasible.push(node);
    else statuses.push(s);
  }
  if (n > 0) cache.nextStartNodeIndex = (start + processed) % n;

  if (feasible.length === 0) {
    return { type: 'unschedulable', message: unschedulableMessage({ numAllNodes, statuses, ...(absent === undefined ? {} : { absent }) }, pod.neverPreempts) };
  }
  if (feasible.length === 1) return { type: 'scheduled', node: (feasible[0] as NodeInfo).name, evaluated: processed, feasible: 1 };
  const chosen = feasible[selectHost(scoreNodes(fw.scores, pod, feasible), random)] as NodeInfo;
  return { type: 'scheduled', node: chosen.name, evaluated: processed, feasible: feasible.length };
}
