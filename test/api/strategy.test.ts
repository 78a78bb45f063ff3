import { describe, expect, it } from 'vitest';
import { alice, harness, namespaces } from './harness.js';

const pvcs = (name?: string) => ({ group: '', version: 'v1', resource: 'persistentvolumeclaims', namespace: 'default', ...(name === undefined ? {} : { name }) });
const pvs = (name?: string) => ({ group: '', version: 'v1', resource: 'persistentvolumes', ...(name === undefined ? {} : { name }) });

const claim = (status?: unknown) => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'data' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  ...(status === undefined ? {} : { status }),
});
const volume = (status?: unknown) => ({
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name: 'pv-1' },
  spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data' } },
  ...(status === undefined ? {} : { status }),
});

describe('kind strategies on create', () => {
  it('a new PersistentVolumeClaim reads phase Pending, whatever status the client sent', async () => {
    const { api } = await harness();
    const created = await api.create(pvcs(), claim({ phase: 'Bound', capacity: { storage: '5Gi' } }), alice);
    expect(created['status']).toEqual({ phase: 'Pending' });
    expect(api.get(pvcs('data'))['status']).toEqual({ phase: 'Pending' });
  });

  it('a new PersistentVolume is Pending with its phase transition stamped at the create time', async () => {
    const { api, clock } = await harness();
    clock.advanceTo(90_000);
    const created = await api.create(pvs(), volume({ phase: 'Available', message: 'mine' }), alice);
    expect(created['status']).toEqual({ phase: 'Pending', lastPhaseTransitionTime: '2026-01-01T00:01:30Z' });
    expect(created.metadata.creationTimestamp).toBe('2026-01-01T00:01:30Z');
  });

  it('the status of a claim is not the creator’s field', async () => {
    const { api } = await harness();
    const created = await api.create(pvcs(), claim(), alice);
    expect(JSON.stringify(created.metadata.managedFields)).not.toContain('f:status');
  });

  it('a Namespace gets its name label (owned by its creator, as defaulting sets it) and the kubernetes finalizer, appended to the client’s', async () => {
    const { api } = await harness();
    const ns = await api.create(namespaces(), { metadata: { name: 'team-a' }, spec: { finalizers: ['example.com/hold'] } }, alice);
    expect(ns.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'team-a' });
    expect(ns['spec']).toEqual({ finalizers: ['example.com/hold', 'kubernetes'] });
    const plain = await api.create(namespaces(), { metadata: { name: 'team-b' } }, alice);
    expect(plain['spec']).toEqual({ finalizers: ['kubernetes'] });
    expect(JSON.stringify(plain.metadata.managedFields)).toContain('f:kubernetes.io/metadata.name');
  });

  it('a Namespace with a generated name is labelled with the name it got', async () => {
    const { api } = await harness();
    const ns = await api.create(namespaces(), { metadata: { generateName: 'tmp-' } }, alice);
    expect(ns.metadata.name).toMatch(/^tmp-/);
    expect(ns.metadata.labels?.['kubernetes.io/metadata.name']).toBe(ns.metadata.name);
  });

  it('a DaemonSet starts at template generation 1 and its creator owns the annotation (apps/v1 conversion always writes it)', async () => {
    const { api } = await harness();
    const ds = await api.create(
      { group: 'apps', version: 'v1', resource: 'daemonsets', namespace: 'default' },
      {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: { name: 'agent' },
        spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'agent:1' }] } } },
      },
      alice,
    );
    expect(ds.metadata.annotations).toEqual({ 'deprecated.daemonset.template.generation': '1' });
    expect(JSON.stringify(ds.metadata.managedFields)).toContain('f:deprecated.daemonset.template.generation');
  });
});
