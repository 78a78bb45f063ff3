/**
 * Finding pods for a replica controller without scanning the cluster: its
 * own pods through the owner index, candidates for adoption through the
 * label index (any `key=value` requirement of the selector), and the pods of
 * its sibling ReplicaSets (same controller) for deletion ranking.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { KubeObject, LabelSelectorInternal } from '../../model/index.js';
import { matches } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import { controllerOf } from '../handlers.js';
import type { ReplicaKind } from './replica-kind.js';

const PODS = { group: '', resource: 'pods' } as const;

function isPod(o: KubeObject): boolean {
  return o.kind === 'Pod' && o.apiVersion === 'v1';
}

/** Pods in `namespace` matching `selector`, sorted by key. */
export function selectedPods(view: StateView, namespace: string, selector: LabelSelectorInternal): Pod[] {
  if (selector === 'nothing') return [];
  const scope = { ...PODS, namespace };
  const anchor = selector.find((r) => r.operator === '=' || r.operator === '==' || (r.operator === 'in' && r.values.length === 1));
  const pool = anchor === undefined ? view.list(scope) : view.byLabel(scope, anchor.key, anchor.values[0] ?? '');
  return pool.filter((p) => matches(selector, p.metadata.labels)) as Pod[];
}

/** Pods that reference `owner` or that its selector matches (the ones ClaimPods looks at), sorted by key. */
export function candidatePods(view: StateView, owner: KubeObject, selector: LabelSelectorInternal): Pod[] {
  const ns = owner.metadata.namespace ?? '';
  const byKey = new Map<string, Pod>();
  const keyOf = (p: KubeObject): string => `${p.metadata.namespace ?? ''}/${p.metadata.name ?? ''}`;
  for (const p of view.byOwner(owner.metadata.uid ?? '')) if (isPod(p) && p.metadata.namespace === ns) byKey.set(keyOf(p), p as Pod);
  for (const p of selectedPods(view, ns, selector)) byKey.set(keyOf(p as KubeObject), p);
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, p]) => p);
}

/**
 * `getIndirectlyRelatedPods`: every pod selected by a ReplicaSet with the
 * same controller as `owner` (deduplicated); empty when `owner` has no
 * controller.
 */
export function relatedPods(view: StateView, owner: KubeObject, kind: ReplicaKind): Pod[] {
  const ref = controllerOf(owner);
  if (ref === undefined) return [];
  const ns = owner.metadata.namespace ?? '';
  const seen = new Set<string>();
  const out: Pod[] = [];
  const siblings = view
    .byOwner(ref.uid)
    .filter((o) => o.kind === kind.kind && o.apiVersion === kind.apiVersion && o.metadata.namespace === ns && controllerOf(o)?.uid === ref.uid);
  for (const rs of siblings) {
    let selector: LabelSelectorInternal;
    try {
      selector = kind.selectorOf(rs);
    } catch {
      continue; // an invalid selector matches no pods
    }
    for (const p of selectedPods(view, ns, selector)) {
      const uid = p.metadata?.uid ?? '';
      if (seen.has(uid)) continue;
      seen.add(uid);
      out.push(p);
    }
  }
  return out;
}
