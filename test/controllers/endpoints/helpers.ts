/** Objects and an engine for the endpoint controllers' tests: Services, pods with IPs and readiness set by hand. */
import type { Pod, Service } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../../src/model/index.js';
import { createApi } from '../../../src/api/index.js';
import { createMemoryLog } from '../../../src/log/index.js';
import { HISTORY_FORMAT, HISTORY_FORMAT_VERSION, seededIds, seededRandom } from '../../../src/model/index.js';
import { ControllerManager, SimScheduler, virtualClock } from '../../../src/runtime/index.js';
import { openStore } from '../../../src/store/index.js';
import type { TestEngine } from '../../runtime/engine.js';

/** testEngine's stack on a dual-stack cluster (service CIDRs for IPv4 and IPv6). */
export async function dualStackEngine(seed: number): Promise<TestEngine> {
  const log = createMemoryLog({ format: HISTORY_FORMAT, version: HISTORY_FORMAT_VERSION, epoch: Date.UTC(2026, 0, 1), clock: 'virtual', seed });
  const store = await openStore(log);
  const clock = virtualClock(0);
  const api = createApi({ log, store, clock, ids: seededIds(seededRandom(seed)), admissionConfig: { serviceCIDRs: ['10.96.0.0/12', 'fd00:10:96::/112'] } });
  await api.bootstrap();
  const scheduler = new SimScheduler(clock);
  const manager = new ControllerManager({ api, store, log, scheduler, seed });
  return { api, log, store, clock, scheduler, manager };
}

export const user = { actor: 'user:alice' };
export const SVC = { group: '', version: 'v1', resource: 'services', namespace: 'default' } as const;
export const PODS = { group: '', version: 'v1', resource: 'pods', namespace: 'default' } as const;
export const EPOCH = Date.UTC(2026, 0, 1);
export const stamp = (ms: number): string => new Date(EPOCH + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export interface PodOptions {
  readonly labels?: Record<string, string>;
  readonly ips?: readonly string[];
  readonly ready?: boolean;
  readonly readySince?: number;
  readonly phase?: string;
  readonly node?: string;
  readonly ports?: readonly { name?: string; containerPort: number; protocol?: string }[];
  readonly hostname?: string;
  readonly subdomain?: string;
  readonly deleting?: boolean;
  readonly restartPolicy?: string;
  readonly uid?: string;
}

/** A pod as a plain object (for the pure functions). */
export function pod(name: string, o: PodOptions = {}): Pod {
  const ips = o.ips ?? [];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      uid: o.uid ?? `uid-${name}`,
      labels: o.labels ?? { app: 'web' },
      ...(o.deleting === true ? { deletionTimestamp: stamp(30_000) } : {}),
    },
    spec: {
      ...(o.node === undefined && ips.length === 0 ? {} : { nodeName: o.node ?? 'node-1' }),
      ...(o.hostname === undefined ? {} : { hostname: o.hostname }),
      ...(o.subdomain === undefined ? {} : { subdomain: o.subdomain }),
      ...(o.restartPolicy === undefined ? {} : { restartPolicy: o.restartPolicy }),
      containers: [{ name: 'c', image: 'nginx', ...(o.ports === undefined ? {} : { ports: o.ports.map((p) => ({ ...p })) }) }],
    },
    status: {
      phase: o.phase ?? (ips.length === 0 ? 'Pending' : 'Running'),
      ...(ips.length === 0 ? {} : { podIP: ips[0], podIPs: ips.map((ip) => ({ ip })) }),
      ...(ips.length === 0 || o.phase !== undefined
        ? {}
        : { containerStatuses: [{ name: 'c', image: 'nginx', imageID: '', ready: o.ready !== false, restartCount: 0, state: { running: { startedAt: stamp(0) } } }] }),
      conditions: [{ type: 'Ready', status: o.ready === false || ips.length === 0 ? 'False' : 'True', lastTransitionTime: stamp(o.readySince ?? 0) }],
    },
  } as Pod;
}

export interface ServiceOptions {
  readonly selector?: Record<string, string> | null;
  readonly ports?: readonly { name?: string; port: number; targetPort?: number | string; protocol?: string }[];
  readonly clusterIP?: string;
  readonly ipFamilies?: readonly string[];
  readonly publishNotReadyAddresses?: boolean;
  readonly type?: string;
  readonly labels?: Record<string, string>;
  readonly sessionAffinity?: string;
  readonly timeoutSeconds?: number;
}

export function service(name: string, o: ServiceOptions = {}): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default', uid: `uid-svc-${name}`, creationTimestamp: stamp(0), ...(o.labels === undefined ? {} : { labels: o.labels }) },
    spec: {
      ...(o.selector === null ? {} : { selector: o.selector ?? { app: 'web' } }),
      ports: (o.ports ?? [{ port: 80, targetPort: 8080 }]).map((p) => ({ protocol: 'TCP', ...p, targetPort: p.targetPort ?? p.port })),
      ...(o.clusterIP === undefined ? {} : { clusterIP: o.clusterIP.split(',')[0], clusterIPs: o.clusterIP === 'None' ? ['None'] : o.clusterIP.split(',') }),
      ...(o.ipFamilies === undefined ? {} : { ipFamilies: o.ipFamilies, ipFamilyPolicy: o.ipFamilies.length > 1 ? 'PreferDualStack' : 'SingleStack' }),
      ...(o.publishNotReadyAddresses === undefined ? {} : { publishNotReadyAddresses: o.publishNotReadyAddresses }),
      ...(o.type === undefined ? {} : { type: o.type }),
      sessionAffinity: o.sessionAffinity ?? 'None',
      ...(o.timeoutSeconds === undefined ? {} : { sessionAffinityConfig: { clientIP: { timeoutSeconds: o.timeoutSeconds } } }),
    },
  } as Service;
}

/** Strips what the API sets, for create. */
export function forCreate(o: Pod | Service): KubeObject {
  const { uid: _u, creationTimestamp: _c, deletionTimestamp: _d, ...metadata } = o.metadata ?? {};
  const { status: _s, ...rest } = o as Pod;
  return { ...rest, metadata } as unknown as KubeObject;
}

/** Creates a pod through the API and sets its status (IPs, phase, Ready) as a kubelet would. */
export async function createPod(e: TestEngine, p: Pod): Promise<void> {
  await e.api.create(PODS, forCreate(p), user);
  await setStatus(e, p);
}

export async function setStatus(e: TestEngine, p: Pod): Promise<void> {
  const name = p.metadata?.name ?? '';
  const current = e.api.get({ ...PODS, name });
  const st = p.status ?? {};
  const conditions = (st.conditions ?? []).map((c) => ({ ...c, lastTransitionTime: stamp(e.clock.now()) }));
  await e.api.update({ ...PODS, name, subresource: 'status' }, { ...current, status: { ...st, conditions } }, user);
}
