/**
 * The EndpointSlice controller (kube-controller-manager 1.32,
 * pkg/controller/endpointslice + staging/src/k8s.io/endpointslice): the
 * EndpointSlices of every Service with a selector — what kube-proxy and
 * cluster DNS read. Each slice is named `<service>-<random suffix>`, owned
 * by the Service (a controller ownerReference, so the garbage collector
 * removes it with the Service), labelled `kubernetes.io/service-name`,
 * `endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io`
 * and the Service's own labels (plus `service.kubernetes.io/headless`
 * without a cluster IP), holds one address type and one port set, and at
 * most 100 endpoints (`--max-endpoints-per-slice` default).
 *
 * Decisions: a Service that is gone, ExternalName, or without a selector
 * gets nothing (its slices go with it through the garbage collector, or are
 * the user's); otherwise the desired endpoints (slice-endpoint.ts) are
 * packed into the existing managed slices (reconcile-slices.ts). Pods on
 * missing nodes are left out and the Service is looked at again in 1 s.
 *
 * Woken by its Services, by pods whose endpoint facts change, and by
 * changes to the slices it owns.
 */
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import type { Pod, Service } from 'kubernetes-types/core/v1.js';
import { parseKey } from '../../model/index.js';
import type { ControllerDefinition, Handler } from '../controller.js';
import { done } from '../controller.js';
import { HEADLESS_LABEL, isServiceIPSet, LAST_CHANGE_TRIGGER_TIME, selectedPods, serviceSelector } from '../endpoints/pod-endpoint.js';
import { podEndpointChanged, podToServices, serviceKey } from '../endpoints/service-handlers.js';
import { lastChangeTriggerTime } from '../endpoints/trigger-time.js';
import { reconcileSlices } from './reconcile-slices.js';
import { desiredEndpoints } from './slice-endpoint.js';

export const ENDPOINT_SLICE_CONTROLLER = 'endpointslice';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const MANAGED_BY = 'endpointslice-controller.k8s.io';
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
/** How soon a Service with pods on missing nodes is looked at again. */
export const MISSING_NODE_RETRY_MS = 1000;

/** A slice wakes the Service its service-name label names. */
const sliceToService: Handler = (c) => {
  const keys = new Set<string>();
  for (const o of [c.object, c.previous]) {
    const name = o?.metadata.labels?.[SERVICE_NAME_LABEL];
    if (name !== undefined && name !== '') keys.add(serviceKey(o?.metadata.namespace ?? '', name));
  }
  return [...keys].sort();
};

/** The Service's labels without the reserved ones, then the reserved ones (setEndpointSliceLabels). */
export function sliceLabels(svc: Service): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(svc.metadata?.labels ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (k !== SERVICE_NAME_LABEL && k !== MANAGED_BY_LABEL && k !== HEADLESS_LABEL) out[k] = v;
  }
  if (!isServiceIPSet(svc)) out[HEADLESS_LABEL] = '';
  out[SERVICE_NAME_LABEL] = svc.metadata?.name ?? '';
  out[MANAGED_BY_LABEL] = MANAGED_BY;
  return out;
}

export const endpointSliceController: ControllerDefinition = {
  name: ENDPOINT_SLICE_CONTROLLER,
  for: { group: '', kind: 'Service' },
  watches: [
    { kind: { group: '', kind: 'Pod' }, handler: podToServices, predicates: [podEndpointChanged] },
    { kind: { group: 'discovery.k8s.io', kind: 'EndpointSlice' }, handler: sliceToService },
  ],
  reconcile(key, view) {
    const obj = view.get(key);
    if (obj === undefined) return done();
    const svc = obj as unknown as Service;
    if (svc.spec?.type === 'ExternalName' || serviceSelector(svc) === undefined) return done();
    const { namespace, name } = parseKey(key);
    const uid = svc.metadata?.uid ?? '';
    const existing = view
      .list({ group: 'discovery.k8s.io', resource: 'endpointslices', namespace }, (s) => s.metadata.labels?.[SERVICE_NAME_LABEL] === name)
      .filter((s) => s.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY && (s.metadata.ownerReferences ?? []).some((o) => o.uid === uid && o.kind === 'Service' && o.apiVersion === 'v1'))
      .map((s) => s as unknown as EndpointSlice);
    const pods = selectedPods(view, svc) as Pod[];
    const desired = desiredEndpoints(view, svc, pods);
    const newest = existing.map((s) => s.metadata?.annotations?.[LAST_CHANGE_TRIGGER_TIME] ?? '').sort().at(-1);
    const commands = reconcileSlices(desired.byType, existing, {
      namespace,
      generateName: `${name}-`,
      labels: sliceLabels(svc),
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name, uid, controller: true, blockOwnerDeletion: true }],
      triggerTime: lastChangeTriggerTime(svc, pods, existing.length === 0 ? undefined : { [LAST_CHANGE_TRIGGER_TIME]: newest ?? '' }),
      triggerAnnotation: LAST_CHANGE_TRIGGER_TIME,
    });
    return { commands, ...(desired.missingNodes > 0 ? { requeueAfterMs: MISSING_NODE_RETRY_MS } : {}) };
  },
};

