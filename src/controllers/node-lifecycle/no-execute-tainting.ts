/**
 * Which NoExecute taint a node should carry, and when (Kubernetes 1.32,
 * `processTaintBaseEviction` and `doNoExecuteTaintingPass`):
 *
 * - decisions follow the Ready condition as a monitor pass *observed* it:
 *   the first pass strictly after the condition's last transition. (The
 *   pass that itself turns a silent node Unknown still sees it Ready, so
 *   the unreachable NoExecute taint lands one monitor period later — which
 *   is why, on a real cluster, its `timeAdded` trails the NoSchedule one.)
 * - Ready True: both NoExecute taints go. False: not-ready. Unknown:
 *   unreachable. A node already carrying the opposite taint is swapped at
 *   once; a node carrying neither waits for its zone's rate limiter (token
 *   bucket, burst 1), in the order its nodes became unhealthy.
 * - every zone fully disrupted: no tainting, and the controller's NoExecute
 *   taints are lifted.
 *
 * Level-triggered reconstruction of the limiter: the zone's last token was
 * spent at the newest `timeAdded` of a not-ready/unreachable NoExecute taint
 * in the zone. Simplified: a taint removed since (node recovered) no longer
 * counts, and a swap counts as a spent token although Kubernetes swaps
 * without one. Kubernetes runs its tainting pass every 100 ms; here a taint
 * lands at the exact moment it is allowed.
 */
import type { Node } from 'kubernetes-types/core/v1.js';
import type { ReconcileContext } from '../controller.js';
import type { NodeLifecycleConfig } from './config.js';
import { conditionOf } from './node-health.js';
import type { TaintTemplate } from './taints.js';
import { hasTaint, taintMatches, NOT_READY_NO_EXECUTE, UNREACHABLE_NO_EXECUTE } from './taints.js';
import { nextTick, parseTime } from './time.js';
import { allZonesFullyDisrupted, zoneCounts, zoneOf, zoneQPS } from './zones.js';

export interface NoExecuteDecision {
  readonly add: readonly TaintTemplate[];
  readonly remove: readonly TaintTemplate[];
  /** Decide again at this time (run clock) even if nothing changes. */
  readonly wakeAt?: number;
}

const NOTHING: NoExecuteDecision = { add: [], remove: [] };

function present(node: Node, ts: readonly TaintTemplate[]): TaintTemplate[] {
  return ts.filter((t) => hasTaint(node, t));
}

/** The monitor pass that first observes the node's current Ready condition; undefined without one. */
export function observedAt(node: Node, ctx: ReconcileContext, cfg: NodeLifecycleConfig): number | undefined {
  const ready = conditionOf(node, 'Ready');
  if (ready === undefined) return undefined;
  return nextTick(parseTime(ctx, ready.lastTransitionTime) ?? 0, cfg.nodeMonitorPeriodMs);
}

/** The NoExecute taint an unhealthy node wants, or undefined for a Ready (or unjudged) node. */
export function wantedNoExecute(node: Node): { want: TaintTemplate; opposite: TaintTemplate } | undefined {
  switch (conditionOf(node, 'Ready')?.status) {
    case 'False':
      return { want: NOT_READY_NO_EXECUTE, opposite: UNREACHABLE_NO_EXECUTE };
    case 'Unknown':
      return { want: UNREACHABLE_NO_EXECUTE, opposite: NOT_READY_NO_EXECUTE };
    default:
      return undefined;
  }
}

/** True for a node waiting in its zone's queue: unhealthy, observed so, and carrying neither NoExecute taint. */
function waitsForToken(node: Node, ctx: ReconcileContext, cfg: NodeLifecycleConfig): boolean {
  const at = observedAt(node, ctx, cfg);
  return (
    at !== undefined &&
    at <= ctx.now &&
    wantedNoExecute(node) !== undefined &&
    !hasTaint(node, NOT_READY_NO_EXECUTE) &&
    !hasTaint(node, UNREACHABLE_NO_EXECUTE)
  );
}

export function noExecuteDecision(node: Node, nodes: readonly Node[], ctx: ReconcileContext, cfg: NodeLifecycleConfig): NoExecuteDecision {
  const both = [NOT_READY_NO_EXECUTE, UNREACHABLE_NO_EXECUTE];
  const counts = zoneCounts(nodes);
  if (allZonesFullyDisrupted(counts, cfg)) return { add: [], remove: present(node, both) };
  const at = observedAt(node, ctx, cfg);
  if (at === undefined) return NOTHING;
  if (ctx.now < at) return { ...NOTHING, wakeAt: at };
  const status = conditionOf(node, 'Ready')?.status;
  if (status === 'True') return { add: [], remove: present(node, both) };
  const wanted = wantedNoExecute(node);
  if (wanted === undefined) return NOTHING;
  if (hasTaint(node, wanted.opposite)) return { add: [wanted.want], remove: [wanted.opposite] };
  if (hasTaint(node, wanted.want)) return NOTHING;

  // Rate-limited: one node per 1/qps seconds in this zone.
  const zone = zoneOf(node);
  const qps = zoneQPS(counts.get(zone), cfg);
  if (qps <= 0) return NOTHING; // stopped; a Ready change elsewhere wakes the node again
  const interval = Math.ceil(1000 / qps);
  const inZone = nodes.filter((n) => zoneOf(n) === zone);
  let lastSpent = -Infinity;
  for (const n of inZone) {
    for (const t of n.spec?.taints ?? []) {
      if (!both.some((b) => taintMatches(t, b))) continue;
      const added = parseTime(ctx, t.timeAdded);
      if (added !== undefined && added > lastSpent) lastSpent = added;
    }
  }
  const tokenAt = lastSpent + interval;
  const queue = inZone
    .filter((n) => waitsForToken(n, ctx, cfg))
    .map((n) => ({ name: n.metadata?.name ?? '', at: observedAt(n, ctx, cfg) ?? 0 }))
    .sort((a, b) => a.at - b.at || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const position = Math.max(0, queue.findIndex((q) => q.name === node.metadata?.name));
  if (position === 0 && ctx.now >= tokenAt) return { add: [wanted.want], remove: [] };
  return { ...NOTHING, wakeAt: Math.max(tokenAt, ctx.now) + position * interval };
}
