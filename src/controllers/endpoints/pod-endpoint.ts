/**
 * What both endpoint controllers ask of a pod and a Service (Kubernetes
 * 1.32, staging/src/k8s.io/endpointslice/util and utils.go):
 * - `shouldPodBeInEndpoints`: not terminal (Succeeded/Failed), has an IP,
 *   and, unless terminating pods are wanted, no deletionTimestamp;
 * - `findPort`: a numeric targetPort is used as is; a named one is looked up
 *   among the containers' (and restartable init containers') ports with the
 *   Service port's protocol, else the pod gives no endpoint for that port;
 * - `shouldSetHostname`: the pod's `spec.hostname` is published when its
 *   `spec.subdomain` names the Service (same namespace);
 * - `isServiceIPSet`: a cluster IP other than "" and "None" (headless).
 */
import type { Container, Pod, Service, ServicePort } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../model/index.js';
import { matches, selectorFromSet } from '../../model/index.js';
import type { StateView } from '../../store/index.js';

export const HEADLESS_LABEL = 'service.kubernetes.io/headless';
export const LAST_CHANGE_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';

export function isPodReady(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

export function isPodTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** The pod's IPs, `status.podIPs` first, `status.podIP` when that list is empty. */
export function podIPs(pod: Pod): readonly string[] {
  const list = (pod.status?.podIPs ?? []).map((p) => p.ip ?? '').filter((ip) => ip !== '');
  if (list.length > 0) return list;
  const ip = pod.status?.podIP ?? '';
  return ip === '' ? [] : [ip];
}

export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  if (isPodTerminal(pod)) return false;
  if (podIPs(pod).length === 0) return false;
  return includeTerminating || pod.metadata?.deletionTimestamp === undefined;
}

export function isServiceIPSet(svc: Service): boolean {
  const ip = svc.spec?.clusterIP ?? '';
  return ip !== '' && ip !== 'None';
}

export function shouldSetHostname(pod: Pod, svc: Service): boolean {
  const hostname = pod.spec?.hostname ?? '';
  return hostname !== '' && pod.spec?.subdomain === svc.metadata?.name && pod.metadata?.namespace === svc.metadata?.namespace;
}

/** The container port a Service port reaches on `pod`, or undefined when a named targetPort names none. */
export function findPort(pod: Pod, sp: ServicePort): number | undefined {
  const target = sp.targetPort;
  if (typeof target === 'string' && !/^\d+$/.test(target)) {
    const proto = sp.protocol ?? 'TCP';
    const restartable = (pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
    const containers: Container[] = [...(pod.spec?.containers ?? []), ...restartable];
    for (const c of containers) {
      for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === proto) return p.containerPort;
    }
    return undefined;
  }
  const n = typeof target === 'string' ? Number(target) : target;
  return n === undefined || n === 0 ? sp.port : n;
}

export function isIPv6(ip: string): boolean {
  return ip.includes(':');
}

/** A Service's selector, or undefined when it has none (an empty map is none: it does not survive storage). */
export function serviceSelector(svc: Service): Readonly<Record<string, string>> | undefined {
  const s = svc.spec?.selector;
  return s === undefined || Object.keys(s).length === 0 ? undefined : s;
}

/** Pods in the Service's namespace its selector matches, sorted by key. */
export function selectedPods(view: StateView, svc: Service): readonly Pod[] {
  const sel = serviceSelector(svc);
  if (sel === undefined) return [];
  const s = selectorFromSet(sel);
  return view.list({ group: '', resource: 'pods', namespace: svc.metadata?.namespace ?? '' }, (p) => matches(s, p.metadata.labels ?? {})) as unknown as Pod[];
}

/** Services in the pod's namespace whose selector matches its labels (before or after a change). */
export function servicesSelecting(view: StateView, namespace: string, labelSets: readonly Readonly<Record<string, string>>[]): readonly KubeObject[] {
  return view.list({ group: '', resource: 'services', namespace }, (o) => {
    const sel = serviceSelector(o as unknown as Service);
    if (sel === undefined) return false;
    const s = selectorFromSet(sel);
    return labelSets.some((l) => matches(s, l));
  });
}

/** RFC 3339 (seconds) of a run time, as Go's time.RFC3339Nano prints a whole second. */
export function rfc3339(epoch: number, ms: number): string {
  return new Date(epoch + Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
