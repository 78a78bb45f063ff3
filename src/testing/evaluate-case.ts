/**
 * Runs a case and judges its history: the first property that fails (in the
 * order given) is the case's failure, with the revision that decided it. A
 * run cut short by its record budget fails as a hot loop, naming the object
 * written most in its last thousand writes.
 */
import type { Violation } from '../invariants/index.js';
import type { CaseRun, Environment, RunCaseOptions } from './run-case.js';
import { runCase } from './run-case.js';
import type { RunProperty } from './run-property.js';
import { propertyFor } from './run-property.js';
import type { TestCase } from './test-case.js';

export interface CaseFailure {
  /** The failing property's name, e.g. `converges(podset-pod-counts, ...)`, or `hot-loop`. */
  readonly property: string;
  readonly rev: number;
  readonly message: string;
  readonly violations: readonly Violation[];
}

export interface CaseVerdict {
  readonly run: CaseRun;
  readonly failure?: CaseFailure;
}

export async function evaluateCase(env: Environment, c: TestCase, properties: readonly RunProperty[], opts: RunCaseOptions): Promise<CaseVerdict> {
  const run = await runCase(env, c, opts);
  const { store } = run;
  if (run.stopped !== undefined) {
    const counts = new Map<string, number>();
    for (let rev = Math.max(store.compactedRev + 1, store.rev - 999); rev <= store.rev; rev++) {
      const k = store.write(rev)?.key;
      if (k !== undefined) counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    const [key, n] = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? ['', 0];
    const message = `${run.stopped}; ${key} was written ${n} times in the last 1000 writes`;
    return { run, failure: { property: 'hot-loop', rev: store.rev, message, violations: [{ key, message: `written ${n} times in the last 1000 writes` }] } };
  }
  for (const p of properties) {
    const prop = propertyFor(p, { quietAt: run.quietAt });
    const r = prop.evaluate(store, { epoch: run.log.header.epoch });
    if (!r.holds) return { run, failure: { property: prop.name, rev: r.rev ?? store.rev, message: r.message, violations: r.violations ?? [] } };
  }
  return { run };
}
