import type { Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { nodeAgent } from '../../../src/controllers/node-agent/node-agent.js';
import { containerEnvironment, mountContents, podSyncTimes, volumeContents } from '../../../src/controllers/node-agent/volume-contents.js';
import { objectKey } from '../../../src/model/index.js';
import { createWorld } from '../../../src/runtime/world/create-world.js';
import type { StateView } from '../../../src/store/index.js';
import { testEngine } from '../../runtime/engine.js';
import { configMap } from './fake-view.js';

const user = { actor: 'user:alice' };
const EPOCH = Date.UTC(2026, 0, 1);
const cms = { group: '', version: 'v1', resource: 'configmaps', namespace: 'default' };
const pods = { group: '', version: 'v1', resource: 'pods', namespace: 'default' };

describe('what a running container sees', () => {
  it('volumes follow ConfigMap updates at the next kubelet sync; subPath mounts and env keep what they started with', async () => {
    const e = await testEngine();
    const world = createWorld({ behaviours: [] });
    for (const def of nodeAgent('node-1', world, { podCIDRs: ['10.244.1.0/24'] })) e.manager.add(def);
    await e.api.create(cms, configMap('app', { mode: 'blue', 'a.conf': 'A1' }), user);
    await e.api.create(
      pods,
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'web', namespace: 'default' },
        spec: {
          nodeName: 'node-1',
          volumes: [{ name: 'cfg', configMap: { name: 'app' } }],
          containers: [
            {
              name: 'app',
              image: 'nginx:1.27',
              env: [{ name: 'MODE', valueFrom: { configMapKeyRef: { name: 'app', key: 'mode' } } }],
              volumeMounts: [
                { name: 'cfg', mountPath: '/etc/app' },
                { name: 'cfg', mountPath: '/etc/mode', subPath: 'mode' },
              ],
            },
          ],
        },
      },
      user,
    );
    await e.scheduler.run(10_000);
    await e.api.patch({ ...cms, name: 'app' }, 'merge', { data: { mode: 'green' } }, user);
    const updatedAt = e.clock.now();
    await e.scheduler.run(300_000);

    const writes = e.store.writes({});
    const historyAt = (t: number): StateView => e.store.at([...writes].reverse().find((w) => w.time <= t)?.rev ?? 1);
    const pod = e.store.head().get(objectKey({ group: '', resource: 'pods', namespace: 'default', name: 'web' })) as unknown as Pod;

    const syncs = podSyncTimes(pod, EPOCH, 300_000);
    expect(syncs[0]).toBe(0);
    // Every 60 s plus up to 30 s of jitter.
    for (let i = 1; i < syncs.length; i++) {
      const gap = (syncs[i] ?? 0) - (syncs[i - 1] ?? 0);
      expect(gap).toBeGreaterThanOrEqual(60_000);
      expect(gap).toBeLessThan(90_000);
    }
    const firstSyncAfter = syncs.find((t) => t >= updatedAt) ?? Infinity;
    expect(firstSyncAfter).toBeLessThan(100_000);

    expect(volumeContents(historyAt, pod, 'cfg', updatedAt + 1, EPOCH)).toEqual({ 'a.conf': 'A1', mode: 'blue' });
    expect(volumeContents(historyAt, pod, 'cfg', firstSyncAfter - 1, EPOCH)).toEqual({ 'a.conf': 'A1', mode: 'blue' });
    expect(volumeContents(historyAt, pod, 'cfg', firstSyncAfter, EPOCH)).toEqual({ 'a.conf': 'A1', mode: 'green' });
    expect(mountContents(historyAt, pod, 'app', '/etc/app', 290_000, EPOCH)).toEqual({ 'a.conf': 'A1', mode: 'green' });
    expect(mountContents(historyAt, pod, 'app', '/etc/mode', 290_000, EPOCH)).toEqual({ mode: 'blue' });
    const env = containerEnvironment(historyAt, pod, 'app', EPOCH);
    expect(env).toMatchObject({ ok: true, env: { MODE: 'blue' }, warnings: [] });
    // The kubernetes Service's variables come with every container.
    expect(env?.ok === true && env.env['KUBERNETES_SERVICE_HOST']).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(volumeContents(historyAt, pod, 'nope', 290_000, EPOCH)).toBeUndefined();

    // Deleting the ConfigMap leaves the files as they were.
    await e.api.delete({ ...cms, name: 'app' }, user);
    const deletedAt = e.clock.now();
    await e.scheduler.run(deletedAt + 200_000);
    const all = e.store.writes({});
    const at2 = (t: number): StateView => e.store.at([...all].reverse().find((w) => w.time <= t)?.rev ?? 1);
    expect(volumeContents(at2, pod, 'cfg', deletedAt + 199_000, EPOCH)).toEqual({ 'a.conf': 'A1', mode: 'green' });
  });

  it('has no contents or environment before the container runs', () => {
    const pending: Pod = {
      metadata: { name: 'p', namespace: 'default', uid: 'u' },
      spec: { volumes: [{ name: 'cfg', configMap: { name: 'app' } }], containers: [{ name: 'app' }] },
      status: { conditions: [{ type: 'PodReadyToStartContainers', status: 'False' }] },
    };
    const never = (): StateView => {
      throw new Error('not consulted');
    };
    expect(podSyncTimes(pending, EPOCH, 1_000_000)).toEqual([]);
    expect(volumeContents(never, pending, 'cfg', 1_000_000, EPOCH)).toBeUndefined();
    expect(containerEnvironment(never, pending, 'app', EPOCH)).toBeUndefined();
    expect(mountContents(never, pending, 'app', '/x', 1_000_000, EPOCH)).toBeUndefined();
  });
});
