/** Node ports, updates (type changes, PUT without allocated values, dual-stack upgrade/downgrade) and concurrency. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApi } from '../../../src/api/index.js';
import { serviceAddressAllocation, type ServiceAllocationOptions } from '../../../src/api/service-allocation/service-address-allocation.js';
import { openFileLog } from '../../../src/log/index.js';
import type { KubeObject } from '../../../src/model/index.js';
import { HISTORY_FORMAT, HISTORY_FORMAT_VERSION, seededIds, seededRandom } from '../../../src/model/index.js';
import { virtualClock } from '../../../src/runtime/index.js';
import { openStore } from '../../../src/store/index.js';
import { alice, EPOCH, harness, type Harness } from '../harness.js';

const services = (name?: string) => ({ group: '', version: 'v1', resource: 'services', namespace: 'default', ...(name === undefined ? {} : { name }) });
const DUAL = ['10.96.0.0/12', 'fd00:10:96::/112'];

async function cluster(opts: Omit<ServiceAllocationOptions, 'log'> = {}): Promise<Harness> {
  const ref: { h?: Harness } = {};
  const plugin = serviceAddressAllocation({ ...opts, log: { keyRev: (k) => ref.h?.log.keyRev(k) ?? 0 } });
  ref.h = await harness(1, { admission: [plugin] });
  return ref.h;
}
function svc(name: string, spec: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: name }, ports: [{ port: 80 }], ...spec } };
}
type Spec = Record<string, unknown> & { ports?: { nodePort?: number; port: number; protocol?: string; name?: string }[] };
const specOf = (o: KubeObject): Spec => o['spec'] as Spec;
const create = (h: Harness, o: KubeObject) => h.api.create(services(), o, alice).then(specOf);
const get = (h: Harness, name: string) => h.api.get(services(name));
const update = (h: Harness, name: string, change: (spec: Spec) => Spec) => {
  const cur = get(h, name);
  return h.api.update(services(name), { ...cur, spec: change(structuredClone(specOf(cur))) }, alice).then(specOf);
};
const messageOf = (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'no error',
    (e: unknown) => `${(e as { status: { code: number } }).status.code} ${(e as Error).message}`,
  );

describe('node ports', () => {
  it('allocates from 30086 up (the dynamic band), honours and refuses requested ports', async () => {
    const h = await cluster();
    expect((await create(h, svc('a', { type: 'NodePort' }))).ports?.[0]?.nodePort).toBe(30086);
    expect((await create(h, svc('b', { type: 'NodePort' }))).ports?.[0]?.nodePort).toBe(30087);
    expect((await create(h, svc('c', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }))).ports?.[0]?.nodePort).toBe(30080);
    expect(await messageOf(create(h, svc('d', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] })))).toBe(
      '422 Service "d" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
    );
    expect(await messageOf(create(h, svc('e', { type: 'NodePort', ports: [{ port: 80, nodePort: 8080 }] })))).toBe(
      '422 Service "e" is invalid: spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
  });

  it('shares one node port between protocols of the same port, and allocates per port number', async () => {
    const h = await cluster();
    const s = await create(h, svc('dns', {
      type: 'NodePort',
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53, protocol: 'TCP' },
        { name: 'metrics', port: 9153, protocol: 'TCP' },
      ],
    }));
    expect(s.ports?.map((p) => p.nodePort)).toEqual([30086, 30086, 30087]);
  });

  it('gives a LoadBalancer node ports unless allocateLoadBalancerNodePorts is false, and a health-check port when Local', async () => {
    const h = await cluster();
    const lb = await create(h, svc('lb', { type: 'LoadBalancer', externalTrafficPolicy: 'Local' }));
    expect([lb.ports?.[0]?.nodePort, lb['healthCheckNodePort']]).toEqual([30086, 30087]);
    const none = await create(h, svc('none', { type: 'LoadBalancer', allocateLoadBalancerNodePorts: false }));
    expect([none.ports?.[0]?.nodePort, none['healthCheckNodePort']]).toEqual([undefined, undefined]);
  });

  it('answers a dry run with placeholder ports and holds nothing', async () => {
    const h = await cluster();
    const dry = specOf(
      await h.api.create(services(), svc('a', { type: 'NodePort', ports: [{ name: 'a', port: 80 }, { name: 'b', port: 81, nodePort: 30080 }, { name: 'c', port: 82 }] }), {
        ...alice,
        dryRun: true,
      }),
    );
    expect(dry.ports?.map((p) => p.nodePort)).toEqual([32769, 30080, 32770]);
    expect((await create(h, svc('b', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }))).ports?.[0]?.nodePort).toBe(30080);
  });

  it('fails with 500 when the node port range is full', async () => {
    const h = await cluster({ nodePortRange: '30000-30001' });
    await create(h, svc('a', { type: 'NodePort' }));
    await create(h, svc('b', { type: 'NodePort' }));
    expect(await messageOf(create(h, svc('c', { type: 'NodePort' })))).toBe('500 Internal error occurred: failed to allocate a nodePort: range is full');
    // A ClusterIP Service needs no node port and is still admitted.
    expect((await create(h, svc('d')))['clusterIP']).toBe('10.96.1.3'); // the refused create held nothing
  });
});

describe('updates', () => {
  it('keeps allocated values a PUT leaves out, and refuses a changed cluster IP', async () => {
    const h = await cluster();
    await create(h, svc('a', { type: 'NodePort' }));
    const put = await update(h, 'a', (s) => ({ ...s, clusterIP: undefined, clusterIPs: undefined, ports: [{ port: 80, protocol: 'TCP' }] }));
    expect([put['clusterIP'], put.ports?.[0]?.nodePort]).toEqual(['10.96.1.1', 30086]);
    expect(await messageOf(update(h, 'a', (s) => ({ ...s, clusterIP: '10.96.0.50', clusterIPs: ['10.96.0.50'] })))).toBe(
      '422 Service "a" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.0.50"}: may not change once set',
    );
    // Changing only the singular field is caught too (clusterIPs follows it).
    expect(await messageOf(update(h, 'a', (s) => ({ ...s, clusterIP: '10.96.0.50' })))).toMatch(/spec.clusterIPs\[0\].*may not change once set/);
  });

  it('allocates node ports on ClusterIP → NodePort and releases them on NodePort → ClusterIP', async () => {
    const h = await cluster();
    await create(h, svc('a'));
    expect((await update(h, 'a', (s) => ({ ...s, type: 'NodePort' }))).ports?.[0]?.nodePort).toBe(30086);
    const back = await update(h, 'a', (s) => ({ ...s, type: 'ClusterIP', externalTrafficPolicy: undefined }));
    expect([back['type'], back.ports?.[0]?.nodePort, back['clusterIP']]).toEqual(['ClusterIP', undefined, '10.96.1.1']);
    expect((await create(h, svc('b', { type: 'NodePort', ports: [{ port: 80, nodePort: 30086 }] }))).ports?.[0]?.nodePort).toBe(30086);
    expect(await messageOf(update(h, 'a', (s) => ({ ...s, type: 'NodePort', ports: [{ port: 80, nodePort: 30086 }] })))).toBe(
      '422 Service "a" is invalid: spec.ports[0].nodePort: Invalid value: 30086: provided port is already allocated',
    );
  });

  it('releases the cluster IP on → ExternalName and allocates a new one on the way back', async () => {
    const h = await cluster();
    await create(h, svc('a', { clusterIP: '10.96.0.10' }));
    const ext = await update(h, 'a', (s) => ({ ...s, type: 'ExternalName', externalName: 'db.example.com' }));
    expect([ext['clusterIP'], ext['clusterIPs'], ext['ipFamilies'], ext['ipFamilyPolicy'], ext['internalTrafficPolicy']]).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect((await create(h, svc('b', { clusterIP: '10.96.0.10' })))['clusterIP']).toBe('10.96.0.10');
    const back = await update(h, 'a', (s) => ({ ...s, type: 'ClusterIP', externalName: undefined }));
    expect(back).toMatchObject({ clusterIP: '10.96.1.1', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' });
  });

  it('upgrades a Service to dual stack and downgrades it only with SingleStack', async () => {
    const h = await cluster({ serviceCIDRs: DUAL });
    await create(h, svc('a'));
    const up = await update(h, 'a', (s) => ({ ...s, ipFamilyPolicy: 'PreferDualStack' }));
    expect(up).toMatchObject({ clusterIPs: ['10.96.1.1', 'fd00:10:96::101'], ipFamilies: ['IPv4', 'IPv6'] });
    expect(await messageOf(update(h, 'a', (s) => ({ ...s, clusterIPs: ['10.96.1.1'], ipFamilies: ['IPv4'] })))).toBe(
      // Validation (which Kubernetes runs before allocating) words it.
      '422 Service "a" is invalid: [spec.ipFamilyPolicy: Invalid value: "PreferDualStack": must be set to \'SingleStack\' when releasing the secondary clusterIP, ' +
        'spec.ipFamilyPolicy: Invalid value: "PreferDualStack": must be set to \'SingleStack\' when releasing the secondary ipFamily]',
    );
    const down = await update(h, 'a', (s) => ({ ...s, ipFamilyPolicy: 'SingleStack' }));
    expect(down).toMatchObject({ clusterIPs: ['10.96.1.1'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' });
    // The released IPv6 address is free again.
    expect((await create(h, svc('b', { ipFamilies: ['IPv6'] })))['clusterIPs']).toEqual(['fd00:10:96::101']);
  });
});

describe('health-check node ports', () => {
  it('allocates one when a load balancer turns Local, keeps it, refuses a change, and releases it when it turns Cluster', async () => {
    const h = await cluster();
    await create(h, svc('lb', { type: 'LoadBalancer' }));
    const local = await update(h, 'lb', (s) => ({ ...s, externalTrafficPolicy: 'Local' }));
    expect([local.ports?.[0]?.nodePort, local['healthCheckNodePort']]).toEqual([30086, 30087]);
    expect((await update(h, 'lb', (s) => ({ ...s, healthCheckNodePort: undefined })))['healthCheckNodePort']).toBe(30087);
    expect(await messageOf(update(h, 'lb', (s) => ({ ...s, healthCheckNodePort: 30100 })))).toBe(
      '422 Service "lb" is invalid: spec.healthCheckNodePort: Invalid value: 30100: cannot change healthCheckNodePort on loadBalancer service with externalTraffic=Local during update',
    );
    const cluster_ = await update(h, 'lb', (s) => ({ ...s, externalTrafficPolicy: 'Cluster' }));
    expect(cluster_['healthCheckNodePort']).toBeUndefined();
    expect((await create(h, svc('other', { type: 'NodePort', ports: [{ port: 80, nodePort: 30087 }] }))).ports?.[0]?.nodePort).toBe(30087);
  });

  it('refuses a requested health-check port that is taken, as a 500', async () => {
    const h = await cluster();
    await create(h, svc('a', { type: 'NodePort', ports: [{ port: 80, nodePort: 30100 }] }));
    expect(await messageOf(create(h, svc('lb', { type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 30100 })))).toBe(
      '500 Internal error occurred: failed to allocate requested HealthCheck NodePort 30100: provided port is already allocated',
    );
  });
});

describe('concurrency', () => {
  it('gives 50 concurrent creates 50 distinct IPs and node ports (memory log)', async () => {
    const h = await cluster();
    const made = await Promise.all(Array.from({ length: 50 }, (_, i) => create(h, svc(`s${i}`, { type: 'NodePort' }))));
    expect(new Set(made.map((s) => s['clusterIP'])).size).toBe(50);
    expect(new Set(made.map((s) => s.ports?.[0]?.nodePort)).size).toBe(50);
  });

  // Without reservations this fails: the file log acknowledges (and the store folds) after the next creates are decided.
  it.each([true, false])('gives 50 concurrent creates 50 distinct IPs on the file log, whose appends are acknowledged later (log given: %s)', async (withLog) => {
    const dir = mkdtempSync(join(tmpdir(), 'svc-alloc-'));
    try {
      const log = await openFileLog(join(dir, 'h.history'), {
        mode: 'write',
        header: { format: HISTORY_FORMAT, version: HISTORY_FORMAT_VERSION, epoch: EPOCH, clock: 'virtual', seed: 1 },
      });
      const store = await openStore(log);
      const plugin = serviceAddressAllocation(withLog ? { log } : {});
      const api = createApi({ log, store, clock: virtualClock(0), ids: seededIds(seededRandom(1)), admission: [plugin] });
      await api.bootstrap();
      const made = await Promise.all(Array.from({ length: 50 }, (_, i) => api.create(services(), svc(`s${i}`, { type: 'NodePort' }), alice).then(specOf)));
      expect(new Set(made.map((s) => s['clusterIP'])).size).toBe(50);
      expect(new Set(made.map((s) => s.ports?.[0]?.nodePort)).size).toBe(50);
      // Once folded, the state alone decides: the next create takes the next free address.
      expect((await api.create(services(), svc('late'), alice).then(specOf))['clusterIP']).toBe('10.96.1.51');
      await log.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
