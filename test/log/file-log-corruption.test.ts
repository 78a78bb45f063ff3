/**
 * Deterministic damage to a history's tail: truncation at every byte offset
 * of its last records, and a flipped byte at every offset of them. Opening
 * always ends at the last intact record with a clear message, and never
 * returns a damaged record.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFileLog } from '../../src/log/index.js';
import type { HistoryRecord } from '../../src/model/index.js';
import { HEADER, fault, note, pendingWrite, readAll } from './log-fixtures.js';

let dir = '';
let path = '';
let original = Buffer.alloc(0);
/** Frame boundaries: frame i spans [starts[i], starts[i+1]); frame 0 is the header. */
let starts: number[] = [];
/** Records of frame i (index 0: the header, none). */
let frameRecords: HistoryRecord[][] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chronokube-corruption-'));
  path = join(dir, 'damaged.history');
  const log = await openFileLog(path, { mode: 'write', header: HEADER });
  frameRecords = [[]];
  for (let i = 0; i < 6; i++) frameRecords.push([...(await log.append([pendingWrite(`o${i}`, { i: String(i) })]))]);
  frameRecords.push([...(await log.append([note('between'), fault('n1')]))]);
  frameRecords.push([...(await log.append([pendingWrite('batch-1'), note('x')]))]);
  frameRecords.push([...(await log.append([pendingWrite('last', { v: 'ünïcödé' })]))]);
  await log.close();
  original = await readFile(path);
  starts = [0];
  for (let i = 0; i < original.length; i++) if (original[i] === 0x0a) starts.push(i + 1);
  expect(starts.at(-1)).toBe(original.length);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const FRAMES_DAMAGED = 3;

/** Runs `fn` over `items`, `lanes` at a time; each lane has its own file, so fsyncs overlap. */
async function inLanes(items: readonly number[], fn: (item: number, file: string) => Promise<void>): Promise<void> {
  const lanes = 16;
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      const file = join(dir, `lane-${lane}.history`);
      for (let i = next++; i < items.length; i = next++) await fn(items[i] as number, file);
    }),
  );
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

/** Records of frames 1..k-1 (everything before frame k). */
function recordsBefore(k: number): HistoryRecord[] {
  return frameRecords.slice(1, k).flat();
}

/** The frame holding byte `offset`. */
function frameAt(offset: number): number {
  let k = 0;
  while ((starts[k + 1] ?? Infinity) <= offset) k++;
  return k;
}

describe('file log: damaged tails', { timeout: 30_000 }, () => {
  it('cuts a file truncated at any byte of its last records back to the last intact record, and says so', async () => {
    const frames = starts.length - 1;
    const from = starts[frames - FRAMES_DAMAGED] as number;
    await inLanes(range(from, original.length), async (cut, path) => {
      await writeFile(path, original.subarray(0, cut));
      const warnings: string[] = [];
      const log = await openFileLog(path, { mode: 'write', onWarning: (m) => warnings.push(m) });
      try {
        const k = frameAt(cut);
        const goodEnd = starts[k] as number;
        const expected = recordsBefore(k);
        if (cut === goodEnd) {
          expect(warnings).toEqual([]);
        } else {
          const head = expected.filter((r) => r.type === 'write').length;
          expect(warnings).toHaveLength(1);
          expect(warnings[0]).toMatch(
            new RegExp(`^${path}: cut a torn tail of ${cut - goodEnd} bytes at byte offset ${goodEnd} \\(.+\\); the log ends at revision ${head}$`),
          );
        }
        expect(await readAll(log.read())).toEqual(expected);
        expect((await stat(path)).size).toBe(goodEnd);
      } finally {
        await log.close();
      }
    });
  });

  it('never reads a record with a flipped byte: readers stop before it, writers cut it only if nothing intact follows', async () => {
    const frames = starts.length - 1;
    const from = starts[frames - FRAMES_DAMAGED] as number;
    await inLanes(range(from, original.length), async (at, path) => {
      const damaged = Buffer.from(original);
      damaged[at] = (damaged[at] as number) ^ (1 + ((at * 37) % 255));
      await writeFile(path, damaged);
      const k = frameAt(at);
      const isLast = k === frames - 1;
      const offset = starts[k] as number;

      const warnings: string[] = [];
      const reader = await openFileLog(path, { mode: 'read', onWarning: (m) => warnings.push(m) });
      expect(await readAll(reader.read())).toEqual(recordsBefore(k));
      await reader.close();
      if (!isLast) {
        expect(warnings.length).toBeGreaterThan(0);
        expect(warnings[0]).toContain(`${path}: a damaged frame at byte offset ${offset} (`);
        expect(warnings[0]).toContain('corruption in the middle, not a torn tail');
      }

      const writing = openFileLog(path, { mode: 'write', onWarning: (m) => warnings.push(m) });
      if (isLast) {
        const log = await writing;
        try {
          expect(warnings.at(-1)).toMatch(new RegExp(`^${path}: cut a torn tail of ${original.length - offset} bytes at byte offset ${offset} \\(`));
          expect(await readAll(log.read())).toEqual(recordsBefore(k));
        } finally {
          await log.close();
        }
      } else {
        await expect(writing).rejects.toThrow(
          new RegExp(`^${path}: a damaged frame at byte offset ${offset} \\(.+\\), yet intact frames follow .*refuses such a file`),
        );
        await expect(stat(`${path}.lock`)).rejects.toMatchObject({ code: 'ENOENT' });
      }
    });
  });

  it('refuses to write after an intact frame that breaks the revision sequence, and reads stop before it', async () => {
    const frames = starts.length - 1;
    // Drop frame 3 (revision 3): frame 4 then claims revision 4 right after revision 2.
    await writeFile(path, Buffer.concat([original.subarray(0, starts[3]), original.subarray(starts[4], starts[frames])]));
    await expect(openFileLog(path, { mode: 'write' })).rejects.toThrow(
      `${path}: an invalid frame at byte offset ${starts[3]} (write revision 4 does not follow revision 2)`,
    );
    const warnings: string[] = [];
    const reader = await openFileLog(path, { mode: 'read', onWarning: (m) => warnings.push(m) });
    expect(await readAll(reader.read())).toEqual(recordsBefore(3));
    expect(warnings).toHaveLength(1);
    await reader.close();
  });
});
