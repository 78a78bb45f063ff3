/**
 * The one conformance suite every `Log` backend passes (memory, file, and
 * later etcd). Each backend's test file calls it with a factory that makes a
 * fresh, empty log.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppendConflict, type Log } from '../../src/log/index.js';
import { isExpired, reasonOf, type HistoryRecord, type PendingRecord } from '../../src/model/index.js';
import { HEADER, configMap, fault, note, pendingWrite, positions, readAll } from './log-fixtures.js';

export function describeLogConformance(name: string, makeLog: () => Promise<Log>): void {
  async function withLog(fn: (log: Log) => Promise<void>): Promise<void> {
    const log = await makeLog();
    try {
      await fn(log);
    } finally {
      await log.close();
    }
  }

  describe(`Log conformance: ${name}`, () => {
    it('starts empty with the header it was made with', () =>
      withLog(async (log) => {
        expect(log.header).toEqual(HEADER);
        expect(log.headRev()).toBe(0);
        expect(log.compactedRev()).toBe(0);
        expect(log.keyRev('core/configmaps/default/a')).toBe(0);
        expect(await readAll(log.read())).toEqual([]);
        expect(await log.base()).toBeUndefined();
      }));

    it('assigns gapless, increasing revisions and keeps every other field', () =>
      withLog(async (log) => {
        const [a] = await log.append([pendingWrite('a', { x: '1' })]);
        const [b] = await log.append([pendingWrite('b')]);
        const batch = await log.append([pendingWrite('c'), pendingWrite('a', { x: '2' })]);
        expect([a, b, ...batch].map((r) => (r?.type === 'write' ? r.rev : -1))).toEqual([1, 2, 3, 4]);
        expect(a).toEqual({ ...pendingWrite('a', { x: '1' }), rev: 1 });
        expect(log.headRev()).toBe(4);
        expect(log.keyRev('core/configmaps/default/a')).toBe(4);
        expect(log.keyRev('core/configmaps/default/c')).toBe(3);
        expect(await readAll(log.read())).toEqual([a, b, ...batch]);
      }));

    it('positions non-write records at the write before them (atRev)', () =>
      withLog(async (log) => {
        await log.append([note('first')]);
        await log.append([pendingWrite('a'), fault('n1'), pendingWrite('b'), note('x')]);
        await log.append([note('after')]);
        expect(positions(await readAll(log.read()))).toEqual(['@0', '1', '@1', '2', '@2', '@2']);
        expect(log.headRev()).toBe(2);
      }));

    it('appends a batch atomically: a bad record in it appends nothing', () =>
      withLog(async (log) => {
        await log.append([pendingWrite('a')]);
        const bad = { ...pendingWrite('b'), key: '' };
        await expect(log.append([pendingWrite('c'), bad])).rejects.toThrow(/key/);
        expect(log.headRev()).toBe(1);
        expect(log.keyRev('core/configmaps/default/c')).toBe(0);
        const [next] = await log.append([pendingWrite('d')]);
        expect(next?.type === 'write' && next.rev).toBe(2);
        expect(positions(await readAll(log.read()))).toEqual(['1', '2']);
      }));

    it('appends conditionally: success when every key is at its expected revision', () =>
      withLog(async (log) => {
        const key = 'core/configmaps/default/a';
        await log.append([pendingWrite('a')], [{ key, prevRev: 0 }]);
        await log.append([pendingWrite('a')], [{ key, prevRev: 1 }]);
        await log.append([pendingWrite('b'), pendingWrite('a')], [
          { key, prevRev: 2 },
          { key: 'core/configmaps/default/b', prevRev: 0 },
        ]);
        expect(log.keyRev(key)).toBe(4);
      }));

    it('rejects a failed condition with AppendConflict and leaves the log unchanged', () =>
      withLog(async (log) => {
        const key = 'core/configmaps/default/a';
        await log.append([pendingWrite('a')]);
        const before = await readAll(log.read());
        const err = await log.append([pendingWrite('b'), pendingWrite('a')], [{ key, prevRev: 0 }]).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(AppendConflict);
        expect(err).toMatchObject({ key, expectedRev: 0, actualRev: 1 });
        expect((err as Error).message).toBe(`append conflict on ${key}: expected its latest revision to be 0, it is 1`);
        expect(log.headRev()).toBe(1);
        expect(log.keyRev('core/configmaps/default/b')).toBe(0);
        expect(await readAll(log.read())).toEqual(before);
      }));

    it('counts appends not yet acknowledged in keyRev, so conditions follow call order', () =>
      withLog(async (log) => {
        const key = 'core/configmaps/default/a';
        const p1 = log.append([pendingWrite('a')], [{ key, prevRev: 0 }]);
        expect(log.keyRev(key)).toBe(1);
        const p2 = log.append([pendingWrite('a')], [{ key, prevRev: 1 }]);
        const p3 = log.append([pendingWrite('a')], [{ key, prevRev: 1 }]);
        expect(log.keyRev(key)).toBe(2);
        await expect(p3).rejects.toBeInstanceOf(AppendConflict);
        await Promise.all([p1, p2]);
        expect(log.headRev()).toBe(2);
      }));

    it('emits each acknowledged batch on appended$, in order, before its append resolves', () =>
      withLog(async (log) => {
        const events: string[] = [];
        const seen: (readonly HistoryRecord[])[] = [];
        log.appended$.subscribe((batch) => {
          seen.push(batch);
          events.push(`emit ${positions(batch).join(',')}`);
        });
        const appends = [[pendingWrite('a')], [note('n')], [pendingWrite('b'), pendingWrite('c')], [pendingWrite('d')]];
        const results = await Promise.all(
          appends.map((batch) =>
            log.append(batch).then((r) => {
              events.push(`resolve ${positions(r).join(',')}`);
              return r;
            }),
          ),
        );
        expect(seen).toEqual(results);
        for (const r of results) {
          const p = positions(r).join(',');
          expect(events.indexOf(`emit ${p}`)).toBeLessThan(events.indexOf(`resolve ${p}`));
        }
        expect(events.filter((e) => e.startsWith('emit'))).toEqual(['emit 1', 'emit @1', 'emit 2,3', 'emit 4']);
      }));

    it('emits an append made from an appended$ subscriber after the batch being emitted', () =>
      withLog(async (log) => {
        const order: string[] = [];
        let nested: Promise<unknown> | undefined;
        log.appended$.subscribe((b) => {
          order.push(`A ${positions(b).join(',')}`);
          if (nested === undefined) nested = log.append([pendingWrite('nested')]);
        });
        log.appended$.subscribe((b) => order.push(`B ${positions(b).join(',')}`));
        await log.append([pendingWrite('a')]);
        await nested;
        expect(order).toEqual(['A 1', 'B 1', 'A 2', 'B 2']);
      }));

    it('reads every record after a revision, non-write records at that revision included', () =>
      withLog(async (log) => {
        await log.append([pendingWrite('a'), note('at1')]);
        await log.append([pendingWrite('b')]);
        await log.append([note('at2'), pendingWrite('c'), pendingWrite('d')]);
        expect(positions(await readAll(log.read(0)))).toEqual(['1', '@1', '2', '@2', '3', '4']);
        expect(positions(await readAll(log.read(1)))).toEqual(['@1', '2', '@2', '3', '4']);
        expect(positions(await readAll(log.read(2)))).toEqual(['@2', '3', '4']);
        expect(positions(await readAll(log.read(3)))).toEqual(['4']);
        expect(await readAll(log.read(4))).toEqual([]);
        expect(await readAll(log.read(99))).toEqual([]);
        await expect(readAll(log.read(-1))).rejects.toMatchObject({ status: { reason: 'BadRequest' } });
      }));

    it('compacts: drops records up to the checkpoint, keeps it as the base, answers older reads with 410 Expired', () =>
      withLog(async (log) => {
        for (let i = 1; i <= 6; i++) await log.append([pendingWrite(`o${i}`), note(`after ${i}`)]);
        const entry = (i: number) => ({ key: `core/configmaps/default/o${i}`, rev: i, object: configMap(`o${i}`) });
        // o3 and o4 were deleted before the checkpoint: only o1 and o2 are in it.
        const checkpoint = { rev: 4, entries: [entry(1), entry(2)] };
        await log.compact(checkpoint);
        expect(log.compactedRev()).toBe(4);
        expect(await log.base()).toEqual(checkpoint);
        expect(positions(await readAll(log.read()))).toEqual(['@4', '5', '@5', '6', '@6']);
        expect(positions(await readAll(log.read(4)))).toEqual(['@4', '5', '@5', '6', '@6']);
        const err = await readAll(log.read(3)).catch((e: unknown) => e);
        expect(isExpired(err)).toBe(true);
        expect(reasonOf(err)).toBe('Expired');
        expect((err as Error).message).toBe('too old resource version: 3 (4)');
        await expect(readAll(log.read(0))).rejects.toThrow('too old resource version: 0 (4)');
        await expect(log.compact({ rev: 3, entries: [] })).rejects.toThrow(/too old/);
        await expect(log.compact({ rev: 7, entries: [] })).rejects.toThrow(/beyond the head/);
        const [w] = await log.append([pendingWrite('o7')]);
        expect(w?.type === 'write' && w.rev).toBe(7);
        expect(log.keyRev('core/configmaps/default/o2')).toBe(2);
        expect(log.keyRev('core/configmaps/default/o3')).toBe(0);
        expect(log.keyRev('core/configmaps/default/o5')).toBe(5);
        await log.compact({ rev: 7, entries: [] });
        expect(await readAll(log.read())).toEqual([]);
        expect(log.headRev()).toBe(7);
      }));

    it('saves and loads checkpoints; compaction forgets the ones before its base', () =>
      withLog(async (log) => {
        for (let i = 1; i <= 5; i++) await log.append([pendingWrite(`o${i}`)]);
        const at = (rev: number) => ({
          rev,
          entries: [{ key: `core/configmaps/default/o${rev}`, rev, object: configMap(`o${rev}`) }],
        });
        await log.saveCheckpoint(at(2));
        await log.saveCheckpoint(at(5));
        await log.saveCheckpoint(at(3));
        expect(await log.checkpointRevs()).toEqual([2, 3, 5]);
        expect(await log.loadCheckpoint(5)).toEqual(at(5));
        expect(await log.loadCheckpoint(4)).toBeUndefined();
        await expect(log.saveCheckpoint(at(6))).rejects.toThrow(/beyond the head/);
        await log.compact(at(3));
        expect(await log.checkpointRevs()).toEqual([3, 5]);
        expect(await log.loadCheckpoint(2)).toBeUndefined();
        expect(await log.loadCheckpoint(5)).toEqual(at(5));
        await expect(log.saveCheckpoint(at(2))).rejects.toThrow(/too old/);
      }));

    it('close acknowledges appends in flight, completes appended$, refuses later appends, and is idempotent', async () => {
      const log = await makeLog();
      let completed = false;
      log.appended$.subscribe({ complete: () => (completed = true) });
      const inFlight = log.append([pendingWrite('a')]);
      const closing = log.close();
      expect((await inFlight)[0]).toMatchObject({ rev: 1 });
      await closing;
      await log.close();
      expect(completed).toBe(true);
      await expect(log.append([pendingWrite('b')])).rejects.toThrow(/close/);
    });

    it('never leaves a gap in revisions, whatever valid batches are appended concurrently (property)', async () => {
      const record = fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom('a', 'b', 'c').map((n): PendingRecord => pendingWrite(n)) },
        { weight: 1, arbitrary: fc.string({ maxLength: 5 }).map((t) => note(t)) },
      );
      await fc.assert(
        fc.asyncProperty(fc.array(fc.array(record, { minLength: 1, maxLength: 4 }), { maxLength: 8 }), async (batches) => {
          const log = await makeLog();
          try {
            const results = await Promise.all(batches.map((b) => log.append(b)));
            const all = results.flat();
            let head = 0;
            for (const r of all) {
              if (r.type === 'write') expect(r.rev).toBe(++head);
              else expect(r.atRev).toBe(head);
            }
            expect(log.headRev()).toBe(head);
            expect(await readAll(log.read())).toEqual(all);
          } finally {
            await log.close();
          }
        }),
        { numRuns: 30 },
      );
    });
  });
}
