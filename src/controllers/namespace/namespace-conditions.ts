/**
 * The five status conditions the namespace controller keeps on a
 * terminating namespace, with Kubernetes 1.32's types, reasons and messages
 * (pkg/controller/namespace/deletion/status_condition_utils.go):
 * a failing condition is `True` with its reason and message; every other
 * type is set to its "ok" variant, `False`. A condition's
 * `lastTransitionTime` moves only when its status flips; new types are
 * appended in the fixed order below.
 *
 * chronokube discovers kinds from data, so discovery and group-version
 * parsing never fail here: those two conditions are always their ok variant.
 */
import type { NamespaceCondition } from 'kubernetes-types/core/v1.js';
import type { ContentTally } from './namespace-content.js';

export const NAMESPACE_CONDITION_TYPES = [
  'NamespaceDeletionDiscoveryFailure',
  'NamespaceDeletionGroupVersionParsingFailure',
  'NamespaceDeletionContentFailure',
  'NamespaceContentRemaining',
  'NamespaceFinalizersRemaining',
] as const;

export type NamespaceConditionType = (typeof NAMESPACE_CONDITION_TYPES)[number];

/** A condition without its timestamp: what the controller wants. */
export interface WantedCondition {
  readonly type: NamespaceConditionType;
  readonly status: 'True' | 'False';
  readonly reason: string;
  readonly message: string;
}

const OK: Record<NamespaceConditionType, { reason: string; message: string }> = {
  NamespaceDeletionDiscoveryFailure: { reason: 'ResourcesDiscovered', message: 'All resources successfully discovered' },
  NamespaceDeletionGroupVersionParsingFailure: { reason: 'ParsedGroupVersions', message: 'All legacy kube types successfully parsed' },
  NamespaceDeletionContentFailure: { reason: 'ContentDeleted', message: 'All content successfully deleted, may be waiting on finalization' },
  NamespaceContentRemaining: { reason: 'ContentRemoved', message: 'All content successfully removed' },
  NamespaceFinalizersRemaining: { reason: 'ContentHasNoFinalizers', message: 'All content-preserving finalizers finished' },
};

const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The failing conditions a tally calls for (types not listed are ok). */
export function failingConditions(tally: ContentTally): WantedCondition[] {
  const out: WantedCondition[] = [];
  if (tally.errors.length > 0) {
    const msgs = [...tally.errors].sort(byteOrder);
    out.push({
      type: 'NamespaceDeletionContentFailure',
      status: 'True',
      reason: 'ContentDeletionFailed',
      message: `Failed to delete all resource types, ${msgs.length} remaining: ${msgs.join(', ')}`,
    });
  }
  if (tally.remaining.length > 0) {
    // `RESOURCE.GROUP`: core resources read `pods.`, as Kubernetes prints them.
    const parts = tally.remaining.map((r) => `${r.info.plural}.${r.info.group} has ${r.count} resource instances`).sort(byteOrder);
    out.push({ type: 'NamespaceContentRemaining', status: 'True', reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${parts.join(', ')}` });
  }
  if (tally.finalizers.length > 0) {
    const parts = tally.finalizers.map(([f, n]) => `${f} in ${n} resource instances`).sort(byteOrder);
    out.push({
      type: 'NamespaceFinalizersRemaining',
      status: 'True',
      reason: 'SomeFinalizersRemain',
      message: `Some content in the namespace has finalizers remaining: ${parts.join(', ')}`,
    });
  }
  return out;
}

/**
 * Merges the wanted conditions into the existing ones: every maintained type
 * ends up present, failing or ok. `changed` is false when nothing would be
 * written, so a level-triggered pass does not write the same status again.
 */
export function mergeConditions(
  existing: readonly NamespaceCondition[],
  failing: readonly WantedCondition[],
  now: string,
): { conditions: NamespaceCondition[]; changed: boolean } {
  const conditions = existing.map((c) => ({ ...c }));
  let changed = false;
  for (const type of NAMESPACE_CONDITION_TYPES) {
    const want = failing.find((c) => c.type === type) ?? { type, status: 'False', ...OK[type] };
    const old = conditions.find((c) => c.type === type);
    if (old === undefined) {
      conditions.push({ type, status: want.status, lastTransitionTime: now, reason: want.reason, message: want.message });
      changed = true;
    } else if (old.status !== want.status || old.reason !== want.reason || old.message !== want.message) {
      if (old.status !== want.status) old.lastTransitionTime = now;
      old.status = want.status;
      old.reason = want.reason;
      old.message = want.message;
      changed = true;
    }
  }
  return { conditions, changed };
}
