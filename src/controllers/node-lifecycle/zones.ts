/**
 * Zones and their disruption states, which set how fast the controller
 * taints unhealthy nodes NoExecute (Kubernetes 1.32, `ComputeZoneState`,
 * `handleDisruption`, `setLimiterInZone`):
 *
 * - a zone is the node's region and zone labels (`GetZoneKey`); nodes
 *   labelled `node.kubernetes.io/exclude-disruption` are not counted;
 * - FullDisruption: no Ready node and at least one not Ready;
 *   PartialDisruption: more than 2 not Ready and at least
 *   `unhealthyZoneThreshold` (0.55) of the zone; otherwise Normal;
 * - tainting rate: Normal → `evictionLimiterQPS` (0.1/s); Partial →
 *   `secondaryEvictionLimiterQPS` (0.01/s) if the zone has more than
 *   `largeClusterSizeThreshold` (50) nodes, else 0 (stopped); Full → the
 *   normal rate, unless every zone is fully disrupted: then the controller
 *   assumes the control plane lost the nodes, removes every NoExecute
 *   taint it set and stops tainting ("master disruption mode").
 */
import type { Node } from 'kubernetes-types/core/v1.js';
import { assertNever } from '../../model/index.js';
import type { NodeLifecycleConfig } from './config.js';
import { conditionOf } from './node-health.js';

export type ZoneState = 'Normal' | 'PartialDisruption' | 'FullDisruption';

const LABEL_EXCLUDE_DISRUPTION = 'node.kubernetes.io/exclude-disruption';
const REGION_LABELS = ['topology.kubernetes.io/region', 'failure-domain.beta.kubernetes.io/region'];
const ZONE_LABELS = ['topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone'];

function firstLabel(node: Node, names: readonly string[]): string {
  for (const n of names) {
    const v = node.metadata?.labels?.[n];
    if (v !== undefined && v !== '') return v;
  }
  return '';
}

/** `GetZoneKey`: `REGION:\0:ZONE`, or '' for a node with neither label. */
export function zoneOf(node: Node): string {
  const region = firstLabel(node, REGION_LABELS);
  const zone = firstLabel(node, ZONE_LABELS);
  return region === '' && zone === '' ? '' : `${region}:\u0000:${zone}`;
}

export function isReady(node: Node): boolean {
  return conditionOf(node, 'Ready')?.status === 'True';
}

export interface ZoneCount {
  ready: number;
  notReady: number;
}

/** Ready and not-Ready counts per zone, over nodes not excluded from disruption checks. */
export function zoneCounts(nodes: readonly Node[]): Map<string, ZoneCount> {
  const out = new Map<string, ZoneCount>();
  for (const n of nodes) {
    if (n.metadata?.labels?.[LABEL_EXCLUDE_DISRUPTION] !== undefined) continue;
    const z = zoneOf(n);
    const c = out.get(z) ?? { ready: 0, notReady: 0 };
    if (isReady(n)) c.ready++;
    else c.notReady++;
    out.set(z, c);
  }
  return out;
}

export function zoneState(c: ZoneCount, cfg: NodeLifecycleConfig): ZoneState {
  if (c.ready === 0 && c.notReady > 0) return 'FullDisruption';
  if (c.notReady > 2 && c.notReady / (c.notReady + c.ready) >= cfg.unhealthyZoneThreshold) return 'PartialDisruption';
  return 'Normal';
}

/** Every zone fully disrupted (and at least one zone): the controller stops tainting and lifts its NoExecute taints. */
export function allZonesFullyDisrupted(counts: ReadonlyMap<string, ZoneCount>, cfg: NodeLifecycleConfig): boolean {
  if (counts.size === 0) return false;
  for (const c of counts.values()) if (zoneState(c, cfg) !== 'FullDisruption') return false;
  return true;
}

/** Nodes per second the zone's tainter may taint. */
export function zoneQPS(c: ZoneCount | undefined, cfg: NodeLifecycleConfig): number {
  if (c === undefined) return cfg.evictionLimiterQPS;
  const state = zoneState(c, cfg);
  switch (state) {
    case 'Normal':
    case 'FullDisruption':
      return cfg.evictionLimiterQPS;
    case 'PartialDisruption':
      return c.ready + c.notReady > cfg.largeClusterSizeThreshold ? cfg.secondaryEvictionLimiterQPS : 0;
    default:
      return assertNever(state, 'zone state');
  }
}
