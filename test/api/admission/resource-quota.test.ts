import { describe, expect, it } from 'vitest';
import { createApi } from '../../../src/api/index.js';
import { createMemoryLog, type Log } from '../../../src/log/index.js';
import type { KubeObject } from '../../../src/model/index.js';
import { HISTORY_FORMAT, HISTORY_FORMAT_VERSION, seededIds, seededRandom } from '../../../src/model/index.js';
import { virtualClock } from '../../../src/runtime/index.js';
import { openStore } from '../../../src/store/index.js';
import { resourceQuotaPlugin } from '../../../src/api/admission/resource-quota.js';
import { quotaBlocking } from '../../../src/api/admission/resource-quota-check.js';
import { alice, configMap, configMaps, deployment, deployments, EPOCH, harness, pod, pods, refused } from '../harness.js';

const quotas = (namespace = 'default', name?: string) => ({
  group: '',
  version: 'v1',
  resource: 'resourcequotas',
  namespace,
  ...(name === undefined ? {} : { name }),
});
const services = (namespace = 'default') => ({ group: '', version: 'v1', resource: 'services', namespace });

function quota(name: string, hard: Record<string, string>, spec: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name }, spec: { hard, ...spec } };
}
const sized = (name: string, requests: Record<string, string>, limits: Record<string, string> = requests): KubeObject =>
  pod(name, {}, { containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests, limits } }] });

async function setup(...qs: KubeObject[]) {
  const h = await harness(1, { admission: [resourceQuotaPlugin()] });
  for (const q of qs) await h.api.create(quotas(), q, alice);
  return h;
}

describe('ResourceQuota admission: object counts', () => {
  it('admits up to the hard count, then refuses with 403 and Kubernetes message', async () => {
    const { api } = await setup(quota('q', { pods: '2' }));
    await api.create(pods(), pod('a'), alice);
    await api.create(pods(), pod('b'), alice);
    const s = await refused(() => api.create(pods(), pod('c'), alice), 'Forbidden');
    expect(s.code).toBe(403);
    expect(s.message).toBe('pods "c" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2');
    expect(api.list(pods()).items.map((p) => p.metadata.name)).toEqual(['a', 'b']);
  });

  it('a generated name appears in the message', async () => {
    const { api } = await setup(quota('q', { pods: '0' }));
    const s = await refused(() => api.create(pods(), { ...pod(''), metadata: { generateName: 'web-' } }, alice), 'Forbidden');
    expect(s.message).toMatch(/^pods "web-[bcdfghjklmnpqrstvwxz2456789]{5}" is forbidden: exceeded quota: q, requested: pods=1, used: pods=0, limited: pods=0$/);
  });

  it('terminal pods do not count toward pods, but do toward count/pods', async () => {
    const { api } = await setup(quota('q', { pods: '1' }), quota('r', { 'count/pods': '2' }));
    await api.create(pods(), pod('a'), alice);
    await api.patch({ ...pods('default', 'a'), subresource: 'status' }, 'merge', { status: { phase: 'Succeeded' } }, alice);
    await api.create(pods(), pod('b'), alice);
    const s = await refused(() => api.create(pods(), pod('c'), alice), 'Forbidden');
    expect(s.message).toBe('pods "c" is forbidden: exceeded quota: q, requested: pods=1, used: pods=1, limited: pods=1');
    await api.delete(pods('default', 'b'), alice, { gracePeriodSeconds: 0 });
    await api.create(pods(), pod('c'), alice);
    const t = await refused(() => api.create(pods(), pod('d'), alice), 'Forbidden');
    expect(t.message).toBe('pods "d" is forbidden: exceeded quota: q, requested: pods=1, used: pods=1, limited: pods=1');
  });

  it('counts configmaps by legacy name and other resources by count/<resource>.<group>; other namespaces are apart', async () => {
    const { api } = await setup(quota('q', { configmaps: '1', 'count/deployments.apps': '1' }));
    // kube-root-ca.crt is not published in this harness (no controllers), so the namespace starts empty.
    await api.create(configMaps(), configMap('one'), alice);
    const s = await refused(() => api.create(configMaps(), configMap('two'), alice), 'Forbidden');
    expect(s.message).toBe('configmaps "two" is forbidden: exceeded quota: q, requested: configmaps=1, used: configmaps=1, limited: configmaps=1');
    await api.create(deployments(), deployment('d1'), alice);
    const t = await refused(() => api.create(deployments(), deployment('d2'), alice), 'Forbidden');
    expect(t.message).toBe(
      'deployments.apps "d2" is forbidden: exceeded quota: q, requested: count/deployments.apps=1, used: count/deployments.apps=1, limited: count/deployments.apps=1',
    );
    await api.create(configMaps('kube-public'), configMap('elsewhere'), alice);
  });

  it('a Service changed to NodePort on update is charged only the ports it adds', async () => {
    const { api } = await setup(quota('q', { 'services.nodeports': '1', services: '5' }));
    const svc = (name: string, type: string) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name },
      spec: { type, selector: { app: 'x' }, ports: [{ name: 'a', port: 80 }, { name: 'b', port: 81 }] },
    });
    await api.create(services(), svc('s', 'ClusterIP'), alice);
    const cur = api.get({ ...services(), name: 's' });
    const s = await refused(
      () => api.update({ ...services(), name: 's' }, { ...cur, spec: { ...(cur['spec'] as object), type: 'NodePort' } }, alice),
      'Forbidden',
    );
    expect(s.message).toBe(
      'services "s" is forbidden: exceeded quota: q, requested: services.nodeports=2, used: services.nodeports=0, limited: services.nodeports=1',
    );
  });

  it('a dry run is admitted and charges nothing; subresource writes are never charged', async () => {
    const h = await harness(1, { admission: [resourceQuotaPlugin()] });
    await h.api.create(quotas(), quota('q', { pods: '1' }), alice);
    await h.api.create(pods(), pod('a'), { ...alice, dryRun: true });
    await h.api.create(pods(), pod('a'), alice);
    await h.api.patch({ ...pods('default', 'a'), subresource: 'status' }, 'merge', { status: { phase: 'Running' } }, alice);
  });
});

describe('ResourceQuota admission: compute resources', () => {
  it('sums requests and limits and names what exceeds', async () => {
    const { api } = await setup(quota('compute', { 'requests.cpu': '1', 'limits.memory': '1Gi', pods: '10' }));
    await api.create(pods(), sized('a', { cpu: '600m', memory: '512Mi' }), alice);
    const s = await refused(() => api.create(pods(), sized('b', { cpu: '500m', memory: '768Mi' }), alice), 'Forbidden');
    expect(s.message).toBe(
      'pods "b" is forbidden: exceeded quota: compute, requested: limits.memory=768Mi,requests.cpu=500m, used: limits.memory=512Mi,requests.cpu=600m, limited: limits.memory=1Gi,requests.cpu=1',
    );
    await api.create(pods(), sized('c', { cpu: '400m', memory: '512Mi' }), alice);
  });

  it('refuses a pod lacking values a compute quota demands, naming containers', async () => {
    const { api } = await setup(quota('q', { 'requests.cpu': '4', 'limits.cpu': '4' }));
    const p = pod('x', {}, {
      containers: [
        { name: 'c', image: 'nginx' },
        { name: 'b', image: 'nginx', resources: { requests: { cpu: '1' } } },
      ],
    });
    const s = await refused(() => api.create(pods(), p, alice), 'Forbidden');
    expect(s.message).toBe('pods "x" is forbidden: failed quota: q: must specify limits.cpu for: b,c; requests.cpu for: c');
  });

  it('scopes: a BestEffort quota counts only best-effort pods; a PriorityClass selector only matching pods', async () => {
    const { api } = await setup(
      quota('be', { pods: '1' }, { scopes: ['BestEffort'] }),
      quota('high', { pods: '1' }, { scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: ['high'] }] } }),
    );
    await api.create(pods(), pod('be1'), alice);
    await refused(() => api.create(pods(), pod('be2'), alice), 'Forbidden');
    await api.create(pods(), sized('burst1', { cpu: '1' }), alice);
    await api.create(pods(), sized('burst2', { cpu: '1' }), alice);
  });
});

describe('ResourceQuota admission: concurrency', () => {
  /** A log whose appends land a few microtasks later, as the file backend's do. */
  function delayed(inner: Log): Log {
    return new Proxy(inner, {
      get(target, prop, receiver) {
        if (prop === 'append') {
          return async (...args: Parameters<Log['append']>) => {
            await Promise.resolve();
            await Promise.resolve();
            return target.append(...args);
          };
        }
        const v = Reflect.get(target, prop, receiver) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
  }

  async function run(plugin: ReturnType<typeof resourceQuotaPlugin>) {
    const log = delayed(createMemoryLog({ format: HISTORY_FORMAT, version: HISTORY_FORMAT_VERSION, epoch: EPOCH, clock: 'virtual', seed: 3 }));
    const store = await openStore(log);
    const api = createApi({ log, store, clock: virtualClock(0), ids: seededIds(seededRandom(3)), admission: [plugin] });
    await api.bootstrap();
    await api.create(quotas(), quota('q', { pods: '3' }), alice);
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => api.create(pods(), pod(`p${i}`), alice)));
    return { api, results };
  }

  it('of eight concurrent creates exactly hard=3 succeed', async () => {
    const plugin = resourceQuotaPlugin();
    const { api, results } = await run(plugin);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    expect(api.list(pods()).items).toHaveLength(3);
    const reasons = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as { status: { message: string } }).status.message] : []));
    expect(reasons).toHaveLength(5);
    for (const m of reasons) expect(m).toMatch(/exceeded quota: q, requested: pods=1, used: pods=3, limited: pods=3$/);
    // Once the writes are visible, the next admission resolves every pending charge.
    await refused(() => api.create(pods(), pod('late'), alice), 'Forbidden');
    expect(plugin.pendingCount()).toBe(0);
  });
});

describe('quotaBlocking', () => {
  it('names the quota and resources that would refuse a create, and nothing when there is room', async () => {
    const { api, store } = await setup(quota('q', { pods: '1', 'requests.cpu': '2' }));
    expect(quotaBlocking(store.head(), 'default', sized('x', { cpu: '1' }))).toBeUndefined();
    await api.create(pods(), sized('a', { cpu: '1' }), alice);
    expect(quotaBlocking(store.head(), 'default', sized('x', { cpu: '1' }))).toEqual({
      quota: 'q',
      reason: 'exceeded',
      resources: ['pods'],
      message: 'exceeded quota: q, requested: pods=1, used: pods=1, limited: pods=1',
    });
    expect(quotaBlocking(store.head(), 'default', pod('y'))?.reason).toBe('constraints');
    expect(quotaBlocking(store.head(), 'kube-public', pod('y'))).toBeUndefined();
  });
});

describe('ResourceQuota admission: pending charges', () => {
  const quotaObj = { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'ns' }, spec: { hard: { pods: '1' } } } as KubeObject;
  const view = (rev: number, written: Record<string, number> = {}) =>
    ({
      rev,
      list: (s: { resource: string }) => (s.resource === 'resourcequotas' ? [quotaObj] : []),
      get: () => undefined,
      versionRev: (key: string) => written[key] ?? 0,
    }) as never;
  const attrs = (name: string, v: unknown, dryRun = false) =>
    ({
      operation: 'CREATE',
      info: { group: '', version: 'v1', kind: 'Pod', plural: 'pods', namespaced: true },
      namespace: 'ns',
      name,
      object: { ...pod(name), metadata: { name, namespace: 'ns' } },
      view: v,
      ctx: { actor: 'user:alice', dryRun },
      ids: { uid: () => 'u', suffix: () => 'bcdfg' },
    }) as never;

  it('a charge counts until the key is written after its state, and expires after PENDING_HORIZON revisions', async () => {
    const { PENDING_HORIZON } = await import('../../../src/api/admission/resource-quota.js');
    const plugin = resourceQuotaPlugin();
    plugin.validate!(attrs('a', view(10)));
    expect(plugin.pendingCount()).toBe(1);
    // Not yet visible: the pending charge fills the quota.
    expect(() => plugin.validate!(attrs('b', view(11)))).toThrow('exceeded quota: q, requested: pods=1, used: pods=1, limited: pods=1');
    // Its key written after the state it was admitted against (rev 12): the object counts itself now.
    plugin.validate!(attrs('c', view(13, { 'core/pods/ns/a': 12 })));
    expect(plugin.pendingCount()).toBe(1); // c's own charge
    // Never seen written: c's charge expires once the state is far enough on.
    plugin.validate!(attrs('d', view(13 + PENDING_HORIZON)));
    expect(plugin.pendingCount()).toBe(1); // d's own
  });

  it('a dry run leaves no charge', () => {
    const plugin = resourceQuotaPlugin();
    plugin.validate!(attrs('a', view(10), true));
    expect(plugin.pendingCount()).toBe(0);
  });
});
