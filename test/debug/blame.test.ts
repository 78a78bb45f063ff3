import { describe, expect, it } from 'vitest';
import { blame } from '../../src/debug/index.js';
import { harness } from '../api/harness.js';
import { runFixture } from '../runtime/scenario/run-fixture.js';

const cms = (name?: string) => ({ group: '', version: 'v1', resource: 'configmaps', namespace: 'default', ...(name === undefined ? {} : { name }) });
const KEY = 'core/configmaps/default/c';

describe('blame', () => {
  it('names, for every field, the oldest write since which its value is unchanged', async () => {
    const { api, store, clock } = await harness();
    await api.create(cms(), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { app: 'x' } }, data: { a: '1', b: '1' } }, { actor: 'user:alice' });
    clock.advanceTo(1_000);
    const bob = await api.patch(cms('c'), 'merge', { data: { b: '2' } }, { actor: 'controller:bob', cause: [1] });
    clock.advanceTo(2_000);
    // The same value again: carol does not take the blame for data.a.
    await api.patch(cms('c'), 'merge', { data: { a: '1', c: '3' } }, { actor: 'user:carol' });
    const r = blame(store, KEY);
    const by = (path: string) => r?.lines.find((l) => l.path === path);
    expect(by('/data/a')).toMatchObject({ actor: 'user:alice', verb: 'create', value: '1' });
    expect(by('/data/b')).toMatchObject({ actor: 'controller:bob', verb: 'patch', rev: Number(bob.metadata.resourceVersion), time: 1_000, value: '2', cause: [1] });
    expect(by('/data/c')).toMatchObject({ actor: 'user:carol', value: '3' });
    expect(by('/metadata/labels/app')).toMatchObject({ actor: 'user:alice' });
    expect(by('/metadata/resourceVersion')).toBeUndefined();
    expect(by('/metadata/managedFields')).toBeUndefined();
    expect(r?.lines.map((l) => l.path).slice(0, 3)).toEqual(['/apiVersion', '/kind', '/metadata/name']);
  });

  it('blames the version visible at an earlier revision, and nothing for an absent object', async () => {
    const { api, store } = await harness();
    const created = await api.create(cms(), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } }, { actor: 'user:alice' });
    await api.patch(cms('c'), 'merge', { data: { a: '2' } }, { actor: 'user:bob' });
    const rev = Number(created.metadata.resourceVersion);
    expect(blame(store, KEY, rev)?.lines.find((l) => l.path === '/data/a')).toMatchObject({ actor: 'user:alice', value: '1' });
    expect(blame(store, KEY, rev - 1)).toBeUndefined();
    expect(blame(store, 'core/configmaps/default/never')).toBeUndefined();
    await api.delete(cms('c'), { actor: 'user:bob' });
    expect(blame(store, KEY)).toBeUndefined();
  });

  it('after a delete and re-create, blames the new object only', async () => {
    const { api, store } = await harness();
    await api.create(cms(), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } }, { actor: 'user:alice' });
    await api.delete(cms('c'), { actor: 'user:alice' });
    await api.create(cms(), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } }, { actor: 'user:bob' });
    expect(blame(store, KEY)?.lines.find((l) => l.path === '/data/a')?.actor).toBe('user:bob');
  });

  it('on fixtures/deployment-stuck-rollout.yaml: the scheduler set a pod\'s spec.nodeName, its kubelet status.phase, the ReplicaSet controller its name', async () => {
    const run = await runFixture('fixtures/deployment-stuck-rollout.yaml');
    const pods = run.store.head().keys({ group: '', resource: 'pods' });
    expect(pods.length).toBeGreaterThan(0);
    for (const key of pods) {
      const r = blame(run.store, key)!;
      const pod = run.store.head().get(key) as unknown as { spec: { nodeName: string } };
      const by = (path: string) => r.lines.find((l) => l.path === path);
      expect(by('/spec/nodeName')).toMatchObject({ actor: 'controller:scheduler', subresource: 'binding', value: pod.spec.nodeName });
      expect(by('/status/phase')).toMatchObject({ actor: `node:${pod.spec.nodeName}`, value: 'Running' });
      expect(by('/metadata/name')).toMatchObject({ actor: 'controller:replicaset', verb: 'create' });
      // Independently: the blamed write is where the value appeared, and every later version keeps it.
      const versions = run.store.versions(key);
      const line = by('/spec/nodeName')!;
      expect((run.store.at(line.rev - 1).get(key) as { spec?: { nodeName?: string } } | undefined)?.spec?.nodeName).toBeUndefined();
      expect(r.versionsRead).toBeLessThanOrEqual(versions.length);
    }
  }, 30_000);
});
