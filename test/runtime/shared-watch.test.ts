import { describe, expect, it } from 'vitest';
import type { WatchEvent } from '../../src/model/index.js';
import { SharedWatch } from '../../src/runtime/shared-watch.js';
import { testEngine } from './engine.js';

const cms = (name?: string) => ({ group: '', version: 'v1', resource: 'configmaps', namespace: 'default', ...(name === undefined ? {} : { name }) });
const user = { actor: 'user:alice' };
const scope = { group: '', resource: 'configmaps' };

const brief = (e: WatchEvent): string => `${e.type} ${e.object.metadata.name ?? ''} ${'rev' in e ? e.rev : ''}`;

describe('SharedWatch', () => {
  it('shows each subscriber what its own store watch shows: the objects at head, then every change', async () => {
    const e = await testEngine();
    await e.api.create(cms(), { metadata: { name: 'b' }, data: { x: '1' } }, user);
    await e.api.create(cms(), { metadata: { name: 'a' } }, user);
    const shared = new SharedWatch(e.store, scope);
    const own: string[] = [];
    const viaShared: string[] = [];
    const s1 = e.store.watch({ scope }).subscribe((ev) => own.push(brief(ev)));
    const s2 = shared.events().subscribe((ev) => viaShared.push(brief(ev)));
    await e.api.patch(cms('b'), 'merge', { data: { x: '2' } }, user);
    await e.api.create(cms(), { metadata: { name: 'c' } }, user);
    await e.api.create({ group: '', version: 'v1', resource: 'secrets', namespace: 'default' }, { metadata: { name: 's' } }, user);
    await e.api.delete(cms('a'), user);
    expect(viaShared).toEqual(own);
    expect(viaShared.map((s) => s.split(' ').slice(0, 2).join(' '))).toEqual(['ADDED a', 'ADDED b', 'MODIFIED b', 'ADDED c', 'DELETED a']);
    s1.unsubscribe();
    s2.unsubscribe();
    shared.close();
  });

  it('a late subscriber starts from the objects at head; changes reach subscribers in the order they subscribed', async () => {
    const e = await testEngine();
    const shared = new SharedWatch(e.store, scope);
    const seen: string[] = [];
    const first = shared.events().subscribe((ev) => seen.push(`1:${brief(ev)}`));
    await e.api.create(cms(), { metadata: { name: 'a' } }, user);
    const second = shared.events().subscribe((ev) => seen.push(`2:${brief(ev)}`));
    const changes = shared.changes$.subscribe((ev) => seen.push(`3:${brief(ev)}`));
    await e.api.create(cms(), { metadata: { name: 'b' } }, user);
    const revA = e.api.get(cms('a')).metadata.resourceVersion ?? '';
    const revB = e.api.get(cms('b')).metadata.resourceVersion ?? '';
    expect(seen).toEqual([`1:ADDED a ${revA}`, `2:ADDED a ${revA}`, `1:ADDED b ${revB}`, `2:ADDED b ${revB}`, `3:ADDED b ${revB}`]);
    first.unsubscribe();
    await e.api.delete(cms('b'), user);
    expect(seen.slice(5).map((s) => s.slice(0, 11))).toEqual(['2:DELETED b', '3:DELETED b']);
    second.unsubscribe();
    changes.unsubscribe();
    shared.close();
  });

  it('after close, the store no longer calls it and subscribers complete', async () => {
    const e = await testEngine();
    const shared = new SharedWatch(e.store, scope);
    let completed = false;
    const got: string[] = [];
    shared.events().subscribe({ next: (ev) => got.push(brief(ev)), complete: () => (completed = true) });
    shared.close();
    await e.api.create(cms(), { metadata: { name: 'a' } }, user);
    expect(completed).toBe(true);
    expect(got).toEqual([]);
  });
});
