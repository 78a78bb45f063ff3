/**
 * Storage object in-use protection: the admission adds the finalizers; a
 * claim in use by a pod on a node, and a Bound volume, stay Terminating
 * until nothing uses them.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { storageObjectInUseProtectionAdmission } from '../../../src/api/admission/storage-object-in-use-protection.js';
import { podUsesClaim } from '../../../src/controllers/persistent-volume/pvc-protection.js';
import type { KubeObject } from '../../../src/model/index.js';
import { alice, harness } from '../../api/harness.js';
import type { TestEngine } from '../../runtime/engine.js';
import { testEngine } from '../../runtime/engine.js';
import { addStorageControllers, claim, podWithClaims, PODS, PVCS, PVS, user, volume } from './helpers.js';

const after = (e: TestEngine, ms: number): Promise<number> => e.scheduler.run(e.scheduler.now() + ms);
const finalized = (o: KubeObject, f: string): KubeObject => ({ ...o, metadata: { ...o.metadata, finalizers: [f] } });
const exists = (e: TestEngine, t: { group: string; version: string; resource: string; namespace?: string }, name: string): boolean => e.api.list(t).items.some((o) => o.metadata.name === name);

describe('StorageObjectInUseProtection admission', () => {
  it('adds kubernetes.io/pvc-protection to claims and kubernetes.io/pv-protection to volumes on create, once', async () => {
    const h = await harness(1, { admission: [storageObjectInUseProtectionAdmission] });
    expect((await h.api.create(PVCS, claim('a'), alice)).metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    expect((await h.api.create(PVS, volume('v'), alice)).metadata.finalizers).toEqual(['kubernetes.io/pv-protection']);
    expect((await h.api.create(PVCS, finalized(claim('b'), 'kubernetes.io/pvc-protection'), alice)).metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    const cm = await h.api.create({ group: '', version: 'v1', resource: 'configmaps', namespace: 'default' }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }, alice);
    expect(cm.metadata.finalizers).toBeUndefined();
  });
});

describe('pvc-protection and pv-protection', () => {
  async function boundPair(): Promise<TestEngine> {
    const e = await testEngine();
    addStorageControllers(e); // the binder, the provisioner and both protection controllers
    await e.api.create(PVS, finalized(volume('v', { policy: 'Retain' }), 'kubernetes.io/pv-protection'), user);
    await e.api.create(PVCS, finalized(claim('data'), 'kubernetes.io/pvc-protection'), user);
    await after(e, 1000);
    return e;
  }

  it('a claim used by a pod on a node stays Terminating until the pod is gone; its volume stays Bound meanwhile, then is Released', async () => {
    const e = await boundPair();
    await e.api.create(PODS, podWithClaims('db', ['data'], undefined, { nodeName: 'n1' }), user);
    await e.api.delete({ ...PVCS, name: 'data' }, user);
    await after(e, 60_000);
    expect(e.api.get({ ...PVCS, name: 'data' }).metadata.deletionTimestamp).toBeDefined();
    expect(e.api.get({ ...PVS, name: 'v' })['status']).toMatchObject({ phase: 'Bound' });
    await e.api.delete({ ...PODS, name: 'db' }, user, { gracePeriodSeconds: 0 });
    await after(e, 1000);
    expect(exists(e, PVCS, 'data')).toBe(false);
    expect(e.api.get({ ...PVS, name: 'v' })['status']).toMatchObject({ phase: 'Released' });
  });

  it('a claim used only by a pod not yet on a node goes at once', async () => {
    const e = await boundPair();
    await e.api.create(PODS, podWithClaims('pending', ['data']), user);
    await e.api.delete({ ...PVCS, name: 'data' }, user);
    await after(e, 1000);
    expect(exists(e, PVCS, 'data')).toBe(false);
  });

  it('a Bound volume stays Terminating until its claim is gone', async () => {
    const e = await boundPair();
    await e.api.delete({ ...PVS, name: 'v' }, user);
    await after(e, 60_000);
    expect(e.api.get({ ...PVS, name: 'v' }).metadata.deletionTimestamp).toBeDefined();
    await e.api.delete({ ...PVCS, name: 'data' }, user);
    await after(e, 1000);
    expect(exists(e, PVS, 'v')).toBe(false);
  });

  it('podUsesClaim: scheduled pods of any phase; ephemeral claims only until the pod is shut down', () => {
    const c = claim('data');
    const onNode = (extra: Record<string, unknown>): Pod => ({ ...podWithClaims('p', ['data'], undefined, { nodeName: 'n1' }), ...extra }) as unknown as Pod;
    expect(podUsesClaim(onNode({ status: { phase: 'Succeeded' } }), c)).toBe(true);
    expect(podUsesClaim(podWithClaims('p', ['data']) as unknown as Pod, c)).toBe(false);
    const eph: Pod = { metadata: { name: 'p', namespace: 'default' }, spec: { nodeName: 'n1', containers: [], volumes: [{ name: 'data', ephemeral: {} }] } };
    expect(podUsesClaim(eph, claim('p-data'))).toBe(true);
    expect(podUsesClaim({ ...eph, metadata: { ...eph.metadata, deletionTimestamp: 'x', deletionGracePeriodSeconds: 0 } }, claim('p-data'))).toBe(false);
  });
});
