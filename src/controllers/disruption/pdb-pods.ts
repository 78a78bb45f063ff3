/**
 * Which pods a PodDisruptionBudget covers, and which budgets cover a pod —
 * the two directions Kubernetes 1.32 reads differently:
 * - the disruption controller lists a budget's pods with
 *   `LabelSelectorAsSelector` (a missing selector selects nothing, an empty
 *   one `{}` every pod of the namespace);
 * - the eviction subresource and the pod→budget lookup
 *   (`GetPodPodDisruptionBudgets`) let a missing or empty selector match
 *   nothing ("it should match nothing, not everything"), and skip budgets
 *   whose selector does not parse.
 */
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';
import type { KubeObject, LabelSelectorInternal } from '../../model/index.js';
import { fromLabelSelector, isEmptyLabelSelector, matches, objectKey } from '../../model/index.js';
import type { StateView } from '../../store/index.js';

export const PDB_SCOPE = { group: 'policy', resource: 'poddisruptionbudgets' } as const;

export function pdbKey(namespace: string, name: string): string {
  return objectKey({ ...PDB_SCOPE, namespace, name });
}

/** The budget's selector as the controller reads it; throws on an operator Kubernetes does not know. */
export function pdbSelector(pdb: PodDisruptionBudget): LabelSelectorInternal {
  return fromLabelSelector(pdb.spec?.selector);
}

/** The pods of the budget's namespace its selector selects (`getPodsForPdb`), sorted by key. */
export function podsForPdb(view: StateView, pdb: PodDisruptionBudget, selector: LabelSelectorInternal): readonly KubeObject[] {
  const namespace = pdb.metadata?.namespace ?? 'default';
  return view.list({ group: '', resource: 'pods', namespace }, (p) => matches(selector, p.metadata.labels));
}

/** Whether the eviction subresource counts this budget for a pod with `labels`. */
function guardsLabels(pdb: PodDisruptionBudget, labels: Readonly<Record<string, string>> | undefined): boolean {
  const sel = pdb.spec?.selector;
  if (sel === undefined || sel === null || isEmptyLabelSelector(sel)) return false;
  try {
    return matches(fromLabelSelector(sel), labels);
  } catch {
    return false; // an invalid selector matches no pod
  }
}

/** The budgets guarding `pod` (its namespace; missing, empty and invalid selectors match nothing), sorted by key. */
export function pdbsForPod(view: StateView, pod: KubeObject): readonly KubeObject[] {
  const namespace = pod.metadata.namespace ?? 'default';
  return view.list({ ...PDB_SCOPE, namespace }, (o) => guardsLabels(o as unknown as PodDisruptionBudget, pod.metadata.labels));
}
