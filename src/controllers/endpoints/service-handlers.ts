/**
 * How pod and Endpoints changes wake a Service key, as the endpoint
 * controllers' informer handlers do (Kubernetes 1.32,
 * endpointslice/util GetServicesToUpdateOnPodChange): a pod wakes every
 * Service in its namespace whose selector matches its labels before or
 * after the change, and only when something an endpoint shows changed
 * (labels, IPs, readiness, phase, deletion, node, hostname or subdomain).
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../model/index.js';
import { objectKey } from '../../model/index.js';
import type { Handler, Predicate } from '../controller.js';
import { isPodReady, podIPs, servicesSelecting } from './pod-endpoint.js';

export function serviceKey(namespace: string, name: string): string {
  return objectKey({ group: '', resource: 'services', namespace, name });
}

/** The facts of a pod an endpoint shows. */
function endpointFacts(o: KubeObject): string {
  const p = o as unknown as Pod;
  return JSON.stringify([
    p.metadata?.labels ?? {},
    podIPs(p),
    isPodReady(p),
    p.status?.phase ?? '',
    p.metadata?.deletionTimestamp ?? '',
    p.spec?.nodeName ?? '',
    p.spec?.hostname ?? '',
    p.spec?.subdomain ?? '',
  ]);
}

export const podEndpointChanged: Predicate = (c) => c.type !== 'MODIFIED' || c.previous === undefined || endpointFacts(c.previous) !== endpointFacts(c.object);

export const podToServices: Handler = (c, view) => {
  const ns = c.object.metadata.namespace ?? '';
  const labelSets = [c.object.metadata.labels ?? {}, ...(c.previous === undefined ? [] : [c.previous.metadata.labels ?? {}])];
  return servicesSelecting(view, ns, labelSets)
    .map((s) => serviceKey(ns, s.metadata.name ?? ''))
    .sort();
};

/** An Endpoints object (or an EndpointSlice by its service-name label) wakes the Service of the same name. */
export const toSameNameService: Handler = (c) => [serviceKey(c.object.metadata.namespace ?? '', c.object.metadata.name ?? '')];

export const isDeleted: Predicate = (c) => c.type === 'DELETED';
