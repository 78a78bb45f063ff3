/**
 * The recorder against chronokube's own HTTP server standing in for a real
 * cluster (the recorder only sees the Kubernetes API): scripted writes on
 * the source, the recording on the other side; every recorded write's state
 * equals the source's at the matching resourceVersion. Then watch expiry
 * (the source compacts while the recorder is disconnected: 410, relist, a
 * noted gap) and a restart into the same file.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { record, type RecordReport } from '../../../src/debug/record/recorder.js';
import { defaultStart } from '../../../src/debug/resimulate/resimulate.js';
import { openFileLog, parseEncryptionConfig } from '../../../src/log/index.js';
import type { AnnotationRecord, HistoryRecord, KubeObject, WriteRecord } from '../../../src/model/index.js';
import { openStore } from '../../../src/store/index.js';
import { alice, configMap, configMaps, pod, pods } from '../../api/harness.js';
import { comparable, sourceCluster, type SourceCluster } from './source-cluster.js';

const KINDS = ['configmaps', 'pods'];
let src: SourceCluster | undefined;

afterEach(async () => {
  await src?.stop();
  src = undefined;
});

async function readHistory(path: string): Promise<{ records: HistoryRecord[]; store: Awaited<ReturnType<typeof openStore>>; close: () => Promise<void> }> {
  const log = await openFileLog(path, { mode: 'read', onWarning: () => undefined });
  const records: HistoryRecord[] = [];
  for await (const r of log.read()) records.push(r);
  const store = await openStore(log);
  return { records, store, close: () => log.close() };
}

/** Starts a recording; `done()` waits until it has seen source revision `rev`, then stops it. */
function startRecording(s: SourceCluster, out: string): { ready: Promise<void>; report: Promise<RecordReport>; until(rev: number): Promise<RecordReport> } {
  const abort = new AbortController();
  let ready: () => void = () => undefined;
  const isReady = new Promise<void>((r) => (ready = r));
  let seen = 0;
  const waiters: { rev: number; resolve: () => void }[] = [];
  const report: Promise<RecordReport> = record({
    kubeConfig: s.kubeConfig,
    kinds: KINDS,
    namespaces: ['default'],
    out,
    signal: abort.signal,
    flushMs: 150,
    onReady: () => ready(),
    onWarning: () => undefined,
  });
  const poll = async (): Promise<void> => {
    for (;;) {
      const h = await readHistory(out).catch(() => undefined);
      if (h !== undefined) {
        for (const r of h.records) if (r.type === 'write' && r.origin?.resourceVersion !== undefined) seen = Math.max(seen, Number(r.origin.resourceVersion));
        await h.close();
      }
      for (const w of waiters.filter((x) => seen >= x.rev)) w.resolve();
      if (waiters.every((w) => seen >= w.rev)) return;
      await new Promise((r) => setTimeout(r, 30));
    }
  };
  return {
    ready: isReady,
    report,
    async until(rev: number) {
      const reached = new Promise<void>((resolve) => {
        waiters.push({ rev, resolve });
        void poll();
      });
      // A recording that fails ends the wait with its error.
      await Promise.race([reached, report.then(() => Promise.reject(new Error('the recording ended early')))]);
      abort.abort();
      return report;
    },
  };
}

/** Every recorded write's object equals the source's at the write's source resourceVersion. */
function expectMatchesSource(records: readonly HistoryRecord[], recorded: Awaited<ReturnType<typeof openStore>>, source: SourceCluster): number {
  let checked = 0;
  for (const w of records.filter((r): r is WriteRecord => r.type === 'write')) {
    const rv = Number(w.origin?.resourceVersion);
    if (w.origin?.resync === true || rv < source.store.compactedRev) continue;
    expect(comparable(recorded.at(w.rev).get(w.key)), `${w.key} at recorded ${w.rev} / source ${rv}`).toEqual(comparable(source.store.at(rv).get(w.key)));
    checked++;
  }
  return checked;
}

function recordedScope(s: SourceCluster): KubeObject[] {
  const view = s.store.head();
  return [...view.list({ group: '', resource: 'configmaps', namespace: 'default' }), ...view.list({ group: '', resource: 'pods', namespace: 'default' })];
}

async function expectSameState(path: string, s: SourceCluster): Promise<void> {
  const h = await readHistory(path);
  try {
    const mine = h.store.head();
    expect(mine.keys().map((k) => [k, comparable(mine.get(k))])).toEqual(recordedScope(s).map((o) => [`core/${o.kind === 'Pod' ? 'pods' : 'configmaps'}/default/${o.metadata.name ?? ''}`, comparable(o)]));
  } finally {
    await h.close();
  }
}

describe('record', () => {
  it('records the initial state and every change, each equal to the source at its resourceVersion, actors from managedFields', async () => {
    src = await sourceCluster();
    const s = src;
    await s.api.create(configMaps(), configMap('before', { a: '1' }), alice);
    const out = join(mkdtempSync(join(tmpdir(), 'ck-record-')), 'rec.ckh');
    const rec = startRecording(s, out);
    await rec.ready;
    await s.api.create(pods(), pod('web', { app: 'web' }), { actor: 'user:bob', fieldManager: 'kubectl-create' });
    await s.api.patch(configMaps('default', 'before'), 'merge', { data: { a: '2' } }, { actor: 'user:alice', fieldManager: 'kubectl-edit' });
    await s.api.create(configMaps(), configMap('during'), alice);
    await s.api.delete(configMaps('default', 'during'), alice);
    await s.api.patch(pods('default', 'web'), 'merge', { metadata: { labels: { tier: 'front' } } }, { actor: 'user:bob', fieldManager: 'kubectl-label' });
    const report = await rec.until(s.store.rev);
    expect(report).toMatchObject({ resumed: false, resources: ['configmaps', 'pods'], gaps: 0 });

    const h = await readHistory(out);
    try {
      const writes = h.records.filter((r): r is WriteRecord => r.type === 'write');
      expect(writes.map((w) => `${w.verb} ${w.key} ${w.actor}`)).toEqual([
        'create core/configmaps/default/before client:alice',
        'create core/pods/default/web client:kubectl-create',
        'update core/configmaps/default/before client:kubectl-edit',
        'create core/configmaps/default/during client:alice',
        'delete core/configmaps/default/during client:unknown',
        'update core/pods/default/web client:kubectl-label',
      ]);
      expect(writes.map((w) => Number(w.origin?.resourceVersion))).toEqual([...writes.map((w) => Number(w.origin?.resourceVersion))].sort((a, b) => a - b));
      expect(writes[1]?.origin).toMatchObject({ source: 'record', actorFrom: 'managed-fields', operation: 'Update' });
      expect(expectMatchesSource(h.records, h.store, s)).toBe(6);
      expect(h.records[0]).toMatchObject({ type: 'annotation', actor: 'client:chronokube-record' });
      // The listed state ends at revision 1 (the ConfigMap made before the recording): re-simulation starts there.
      const initial = h.records.filter((r): r is AnnotationRecord => r.type === 'annotation' && r.annotation.kind === 'bookmark');
      expect(initial.map((r) => r.annotation)).toEqual([{ kind: 'bookmark', name: 'initial-state', rev: 1 }]);
      expect(defaultStart(h.records)).toBe(1);
      expect(h.store.rev).toBe(6);
    } finally {
      await h.close();
    }
    await expectSameState(out, s);
  }, 20_000);

  it('survives a disconnect and an expired watch (410): relists, writes the differences, and notes the gap', async () => {
    src = await sourceCluster();
    const s = src;
    await s.api.create(configMaps(), configMap('keep', { v: '1' }), alice);
    await s.api.create(configMaps(), configMap('doomed'), alice);
    const out = join(mkdtempSync(join(tmpdir(), 'ck-record-')), 'rec.ckh');
    const warnings: string[] = [];
    const abort = new AbortController();
    let ready: () => void = () => undefined;
    const isReady = new Promise<void>((r) => (ready = r));
    const running = record({ kubeConfig: s.kubeConfig, kinds: KINDS, namespaces: ['default'], out, signal: abort.signal, flushMs: 150, onWarning: (m) => warnings.push(m), onReady: () => ready() });
    await isReady;
    const beforeGap = s.store.rev;
    await s.stop();
    // While the recorder is away: changes it will never see one by one, then compaction past its resourceVersion.
    await s.api.patch(configMaps('default', 'keep'), 'merge', { data: { v: '2' } }, alice);
    await s.api.patch(configMaps('default', 'keep'), 'merge', { data: { v: '3' } }, alice);
    await s.api.delete(configMaps('default', 'doomed'), alice);
    await s.api.create(pods(), pod('new'), alice);
    await s.compact();
    await s.start();
    const afterGap = s.store.rev;
    await new Promise((r) => setTimeout(r, 1500));
    await s.api.patch(configMaps('default', 'keep'), 'merge', { data: { v: '4' } }, alice);
    await new Promise((r) => setTimeout(r, 500));
    abort.abort();
    const report = await running;
    expect(report.gaps).toBe(2);
    expect(warnings.some((w) => /configmaps in default: resourceVersion \d+ expired \(410 Gone\); listing again/.test(w))).toBe(true);

    const h = await readHistory(out);
    try {
      const notes = h.records.filter((r): r is AnnotationRecord => r.type === 'annotation' && r.annotation.kind === 'note').map((n) => (n.annotation as { text: string }).text);
      expect(notes.filter((t) => t.startsWith('gap:')).sort()).toEqual([
        `gap: changes to configmaps in default between resourceVersion ${beforeGap} and ${afterGap} were not observed (the watch expired (410 Gone)); state re-synchronised by relist`,
        `gap: changes to pods in default between resourceVersion ${beforeGap} and ${afterGap} were not observed (the watch expired (410 Gone)); state re-synchronised by relist`,
      ]);
      const resynced = h.records.filter((r): r is WriteRecord => r.type === 'write' && r.origin?.resync === true).map((w) => `${w.verb} ${w.key}`);
      expect(resynced.sort()).toEqual(['create core/pods/default/new', 'delete core/configmaps/default/doomed', 'update core/configmaps/default/keep']);
      expect(expectMatchesSource(h.records, h.store, s)).toBe(1);
    } finally {
      await h.close();
    }
    await expectSameState(out, s);
  }, 20_000);

  it('resumes into the same file after a restart: reads its state back, relists, records what changed meanwhile', async () => {
    src = await sourceCluster();
    const s = src;
    await s.api.create(configMaps(), configMap('a'), alice);
    const out = join(mkdtempSync(join(tmpdir(), 'ck-record-')), 'rec.ckh');
    const first = await startRecording(s, out).until(s.store.rev);
    expect(first.resumed).toBe(false);
    const before = await readHistory(out);
    const revBefore = before.store.rev;
    await before.close();

    await s.api.patch(configMaps('default', 'a'), 'merge', { data: { a: 'changed' } }, alice);
    await s.api.create(configMaps(), configMap('b'), alice);
    const second = startRecording(s, out);
    await second.ready;
    await s.api.create(pods(), pod('live'), alice);
    const report = await second.until(s.store.rev);
    expect(report).toMatchObject({ resumed: true, gaps: 2 });

    const h = await readHistory(out);
    try {
      const after = h.records.filter((r): r is WriteRecord => r.type === 'write' && r.rev > revBefore).map((w) => `${w.verb} ${w.key}${w.origin?.resync === true ? ' (resync)' : ''}`);
      expect(after).toEqual(['update core/configmaps/default/a (resync)', 'create core/configmaps/default/b (resync)', 'create core/pods/default/live']);
      const lastSeen = Math.max(...h.records.filter((r): r is WriteRecord => r.type === 'write' && r.rev <= revBefore).map((w) => Number(w.origin?.resourceVersion)));
      const gap = h.records.find((r): r is AnnotationRecord => r.type === 'annotation' && (r.annotation as { text: string }).text.includes('configmaps in default'));
      expect((gap?.annotation as { text: string }).text).toMatch(
        new RegExp(`^gap: changes to configmaps in default between resourceVersion ${lastSeen} and \\d+ were not observed \\(the recorder was not running\\); state re-synchronised by relist$`),
      );
      expect(expectMatchesSource(h.records, h.store, s)).toBe(2);
    } finally {
      await h.close();
    }
    await expectSameState(out, s);
  }, 20_000);

  it('by default records every listable, watchable resource the server discovers but events, leases and Secrets', async () => {
    src = await sourceCluster();
    const out = join(mkdtempSync(join(tmpdir(), 'ck-record-')), 'rec.ckh');
    const abort = new AbortController();
    const report = await record({ kubeConfig: src.kubeConfig, out, signal: abort.signal, onReady: () => abort.abort() });
    expect(report.resources).toEqual(expect.arrayContaining(['configmaps', 'deployments.apps', 'namespaces', 'pods', 'customresourcedefinitions.apiextensions.k8s.io']));
    expect(report.resources.filter((r) => r === 'events' || r === 'secrets' || r.startsWith('events.') || r.startsWith('leases.'))).toEqual([]);
    const h = await readHistory(out);
    try {
      expect(h.store.head().keys({ group: '', resource: 'namespaces' })).toEqual(expect.arrayContaining(['core/namespaces/_/default', 'core/namespaces/_/kube-system']));
      expect(expectMatchesSource(h.records, h.store, src)).toBe(report.writes);
    } finally {
      await h.close();
    }
  });

  it('starts recording the custom resources of a CRD created while recording', async () => {
    src = await sourceCluster();
    const s = src;
    const out = join(mkdtempSync(join(tmpdir(), 'ck-record-')), 'rec.ckh');
    const abort = new AbortController();
    let ready: () => void = () => undefined;
    const isReady = new Promise<void>((r) => (ready = r));
    const warnings: string[] = [];
    const running = record({ kubeConfig: s.kubeConfig, out, signal: abort.signal, flushMs: 100, onReady: () => ready(), onWarning: (m) => warnings.push(m) });
    await isReady;
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'backups.ops.example.com' },
      spec: {
        group: 'ops.example.com',
        scope: 'Namespaced',
        names: { plural: 'backups', singular: 'backup', kind: 'Backup', listKind: 'BackupList' },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
      },
    };
    await s.api.create({ group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions' }, crd, alice);
    const backups = { group: 'ops.example.com', version: 'v1', resource: 'backups', namespace: 'default' };
    for (let i = 0; i < 50 && !warnings.some((w) => w.startsWith('backups.ops.example.com: a new CustomResourceDefinition')); i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 400));
    await s.api.create(backups, { apiVersion: 'ops.example.com/v1', kind: 'Backup', metadata: { name: 'nightly' }, spec: { schedule: '0 2 * * *' } }, alice);
    await new Promise((r) => setTimeout(r, 600));
    abort.abort();
    const report = await running;
    expect(report.resources).toContain('backups.ops.example.com');
    const h = await readHistory(out);
    try {
      expect(comparable(h.store.head().get('ops.example.com/backups/default/nightly'))).toEqual(comparable(s.store.head().get('ops.example.com/backups/default/nightly')));
    } finally {
      await h.close();
    }
  }, 20_000);

  it('records Secrets only when asked and with a key: their data sealed in the file', async () => {
    src = await sourceCluster();
    const s = src;
    await s.api.create({ group: '', version: 'v1', resource: 'secrets', namespace: 'default' }, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, data: { password: 'aHVudGVyMg==' } }, alice);
    const dir = mkdtempSync(join(tmpdir(), 'ck-record-'));
    const out = join(dir, 'rec.ckh');
    await expect(record({ kubeConfig: s.kubeConfig, out, includeSecrets: true })).rejects.toThrow(/recording Secrets needs them encrypted at rest: pass an EncryptionConfiguration/);
    await expect(record({ kubeConfig: s.kubeConfig, out, kinds: ['secrets'] })).rejects.toThrow('Secrets are recorded only when asked for (--include-secrets, with an encryption key)');
    await expect(record({ kubeConfig: s.kubeConfig, out, kinds: ['pods', 'gizmos'] })).rejects.toThrow('the server has no listable, watchable resource named "gizmos"');
    const encryption = parseEncryptionConfig(
      'apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n- resources: [secrets]\n  providers:\n  - aesgcm:\n      keys:\n      - name: k1\n        secret: MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=\n',
    );
    const abort = new AbortController();
    const running = record({ kubeConfig: s.kubeConfig, out, kinds: ['secrets'], namespaces: ['default'], includeSecrets: true, encryption, signal: abort.signal, onReady: () => abort.abort() });
    expect((await running).writes).toBe(1);
    expect(readFileSync(out, 'utf8')).not.toContain('aHVudGVyMg==');
    const log = await openFileLog(out, { mode: 'read', encryption });
    try {
      const store = await openStore(log);
      expect((store.head().get('core/secrets/default/db') as unknown as { data: object }).data).toEqual({ password: 'aHVudGVyMg==' });
    } finally {
      await log.close();
    }
  });
});
