/**
 * fixtures/pvc-wait-for-consumer.yaml: the claim stays Pending until its first
 * consumer is scheduled, is provisioned on that pod's node, the pod is bound
 * only after the claim, and the volume goes with the claim — checked over
 * the whole history, then replayed with no divergence.
 */
import type { PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import type { ControllerDefinition } from '../../../src/controllers/index.js';
import { persistentVolumeClaimBinder } from '../../../src/controllers/persistent-volume/claim-binder.js';
import { simProvisioner } from '../../../src/controllers/persistent-volume/sim-provisioner.js';
import { persistentVolumeController } from '../../../src/controllers/persistent-volume/volume-controller.js';
import { pvProtectionController } from '../../../src/controllers/persistent-volume/pv-protection.js';
import { pvcProtectionController } from '../../../src/controllers/persistent-volume/pvc-protection.js';
import { replayReconciles } from '../../../src/debug/index.js';
import type { KubeObject, WriteRecord } from '../../../src/model/index.js';
import { controllerRandom, controlPlaneControllers, createWorld } from '../../../src/runtime/index.js';
import { nodeAgent } from '../../../src/controllers/index.js';
import type { FixtureRun } from '../../runtime/scenario/run-fixture.js';
import { runFixture } from '../../runtime/scenario/run-fixture.js';
import { whyNot } from '../../../src/debug/index.js';

const CLAIM = 'core/persistentvolumeclaims/default/data';
const POD = 'core/pods/default/db';

/** The storage controllers, unless the control plane already runs them. */
function storageControllers(): ControllerDefinition[] {
  const builtIn = new Set(controlPlaneControllers().map((d) => d.name));
  return [persistentVolumeClaimBinder(), persistentVolumeController(), ...simProvisioner(), pvcProtectionController(), pvProtectionController()].filter((d) => !builtIn.has(d.name));
}

/** replayFixture, with the storage controllers known even before the control plane lists them. */
function replay(run: FixtureRun) {
  const world = createWorld({ behaviours: run.scenario.behaviours });
  const defs = new Map<string, ControllerDefinition>();
  for (const d of [...controlPlaneControllers(world), ...storageControllers()]) defs.set(d.name, d);
  for (const n of run.scenario.nodes) {
    for (const d of nodeAgent(n.name, world, { cpu: n.cpu, memory: n.memory, pods: n.pods, labels: n.labels, taints: n.taints.map((t) => ({ ...t })), podCIDRs: n.podCIDRs })) defs.set(d.name, d);
  }
  return replayReconciles({
    store: run.store,
    records: run.records,
    epoch: run.scenario.epoch,
    definitionFor: (name) => defs.get(name),
    randomFor: (name) => controllerRandom(run.scenario.seed, name),
    onFault: (fault, time) => world.applyFault(fault, time),
  });
}

const firstWrite = (run: FixtureRun, pred: (w: WriteRecord) => boolean): WriteRecord => {
  const w = run.store.writes({}).find(pred);
  if (w === undefined) throw new Error('no such write');
  return w;
};

describe('fixtures/pvc-wait-for-consumer.yaml', () => {
  it('waits for the first consumer, provisions on its node, binds the pod after the claim, deletes the volume with the claim, and replays', async () => {
    const run = await runFixture('fixtures/pvc-wait-for-consumer.yaml', { stable: true }, storageControllers());
    expect(run.result.stable).toBe(true);
    expect(run.result.warnings).toEqual([]);
    expect(run.records.filter((r) => r.type === 'attempt').map((r) => (r.type === 'attempt' ? `${r.actor} ${r.command.type} ${r.status.code} ${r.status.message}` : ''))).toEqual([]);

    // Pending, with no volume, until the pod exists; the binder said why at each 15 s resync.
    const pvCreate = firstWrite(run, (w) => w.verb === 'create' && w.key.startsWith('core/persistentvolumes/'));
    expect(pvCreate.time).toBeGreaterThanOrEqual(120_000);
    expect(pvCreate.actor).toBe('controller:sim-provisioner');
    const before = run.store.at(pvCreate.rev - 1);
    const waiting = before
      .list({ group: '', resource: 'events', namespace: 'default' })
      .find((e) => e['reason'] === 'WaitForFirstConsumer' && (e['involvedObject'] as { name?: string }).name === 'data');
    expect(waiting).toMatchObject({ type: 'Normal', message: 'waiting for first consumer to be created before binding', source: { component: 'persistentvolume-controller' } });
    expect(waiting?.['count']).toBeGreaterThanOrEqual(8);
    const atTwoMinutes = run.store.at(run.store.writes({}).filter((w) => w.time < 120_000).at(-1)?.rev ?? 0);
    expect((atTwoMinutes.get(CLAIM) as PersistentVolumeClaim | undefined)?.status?.phase ?? 'Pending').toBe('Pending');
    // whynot on the claim then: waiting for its first consumer, which does not exist yet.
    const why = whyNot(run.store, [], CLAIM, atTwoMinutes.rev);
    expect(why.ok).toBe(false);
    expect(why.findings.map((f) => f.summary)).toContain('WaitForFirstConsumer: waiting for first consumer to be created before binding');
    expect(why.findings.map((f) => f.summary)).toContain('no pod uses it');
    expect(whyNot(run.store, [], CLAIM, pvCreate.rev + 10).findings.some((f) => f.summary.startsWith('it is Bound to persistentvolume ') || f.summary.startsWith('phase '))).toBe(true);

    // The scheduler's PreBind chose big-1 (the only node with 3 free CPUs) before anything was provisioned.
    const preBind = firstWrite(run, (w) => w.actor === 'controller:scheduler' && w.key === CLAIM);
    expect(preBind.rev).toBeLessThan(pvCreate.rev);
    expect((run.store.at(preBind.rev).get(CLAIM) as PersistentVolumeClaim).metadata?.annotations?.['volume.kubernetes.io/selected-node']).toBe('big-1');
    const pv = run.store.at(pvCreate.rev).get(pvCreate.key) as KubeObject & PersistentVolume;
    expect(pv.spec?.nodeAffinity?.required?.nodeSelectorTerms).toEqual([{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['big-1'] }] }]);
    expect(pv.spec).toMatchObject({ storageClassName: 'local-wait', persistentVolumeReclaimPolicy: 'Delete', capacity: { storage: '2Gi' } });

    // The pod is bound after the claim is, to the volume's node, and runs.
    const claimBound = firstWrite(run, (w) => w.key === CLAIM && (run.store.at(w.rev).get(CLAIM) as PersistentVolumeClaim | undefined)?.status?.phase === 'Bound');
    const binding = firstWrite(run, (w) => w.key === POD && w.subresource === 'binding');
    expect(claimBound.rev).toBeLessThan(binding.rev);
    expect((run.store.at(binding.rev).get(POD) as Pod).spec?.nodeName).toBe('big-1');
    const running = firstWrite(run, (w) => w.key === POD && (run.store.at(w.rev).get(POD) as Pod | undefined)?.status?.phase === 'Running');
    expect(running.time).toBeLessThan(300_000);

    // With the claim gone the volume is Released, then deleted by its provisioner.
    const released = firstWrite(run, (w) => w.key === pvCreate.key && (run.store.at(w.rev).get(pvCreate.key) as PersistentVolume | undefined)?.status?.phase === 'Released');
    expect(released.time).toBeGreaterThanOrEqual(360_000);
    const deleted = firstWrite(run, (w) => w.key === pvCreate.key && w.verb === 'delete');
    expect(deleted.actor).toBe('controller:sim-provisioner');
    expect(run.store.head().get(pvCreate.key)).toBeUndefined();

    const report = await replay(run);
    expect(report.divergence).toBeUndefined();
    expect(report.checked).toBeGreaterThan(30);
  }, 60_000);
});
