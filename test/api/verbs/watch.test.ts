import { firstValueFrom, take, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { WatchEvent } from '../../../src/model/index.js';
import { alice, configMap, configMaps, harness } from '../harness.js';

const summary = (e: WatchEvent): string => (e.type === 'ERROR' ? `ERROR ${e.object.reason}` : `${e.type} ${e.object.metadata.name ?? ''}`);

describe('watch', () => {
  it('without a resourceVersion starts with the existing objects, then follows', async () => {
    const { api } = await harness();
    await api.create(configMaps(), configMap('a'), alice);
    const events = firstValueFrom(api.watch(configMaps()).pipe(take(3), toArray()));
    await api.create(configMaps(), configMap('b'), alice);
    await api.delete(configMaps('default', 'a'), alice);
    expect((await events).map(summary)).toEqual(['ADDED a', 'ADDED b', 'DELETED a']);
  });

  it('from a resourceVersion sends every later write in order', async () => {
    const { api, store } = await harness();
    await api.create(configMaps(), configMap('a'), alice);
    const rev = store.rev;
    await api.patch(configMaps('default', 'a'), 'merge', { data: { a: '2' } }, alice);
    await api.create(configMaps(), configMap('b'), alice);
    const events = await firstValueFrom(api.watch(configMaps(), { resourceVersion: String(rev) }).pipe(take(2), toArray()));
    expect(events.map(summary)).toEqual(['MODIFIED a', 'ADDED b']);
    expect(events.map((e) => e.rev)).toEqual([rev + 1, rev + 2]);
  });

  it('with a label selector, objects moving in and out are ADDED and DELETED', async () => {
    const { api, store } = await harness();
    const rev = store.rev;
    await api.create(configMaps(), configMap('a', {}, { app: 'web' }), alice);
    await api.patch(configMaps('default', 'a'), 'merge', { metadata: { labels: { app: 'db' } } }, alice);
    await api.patch(configMaps('default', 'a'), 'merge', { metadata: { labels: { app: 'web' } } }, alice);
    const events = await firstValueFrom(api.watch(configMaps(), { resourceVersion: String(rev), labelSelector: 'app=web' }).pipe(take(3), toArray()));
    expect(events.map(summary)).toEqual(['ADDED a', 'DELETED a', 'ADDED a']);
  });

  it('sendInitialEvents ends the initial events with the annotated BOOKMARK', async () => {
    const { api } = await harness();
    await api.create(configMaps(), configMap('a'), alice);
    const events = await firstValueFrom(
      api.watch(configMaps(), { sendInitialEvents: true, allowWatchBookmarks: true, resourceVersionMatch: 'NotOlderThan' }).pipe(take(2), toArray()),
    );
    expect(events[0]?.type).toBe('ADDED');
    expect(events[1]?.type).toBe('BOOKMARK');
    expect(events[1]?.type === 'BOOKMARK' && events[1].object.metadata.annotations?.['k8s.io/initial-events-end']).toBe('true');
  });

  it('refuses sendInitialEvents without bookmarks', async () => {
    const { api } = await harness();
    expect(() => api.watch(configMaps(), { sendInitialEvents: true })).toThrow(/allowWatchBookmarks/);
  });
});
