import type { Event, Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { nodeAgent } from '../../../src/controllers/node-agent/node-agent.js';
import type { KubeObject } from '../../../src/model/index.js';
import { objectKey } from '../../../src/model/index.js';
import { createWorld } from '../../../src/runtime/world/create-world.js';
import { testEngine } from '../../runtime/engine.js';
import { configMap } from './fake-view.js';

const user = { actor: 'user:alice' };
const podKey = (name: string): string => objectKey({ group: '', resource: 'pods', namespace: 'default', name });
const cms = { group: '', version: 'v1', resource: 'configmaps', namespace: 'default' };
const pods = { group: '', version: 'v1', resource: 'pods', namespace: 'default' };

function podWith(name: string, spec: Record<string, unknown>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { app: name } },
    spec: { nodeName: 'node-1', containers: [{ name: 'app', image: 'nginx:1.27' }], ...spec },
  };
}

async function setup() {
  const e = await testEngine();
  const world = createWorld({ behaviours: [] });
  for (const def of nodeAgent('node-1', world, { podCIDRs: ['10.244.1.0/24'], internalIP: '172.18.0.2' })) e.manager.add(def);
  const pod = (name: string) => e.store.head().get(podKey(name)) as unknown as Pod | undefined;
  const events = (name: string) =>
    (e.store.head().list({ group: '', resource: 'events' }) as unknown as Event[])
      .filter((ev) => ev.involvedObject.name === name)
      .map((ev) => ({ reason: ev.reason, message: ev.message, count: ev.count, type: ev.type }));
  return { ...e, pod, events };
}

describe('kubelet: ConfigMaps and Secrets consumed by pods', () => {
  it('holds a container in CreateContainerConfigError until the key appears, retrying every 10–15 s', async () => {
    const e = await setup();
    await e.api.create(cms, configMap('app', { OTHER: '1' }), user);
    await e.api.create(
      pods,
      podWith('web', { containers: [{ name: 'app', image: 'nginx:1.27', env: [{ name: 'LOG', valueFrom: { configMapKeyRef: { name: 'app', key: 'LOG_LEVEL' } } }] }] }),
      user,
    );
    await e.scheduler.run(1000);
    let p = e.pod('web');
    expect(p?.status?.phase).toBe('Pending');
    expect(p?.status?.containerStatuses?.[0]?.state?.waiting).toEqual({ reason: 'CreateContainerConfigError', message: "couldn't find key LOG_LEVEL in ConfigMap default/app" });
    expect(p?.status?.podIP).toBe('10.244.1.2'); // the sandbox exists: only the container is refused
    expect(p?.status?.conditions?.find((c) => c.type === 'PodReadyToStartContainers')?.status).toBe('True');
    expect(e.events('web')).toEqual(
      expect.arrayContaining([
        { reason: 'Failed', message: "Error: couldn't find key LOG_LEVEL in ConfigMap default/app", count: 1, type: 'Warning' },
        { reason: 'Pulled', message: expect.stringMatching(/^Successfully pulled image "nginx:1.27"/), count: 1, type: 'Normal' },
      ]),
    );
    await e.scheduler.run(60_000);
    const failed = e.events('web').find((ev) => ev.reason === 'Failed');
    // One retry every 10 s plus up to 50 % jitter: 4 to 6 more attempts in a minute.
    expect(failed?.count).toBeGreaterThanOrEqual(5);
    expect(failed?.count).toBeLessThanOrEqual(7);
    expect(e.events('web').find((ev) => ev.message === 'Container image "nginx:1.27" already present on machine')?.count).toBe((failed?.count ?? 0) - 1);
    // No status write per retry: the status did not change.
    const laterWrites = e.store.writes({ actor: 'node:node-1', key: podKey('web') }).filter((w) => w.time > 1000);
    expect(laterWrites).toHaveLength(0);

    const before = e.clock.now();
    await e.api.patch({ ...cms, name: 'app' }, 'merge', { data: { LOG_LEVEL: 'debug' } }, user);
    await e.scheduler.run(before + 16_000);
    p = e.pod('web');
    expect(p?.status?.phase).toBe('Running');
    const started = Date.parse(p?.status?.containerStatuses?.[0]?.state?.running?.startedAt ?? '') - Date.UTC(2026, 0, 1);
    expect(started).toBeGreaterThan(before);
    expect(started).toBeLessThanOrEqual(before + 15_000);
    expect(e.events('web').map((ev) => ev.reason)).toEqual(expect.arrayContaining(['Created', 'Started']));
  });

  it('reports a missing Secret with its NotFound message, and an optional one does not block', async () => {
    const e = await setup();
    await e.api.create(
      pods,
      podWith('a', { containers: [{ name: 'app', image: 'nginx:1.27', envFrom: [{ secretRef: { name: 'creds' } }] }] }),
      user,
    );
    await e.api.create(
      pods,
      podWith('b', { containers: [{ name: 'app', image: 'nginx:1.27', envFrom: [{ secretRef: { name: 'creds', optional: true } }] }] }),
      user,
    );
    await e.scheduler.run(2000);
    expect(e.pod('a')?.status?.containerStatuses?.[0]?.state?.waiting).toEqual({ reason: 'CreateContainerConfigError', message: 'secret "creds" not found' });
    expect(e.pod('b')?.status?.phase).toBe('Running');
  });

  it('keeps a pod with a missing configMap volume in ContainerCreating, with FailedMount on the mount back-off, then mounts it', async () => {
    const e = await setup();
    await e.api.create(pods, podWith('vol', { volumes: [{ name: 'config', configMap: { name: 'settings' } }] }), user);
    await e.scheduler.run(30_000);
    let p = e.pod('vol');
    expect(p?.status?.phase).toBe('Pending');
    expect(p?.status?.podIP).toBeUndefined();
    expect(p?.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('ContainerCreating');
    expect(p?.status?.conditions?.find((c) => c.type === 'PodReadyToStartContainers')?.status).toBe('False');
    const mount = e.events('vol').find((ev) => ev.reason === 'FailedMount');
    expect(mount?.message).toBe('MountVolume.SetUp failed for volume "config" : configmap "settings" not found');
    // Attempts at 0, 0.5, 1.5, 3.5, 7.5, 15.5 s (and the next at 31.5 s).
    expect(mount?.count).toBe(6);
    await e.scheduler.run(300_000);
    // ... 31.5, 63.5, 127.5, 249.5 s: the back-off caps at 2m2s.
    expect(e.events('vol').find((ev) => ev.reason === 'FailedMount')?.count).toBe(10);

    await e.api.create(cms, configMap('settings', { a: '1' }), user);
    await e.scheduler.run(371_500); // the next attempt: 249.5 + 122 s
    p = e.pod('vol');
    expect(p?.status?.phase).toBe('Running');
    expect(p?.status?.podIP).toBe('10.244.1.2');
    expect(p?.status?.containerStatuses?.[0]?.state?.running?.startedAt).toBe('2026-01-01T00:06:11Z');
    expect(p?.status?.conditions?.find((c) => c.type === 'PodReadyToStartContainers')).toMatchObject({ status: 'True', lastTransitionTime: '2026-01-01T00:06:11Z' });
  });

  it('a restart resolves the configuration again: a deleted ConfigMap holds the restart, keeping restartCount and lastState', async () => {
    const e = await setup();
    await e.api.create(cms, configMap('app', { LOG_LEVEL: 'info' }), user);
    const pod = podWith('crash', { containers: [{ name: 'app', image: 'nginx:1.27', env: [{ name: 'LOG', valueFrom: { configMapKeyRef: { name: 'app', key: 'LOG_LEVEL' } } }] }] });
    await e.api.create(pods, { ...pod, metadata: { ...pod.metadata, annotations: { 'chronokube.io/crash-after': '5s' } } }, user);
    await e.scheduler.run(2000);
    expect(e.pod('crash')?.status?.phase).toBe('Running');
    await e.api.delete({ ...cms, name: 'app' }, user);
    await e.scheduler.run(20_000); // exited at 5 s; the restart was due at 15 s
    let cs = e.pod('crash')?.status?.containerStatuses?.[0];
    expect(cs?.state?.waiting).toEqual({ reason: 'CreateContainerConfigError', message: 'configmap "app" not found' });
    expect(cs?.restartCount).toBe(0);
    expect(cs?.lastState?.terminated).toMatchObject({ exitCode: 1, reason: 'Error', finishedAt: '2026-01-01T00:00:05Z' });
    expect(e.events('crash').find((ev) => ev.reason === 'Failed')?.message).toBe('Error: configmap "app" not found');

    await e.api.create(cms, configMap('app', { LOG_LEVEL: 'debug' }), user);
    const back = e.clock.now();
    await e.scheduler.run(back + 15_000);
    cs = e.pod('crash')?.status?.containerStatuses?.[0];
    expect(cs?.restartCount).toBe(1);
    const started = Date.parse(cs?.state?.running?.startedAt ?? cs?.lastState?.terminated?.startedAt ?? '') - Date.UTC(2026, 0, 1);
    expect(started).toBeGreaterThan(back);
    expect(started).toBeLessThanOrEqual(back + 15_000);
  });
});
