/**
 * Writes a failing case's history to the failures folder: the case is run
 * again (runs are deterministic) onto a history file, followed by an
 * `invariant-failed` annotation naming the property and revision and a note
 * holding the case as JSON (so it can be run again with `runCase`). An
 * earlier file of the same name is replaced.
 */
import { mkdir, readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createMemoryLog, openFileLog } from '../log/index.js';
import type { HistoryRecord, PendingRecord } from '../model/index.js';
import { TESTING_ACTOR } from './controller-host.js';
import type { CaseFailure } from './evaluate-case.js';
import { evaluateCase } from './evaluate-case.js';
import type { Environment, RunCaseOptions } from './run-case.js';
import { caseHeader } from './run-case.js';
import type { RunProperty } from './run-property.js';
import type { TestCase } from './test-case.js';

export const DEFAULT_FAILURES_DIR = '.chronokube/failures';
/** The prefix of the note that carries the case. */
export const CASE_NOTE_PREFIX = 'chronokube-testing case: ';

export interface SavedFailure {
  readonly path: string;
  /** The failure seen in the saved run (undefined if it did not fail again: a nondeterministic controller). */
  readonly failure: CaseFailure | undefined;
}

export async function saveFailure(path: string, env: Environment, c: TestCase, properties: readonly RunProperty[], opts: Omit<RunCaseOptions, 'log'>, meta: Readonly<Record<string, string>>): Promise<SavedFailure> {
  // Run in memory, then write the whole history in one append: one fsync, not one per record.
  const { run, failure } = await evaluateCase(env, c, properties, { ...opts, log: createMemoryLog(caseHeader(c.seed, meta)) });
  const records: PendingRecord[] = [];
  for await (const r of run.log.read()) records.push(pending(r));
  await run.log.close();
  const time = run.endedAt;
  records.push(
    ...(failure === undefined ? [] : [{ type: 'annotation' as const, time, actor: TESTING_ACTOR, annotation: { kind: 'invariant-failed' as const, invariant: failure.property, rev: failure.rev, message: failure.message } }]),
    { type: 'annotation', time, actor: TESTING_ACTOR, annotation: { kind: 'note', text: `${CASE_NOTE_PREFIX}${JSON.stringify(c)}` } },
  );
  await mkdir(dirname(path), { recursive: true });
  const base = basename(path);
  for (const f of await readdir(dirname(path))) if (f === base || f.startsWith(`${base}.`)) await rm(join(dirname(path), f), { force: true });
  const log = await openFileLog(path, { mode: 'write', header: caseHeader(c.seed, meta) });
  try {
    await log.append(records);
  } finally {
    await log.close();
  }
  return { path, failure };
}

/** A stored record as the log takes it again (without the revision or position the log assigns). */
function pending(r: HistoryRecord): PendingRecord {
  if (r.type === 'write') {
    const { rev: _rev, ...rest } = r;
    return rest;
  }
  const { atRev: _atRev, ...rest } = r;
  return rest;
}
