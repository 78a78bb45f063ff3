/**
 * The Events the disruption controller records (source component
 * `controllermanager`, as kube-controller-manager 1.32's recorder names it),
 * with Kubernetes' reasons and messages.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import type { Command, KubeObject } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import type { ReconcileContext } from '../controller.js';
import { recordEvent } from '../events.js';

export const DISRUPTION_COMPONENT = 'controllermanager';

/** Go's generated `String()` of a `*metav1.LabelSelector` (what `%v` prints in the UnmanagedPods message). */
export function goLabelSelector(sel: LabelSelector | undefined): string {
  if (sel === undefined) return '<nil>';
  const labels = Object.keys(sel.matchLabels ?? {})
    .sort()
    .map((k) => `${k}: ${sel.matchLabels?.[k] ?? ''},`)
    .join('');
  const exprs = (sel.matchExpressions ?? []).map((e) => `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[${(e.values ?? []).join(' ')}],},`).join('');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${exprs}},}`;
}

type Ctx = Pick<ReconcileContext, 'now' | 'epoch'>;

export const noPodsEvent = (view: StateView, ctx: Ctx, pdb: KubeObject): Command =>
  recordEvent(view, ctx, { object: pdb, type: 'Normal', reason: 'NoPods', message: 'No matching pods found', component: DISRUPTION_COMPONENT });

export const expectedCountFailedEvent = (view: StateView, ctx: Ctx, pdb: KubeObject, error: string): Command =>
  recordEvent(view, ctx, {
    object: pdb,
    type: 'Warning',
    reason: 'CalculateExpectedPodCountFailed',
    message: `Failed to calculate the number of expected pods: ${error}`,
    component: DISRUPTION_COMPONENT,
  });

export const unmanagedPodsEvent = (view: StateView, ctx: Ctx, pdb: KubeObject, selector: LabelSelector | undefined): Command =>
  recordEvent(view, ctx, {
    object: pdb,
    type: 'Warning',
    reason: 'UnmanagedPods',
    message:
      `Pods selected by this PodDisruptionBudget (selector: ${goLabelSelector(selector)}) were found to be unmanaged. ` +
      'As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. ' +
      'To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.',
    component: DISRUPTION_COMPONENT,
  });

export const notDeletedEvent = (view: StateView, ctx: Ctx, pod: KubeObject, pdb: KubeObject): Command =>
  recordEvent(view, ctx, {
    object: pod,
    type: 'Warning',
    reason: 'NotDeleted',
    // Kubernetes formats the budget's namespace twice here.
    message: `Pod was expected by PDB ${pdb.metadata.namespace ?? ''}/${pdb.metadata.namespace ?? ''} to be deleted but it wasn't`,
    component: DISRUPTION_COMPONENT,
  });
