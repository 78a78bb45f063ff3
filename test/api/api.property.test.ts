import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HistoryRecord } from '../../src/model/index.js';
import { asStatus } from '../../src/model/index.js';
import { configMap, configMaps, harness } from './harness.js';

type Op =
  | { kind: 'create'; name: string; valid: boolean }
  | { kind: 'patch'; name: string; value: string }
  | { kind: 'stale-update'; name: string }
  | { kind: 'delete'; name: string };

const names = fc.constantFrom('a', 'b', 'c');
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), name: names, valid: fc.boolean() }),
  fc.record({ kind: fc.constant('patch' as const), name: names, value: fc.string({ maxLength: 4 }) }),
  fc.record({ kind: fc.constant('stale-update' as const), name: names }),
  fc.record({ kind: fc.constant('delete' as const), name: names }),
);

const ctx = { actor: 'user:prop' };

describe('API writes (property)', () => {
  it('valid writes never leave a gap in revisions; refused writes append nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 25 }), async (ops) => {
        const { api, log } = await harness();
        for (const o of ops) {
          const before = log.headRev();
          let refused = false;
          try {
            switch (o.kind) {
              case 'create':
                await api.create(configMaps(), configMap(o.valid ? o.name : `${o.name}_INVALID`), ctx);
                break;
              case 'patch':
                await api.patch(configMaps('default', o.name), 'merge', { data: { v: o.value } }, ctx);
                break;
              case 'stale-update': {
                const cur = api.get(configMaps('default', o.name));
                await api.update(configMaps('default', o.name), { ...cur, metadata: { ...cur.metadata, resourceVersion: '1' }, data: { z: '1' } }, ctx);
                break;
              }
              case 'delete':
                await api.delete(configMaps('default', o.name), ctx);
                break;
            }
          } catch (e) {
            if (asStatus(e) === undefined) throw e;
            refused = true;
          }
          const after = log.headRev();
          if (refused) expect(after).toBe(before);
          else expect(after - before).toBeLessThanOrEqual(1);
        }
        const revs: number[] = [];
        for await (const r of log.read() as AsyncIterable<HistoryRecord>) if (r.type === 'write') revs.push(r.rev);
        expect(revs).toEqual(revs.map((_, i) => i + 1));
      }),
      { numRuns: 60, seed: 20261125 },
    );
  });
});
