import { describe, expect, it } from 'vitest';
import { fieldPointer, why, whyField } from '../../src/debug/index.js';
import { harness } from '../api/harness.js';

const cms = (name?: string) => ({ group: '', version: 'v1', resource: 'configmaps', namespace: 'default', ...(name === undefined ? {} : { name }) });
const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { mode: 'blue', size: 's' } };
const KEY = 'core/configmaps/default/settings';

describe('whyField (why of one field)', () => {
  it("explains the write that set the field's current value, not the object's latest write", async () => {
    const { api, store } = await harness();
    const made = await api.create(cms(), cm, { actor: 'user:alice' });
    const r1 = Number(made.metadata.resourceVersion);
    const modeSet = await api.patch(cms('settings'), 'merge', { data: { mode: 'green' } }, { actor: 'controller:mode-setter', cause: [r1] });
    const r2 = Number(modeSet.metadata.resourceVersion);
    await api.patch(cms('settings'), 'merge', { data: { size: 'm' } }, { actor: 'user:bob' });
    expect(why(store, [], KEY)?.write.actor).toBe('user:bob');
    const mode = whyField(store, [], KEY, 'data.mode');
    expect(mode).toMatchObject({ field: '/data/mode', value: 'green', rev: r2 });
    expect(mode.tree.write.actor).toBe('controller:mode-setter');
    expect(mode.tree.causes.map((c) => c.write.rev)).toEqual([r1]);
    // At an earlier revision the same field was set by the create.
    expect(whyField(store, [], KEY, '/data/mode', r1).tree.write.rev).toBe(r1);
    // A field that is an object answers for the newest write under it.
    expect(whyField(store, [], KEY, 'data').tree.write.actor).toBe('user:bob');
  });

  it('refuses a field the object does not have, and an object that is not there', async () => {
    const { api, store } = await harness();
    await api.create(cms(), cm, { actor: 'user:alice' });
    expect(() => whyField(store, [], KEY, 'spec.replicas')).toThrow(`${KEY} has no field /spec/replicas at revision ${store.rev}`);
    expect(() => whyField(store, [], 'core/configmaps/default/nope', 'data')).toThrow('core/configmaps/default/nope does not exist at revision');
  });

  it('reads dotted paths and JSON Pointers alike', () => {
    expect(fieldPointer('spec.replicas')).toBe('/spec/replicas');
    expect(fieldPointer('/status/phase')).toBe('/status/phase');
    expect(fieldPointer('metadata.labels.app~x/y')).toBe('/metadata/labels/app~0x~1y');
  });
});
