import { describe, expect, it } from 'vitest';
import { whyNot } from '../../src/debug/index.js';
import type { KubeObject } from '../../src/model/index.js';
import { alice, harness, pod, pods } from '../api/harness.js';

const services = { group: '', version: 'v1', resource: 'services', namespace: 'default' };
const slices = { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices', namespace: 'default' };

function service(name: string, spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { ports: [{ name: 'http', port: 80, targetPort: 'web' }], ...spec } } as KubeObject;
}

const webPod = (name: string, labels: Record<string, string>) =>
  pod(name, labels, { containers: [{ name: 'c', image: 'nginx', ports: [{ name: 'web', containerPort: 8080 }] }] });

async function withStatus(api: Awaited<ReturnType<typeof harness>>['api'], name: string, ready: boolean, ip = '10.244.0.5'): Promise<void> {
  const current = api.get(pods('default', name));
  await api.update(
    { ...pods('default', name), subresource: 'status' },
    { ...current, status: { phase: 'Running', podIP: ip, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', reason: ready ? undefined : 'ContainersNotReady' }] } },
    alice,
  );
}

describe('whyNot for a Service', () => {
  it('a selector that matches no pod names the pods that come closest', async () => {
    const { api, store } = await harness();
    await api.create(pods(), webPod('web-1', { app: 'frontend' }), alice);
    await api.create(pods(), webPod('db-1', { tier: 'db' }), alice);
    await api.create(services, service('web', { selector: { app: 'front-end' } }), alice);
    const a = whyNot(store, [], 'core/services/default/web');
    expect(a.question).toBe('why does service default/web have no ready endpoints?');
    expect(a.ok).toBe(false);
    expect(a.findings[0]).toMatchObject({ summary: 'its selector app=front-end matches no pod in namespace default', details: ['pod web-1 has app=frontend (wants front-end)'] });
    expect(a.findings[1]?.summary).toBe('no EndpointSlice or Endpoints is published for it');
  });

  it('matching pods that are not ready, a named port no container declares, and what the slices publish', async () => {
    const { api, store } = await harness();
    await api.create(pods(), webPod('web-1', { app: 'web' }), alice);
    await api.create(pods(), pod('web-2', { app: 'web' }), alice);
    await withStatus(api, 'web-1', false);
    await api.create(services, service('web', { selector: { app: 'web' } }), alice);
    await api.create(slices, { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'web-abcde', labels: { 'kubernetes.io/service-name': 'web' } }, addressType: 'IPv4', endpoints: [{ addresses: ['10.244.0.5'], conditions: { ready: false } }] }, alice);
    const a = whyNot(store, [], 'core/services/default/web');
    expect(a.ok).toBe(false);
    const lines = a.findings.map((f) => f.summary);
    expect(lines[0]).toBe('its selector app=web matches 2 pods: 1 not ready, 1 not scheduled');
    expect(a.findings[1]).toMatchObject({ summary: 'named target ports are missing from pods', details: ['port http: targetPort "web" names no container port of pod web-2'] });
    expect(lines[2]).toBe('1 EndpointSlice list 0 ready and 1 not-ready endpoints');
    expect(a.related?.map((r) => r.key)).toEqual(['core/pods/default/web-1', 'core/pods/default/web-2']);
  });

  it('ready pods the slices do not list yet mean the controllers lag; published ready endpoints answer ok', async () => {
    const { api, store } = await harness();
    await api.create(pods(), webPod('web-1', { app: 'web' }), alice);
    await withStatus(api, 'web-1', true);
    await api.create(services, service('web', { selector: { app: 'web' } }), alice);
    await api.create(slices, { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'web-abcde', labels: { 'kubernetes.io/service-name': 'web' } }, addressType: 'IPv4', endpoints: [] }, alice);
    const lagging = whyNot(store, [], 'core/services/default/web');
    expect(lagging.ok).toBe(false);
    expect(lagging.findings.map((f) => f.summary)).toContain('1 matching pods are ready but only 0 are published: the endpoint controllers have not caught up');
    await api.patch({ ...slices, name: 'web-abcde' }, 'merge', { endpoints: [{ addresses: ['10.244.0.5'], conditions: { ready: true } }] }, alice);
    expect(whyNot(store, [], 'core/services/default/web').ok).toBe(true);
  });

  it('ExternalName and selector-less Services say why the controllers leave them alone; a missing one says so', async () => {
    const { api, store } = await harness();
    await api.create(services, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext' }, spec: { type: 'ExternalName', externalName: 'db.example.com' } }, alice);
    await api.create(services, service('manual', {}), alice);
    expect(whyNot(store, [], 'core/services/default/ext').findings[0]?.summary).toBe('it is an ExternalName Service (a DNS alias of db.example.com): it never has endpoints');
    const manual = whyNot(store, [], 'core/services/default/manual');
    expect(manual.findings.map((f) => f.summary)).toEqual(['it has no selector: its endpoints are managed by hand, not by the endpoint controllers', 'no EndpointSlice or Endpoints is published for it']);
    expect(whyNot(store, [], 'core/services/default/nope').findings[0]?.summary).toBe('nope does not exist at revision ' + String(store.rev));
  });
});
