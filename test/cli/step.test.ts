import { copyFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyCommand } from '../../src/cli/commands/history.js';
import { stepCommand } from '../../src/cli/commands/step.js';
import type { StepOptions } from '../../src/cli/commands/step.js';
import { reportError } from '../../src/cli/fail.js';
import { addBookmark } from '../../src/debug/index.js';
import type { Log } from '../../src/log/index.js';
import { openFileLog } from '../../src/log/index.js';
import type { JsonPatch, WriteRecord } from '../../src/model/index.js';
import type { Store } from '../../src/store/index.js';
import { openStore } from '../../src/store/index.js';
import type { Ran } from './capture.js';
import { cli, tempHistory } from './capture.js';

type Io = { out: (s: string) => number; err: (s: string) => number };
function capture(): { io: Io; ran: (code: number) => Ran } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s) => out.push(s), err: (s) => err.push(s) }, ran: (code) => ({ code, out: out.join('\n'), err: err.join('\n') }) };
}

async function step(opts: StepOptions): Promise<Ran> {
  const c = capture();
  return c.ran(await stepCommand(c.io, opts).catch((e: unknown) => reportError(c.io, e)));
}

interface Stepped {
  readonly from: number;
  readonly rev: number;
  readonly record: WriteRecord;
  readonly diff: JsonPatch;
}
async function stepJson(opts: StepOptions): Promise<Stepped> {
  const r = await step({ ...opts, output: 'json' });
  expect(r.err).toBe('');
  return JSON.parse(r.out) as Stepped;
}

describe('chronokube step (fixtures/replicaset-node-failure.yaml)', () => {
  let file: string;
  let log: Log;
  let store: Store;
  let evictions: readonly WriteRecord[];
  beforeAll(async () => {
    file = tempHistory();
    expect((await cli('run', 'fixtures/replicaset-node-failure.yaml', '--out', file)).code).toBe(0);
    log = await openFileLog(file, { mode: 'read' });
    store = await openStore(log);
    evictions = store.writes({ actor: 'controller:taint-eviction-controller', verb: 'delete' });
  }, 60_000);
  afterAll(async () => {
    await log.close();
  });

  it('prints the next matching write and the change it made, without bookkeeping unless --noise', async () => {
    const r = await step({ history: file, kind: 'po', where: 'status.phase=Running' });
    expect(r.code).toBe(0);
    const first = store.writes({}).find((w) => w.key.startsWith('core/pods/') && (store.at(w.rev).get(w.key)?.['status'] as { phase?: string } | undefined)?.phase === 'Running');
    const lines = r.out.split('\n');
    expect(lines[0]).toBe(`rev ${first?.rev} 2026-01-01T00:00:00Z ${first?.actor} update/status ${first?.key} (cause ${first?.cause.join(',')})`);
    expect(lines).toContain('  replace /status/phase "Running"');
    expect(r.out).not.toContain('/metadata/managedFields');
    expect((await step({ history: file, kind: 'po', where: 'status.phase=Running', noise: true })).out).toContain('/metadata/managedFields');
  });

  it('walks the same writes as history lists, one step per call, feeding each revision back as --at', async () => {
    const c = capture();
    await historyCommand(c.io, { history: file, verb: 'delete', selector: 'app=web', output: 'json' });
    const listed = c.ran(0).out.split('\n').map((l) => (JSON.parse(l) as WriteRecord).rev);
    expect(listed).toHaveLength(4);
    const walked: number[] = [];
    let at = '0';
    for (;;) {
      const r = await step({ history: file, at, verb: 'delete', selector: 'app=web', output: 'json' });
      if (r.code !== 0) {
        expect(r.err).toBe(`no write after revision ${at} matches (noise hidden; --noise includes it)`);
        break;
      }
      at = String((JSON.parse(r.out) as Stepped).rev);
      walked.push(Number(at));
    }
    expect(walked).toEqual(listed);
    const back = await stepJson({ history: file, at: String(listed[2]), back: true, verb: 'delete', selector: 'app=web' });
    expect(back).toMatchObject({ from: listed[2], rev: listed[1] });
  });

  it('keeps to the object, the actor or the kind of the write at --at', async () => {
    const eviction = evictions[0] as WriteRecord;
    const byObject = await stepJson({ history: file, at: String(eviction.rev), by: 'object' });
    expect(byObject.rev).toBe(store.versions(eviction.key).find((r) => r > eviction.rev));
    expect(byObject.record.key).toBe(eviction.key);
    expect(byObject.diff).toEqual(store.diff(byObject.rev - 1, byObject.rev, eviction.key));
    const byActor = await stepJson({ history: file, at: String(eviction.rev), by: 'actor' });
    expect(byActor.record.actor).toBe(eviction.actor);
    expect(store.writes({ fromRev: eviction.rev + 1, toRev: byActor.rev - 1 }).some((w) => w.actor === eviction.actor)).toBe(false);
    const byKindBack = await stepJson({ history: file, at: String(eviction.rev), by: 'kind', back: true });
    expect(byKindBack.record.key).toMatch(/^core\/pods\//);
    expect(store.writes({ fromRev: byKindBack.rev + 1, toRev: eviction.rev - 1 }).some((w) => w.key.startsWith('core/pods/'))).toBe(false);
  });

  it('steps back from the head by default, takes a bookmark as --at, and says when nothing matches', async () => {
    const del = await step({ history: file, back: true, actor: 'user:*' });
    expect(del.out.split('\n')).toEqual([`rev ${store.writes({ actor: 'user:scenario', verb: 'delete' })[0]?.rev} 2026-01-01T00:15:00Z user:scenario delete core/nodes/_/node-2`, '  (removed)']);
    const withMark = tempHistory();
    copyFileSync(file, withMark);
    const marked = await openFileLog(withMark, { mode: 'write' });
    await addBookmark(marked, 'evicted', evictions[0]?.rev ?? 0, 0);
    await marked.close();
    expect((await stepJson({ history: withMark, at: 'evict', by: 'actor' })).rev).toBe((await stepJson({ history: file, at: String(evictions[0]?.rev), by: 'actor' })).rev);
    expect(await step({ history: file, at: 'HEAD', actor: 'user:*' })).toMatchObject({ code: 1, err: `no write after revision ${store.rev} matches (noise hidden; --noise includes it)` });
  });

  it('refuses --by without a write at --at, --by beside the filter it sets, an unknown --by and format', async () => {
    expect((await step({ history: file, at: '0', by: 'kind' })).err).toBe('error: --by kind follows the write at --at, and revision 0 has none: give --at a revision of a write');
    expect((await step({ history: file, at: '5', by: 'actor', actor: 'user:x' })).err).toBe('error: --by actor and --actor both choose the actor: give one');
    expect((await step({ history: file, at: '5', by: 'node' })).err).toBe('error: --by takes object, actor, kind, not "node"');
    expect((await step({ history: file, output: 'yaml' })).err).toBe('error: step prints -o text or -o json, not "yaml"');
  });
});
