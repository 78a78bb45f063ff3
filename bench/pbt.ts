/**
 * Property-based testing: for each deliberately buggy PodSet controller
 * (test/testing/buggy/), how many generated cases the harness ran until the
 * first failure, the wall time until the shrunk counterexample was saved,
 * and the size of that counterexample (steps plus perturbations).
 *
 * pbt_VARIANT_runs        cases run, the failing one included
 * pbt_VARIANT_wall_s      wall seconds: search, shrinking and saving the history
 * pbt_VARIANT_shrunk_steps steps + perturbations of the shrunk case
 *
 * Fixed seed (1) and budget (100 runs), so the figures are comparable run to
 * run; a variant not found within the budget reports runs = 100, shrunk_steps = -1.
 *
 * Run alone: `node --import tsx bench/pbt.ts`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runControllerCheck } from '../src/testing/index.js';
import { VARIANTS } from '../test/testing/buggy/variants.js';

export async function benchPbt(): Promise<Record<string, number>> {
  const dir = await mkdtemp(join(tmpdir(), 'chronokube-pbt-'));
  const out: Record<string, number> = {};
  try {
    for (const [name, variant] of Object.entries(VARIANTS)) {
      const key = name.replace(/-/g, '_');
      const t0 = performance.now();
      const r = await runControllerCheck({ ...variant, seed: 1, runs: 100, failuresDir: dir, print: () => undefined });
      out[`pbt_${key}_runs`] = r.runs;
      out[`pbt_${key}_wall_s`] = (performance.now() - t0) / 1000;
      out[`pbt_${key}_shrunk_steps`] = r.failure?.size ?? -1;
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const figures = await benchPbt();
  for (const [k, v] of Object.entries(figures)) process.stdout.write(`${k}  ${Number.isInteger(v) ? v : v.toFixed(3)}\n`);
}
