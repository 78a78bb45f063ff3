/**
 * VolumeBinding (kube-scheduler 1.32) in the scheduler: PreFilter
 * rejections, the per-node filter's reasons in the FailedScheduling
 * message, and PreBind with the binder and the simulated provisioner —
 * the pod is bound only after its WaitForFirstConsumer claims are.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { findPodVolumes } from '../../../src/controllers/scheduler/filters/volume-binding.js';
import { schedulerController } from '../../../src/controllers/scheduler/scheduler.js';
import { volumeBindingPreFilter } from '../../../src/controllers/scheduler/volume-claims.js';
import type { KubeObject } from '../../../src/model/index.js';
import type { TestEngine } from '../../runtime/engine.js';
import { testEngine } from '../../runtime/engine.js';
import { addStorageControllers, claim, CLASSES, getClaim, getVolume, podWithClaims, PVCS, PVS, storageClass, volume } from '../persistent-volume/helpers.js';
import { addNode, PODS, user } from './fixtures.js';

const after = (e: TestEngine, ms: number): Promise<number> => e.scheduler.run(e.scheduler.now() + ms);
const get = (e: TestEngine, name: string): KubeObject & Pod => e.api.get({ ...PODS, name }) as KubeObject & Pod;
const condition = (e: TestEngine, name: string) => get(e, name).status?.conditions?.find((c) => c.type === 'PodScheduled');
const preemption = (n: number): string => `preemption: 0/${n} nodes are available: ${n} Preemption is not helpful for scheduling.`;

async function cluster(withStorage: boolean): Promise<TestEngine> {
  const e = await testEngine();
  await addNode(e.api, 'n1');
  await addNode(e.api, 'n2');
  e.manager.add(schedulerController());
  if (withStorage) addStorageControllers(e);
  return e;
}

describe('VolumeBinding PreFilter', () => {
  it('a missing claim: persistentvolumeclaim "x" not found', async () => {
    const e = await cluster(false);
    await e.api.create(PODS, podWithClaims('db', ['data']), user);
    await after(e, 1000);
    expect(condition(e, 'db')?.message).toBe(`0/2 nodes are available: persistentvolumeclaim "data" not found. ${preemption(2)}`);
  });

  it('an unbound Immediate claim: pod has unbound immediate PersistentVolumeClaims, until the binder binds it', async () => {
    const e = await cluster(true);
    await e.api.create(PVCS, claim('data'), user);
    await e.api.create(PODS, podWithClaims('db', ['data']), user);
    await after(e, 1000);
    expect(condition(e, 'db')).toMatchObject({ status: 'False', reason: 'Unschedulable', message: `0/2 nodes are available: pod has unbound immediate PersistentVolumeClaims. ${preemption(2)}` });
    await e.api.create(PVS, volume('v'), user);
    // The binder's 15 s resync binds it; the claim's change moves the pod, which is tried after its backoff.
    await after(e, 20_000);
    expect(getClaim(e, 'data').status?.phase).toBe('Bound');
    expect(get(e, 'db').spec?.nodeName).toMatch(/^n[12]$/);
  });

  it('a pod without claims skips the plugin; claims are read per cycle', async () => {
    const e = await cluster(false);
    await e.api.create(PVCS, claim('data'), user);
    const view = e.store.head();
    expect(volumeBindingPreFilter(view, { metadata: { name: 'p' }, spec: { containers: [] } })).toEqual({ type: 'skip' });
    expect(volumeBindingPreFilter(view, podWithClaims('p', ['data']) as Pod)).toEqual({ type: 'rejected', reason: 'pod has unbound immediate PersistentVolumeClaims' });
  });
});

describe('VolumeBinding Filter', () => {
  async function boundTo(e: TestEngine, hostname: string | undefined): Promise<void> {
    await e.api.create(PVS, volume('v', hostname === undefined ? {} : { hostname }), user);
    await e.api.create(PVCS, claim('data'), user);
    await after(e, 1000);
    expect(getClaim(e, 'data').status?.phase).toBe('Bound');
  }

  it("a bound volume's node affinity places the pod on its node", async () => {
    const e = await cluster(true);
    await boundTo(e, 'n2');
    await e.api.create(PODS, podWithClaims('db', ['data']), user);
    await after(e, 1000);
    expect(get(e, 'db').spec?.nodeName).toBe('n2');
  });

  it('no node matches the volume: node(s) had volume node affinity conflict', async () => {
    const e = await cluster(true);
    await boundTo(e, 'gone');
    await e.api.create(PODS, podWithClaims('db', ['data']), user);
    await after(e, 1000);
    expect(condition(e, 'db')?.message).toBe(`0/2 nodes are available: 2 node(s) had volume node affinity conflict. ${preemption(2)}`);
  });

  it('a bound claim whose volume is gone: pvc(s) bound to non-existent pv(s)', async () => {
    const e = await cluster(false);
    await e.api.create(PVCS, claim('data', { volumeName: 'nowhere' }), user);
    await e.api.patch({ ...PVCS, name: 'data' }, 'merge', { metadata: { annotations: { 'pv.kubernetes.io/bind-completed': 'yes' } } }, user);
    await e.api.create(PODS, podWithClaims('db', ['data']), user);
    await after(e, 1000);
    expect(condition(e, 'db')?.message).toBe(`0/2 nodes are available: 2 node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s). ${preemption(2)}`);
  });

  it('WaitForFirstConsumer without a provisioner and without a usable volume: didn\'t find available persistent volumes to bind', async () => {
    const e = await cluster(true);
    await e.api.create(CLASSES, storageClass('local', { mode: 'WaitForFirstConsumer', provisioner: 'kubernetes.io/no-provisioner' }), user);
    await e.api.create(PVS, volume('far', { cls: 'local', hostname: 'n9' }), user);
    await e.api.create(PVCS, claim('data', { cls: 'local' }), user);
    await e.api.create(PODS, podWithClaims('db', ['data']), user);
    await after(e, 1000);
    expect(condition(e, 'db')?.message).toBe(`0/2 nodes are available: 2 node(s) didn't find available persistent volumes to bind. ${preemption(2)}`);
  });

  it('findPodVolumes: a claim already provisioning for another node fails this node at once', () => {
    const c = claim('data', { cls: 'local' });
    const annotated = { ...c, metadata: { ...c.metadata, annotations: { 'volume.kubernetes.io/selected-node': 'n1' } } };
    const claims = { bound: [], delayed: [annotated], volumesByClass: new Map(), classes: new Map([['local', { provisioner: 'chronokube.io/sim' }]]) };
    expect(findPodVolumes(claims, { name: 'n2', labels: {} }).reasons).toEqual(["node(s) didn't find available persistent volumes to bind"]);
    expect(findPodVolumes(claims, { name: 'n1', labels: {} })).toMatchObject({ reasons: [], provisions: [annotated] });
  });

  it('allowedTopologies of the class limit where a claim can be provisioned', () => {
    const claims = {
      bound: [],
      delayed: [claim('data', { cls: 'zonal' })],
      volumesByClass: new Map(),
      classes: new Map([['zonal', { provisioner: 'chronokube.io/sim', allowedTopologies: [{ matchLabelExpressions: [{ key: 'zone', values: ['a'] }] }] }]]),
    };
    expect(findPodVolumes(claims, { name: 'n1', labels: { zone: 'a' } }).reasons).toEqual([]);
    expect(findPodVolumes(claims, { name: 'n2', labels: { zone: 'b' } }).reasons).toEqual(["node(s) didn't find available persistent volumes to bind"]);
  });
});

describe('VolumeBinding PreBind', () => {
  it('WaitForFirstConsumer + provisioner: marks the claim with the node, waits for the volume, then binds the pod there', async () => {
    const e = await cluster(true);
    await e.api.create(CLASSES, storageClass('local', { mode: 'WaitForFirstConsumer' }), user);
    await e.api.create(PVCS, claim('data', { cls: 'local' }), user);
    await e.api.create(PODS, podWithClaims('db', ['data'], { cpu: '100m' }, { nodeSelector: { 'kubernetes.io/hostname': 'n2' } }), user);
    await after(e, 1000);
    const pod = get(e, 'db');
    expect(pod.spec?.nodeName).toBe('n2');
    const c = getClaim(e, 'data');
    expect(c.metadata?.annotations?.['volume.kubernetes.io/selected-node']).toBe('n2');
    expect(c.status?.phase).toBe('Bound');
    expect(getVolume(e, c.spec?.volumeName ?? '').spec?.nodeAffinity?.required?.nodeSelectorTerms?.[0]?.matchExpressions?.[0]?.values).toEqual(['n2']);
    // Order: the scheduler's PreBind write, the provisioned volume, the claim bound, then the Binding.
    const w = e.store.writes({});
    const at = (pred: (x: (typeof w)[number]) => boolean): number => w.findIndex(pred);
    const preBind = at((x) => x.actor === 'controller:scheduler' && x.key === 'core/persistentvolumeclaims/default/data');
    const created = at((x) => x.verb === 'create' && x.key.startsWith('core/persistentvolumes/'));
    const binding = at((x) => x.subresource === 'binding');
    expect(preBind).toBeGreaterThanOrEqual(0);
    expect(preBind).toBeLessThan(created);
    expect(created).toBeLessThan(binding);
    expect(condition(e, 'db')).toMatchObject({ status: 'True' });
  });

  it('WaitForFirstConsumer + a local volume: the scheduler reserves it (claimRef), the binder binds it, then the pod is bound to its node', async () => {
    const e = await cluster(true);
    await e.api.create(CLASSES, storageClass('local', { mode: 'WaitForFirstConsumer', provisioner: 'kubernetes.io/no-provisioner' }), user);
    await e.api.create(PVS, volume('disk-n1', { cls: 'local', hostname: 'n1' }), user);
    await e.api.create(PVCS, claim('data', { cls: 'local' }), user);
    await after(e, 1000);
    await e.api.create(PODS, podWithClaims('db', ['data']), user);
    await after(e, 1000);
    expect(get(e, 'db').spec?.nodeName).toBe('n1');
    expect(getClaim(e, 'data').spec?.volumeName).toBe('disk-n1');
    const reserve = e.store.writes({ actor: 'controller:scheduler' }).find((x) => x.key === 'core/persistentvolumes/_/disk-n1');
    expect(reserve).toBeDefined();
    expect(getVolume(e, 'disk-n1').metadata?.annotations?.['pv.kubernetes.io/bound-by-controller']).toBe('yes');
  });
});
