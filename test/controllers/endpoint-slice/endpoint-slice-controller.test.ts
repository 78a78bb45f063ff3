/** The EndpointSlice controller end to end in virtual time: conditions, zones, dual stack, missing nodes, ownership. */
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import { describe, expect, it } from 'vitest';
import { endpointSliceController } from '../../../src/controllers/endpoint-slice/endpoint-slice-controller.js';
import { garbageCollector } from '../../../src/controllers/index.js';
import { testEngine } from '../../runtime/engine.js';
import type { TestEngine } from '../../runtime/engine.js';
import { createPod, dualStackEngine, forCreate, PODS, pod, service, SVC, user } from '../endpoints/helpers.js';

const SLICES = { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices', namespace: 'default' } as const;
// The API server's own slice for the `kubernetes` Service (its bootstrap) is not this controller's.
const slices = (e: TestEngine): EndpointSlice[] =>
  (e.api.list(SLICES).items as unknown as EndpointSlice[]).filter((s) => s.metadata?.name !== 'kubernetes');

async function node(e: TestEngine, name: string, zone: string): Promise<void> {
  await e.api.create({ group: '', version: 'v1', resource: 'nodes' }, { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'topology.kubernetes.io/zone': zone } } }, user);
}

describe('endpointSliceController', () => {
  it('publishes one owned, labelled slice whose conditions follow readiness and termination', async () => {
    const e = await testEngine(11);
    e.manager.add(endpointSliceController);
    await node(e, 'node-1', 'zone-a');
    await e.api.create(SVC, forCreate(service('web', { clusterIP: '10.96.0.10', labels: { app: 'web' } })), user);
    await e.scheduler.run(1000);
    let [s] = slices(e);
    expect(s?.metadata?.name).toMatch(/^web-[a-z0-9]{5}$/);
    expect(s?.endpoints ?? []).toEqual([]);
    expect(s?.metadata?.labels).toEqual({ app: 'web', 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
    const svcUid = e.api.get({ ...SVC, name: 'web' }).metadata.uid;
    expect(s?.metadata?.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: svcUid, controller: true, blockOwnerDeletion: true }]);

    await createPod(e, pod('a', { ips: ['10.244.0.5'] }));
    await createPod(e, pod('b', { ips: ['10.244.0.6'], ready: false }));
    await e.scheduler.run(2000);
    const placeholderName = s?.metadata?.name;
    [s] = slices(e);
    expect(slices(e)).toHaveLength(1);
    expect(s?.metadata?.name).toBe(placeholderName);
    expect(s?.addressType).toBe('IPv4');
    expect(s?.ports).toEqual([{ name: '', port: 8080, protocol: 'TCP' }]);
    expect(s?.endpoints?.map((x) => [x.addresses[0], x.conditions, x.nodeName, x.zone])).toEqual([
      ['10.244.0.5', { ready: true, serving: true, terminating: false }, 'node-1', 'zone-a'],
      ['10.244.0.6', { ready: false, serving: false, terminating: false }, 'node-1', 'zone-a'],
    ]);

    await e.api.delete({ ...PODS, name: 'a' }, user);
    await e.scheduler.run(3000);
    [s] = slices(e);
    expect(s?.endpoints?.[0]?.conditions).toEqual({ ready: false, serving: true, terminating: true });

    // Nothing to change: no write.
    const rv = s?.metadata?.resourceVersion;
    await e.api.patch({ ...SVC, name: 'web' }, 'merge', { metadata: { annotations: { note: 'x' } } }, user);
    await e.scheduler.run(4000);
    expect(slices(e)[0]?.metadata?.resourceVersion).toBe(rv);
  });

  it('makes one slice per family for a dual-stack Service, and skips pods on nodes that do not exist', async () => {
    const e = await dualStackEngine(12);
    e.manager.add(endpointSliceController);
    await node(e, 'node-1', 'zone-a');
    await e.api.create(SVC, forCreate(service('web', { clusterIP: '10.96.0.10,fd00:10:96::10', ipFamilies: ['IPv4', 'IPv6'] })), user);
    await createPod(e, pod('a', { ips: ['10.244.0.5', 'fd00::5'] }));
    await createPod(e, pod('ghost', { ips: ['10.244.9.9', 'fd00::99'], node: 'node-gone' }));
    await e.scheduler.run(1000);
    const byType = Object.fromEntries(slices(e).map((s) => [s.addressType, s.endpoints?.map((x) => x.addresses[0])]));
    expect(byType).toEqual({ IPv4: ['10.244.0.5'], IPv6: ['fd00::5'] });
    await node(e, 'node-gone', 'zone-b');
    await e.scheduler.run(3000);
    const v4 = slices(e).find((s) => s.addressType === 'IPv4');
    expect(v4?.endpoints?.map((x) => x.addresses[0])).toEqual(['10.244.0.5', '10.244.9.9']);
  });

  it('gives nothing to Services without a selector, and puts back a deleted slice', async () => {
    const e = await testEngine(13);
    e.manager.add(endpointSliceController);
    await node(e, 'node-1', 'zone-a');
    await e.api.create(SVC, forCreate(service('manual', { selector: null })), user);
    await e.api.create(SVC, forCreate(service('web', { clusterIP: '10.96.0.10' })), user);
    await createPod(e, pod('a', { ips: ['10.244.0.5'] }));
    await e.scheduler.run(1000);
    expect(slices(e).map((s) => s.metadata?.labels?.['kubernetes.io/service-name'])).toEqual(['web']);
    await e.api.delete({ ...SLICES, name: slices(e)[0]?.metadata?.name ?? '' }, user);
    await e.scheduler.run(2000);
    expect(slices(e).map((s) => s.endpoints?.length)).toEqual([1]);
  });

  it('leaves the slices to the garbage collector when the Service is deleted', async () => {
    const e = await testEngine(14);
    e.manager.add(endpointSliceController);
    e.manager.add(garbageCollector());
    await node(e, 'node-1', 'zone-a');
    await e.api.create(SVC, forCreate(service('web', { clusterIP: '10.96.0.10' })), user);
    await createPod(e, pod('a', { ips: ['10.244.0.5'] }));
    await e.scheduler.run(1000);
    expect(slices(e)).toHaveLength(1);
    await e.api.delete({ ...SVC, name: 'web' }, user);
    await e.scheduler.run(5000);
    expect(slices(e)).toEqual([]);
    // The slice went with its owner, not by the controller's hand.
    expect(e.store.writes({ actor: 'controller:endpointslice' }).filter((w) => w.verb === 'delete')).toEqual([]);
  });
});
