import { spawnSync } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFileLog } from '../../src/log/index.js';
import { describeLogConformance } from './log-conformance.js';
import { encodeFrame } from '../../src/log/frame.js';
import { HEADER, configMap, fault, note, pendingWrite, positions, readAll } from './log-fixtures.js';

let dir = '';
let n = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chronokube-file-log-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describeLogConformance('file', async () =>
  openFileLog(join(dir, `h${++n}.history`), {
    mode: 'write',
    header: HEADER,
    onWarning: (m) => {
      throw new Error(`unexpected warning: ${m}`);
    },
  }),
);

describe('file log', () => {
  const file = (name: string) => join(dir, name);
  const quiet = { onWarning: () => undefined };

  it('reopens with identical records, key revisions, base and checkpoints', async () => {
    const path = file('reopen.history');
    const log = await openFileLog(path, { mode: 'write', header: HEADER });
    await log.append([pendingWrite('a', { x: 'é – ✓ 😀 "quoted"\nnewline' })]);
    await log.append([note('n'), pendingWrite('b'), fault('node-1')]);
    for (let i = 0; i < 5; i++) await log.append([pendingWrite(`c${i}`)]);
    await log.saveCheckpoint({ rev: 3, entries: [] });
    await log.compact({ rev: 2, entries: [{ key: 'core/configmaps/default/a', rev: 1, object: configMap('a') }] });
    const before = await readAll(log.read());
    await log.close();
    const again = await openFileLog(path, { mode: 'write' });
    expect(again.header).toEqual(HEADER);
    expect(again.headRev()).toBe(7);
    expect(again.compactedRev()).toBe(2);
    expect(again.keyRev('core/configmaps/default/a')).toBe(1); // from the base
    expect(again.keyRev('core/configmaps/default/b')).toBe(0); // gone before the base
    expect(again.keyRev('core/configmaps/default/c4')).toBe(7);
    expect(await again.base()).toEqual({ rev: 2, entries: [{ key: 'core/configmaps/default/a', rev: 1, object: configMap('a') }] });
    expect(await again.checkpointRevs()).toEqual([3]);
    expect(await readAll(again.read())).toEqual(before);
    const [w] = await again.append([pendingWrite('d')]);
    expect(w).toMatchObject({ rev: 8 });
    await again.close();
    const text = await readFile(path, 'utf8');
    expect(text.split('\n')[0]).toMatch(/^\d+ [0-9a-f]{8} \{"format":"chronokube-history","version":1,/);
    expect(text.split('\n')[1]).toMatch(/^\d+ [0-9a-f]{8} \{"type":"base","rev":2,/);
  });

  it('seeks with its index: reads after any revision of a large file are exact', async () => {
    const path = file('large.history');
    const log = await openFileLog(path, { mode: 'write', header: HEADER });
    const big = 'x'.repeat(3000);
    const all = [];
    for (let i = 0; i < 40; i++) {
      const batch = Array.from({ length: 10 }, (_, j) => (j % 4 === 3 ? note(`n${i}-${j}`) : pendingWrite(`o${i}-${j}`, { big })));
      all.push(...(await Promise.all([log.append(batch.slice(0, 5)), log.append(batch.slice(5))])).flat());
    }
    await log.close();
    const reader = await openFileLog(path, { mode: 'read' });
    for (const after of [0, 1, 77, 150, 299, reader.headRev()]) {
      expect(await readAll(reader.read(after))).toEqual(all.filter((r) => (r.type === 'write' ? r.rev > after : r.atRev >= after)));
    }
    await reader.close();
  });

  it('lets one writer at a time hold the lock, naming the holder', async () => {
    const path = file('lock.history');
    const log = await openFileLog(path, { mode: 'write', header: HEADER });
    expect((await readFile(`${path}.lock`, 'utf8')).trim()).toBe(String(process.pid));
    await expect(openFileLog(path, { mode: 'write' })).rejects.toThrow(
      `${path} is locked for writing by this process (pid ${process.pid}) (lock file ${path}.lock); only one writer at a time`,
    );
    const reader = await openFileLog(path, { mode: 'read' });
    await reader.close();
    await log.close();
    await expect(stat(`${path}.lock`)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('takes over a lock left by a dead process, with a warning', async () => {
    const path = file('stale.history');
    await (await openFileLog(path, { mode: 'write', header: HEADER })).close();
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    await writeFile(`${path}.lock`, `${dead}\n`);
    const warnings: string[] = [];
    const log = await openFileLog(path, { mode: 'write', onWarning: (m) => warnings.push(m) });
    expect(warnings).toEqual([`${path}: taking over lock file ${path}.lock left by process ${dead}, which is no longer running`]);
    expect((await readFile(`${path}.lock`, 'utf8')).trim()).toBe(String(process.pid));
    await log.close();
  });

  it('lets a reader follow a writer: it reads to the last complete record and never writes', async () => {
    const path = file('follow.history');
    const writer = await openFileLog(path, { mode: 'write', header: HEADER });
    for (let i = 0; i < 5; i++) await writer.append([pendingWrite(`a${i}`)]);
    const reader = await openFileLog(path, { mode: 'read' });
    expect(reader.headRev()).toBe(5);
    await writer.append([pendingWrite('b'), note('x')]);
    // A writer caught mid-write: a partial frame at the end is not read.
    await appendFile(path, '120 0badcafe {"type":"wri');
    expect(positions(await readAll(reader.read()))).toEqual(['1', '2', '3', '4', '5', '6', '@6']);
    await expect(reader.append([pendingWrite('c')])).rejects.toThrow(`${path} is open read-only: cannot append`);
    await expect(reader.saveCheckpoint({ rev: 1, entries: [] })).rejects.toThrow(/read-only/);
    await reader.close();
    await writer.close();
  });

  it('refuses a newer format version, an unknown version and a foreign file with clear messages', async () => {
    const write = async (name: string, header: object) => {
      await writeFile(file(name), encodeFrame(JSON.stringify(header)));
      return file(name);
    };
    const newer = await write('newer.history', { ...HEADER, version: 2 });
    for (const mode of ['read', 'write'] as const) {
      await expect(openFileLog(newer, { mode })).rejects.toThrow(
        `${newer}: history format version 2 is newer than this chronokube supports (newest supported: 1); upgrade chronokube to read it`,
      );
    }
    const unknown = await write('unknown.history', { ...HEADER, version: 0 });
    await expect(openFileLog(unknown, { mode: 'read' })).rejects.toThrow(`${unknown}: history format version 0 is unknown (this chronokube reads versions 1 to 1)`);
    const foreign = await write('foreign.history', { format: 'something-else', version: 1 });
    await expect(openFileLog(foreign, { mode: 'read' })).rejects.toThrow(
      `${foreign}: not a chronokube history: its first frame has format "something-else", expected "chronokube-history"`,
    );
    await writeFile(file('plain.txt'), 'hello\n');
    await expect(openFileLog(file('plain.txt'), { mode: 'read' })).rejects.toThrow(/history header \(first frame\) is unreadable: expected a frame length/);
    await expect(openFileLog(file('missing.history'), { mode: 'write' })).rejects.toThrow(/does not exist; pass a header/);
    await expect(openFileLog(file('v2.history'), { mode: 'write', header: { ...HEADER, version: 2 } })).rejects.toThrow(/written as format "chronokube-history" version 1/);
  });

  it('treats the checkpoint sidecar as a cache: deleted or damaged, the history is intact', async () => {
    const path = file('sidecar.history');
    const log = await openFileLog(path, { mode: 'write', header: HEADER });
    for (let i = 0; i < 4; i++) await log.append([pendingWrite(`a${i}`)]);
    await log.saveCheckpoint({ rev: 2, entries: [] });
    await log.saveCheckpoint({ rev: 4, entries: [] });
    await log.close();
    const side = `${path}.checkpoints`;
    const bytes = await readFile(side);
    await writeFile(side, Buffer.concat([bytes.subarray(0, bytes.length - 5), Buffer.from('junk!')]));
    const warnings: string[] = [];
    const again = await openFileLog(path, { mode: 'write', onWarning: (m) => warnings.push(m) });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(new RegExp(`^${side}: ignoring \\d+ bytes from byte offset \\d+ \\(.+\\); checkpoints are a cache, no history is lost$`));
    expect(await again.checkpointRevs()).toEqual([2]);
    expect(again.headRev()).toBe(4);
    await again.close();
    await rm(side);
    const third = await openFileLog(path, { mode: 'read', ...quiet });
    expect(await third.checkpointRevs()).toEqual([]);
    expect(positions(await readAll(third.read()))).toEqual(['1', '2', '3', '4']);
    await third.close();
  });

  it('refuses a record too large to frame, taking its revision back', async () => {
    const log = await openFileLog(file('cyclic.history'), { mode: 'write', header: HEADER });
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    await expect(log.append([pendingWrite('a', cyclic as never)])).rejects.toThrow(/circular/);
    expect(log.headRev()).toBe(0);
    expect(log.keyRev('core/configmaps/default/a')).toBe(0);
    expect(await log.append([pendingWrite('b')])).toMatchObject([{ rev: 1 }]);
    await log.close();
  });
});
