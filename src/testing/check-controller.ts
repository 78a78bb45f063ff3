/**
 * The property-test entry point, usable from any runner: generate cases
 * (operations, faults, perturbations), run each in virtual time, judge the
 * history with the given properties, shrink the first failure to a minimal
 * case with fast-check, save its history in the failures folder and fail
 * with a message naming the property, the revision and the `chronokube`
 * commands that open it. The seed is printed and reusable; pass a fixed one
 * in CI.
 *
 * @example
 * it('keeps replicas under stale caches', async () => {
 *   await checkController({
 *     setup: [podSetCrd],
 *     controllers: [podSetController],
 *     operations: userOperations([podSets]),
 *     perturbations: { staleCache: true, dropEvents: true },
 *     properties: [always(noWriteStormInvariant), converges(podSetCounts, { withinMs: 60_000 })],
 *     runs: 30,
 *     seed: 42,
 *   });
 * });
 */
import fc from 'fast-check';
import type { ScenarioNode } from '../runtime/index.js';
import type { CaseFailure } from './evaluate-case.js';
import { evaluateCase } from './evaluate-case.js';
import { failureMessage } from './failure-message.js';
import type { PerturbationKnobs } from './generators.js';
import { perturbations as perturbationArb, testCases } from './generators.js';
import type { Environment } from './run-case.js';
import type { RunProperty } from './run-property.js';
import { DEFAULT_FAILURES_DIR, saveFailure } from './save-failure.js';
import type { CaseStep, TestCase } from './test-case.js';
import { caseSize } from './test-case.js';

export interface CheckControllerOptions extends Environment {
  /** User operations, e.g. `userOperations([podSets])`. */
  readonly operations: fc.Arbitrary<readonly CaseStep[]>;
  /** Environment faults, e.g. `faults({ nodes: ['node-1', 'node-2'] })` (with `builtins: ['gc', 'nodes']`). */
  readonly faults?: fc.Arbitrary<readonly CaseStep[]>;
  /** The cluster's nodes (used with the `nodes` builtin), e.g. `clusterNodes()`. */
  readonly nodes?: fc.Arbitrary<readonly ScenarioNode[]>;
  /** Perturbations of the controllers under test (all of them); none by default. */
  readonly perturbations?: PerturbationKnobs;
  readonly properties: readonly RunProperty[];
  /** Cases to try; default 50. */
  readonly runs?: number;
  /** fast-check seed; default a fresh one (printed, and in the report and failure message). */
  readonly seed?: number;
  /** fast-check replay path, from a failure message: reruns straight to the failing case. */
  readonly path?: string;
  /** Stop generating new cases after this much wall time (ms). */
  readonly timeBudgetMs?: number;
  /** Virtual time a case runs after its quiet point; default 300,000 (5 min). Must cover the properties' bounds. */
  readonly settleMs?: number;
  /** Record budget of one run (a hot loop stops there); default 5,000. */
  readonly maxRecords?: number;
  /** Where a failing case's history goes; default `.chronokube/failures`. */
  readonly failuresDir?: string;
  /** Names the failure file; default the controllers' names. */
  readonly name?: string;
  /** Where the seed line goes; default `console.info`. Pass `() => {}` to silence it. */
  readonly print?: (line: string) => void;
}

export interface CheckFailure extends CaseFailure {
  /** The shrunk case. */
  readonly case: TestCase;
  /** Its steps plus perturbations. */
  readonly size: number;
  /** The saved history. */
  readonly file: string;
  /** What to print: property, revision, case, file, commands. */
  readonly report: string;
  /** fast-check's replay path. */
  readonly path: string;
}

export interface CheckReport {
  readonly seed: number;
  /** Cases run until the first failure (included), or all of them. */
  readonly runs: number;
  readonly shrinks: number;
  readonly failure?: CheckFailure;
}

/** Runs the property and returns what happened (a failure is in the report, not thrown). */
export async function runControllerCheck(opts: CheckControllerOptions): Promise<CheckReport> {
  const names = controllerNames(opts);
  const settleMs = opts.settleMs ?? 300_000;
  const runOpts = { settleMs, ...(opts.maxRecords === undefined ? {} : { maxRecords: opts.maxRecords }) };
  const arb = testCases({
    operations: opts.operations,
    ...(opts.faults === undefined ? {} : { faults: opts.faults }),
    ...(opts.nodes === undefined ? {} : { nodes: opts.nodes }),
    ...(opts.perturbations === undefined ? {} : { perturbations: perturbationArb(names, opts.perturbations) }),
  });
  const property = fc.asyncProperty(arb, async (c) => (await evaluateCase(opts, c, opts.properties, runOpts)).failure === undefined);
  const details = await fc.check(property, {
    numRuns: opts.runs ?? 50,
    ...(opts.seed === undefined ? {} : { seed: opts.seed }),
    ...(opts.path === undefined ? {} : { path: opts.path }),
    ...(opts.timeBudgetMs === undefined ? {} : { interruptAfterTimeLimit: opts.timeBudgetMs }),
  });
  (opts.print ?? console.info)(`chronokube property check of ${names.join(', ')}: seed ${details.seed}${details.failed ? ', failed' : `, ${details.numRuns} runs passed`}`);
  if (!details.failed) return { seed: details.seed, runs: details.numRuns, shrinks: 0 };
  if (details.counterexample === null) throw new Error(`property check ended without a counterexample: ${String(details.errorInstance ?? 'interrupted')}`);
  const [c] = details.counterexample;
  const label = (opts.name ?? names.join('-')).replace(/[^A-Za-z0-9_.-]+/g, '-');
  const file = `${opts.failuresDir ?? DEFAULT_FAILURES_DIR}/${label}-seed${details.seed}.ckh`;
  const meta = { recorder: 'chronokube-testing', seed: String(details.seed), path: details.counterexamplePath ?? '' };
  const saved = await saveFailure(file, opts, c, opts.properties, runOpts, meta);
  const failure: CaseFailure = saved.failure ?? {
    property: 'determinism',
    rev: 0,
    message: 'the shrunk case failed during the search but passed when run again: a controller under test is not deterministic (reads time, randomness or state outside its view)',
    violations: [],
  };
  const path = details.counterexamplePath ?? '';
  const report = failureMessage({ failure, c, file, seed: details.seed, path, runs: details.numRuns, shrinks: details.numShrinks });
  return { seed: details.seed, runs: details.numRuns, shrinks: details.numShrinks, failure: { ...failure, case: c, size: caseSize(c), file, report, path } };
}

/** Runs the property and throws an Error with the failure report if a case fails. */
export async function checkController(opts: CheckControllerOptions): Promise<CheckReport> {
  const report = await runControllerCheck(opts);
  if (report.failure !== undefined) throw new Error(report.failure.report);
  return report;
}

function controllerNames(opts: Environment): string[] {
  const defs = typeof opts.controllers === 'function' ? opts.controllers() : opts.controllers;
  return defs.map((d) => d.name);
}
