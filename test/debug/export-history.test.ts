import { describe, expect, it } from 'vitest';
import { EXPORT_ACTOR, exportHistory, REDACTED_DATA } from '../../src/debug/index.js';
import { createMemoryLog } from '../../src/log/index.js';
import type { HistoryRecord, KubeObject } from '../../src/model/index.js';
import { openStore } from '../../src/store/index.js';
import type { StateView } from '../../src/store/index.js';
import { harness } from '../api/harness.js';

const res = (resource: string, namespace?: string, name?: string) => ({ group: '', version: 'v1', resource, ...(namespace === undefined ? {} : { namespace }), ...(name === undefined ? {} : { name }) });
const strip = (o: KubeObject | undefined) => (o === undefined ? undefined : { ...o, metadata: { ...o.metadata, resourceVersion: undefined } });

async function sample() {
  const h = await harness();
  const { api, log, store } = h;
  for (const ns of ['shop', 'lab']) await api.create(res('namespaces'), { metadata: { name: ns } }, { actor: 'user:alice' });
  await api.create(res('secrets', 'shop'), { metadata: { name: 'db' }, data: { password: 'aHVudGVyMg==' } }, { actor: 'user:alice' });
  const cm = await api.create(res('configmaps', 'shop'), { metadata: { name: 'web' }, data: { a: '1' } }, { actor: 'user:alice' });
  await api.create(res('configmaps', 'lab'), { metadata: { name: 'exp' }, data: { a: '1' } }, { actor: 'user:bob' });
  const from = store.rev;
  await api.patch(res('secrets', 'shop', 'db'), 'merge', { data: { password: 'czNjcjN0' } }, { actor: 'user:alice' });
  await api.patch(res('configmaps', 'lab', 'exp'), 'merge', { data: { a: '2' } }, { actor: 'user:bob' });
  const c2 = await api.patch(res('configmaps', 'shop', 'web'), 'merge', { data: { a: '2' } }, { actor: 'controller:copier', cause: [Number(cm.metadata.resourceVersion)], observedRev: store.rev });
  await log.append([{ type: 'annotation', time: 0, actor: 'user:alice', annotation: { kind: 'bookmark', name: 'copied', rev: Number(c2.metadata.resourceVersion) } }]);
  await api.delete(res('configmaps', 'shop', 'web'), { actor: 'user:alice' });
  return { ...h, from };
}

async function exported(h: Awaited<ReturnType<typeof sample>>, opts: { fromRev?: number; toRev?: number; namespaces?: string[]; includeSecrets?: boolean }) {
  const log = createMemoryLog(h.log.header);
  const report = await exportHistory({ store: h.store, records: h.log.read(), log, ...opts });
  const records: HistoryRecord[] = [];
  for await (const r of log.read()) records.push(r);
  return { report, store: await openStore(log), records };
}

const shopKeys = (v: StateView) => v.keys().filter((k) => k.includes('/shop/'));

describe('exportHistory', () => {
  it('keeps a namespace from a revision on: the state there as a base, later writes renumbered, causes and bookmarks mapped, secrets redacted', async () => {
    const h = await sample();
    const { report, store, records } = await exported(h, { fromRev: h.from, namespaces: ['shop'] });
    const writes = records.filter((r) => r.type === 'write');
    expect(writes.map((w) => w.rev)).toEqual(writes.map((_, i) => i + 1));
    expect(report).toMatchObject({ fromRev: h.from, toRev: h.store.rev, writes: writes.length });
    // No object of the other namespace; cluster-scoped Namespace objects only for shop.
    expect(store.head().keys().some((k) => k.includes('/lab/') || k.endsWith('/lab'))).toBe(false);
    expect(store.head().get('core/namespaces/_/shop')).toBeDefined();
    // The base is the state at `from`, written by the export.
    const base = writes.filter((w) => w.actor === EXPORT_ACTOR);
    expect(base.length).toBe(report.baseObjects);
    const cmAt = (v: StateView) => strip(v.get('core/configmaps/shop/web'));
    expect(cmAt(store.at(base.length))).toEqual(cmAt(h.store.at(h.from)));
    // The copier's write: its cause (before the slice) dropped, its observedRev mapped; the bookmark follows it.
    const copier = writes.find((w) => w.actor === 'controller:copier');
    expect(copier?.cause).toEqual([base.find((w) => w.key === 'core/configmaps/shop/web')?.rev]);
    expect(copier?.observedRev).toBeLessThanOrEqual(copier?.rev ?? 0);
    expect(records.find((r) => r.type === 'annotation')).toMatchObject({ annotation: { kind: 'bookmark', name: 'copied', rev: copier?.rev } });
    // Same shop objects at the end as the original (the configmap deleted in both); secret values redacted.
    expect(shopKeys(store.head())).toEqual(shopKeys(h.store.head()));
    expect(store.head().get('core/secrets/shop/db')?.['data']).toEqual({ password: REDACTED_DATA });
    for (let r = 1; r <= store.rev; r++) {
      const s = store.at(r).get('core/secrets/shop/db');
      if (s !== undefined) expect(JSON.stringify(s)).not.toMatch(/aHVudGVyMg|czNjcjN0/);
    }
    expect(report.redactedSecrets).toBeGreaterThan(0);
  });

  it('keeps secrets when asked, a whole history unchanged but for resourceVersions, and refuses a bad range', async () => {
    const h = await sample();
    const all = await exported(h, { includeSecrets: true });
    expect(all.store.rev).toBe(h.store.rev);
    for (const k of h.store.head().keys()) expect(strip(all.store.head().get(k))).toEqual(strip(h.store.head().get(k)));
    expect(all.store.head().get('core/secrets/shop/db')?.['data']).toEqual({ password: 'czNjcjN0' });
    const part = await exported(h, { toRev: h.from });
    expect(part.store.rev).toBe(h.from);
    await expect(exported(h, { fromRev: 5, toRev: 4 })).rejects.toThrow(`cannot export revisions 5..4: this history keeps 0..${h.store.rev}`);
  });
});
