import { describe, expect, it } from 'vitest';
import { collect } from '../../../src/controllers/garbage-collector/collect.js';
import { OwnerResolver } from '../../../src/controllers/garbage-collector/owner-resolver.js';
import type { KubeObject, OwnerReference } from '../../../src/model/index.js';
import { testEngine } from '../../runtime/engine.js';
import { user } from '../replica-set/fixtures.js';

const CMS = { group: '', version: 'v1', resource: 'configmaps', namespace: 'default' } as const;
const ref = (o: KubeObject): OwnerReference => ({ apiVersion: 'v1', kind: 'ConfigMap', name: o.metadata.name ?? '', uid: o.metadata.uid ?? '', blockOwnerDeletion: true });
const cm = (name: string, owners: OwnerReference[] = [], finalizers: string[] = []): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, ...(owners.length > 0 ? { ownerReferences: owners } : {}), ...(finalizers.length > 0 ? { finalizers } : {}) },
});

describe('collect', () => {
  it('unblocks its own references before a foreground delete when a dependent is itself deleting dependents (cycle guard)', async () => {
    const e = await testEngine();
    const a = await e.api.create(CMS, cm('a'), user);
    const b = await e.api.create(CMS, cm('b', [ref(a)]), user);
    await e.api.create(CMS, cm('c', [ref(b)], ['example.com/hold']), user);
    await e.api.delete({ ...CMS, name: 'c' }, user, { propagationPolicy: 'Foreground' });
    await e.api.delete({ ...CMS, name: 'a' }, user, { propagationPolicy: 'Foreground' });
    const view = e.store.head();
    const commands = collect(view, new OwnerResolver(), view.get('core/configmaps/default/b') as KubeObject);
    expect(commands.map((c) => c.type)).toEqual(['patch', 'delete']);
    expect(commands[0]).toMatchObject({ patchType: 'merge', patch: { metadata: { ownerReferences: [{ name: 'a', blockOwnerDeletion: false }] } } });
    expect(commands[1]).toMatchObject({ options: { propagationPolicy: 'Foreground', preconditions: { uid: b.metadata.uid } } });
  });

  it('an owner deleting in the foreground keeps its finalizer while a blocking dependent remains', async () => {
    const e = await testEngine();
    const a = await e.api.create(CMS, cm('a'), user);
    await e.api.create(CMS, cm('b', [ref(a)]), user);
    await e.api.create(CMS, cm('loose', [{ ...ref(a), blockOwnerDeletion: false }]), user);
    await e.api.delete({ ...CMS, name: 'a' }, user, { propagationPolicy: 'Foreground' });
    let view = e.store.head();
    expect(collect(view, new OwnerResolver(), view.get('core/configmaps/default/a') as KubeObject)).toEqual([]);
    await e.api.delete({ ...CMS, name: 'b' }, user);
    view = e.store.head();
    expect(collect(view, new OwnerResolver(), view.get('core/configmaps/default/a') as KubeObject)).toMatchObject([
      { type: 'patch', patch: { metadata: { finalizers: null } } },
    ]);
  });
});
