/** The Endpoints controller end to end in virtual time: create, follow readiness, labels, delete with the Service. */
import { describe, expect, it } from 'vitest';
import { endpointsController } from '../../../src/controllers/endpoints/endpoints-controller.js';
import type { KubeObject } from '../../../src/model/index.js';
import { testEngine } from '../../runtime/engine.js';
import { createPod, forCreate, PODS, pod, service, setStatus, SVC, user } from './helpers.js';

const EP = { group: '', version: 'v1', resource: 'endpoints', namespace: 'default' } as const;
const subsets = (ep: KubeObject): { addresses?: { ip: string }[]; notReadyAddresses?: { ip: string }[] }[] =>
  (ep['subsets'] as { addresses?: { ip: string }[]; notReadyAddresses?: { ip: string }[] }[] | undefined) ?? [];

describe('endpointsController', () => {
  it('creates the Endpoints, follows readiness, copies labels, marks headless, and deletes them with the Service', async () => {
    const e = await testEngine(3);
    e.manager.add(endpointsController);
    await e.api.create(SVC, forCreate(service('web', { labels: { tier: 'front' }, clusterIP: '10.96.0.10' })), user);
    await e.scheduler.run(1000);
    let ep = e.api.get({ ...EP, name: 'web' });
    expect(ep.metadata.labels).toEqual({ tier: 'front' });
    expect(ep.metadata.annotations?.['endpoints.kubernetes.io/last-change-trigger-time']).toBe('2026-01-01T00:00:00Z');
    expect(subsets(ep)).toEqual([]);

    await createPod(e, pod('a', { ips: ['10.244.0.5'], ready: false }));
    await e.scheduler.run(2000);
    ep = e.api.get({ ...EP, name: 'web' });
    expect(subsets(ep)[0]?.notReadyAddresses?.map((a) => a.ip)).toEqual(['10.244.0.5']);

    e.clock.advanceTo?.(5000);
    await setStatus(e, pod('a', { ips: ['10.244.0.5'] }));
    await e.scheduler.run(6000);
    ep = e.api.get({ ...EP, name: 'web' });
    expect(subsets(ep)[0]?.addresses?.map((a) => a.ip)).toEqual(['10.244.0.5']);
    expect(ep.metadata.annotations?.['endpoints.kubernetes.io/last-change-trigger-time']).toBe('2026-01-01T00:00:05Z');

    // A status write that changes nothing an endpoint shows writes nothing.
    const rv = ep.metadata.resourceVersion;
    await e.api.patch({ ...PODS, name: 'a' }, 'merge', { metadata: { annotations: { note: 'x' } } }, user);
    await e.scheduler.run(7000);
    expect(e.api.get({ ...EP, name: 'web' }).metadata.resourceVersion).toBe(rv);

    // A deleted Endpoints comes back.
    await e.api.delete({ ...EP, name: 'web' }, user);
    await e.scheduler.run(8000);
    expect(subsets(e.api.get({ ...EP, name: 'web' }))[0]?.addresses?.map((a) => a.ip)).toEqual(['10.244.0.5']);

    await e.api.delete({ ...SVC, name: 'web' }, user);
    await e.scheduler.run(9000);
    expect(() => e.api.get({ ...EP, name: 'web' })).toThrow(/not found/);
  });

  it('labels a headless Service’s Endpoints and leaves selector-less and ExternalName Services alone', async () => {
    const e = await testEngine(4);
    e.manager.add(endpointsController);
    await e.api.create(SVC, forCreate(service('db', { clusterIP: 'None' })), user);
    await e.api.create(SVC, forCreate(service('manual', { selector: null })), user);
    await e.api.create(SVC, { ...forCreate(service('ext', { type: 'ExternalName' })), spec: { type: 'ExternalName', externalName: 'example.com' } }, user);
    await e.scheduler.run(1000);
    expect(e.api.get({ ...EP, name: 'db' }).metadata.labels).toEqual({ 'service.kubernetes.io/headless': '' });
    expect(() => e.api.get({ ...EP, name: 'manual' })).toThrow(/not found/);
    expect(() => e.api.get({ ...EP, name: 'ext' })).toThrow(/not found/);
  });

  it('drops a pod once it is terminating', async () => {
    const e = await testEngine(5);
    e.manager.add(endpointsController);
    await e.api.create(SVC, forCreate(service('web')), user);
    await createPod(e, pod('a', { ips: ['10.244.0.5'] }));
    await createPod(e, pod('b', { ips: ['10.244.0.6'] }));
    await e.scheduler.run(1000);
    await e.api.delete({ ...PODS, name: 'a' }, user);
    await e.scheduler.run(2000);
    expect(subsets(e.api.get({ ...EP, name: 'web' }))[0]?.addresses?.map((a) => a.ip)).toEqual(['10.244.0.6']);
  });
});
