/**
 * No false positives for what chronokube itself writes: after running
 * fixture scenarios, every object its controllers and node agents wrote has
 * only fields Kubernetes 1.32 knows, so `kubectl get -o yaml | kubectl
 * replace -f -` (and `kubectl edit`) pass `fieldValidation=Strict`.
 */
import { describe, expect, it } from 'vitest';
import { builtInSchema } from '../../../src/api/field-validation/field-schema.js';
import { unknownFieldPaths } from '../../../src/api/field-validation/unknown-fields.js';
import { splitApiVersion } from '../../../src/model/index.js';
import { runFixture } from '../../runtime/scenario/run-fixture.js';

describe('objects written by the control plane', () => {
  it('carry only known fields', async () => {
    const problems = new Set<string>();
    const kinds = new Set<string>();
    for (const f of ['deployment-rolling-update', 'statefulset-ordered', 'hpa-scale-up-down', 'service-endpoints', 'drain-with-pdb', 'cronjob-forbid']) {
      const run = await runFixture(`fixtures/${f}.yaml`, { forMs: 60_000 });
      const head = run.store.head();
      for (const key of head.keys()) {
        const o = head.get(key);
        if (o === undefined) continue;
        const { group, version } = splitApiVersion(o.apiVersion);
        const schema = builtInSchema(group, version, o.kind);
        if (schema === undefined) {
          problems.add(`${o.apiVersion} ${o.kind}: no schema`);
          continue;
        }
        kinds.add(o.kind);
        for (const p of unknownFieldPaths(schema, o)) problems.add(`${o.kind}: ${p.replace(/\[\d+\]/g, '[]')}`);
      }
    }
    expect([...problems]).toEqual([]);
    expect(kinds.size).toBeGreaterThan(15);
  }, 60_000);
});
