/**
 * The `scale` subresource: an `autoscaling/v1` `Scale` view of a workload's
 * replica count, as kube-apiserver serves it for Deployments, ReplicaSets,
 * StatefulSets and ReplicationControllers (and CRDs that declare it).
 * `kubectl scale` and the HorizontalPodAutoscaler write through it.
 *
 * Reading gives `spec.replicas`, `status.replicas` and `status.selector` (the
 * workload's selector as a label-selector string, which is how the HPA finds
 * the pods). Writing changes only the parent's `spec.replicas`; the Scale's
 * `metadata.resourceVersion`, when sent, is a precondition on the parent.
 */
import type { KubeObject, LabelSelector, StatusCause } from '../model/index.js';
import { badRequest, fromLabelSelector, invalid, selectorFromSet, selectorToString } from '../model/index.js';
import type { ResolvedTarget } from './target.js';

export const SCALE_API_VERSION = 'autoscaling/v1';

interface Replicated {
  readonly spec?: { readonly replicas?: number; readonly selector?: LabelSelector | Readonly<Record<string, string>> };
  readonly status?: { readonly replicas?: number };
}

/** The Scale of `obj`. A ReplicationController's selector is a plain map; the others' a LabelSelector. */
export function toScale(obj: KubeObject): KubeObject {
  const o = obj as KubeObject & Replicated;
  const m = obj.metadata;
  const metadata: Record<string, unknown> = { name: m.name };
  if (m.namespace !== undefined) metadata['namespace'] = m.namespace;
  if (m.uid !== undefined) metadata['uid'] = m.uid;
  if (m.resourceVersion !== undefined) metadata['resourceVersion'] = m.resourceVersion;
  if (m.creationTimestamp !== undefined) metadata['creationTimestamp'] = m.creationTimestamp;
  const status: Record<string, unknown> = { replicas: o.status?.replicas ?? 0 };
  const selector = selectorString(obj.kind, o.spec?.selector);
  if (selector !== '') status['selector'] = selector;
  return {
    apiVersion: SCALE_API_VERSION,
    kind: 'Scale',
    metadata,
    spec: { replicas: o.spec?.replicas ?? 0 },
    status,
  } as KubeObject;
}

function selectorString(kind: string, sel: LabelSelector | Readonly<Record<string, string>> | undefined): string {
  if (sel === undefined) return '';
  if (kind === 'ReplicationController') return selectorToString(selectorFromSet(sel as Readonly<Record<string, string>>));
  return selectorToString(fromLabelSelector(sel as LabelSelector));
}

/**
 * The parent as a Scale write leaves it: `spec.replicas` from the Scale, and
 * the Scale's resourceVersion (if any) as the parent's precondition.
 * Throws 400 for a body that is not a Scale of this object, 422 for a bad count.
 */
export function applyScale(t: ResolvedTarget, current: KubeObject, body: unknown): KubeObject {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('the body of the request must be a Scale object');
  const scale = body as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown; namespace?: unknown; resourceVersion?: unknown }; spec?: { replicas?: unknown } };
  if (scale.kind !== undefined && scale.kind !== 'Scale') {
    throw badRequest(`the kind of the provided object (${String(scale.kind)}) does not match the kind of the request (Scale)`);
  }
  if (scale.apiVersion !== undefined && scale.apiVersion !== SCALE_API_VERSION) {
    throw badRequest(`the API version of the provided object (${String(scale.apiVersion)}) does not match the request (${SCALE_API_VERSION})`);
  }
  const name = scale.metadata?.name;
  if (name !== undefined && name !== '' && name !== t.name) {
    throw badRequest(`the name of the object (${String(name)}) does not match the name on the URL (${t.name})`);
  }
  const replicas = scale.spec?.replicas ?? 0;
  const causes: StatusCause[] = [];
  if (typeof replicas !== 'number' || !Number.isInteger(replicas)) {
    causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(replicas)}: must be an integer`, field: 'spec.replicas' });
  } else if (replicas < 0) {
    causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: ${replicas}: must be greater than or equal to 0`, field: 'spec.replicas' });
  }
  if (causes.length > 0) throw invalid('Scale', 'autoscaling', t.name, causes);
  const rv = scale.metadata?.resourceVersion;
  const { resourceVersion: _current, ...meta } = current.metadata;
  return {
    ...current,
    metadata: typeof rv === 'string' && rv !== '' ? { ...meta, resourceVersion: rv } : meta,
    spec: { ...(current['spec'] as object), replicas },
  } as KubeObject;
}
