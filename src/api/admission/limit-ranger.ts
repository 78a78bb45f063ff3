/**
 * The LimitRanger admission plugin (Kubernetes 1.32,
 * plugin/pkg/admission/limitranger), over the namespace's LimitRanges (in
 * name order):
 *
 * - mutate, pod create: every container and init container missing a
 *   limit or request that a `Container` item's `default` / `defaultRequest`
 *   names gets it, and the pod is annotated `kubernetes.io/limit-ranger:
 *   LimitRanger plugin set: cpu, memory request for container app; cpu
 *   limit for container app`.
 * - validate, pod create: `Container` min/max/maxLimitRequestRatio on each
 *   container and init container, `Pod` bounds on the pod's effective
 *   requests and limits; claim create and update: `PersistentVolumeClaim`
 *   min/max on the storage request. The first LimitRange with a violation
 *   refuses with 403: `pods "x" is forbidden: maximum cpu usage per
 *   Container is 1, but limit is 2` (several as `[a, b]`).
 *
 * Pod updates are never checked (containers' resources are immutable in
 * 1.32), nor subresources, nor an object already being deleted. Resource
 * names are checked in sorted order (Kubernetes walks Go maps, so its order
 * of several messages varies; chronokube's is fixed).
 *
 * @example
 * createApi({ ..., admission: [limitRangerPlugin(), resourceQuotaPlugin()] });
 */
import type { Container, LimitRange, LimitRangeItem, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../model/index.js';
import { forbidden } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import type { AdmissionAttributes, AdmissionPlugin } from './admission-plugin.js';
import {
  aggregate,
  limitRequestRatioConstraint,
  maxConstraint,
  maxRequestConstraint,
  minConstraint,
  type LimitType,
} from './limit-ranger-constraints.js';
import { parseResourceList, type ResourceList } from './resource-quota-list.js';
import { podLimits, podRequests } from './resource-quota-pod-resources.js';

export const LIMIT_RANGER_ANNOTATION = 'kubernetes.io/limit-ranger';

function limitRanges(view: StateView, namespace: string): LimitRange[] {
  return (view.list({ group: '', resource: 'limitranges', namespace }) as unknown as LimitRange[])
    .slice()
    .sort((a, b) => ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1));
}

function applies(a: AdmissionAttributes): 'pod' | 'claim' | undefined {
  if (a.subresource !== undefined || a.info.group !== '') return undefined;
  if (a.oldObject?.metadata.deletionTimestamp !== undefined) return undefined;
  if (a.info.plural === 'pods') return a.operation === 'CREATE' ? 'pod' : undefined;
  return a.info.plural === 'persistentvolumeclaims' ? 'claim' : undefined;
}

/** Fills one container's missing limits and requests; returns it and the annotation parts. */
function withDefaults(c: Container, limits: Record<string, string>, requests: Record<string, string>, prefix: string): [Container, string[]] {
  const have = { limits: { ...(c.resources?.limits ?? {}) }, requests: { ...(c.resources?.requests ?? {}) } };
  const setLimits = Object.keys(limits).filter((k) => have.limits[k] === undefined).sort();
  const setRequests = Object.keys(requests).filter((k) => have.requests[k] === undefined).sort();
  if (setLimits.length === 0 && setRequests.length === 0) return [c, []];
  for (const k of setLimits) have.limits[k] = limits[k] as string;
  for (const k of setRequests) have.requests[k] = requests[k] as string;
  const notes: string[] = [];
  if (setRequests.length > 0) notes.push(`${setRequests.join(', ')} request for ${prefix} ${c.name}`);
  if (setLimits.length > 0) notes.push(`${setLimits.join(', ')} limit for ${prefix} ${c.name}`);
  return [{ ...c, resources: { ...c.resources, limits: have.limits, requests: have.requests } }, notes];
}

/** One LimitRange's container defaults applied to a pod (Kubernetes' `PodMutateLimitFunc`). */
export function defaultPodResources(pod: Pod, lr: LimitRange): Pod {
  const limits: Record<string, string> = {};
  const requests: Record<string, string> = {};
  for (const item of lr.spec?.limits ?? []) {
    if (item.type !== 'Container') continue;
    Object.assign(requests, item.defaultRequest ?? {});
    Object.assign(limits, item.default ?? {});
  }
  const spec = pod.spec ?? { containers: [] };
  const notes: string[] = [];
  const fill = (cs: Container[], prefix: string) =>
    cs.map((c) => {
      const [next, n] = withDefaults(c, limits, requests, prefix);
      notes.push(...n);
      return next;
    });
  const containers = fill(spec.containers, 'container');
  const initContainers = spec.initContainers === undefined ? undefined : fill(spec.initContainers, 'init container');
  if (notes.length === 0) return pod;
  return {
    ...pod,
    metadata: { ...pod.metadata, annotations: { ...(pod.metadata?.annotations ?? {}), [LIMIT_RANGER_ANNOTATION]: `LimitRanger plugin set: ${notes.join('; ')}` } },
    spec: { ...spec, containers, ...(initContainers === undefined ? {} : { initContainers }) },
  };
}

function checkBounds(type: LimitType, item: LimitRangeItem, request: ResourceList, limit: ResourceList, out: string[]): void {
  const push = (m: string | undefined) => m !== undefined && out.push(m);
  const min = parseResourceList(item.min);
  const max = parseResourceList(item.max);
  const ratio = parseResourceList(item.maxLimitRequestRatio);
  for (const k of Object.keys(min).sort()) push(minConstraint(type, k, min[k]!, request, limit));
  for (const k of Object.keys(max).sort()) push(maxConstraint(type, k, max[k]!, request, limit));
  for (const k of Object.keys(ratio).sort()) push(limitRequestRatioConstraint(type, k, ratio[k]!, request, limit));
}

/** The violations of one LimitRange by a pod (Kubernetes' `PodValidateLimitFunc`). */
export function podViolations(pod: Pod, lr: LimitRange): string[] {
  const out: string[] = [];
  for (const item of lr.spec?.limits ?? []) {
    if (item.type === 'Container') {
      for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
        checkBounds('Container', item, parseResourceList(c.resources?.requests), parseResourceList(c.resources?.limits), out);
      }
    } else if (item.type === 'Pod') {
      checkBounds('Pod', item, podRequests(pod), podLimits(pod), out);
    }
  }
  return out;
}

/** The violations of one LimitRange by a claim: storage bounds on its request only. */
export function claimViolations(pvc: PersistentVolumeClaim, lr: LimitRange): string[] {
  const out: string[] = [];
  const request = parseResourceList(pvc.spec?.resources?.requests);
  for (const item of lr.spec?.limits ?? []) {
    if (item.type !== 'PersistentVolumeClaim') continue;
    const min = parseResourceList(item.min);
    const max = parseResourceList(item.max);
    for (const k of Object.keys(min).sort()) {
      const m = minConstraint('PersistentVolumeClaim', k, min[k]!, request, {});
      if (m !== undefined) out.push(m);
    }
    for (const k of Object.keys(max).sort()) {
      const m = maxRequestConstraint('PersistentVolumeClaim', k, max[k]!, request);
      if (m !== undefined) out.push(m);
    }
  }
  return out;
}

export function limitRangerPlugin(): AdmissionPlugin {
  return {
    name: 'LimitRanger',
    mutate(a) {
      if (applies(a) !== 'pod') return a.object;
      let pod = a.object as Pod;
      for (const lr of limitRanges(a.view, a.namespace)) pod = defaultPodResources(pod, lr);
      return pod as KubeObject;
    },
    validate(a) {
      const what = applies(a);
      if (what === undefined) return;
      for (const lr of limitRanges(a.view, a.namespace)) {
        const found = what === 'pod' ? podViolations(a.object as Pod, lr) : claimViolations(a.object as PersistentVolumeClaim, lr);
        const message = aggregate(found);
        if (message !== undefined) throw forbidden({ group: '', resource: a.info.plural }, a.name, message);
      }
    },
  };
}
