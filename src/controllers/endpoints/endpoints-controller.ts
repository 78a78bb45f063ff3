/**
 * The Endpoints controller (kube-controller-manager 1.32,
 * pkg/controller/endpoint/endpoints_controller.go syncService): one
 * Endpoints object per Service with a selector, named as the Service, that
 * lists the matching pods' addresses (ready ones in `addresses`, others in
 * `notReadyAddresses`) and the ports they serve (desired-endpoints.ts).
 *
 * Decisions, in Kubernetes' order:
 * - the Service is gone → delete the Endpoints of that name (Endpoints carry
 *   no ownerReference; this controller removes them);
 * - ExternalName, or no selector → nothing (such endpoints are the user's);
 * - otherwise compute the subsets; if the existing object already has them,
 *   the Service's labels (ignoring the headless label) and a correct
 *   over-capacity annotation → nothing; else create or update it with the
 *   Service's labels, `service.kubernetes.io/headless` when the Service has
 *   no cluster IP, and `endpoints.kubernetes.io/last-change-trigger-time`.
 *
 * Woken by its Services, by pods whose endpoint facts change (every Service
 * selecting them before or after), and by the deletion of an Endpoints
 * object (it is put back).
 */
import type { Endpoints, Pod, Service } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../model/index.js';
import { objectKey, parseKey } from '../../model/index.js';
import type { ControllerDefinition } from '../controller.js';
import { done } from '../controller.js';
import { desiredSubsets, OVER_CAPACITY_ANNOTATION } from './desired-endpoints.js';
import { HEADLESS_LABEL, isServiceIPSet, LAST_CHANGE_TRIGGER_TIME, selectedPods, serviceSelector } from './pod-endpoint.js';
import { isDeleted, podEndpointChanged, podToServices, toSameNameService } from './service-handlers.js';
import { lastChangeTriggerTime } from './trigger-time.js';

export const ENDPOINTS_CONTROLLER = 'endpoint';

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function withoutKey(labels: Readonly<Record<string, string>> | undefined, key: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(labels ?? {}).sort()) if (k !== key) out[k] = (labels ?? {})[k] ?? '';
  return out;
}

export const endpointsController: ControllerDefinition = {
  name: ENDPOINTS_CONTROLLER,
  for: { group: '', kind: 'Service' },
  watches: [
    { kind: { group: '', kind: 'Pod' }, handler: podToServices, predicates: [podEndpointChanged] },
    { kind: { group: '', kind: 'Endpoints' }, handler: toSameNameService, predicates: [isDeleted] },
  ],
  reconcile(key, view) {
    const { namespace, name } = parseKey(key);
    const epKey = objectKey({ group: '', resource: 'endpoints', namespace, name });
    const current = view.get(epKey) as (KubeObject & Endpoints) | undefined;
    const obj = view.get(key);
    if (obj === undefined) {
      if (current === undefined) return done();
      return { commands: [{ type: 'delete', ref: { apiVersion: 'v1', kind: 'Endpoints', namespace, name } }] };
    }
    const svc = obj as unknown as Service;
    if (svc.spec?.type === 'ExternalName' || serviceSelector(svc) === undefined) return done();

    const pods = selectedPods(view, svc) as Pod[];
    const { subsets, truncated } = desiredSubsets(svc, pods);
    const svcLabels = withoutKey(svc.metadata?.labels, '');
    if (
      current !== undefined &&
      sameJson(current.subsets ?? [], subsets) &&
      sameJson(withoutKey(current.metadata?.labels, HEADLESS_LABEL), svcLabels) &&
      (current.metadata?.annotations?.[OVER_CAPACITY_ANNOTATION] !== undefined) === truncated
    ) {
      return done();
    }
    const annotations: Record<string, string> = { ...(current?.metadata?.annotations ?? {}) };
    const trigger = lastChangeTriggerTime(svc, pods, current === undefined ? undefined : (current.metadata?.annotations ?? {}));
    if (trigger === undefined) delete annotations[LAST_CHANGE_TRIGGER_TIME];
    else annotations[LAST_CHANGE_TRIGGER_TIME] = trigger;
    if (truncated) annotations[OVER_CAPACITY_ANNOTATION] = 'truncated';
    else delete annotations[OVER_CAPACITY_ANNOTATION];
    const labels = isServiceIPSet(svc) ? withoutKey(svcLabels, HEADLESS_LABEL) : { ...svcLabels, [HEADLESS_LABEL]: '' };
    const metadata = {
      ...(current?.metadata ?? {}),
      name,
      namespace,
      ...(Object.keys(labels).length === 0 ? {} : { labels }),
      ...(Object.keys(annotations).length === 0 ? {} : { annotations }),
    };
    if (Object.keys(labels).length === 0) delete metadata.labels;
    if (Object.keys(annotations).length === 0) delete metadata.annotations;
    const next = { apiVersion: 'v1', kind: 'Endpoints', metadata, ...(subsets.length === 0 ? {} : { subsets }) } as unknown as KubeObject;
    return { commands: [{ type: current === undefined ? 'create' : 'update', object: next }] };
  },
};
