/**
 * NodeAffinity (1.32): `spec.nodeSelector` and the required node affinity
 * terms must match the node. Terms are ORed; within a term matchExpressions
 * (In, NotIn, Exists, DoesNotExist, Gt, Lt on labels) and matchFields (only
 * `metadata.name`, In/NotIn) are ANDed; a term with no requirement, or one
 * that does not parse, matches nothing.
 *
 * Its PreFilter narrows the candidate nodes when every term names nodes by
 * `metadata.name` In (DaemonSet pods do): the other nodes are then reported
 * as `node(s) didn't satisfy plugin(s) [NodeAffinity]` without being filtered.
 */
import type { NodeSelectorRequirement, NodeSelectorTerm } from 'kubernetes-types/core/v1.js';
import type { NodeInfo } from '../node-info.js';
import type { PodFacts } from '../pod-facts.js';
import type { FilterPlugin, FilterStatus } from './filter.js';
import { rejection } from './filter.js';

const REJECTED = rejection('NodeAffinity', 'UnschedulableAndUnresolvable', "node(s) didn't match Pod's node affinity/selector");

function labelRequirementMatches(r: NodeSelectorRequirement, labels: Readonly<Record<string, string>>): boolean | undefined {
  const values = r.values ?? [];
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = has ? labels[r.key] : undefined;
  switch (r.operator) {
    case 'In':
      return values.length === 0 ? undefined : has && values.includes(value as string);
    case 'NotIn':
      return values.length === 0 ? undefined : !has || !values.includes(value as string);
    case 'Exists':
      return values.length !== 0 ? undefined : has;
    case 'DoesNotExist':
      return values.length !== 0 ? undefined : !has;
    case 'Gt':
    case 'Lt': {
      if (values.length !== 1 || !/^-?[0-9]+$/.test(values[0] as string)) return undefined;
      if (!has || !/^-?[0-9]+$/.test(value as string)) return false;
      const v = BigInt(value as string);
      const bound = BigInt(values[0] as string);
      return r.operator === 'Gt' ? v > bound : v < bound;
    }
    default:
      return undefined;
  }
}

function fieldRequirementMatches(r: NodeSelectorRequirement, nodeName: string): boolean | undefined {
  const values = r.values ?? [];
  if (r.key !== 'metadata.name' || values.length !== 1) return undefined;
  if (r.operator === 'In') return values[0] === nodeName;
  if (r.operator === 'NotIn') return values[0] !== nodeName;
  return undefined;
}

/** Whether one node selector term matches (an invalid term never does). */
export function termMatches(term: NodeSelectorTerm, node: Pick<NodeInfo, 'name' | 'labels'>): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  for (const r of exprs) if (labelRequirementMatches(r, node.labels) !== true) return false;
  for (const r of fields) if (fieldRequirementMatches(r, node.name) !== true) return false;
  return true;
}

/** `GetRequiredNodeAffinity(pod).Match(node)`: the node selector, then any required term. */
export function requiredAffinityMatches(pod: PodFacts, node: Pick<NodeInfo, 'name' | 'labels'>): boolean {
  if (pod.nodeSelector !== undefined) {
    for (const k in pod.nodeSelector) if (node.labels[k] !== pod.nodeSelector[k]) return false;
  }
  if (pod.requiredTerms === undefined) return true;
  return pod.requiredTerms.some((t) => termMatches(t, node));
}

export type PreFilterResult =
  | { readonly type: 'all' }
  | { readonly type: 'nodes'; readonly names: readonly string[]; readonly plugin: string }
  | { readonly type: 'rejected'; readonly status: FilterStatus };

/** NodeAffinity's PreFilter: the node names every term pins (their union), when all terms pin some. */
export function nodeAffinityPreFilter(pod: PodFacts): PreFilterResult {
  const terms = pod.requiredTerms;
  if (terms === undefined || terms.length === 0) return { type: 'all' };
  const union = new Set<string>();
  for (const t of terms) {
    let names: Set<string> | undefined;
    for (const r of t.matchFields ?? []) {
      if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
      const s = new Set(r.values ?? []);
      names = names === undefined ? s : new Set([...names].filter((n) => s.has(n)));
    }
    if (names === undefined) return { type: 'all' };
    for (const n of names) union.add(n);
  }
  if (union.size === 0) return { type: 'rejected', status: rejection('NodeAffinity', 'UnschedulableAndUnresolvable', 'pod affinity terms conflict') };
  return { type: 'nodes', names: [...union].sort(), plugin: 'NodeAffinity' };
}

export const nodeAffinity: FilterPlugin = {
  name: 'NodeAffinity',
  skip: (pod) => pod.nodeSelector === undefined && pod.requiredTerms === undefined,
  filter(pod, node) {
    return requiredAffinityMatches(pod, node) ? undefined : REJECTED;
  },
};
