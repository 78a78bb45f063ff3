/**
 * The ResourceQuotas behind a refused create: when the API refused an
 * owner's creates ("exceeded quota: NAME, requested: ..., used: ...,
 * limited: ..." or "failed quota: NAME: must specify ..."), the quota as it
 * stands at the revision asked about — what it allows, what is used, and
 * which resources are exhausted — so `whynot` on a quota-blocked ReplicaSet
 * ends at the quota to raise or the pods to shrink.
 */
import type { KubeObject } from '../model/index.js';
import { compareQuantities, objectKey, parseQuantity } from '../model/index.js';
import type { StateView } from '../store/index.js';
import type { WhyNotFinding } from './whynot-evidence.js';

const QUOTA_NAME = /(?:exceeded quota|failed quota): ([a-z0-9]([-a-z0-9.]*[a-z0-9])?)/g;

/** Names of the quotas the messages blame, in first-seen order. */
export function quotasNamed(messages: readonly string[]): string[] {
  const names = new Set<string>();
  for (const m of messages) for (const match of m.matchAll(QUOTA_NAME)) if (match[1] !== undefined) names.add(match[1]);
  return [...names];
}

function exhausted(hard: Record<string, string>, used: Record<string, string>): string[] {
  return Object.keys(hard)
    .sort()
    .filter((r) => {
      const h = hard[r];
      const u = used[r];
      if (h === undefined || u === undefined) return false;
      try {
        return compareQuantities(parseQuantity(u), parseQuantity(h)) >= 0;
      } catch {
        return false;
      }
    });
}

/** One finding per quota named in `messages` that exists in `namespace` at `view`. */
export function quotaFindings(view: StateView, namespace: string, messages: readonly string[]): WhyNotFinding[] {
  const out: WhyNotFinding[] = [];
  for (const name of quotasNamed(messages)) {
    const q: KubeObject | undefined = view.get(objectKey({ group: '', resource: 'resourcequotas', namespace, name }));
    if (q === undefined) {
      out.push({ summary: `resourcequota ${namespace}/${name} refused the creates and no longer exists`, source: 'state' });
      continue;
    }
    const status = (q['status'] as { hard?: Record<string, string>; used?: Record<string, string> } | undefined) ?? {};
    const hard = status.hard ?? ((q['spec'] as { hard?: Record<string, string> } | undefined)?.hard ?? {});
    const used = status.used ?? {};
    const full = exhausted(hard, used);
    const details = Object.keys(hard)
      .sort()
      .map((r) => `${r}: used ${used[r] ?? '?'} of ${hard[r] ?? '?'}`);
    out.push({
      summary:
        full.length === 0
          ? `resourcequota ${namespace}/${name} refused the creates; it has room now (raised, or usage fell)`
          : `resourcequota ${namespace}/${name} is exhausted: ${full.join(', ')}`,
      details,
      rev: Number(q.metadata.resourceVersion ?? 0),
      source: 'state',
    });
  }
  return out;
}
