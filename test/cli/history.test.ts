import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyCommand } from '../../src/cli/commands/history.js';
import type { HistoryOptions } from '../../src/cli/commands/history.js';
import { reportError } from '../../src/cli/fail.js';
import type { Log } from '../../src/log/index.js';
import { openFileLog } from '../../src/log/index.js';
import type { HistoryRecord, WriteRecord } from '../../src/model/index.js';
import type { Store } from '../../src/store/index.js';
import { openStore } from '../../src/store/index.js';
import type { Ran } from './capture.js';
import { cli, tempHistory } from './capture.js';

async function history(opts: HistoryOptions): Promise<Ran> {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s) };
  const code = await historyCommand(io, opts).catch((e: unknown) => reportError(io, e));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const records = (r: Ran): HistoryRecord[] => (r.out === '' ? [] : r.out.split('\n').map((l) => JSON.parse(l) as HistoryRecord));
const writes = (r: Ran): WriteRecord[] => records(r).filter((x): x is WriteRecord => x.type === 'write');
const isHeartbeat = (w: WriteRecord): boolean => (w.key.startsWith('coordination.k8s.io/leases/kube-node-lease/') && w.verb === 'update') || (w.key.startsWith('core/nodes/') && w.subresource === 'status');

describe('chronokube history (fixtures/replicaset-node-failure.yaml)', () => {
  let file: string;
  let log: Log;
  let store: Store;
  beforeAll(async () => {
    file = tempHistory();
    expect((await cli('run', 'fixtures/replicaset-node-failure.yaml', '--out', file)).code).toBe(0);
    log = await openFileLog(file, { mode: 'read' });
    store = await openStore(log);
  }, 60_000);
  afterAll(async () => {
    await log.close();
  });

  it('hides heartbeats and lease renewals by default, says how many, and shows them with --noise', async () => {
    const quiet = await history({ history: file, output: 'json' });
    const loud = await history({ history: file, output: 'json', noise: true });
    const hidden = writes(loud).filter((w) => !writes(quiet).some((q) => q.rev === w.rev));
    expect(hidden.length).toBeGreaterThan(100);
    expect(hidden.every(isHeartbeat)).toBe(true);
    expect(writes(quiet).some((w) => w.key.startsWith('coordination.k8s.io/leases/') && w.verb === 'update')).toBe(false);
    expect(writes(loud)).toHaveLength(store.rev);
    expect(quiet.err).toBe(`(${hidden.length} noise writes hidden: ${hidden.length} heartbeats and lease renewals; --noise shows them)`);
    expect(loud.err).toBe('');
    const table = await history({ history: file });
    expect(table.out.split('\n').at(-1)).toBe(quiet.err);
    expect(table.out.split('\n')).toHaveLength(1 + records(quiet).length + 1);
  });

  it('keeps the writes of one kind whose object matches a state predicate', async () => {
    const r = await history({ history: file, kind: 'po', where: 'status.phase=Running', output: 'json' });
    const got = writes(r);
    expect(got.length).toBeGreaterThanOrEqual(5);
    expect(records(r).every((x) => x.type === 'write')).toBe(true);
    for (const w of got) expect((store.at(w.rev).get(w.key)?.['status'] as { phase?: string }).phase).toBe('Running');
    // Every pod write leaving its pod Running is there (none of them is noise).
    const expected = store.writes({}).filter((w) => w.key.startsWith('core/pods/') && (store.at(w.rev).get(w.key)?.['status'] as { phase?: string } | undefined)?.phase === 'Running');
    expect(got.map((w) => w.rev)).toEqual(expected.map((w) => w.rev));
  });

  it('filters by label selector, namespace and verb: the evictions and the garbage collector deletions', async () => {
    const r = await history({ history: file, selector: 'app=web', namespace: 'default', verb: 'delete' });
    const rows = r.out.split('\n').slice(1);
    expect(rows).toHaveLength(4);
    expect(rows.filter((l) => /controller:taint-eviction-controller\s+\d+\s+delete\s+core\/pods\/default\/web-/.test(l))).toHaveLength(2);
    expect(rows.filter((l) => /controller:pod-garbage-collector-controller\s+\d+\s+delete\s+core\/pods\/default\/web-/.test(l))).toHaveLength(2);
    expect(await history({ history: file, selector: 'app=db', verb: 'delete' })).toMatchObject({ code: 0, err: '' });
  });

  it('filters every kind of record by actor and free text, within --from/--to', async () => {
    const user = records(await history({ history: file, actor: 'user:scenario', output: 'json' }));
    expect(user.map((x) => x.type)).toEqual(['write', 'fault', 'write']);
    expect(user[1]).toMatchObject({ type: 'fault', fault: { kind: 'node-down', node: 'node-2' } });
    const fault = user[1] as Extract<HistoryRecord, { type: 'fault' }>;
    const nodes = writes(await history({ history: file, actor: 'node:*', from: String(fault.atRev), to: 'HEAD~10', noise: true, output: 'json' }));
    expect(nodes.length).toBeGreaterThan(10);
    expect(nodes.every((w) => w.actor.startsWith('node:') && w.rev >= fault.atRev && w.rev <= store.rev - 10)).toBe(true);
    const text = writes(await history({ history: file, text: 'nodenotready', output: 'json' }));
    expect(text.length).toBeGreaterThan(0);
    expect(text.every((w) => JSON.stringify(w).toLowerCase().includes('nodenotready'))).toBe(true);
    // --all adds reconciles: within a range, only those positioned inside it.
    const ranged = records(await history({ history: file, from: '200', to: '210', all: true, noise: true, output: 'json' }));
    expect(ranged.some((x) => x.type === 'reconcile')).toBe(true);
    const position = (x: HistoryRecord): number => (x.type === 'write' ? x.rev : x.atRev);
    expect(ranged.every((x) => position(x) >= 200 && position(x) <= 210)).toBe(true);
    expect(ranged.flatMap((x) => (x.type === 'write' ? [x.rev] : []))).toEqual([200, 201, 202, 203, 204, 205, 206, 207, 208, 209, 210]);
  });

  it('refuses a bad selector, a bad predicate, a reversed range and an unknown format', async () => {
    expect((await history({ history: file, selector: 'app in web' })).err).toBe("error: -l/--selector: unable to parse requirement: found 'web', expected: '('");
    expect((await history({ history: file, where: 'status.phase' })).err).toBe('error: --where: a state predicate reads PATH=VALUE or PATH!=VALUE, got "status.phase"');
    expect((await history({ history: file, from: '300', to: '200' })).err).toBe('error: --from 300 (revision 300) is after --to 200 (revision 200)');
    expect((await history({ history: file, to: '99999' })).err).toBe(`error: --to 99999 is beyond the last revision of this history (${store.rev})`);
    expect((await history({ history: file, from: 'later' })).err).toBe('error: --from wants a revision number or an RFC 3339 time, got "later"');
    expect((await history({ history: file, output: 'yaml' })).err).toBe('error: history prints -o table or -o json, not "yaml"');
    expect((await history({ history: file, kind: 'widgets' })).err).toBe('error: the server doesn\'t have a resource type "widgets"');
  });
});
