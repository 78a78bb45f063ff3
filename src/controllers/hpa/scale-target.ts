/**
 * The HPA's scale target, read as its `scale` subresource would show it:
 * `spec.replicas` and the selector (status.selector of the Scale) of a
 * Deployment, ReplicaSet, StatefulSet or ReplicationController in the
 * view. Errors read as Kubernetes' would (`deployments.apps "web" not
 * found`, `no matches for kind ...`).
 */
import type { CrossVersionObjectReference } from 'kubernetes-types/autoscaling/v2.js';
import type { LabelSelector, LabelSelectorInternal } from '../../model/index.js';
import { fromLabelSelector, objectKey, selectorFromSet } from '../../model/index.js';
import type { StateView } from '../../store/index.js';

const SCALABLE: Readonly<Record<string, { readonly resource: string; readonly mapSelector?: true }>> = {
  'apps/Deployment': { resource: 'deployments' },
  'apps/ReplicaSet': { resource: 'replicasets' },
  'apps/StatefulSet': { resource: 'statefulsets' },
  '/ReplicationController': { resource: 'replicationcontrollers', mapSelector: true },
};

export interface ScaleTarget {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  readonly specReplicas: number;
  readonly statusReplicas: number;
  /** Undefined when the target has no selector. */
  readonly selector?: LabelSelectorInternal;
}

export type TargetError = { readonly error: string; readonly badVersion?: true };

export function readScaleTarget(view: StateView, namespace: string, ref: CrossVersionObjectReference | undefined): ScaleTarget | TargetError {
  const apiVersion = ref?.apiVersion ?? '';
  const parts = apiVersion.split('/');
  if (apiVersion === '' || parts.length > 2 || parts.some((p) => p === '')) {
    return { error: `invalid API version in scale target reference: unexpected GroupVersion string: ${apiVersion}`, badVersion: true };
  }
  const group = parts.length === 2 ? (parts[0] ?? '') : '';
  const kind = ref?.kind ?? '';
  const name = ref?.name ?? '';
  const entry = SCALABLE[`${group}/${kind}`];
  if (entry === undefined) return { error: `no matches for kind "${kind}" in group "${group}"` };
  const obj = view.get(objectKey({ group, resource: entry.resource, namespace, name }));
  if (obj === undefined) return { error: `${entry.resource}${group === '' ? '' : `.${group}`} "${name}" not found` };
  const o = obj as { spec?: { replicas?: number; selector?: unknown }; status?: { replicas?: number } };
  const sel = o.spec?.selector;
  const selector =
    sel === undefined || sel === null ? undefined : entry.mapSelector === true ? selectorFromSet(sel as Record<string, string>) : fromLabelSelector(sel as LabelSelector);
  return {
    apiVersion,
    kind,
    name,
    namespace,
    specReplicas: o.spec?.replicas ?? 0,
    statusReplicas: o.status?.replicas ?? 0,
    ...(selector === undefined ? {} : { selector }),
  };
}
