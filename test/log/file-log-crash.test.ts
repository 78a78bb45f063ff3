/**
 * Process crash: a child appends continuously and is killed with SIGKILL at
 * seeded random points, many times. After each kill the history reopens for
 * writing (taking over the dead child's lock, cutting any torn tail), every
 * acknowledged batch is there and identical, no batch is there in part, and
 * revisions are gapless. (Power loss is not simulated: only process crashes.)
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFileLog } from '../../src/log/index.js';
import type { HistoryRecord } from '../../src/model/index.js';
import { readAll } from './log-fixtures.js';

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chronokube-crash-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** mulberry32: a tiny seeded generator for the kill points. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs the child until `delayMs` after it is ready, kills it, returns the acknowledged batches it printed. */
async function runAndKill(path: string, round: number, delayMs: number): Promise<{ acks: HistoryRecord[][]; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, path, String(round)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let stderr = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.startsWith('ready\n')) resolve();
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (code) => reject(new Error(`child exited early (${code}): ${stderr}`)));
  });
  await new Promise((r) => setTimeout(r, delayMs));
  child.kill('SIGKILL');
  await exited; // the pid is reaped: the lock's holder is now dead
  const lines = out.split('\n').slice(1, -1); // the last piece may be a partial line
  return { acks: lines.map((l) => JSON.parse(l.slice('ack '.length)) as HistoryRecord[]), stderr };
}

/** The batch tag every child record carries. */
function tagOf(r: HistoryRecord): { b: string; n: string; j: string } {
  if (r.type === 'write' && r.change.op === 'put') return r.change.object['data'] as { b: string; n: string; j: string };
  if (r.type === 'annotation' && r.annotation.kind === 'note') return JSON.parse(r.annotation.text) as { b: string; n: string; j: string };
  throw new Error(`unexpected record ${JSON.stringify(r)}`);
}

/** Every problem found in the reopened history: gaps, partial batches, acknowledged batches missing or changed. */
function problems(records: readonly HistoryRecord[], acked: ReadonlyMap<string, string>): string[] {
  const found: string[] = [];
  let head = 0;
  for (const r of records) {
    if (r.type === 'write' && r.rev !== ++head) found.push(`revision ${r.rev} where ${head} was due`);
    if (r.type !== 'write' && r.atRev !== head) found.push(`a ${r.type} at ${r.atRev} after revision ${head}`);
  }
  const batches = new Map<string, HistoryRecord[]>();
  for (const r of records) {
    const { b } = tagOf(r);
    const list = batches.get(b) ?? [];
    list.push(r);
    batches.set(b, list);
  }
  for (const [b, list] of batches) {
    const places = list.map((r) => tagOf(r).j).join(',');
    const whole = Array.from({ length: Number(tagOf(list[0] as HistoryRecord).n) }, (_, j) => j).join(',');
    if (places !== whole) found.push(`batch ${b} holds records ${places}, not ${whole}`);
  }
  for (const [b, json] of acked) {
    const got = batches.get(b);
    if (got === undefined) found.push(`acknowledged batch ${b} is missing`);
    else if (JSON.stringify(got) !== json) found.push(`acknowledged batch ${b} differs`);
  }
  return found;
}

/** One history killed `rounds` times; returns the number of acknowledged batches checked. */
async function crashLane(lane: number, rounds: number): Promise<number> {
  const path = join(dir, `crash-${lane}.history`);
  const random = seeded(20_261_125 + lane);
  const acked = new Map<string, string>();
  for (let round = 0; round < rounds; round++) {
    const { acks } = await runAndKill(path, round, Math.floor(random() * 120));
    for (const a of acks) acked.set(tagOf(a[0] as HistoryRecord).b, JSON.stringify(a));
    const warnings: string[] = [];
    const log = await openFileLog(path, { mode: 'write', onWarning: (m) => warnings.push(m) });
    try {
      expect(warnings[0]).toMatch(/taking over lock file .* left by process \d+, which is no longer running/);
      expect(warnings.slice(1).every((w) => w.includes('cut a torn tail'))).toBe(true);
      expect(problems(await readAll(log.read()), acked)).toEqual([]);
    } finally {
      await log.close();
    }
  }
  return acked.size;
}

// Each child costs about a CPU-second to start (tsx, model/, rxjs): ~15 s on an idle 2-core machine;
// the generous timeout is for machines busy with other suites.
describe('file log: process crashes', () => {
  const LANES = 3;
  const ROUNDS = 8;
  it(`keeps every acknowledged batch, whole, through ${LANES * ROUNDS} SIGKILLs at seeded random points`, { timeout: 180_000 }, async () => {
    const checked = await Promise.all(Array.from({ length: LANES }, (_, lane) => crashLane(lane, ROUNDS)));
    for (const n of checked) expect(n).toBeGreaterThan(ROUNDS * 10);
  });
});
