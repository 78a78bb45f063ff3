/**
 * The message a failing property check ends with: which property failed at
 * which revision and why, the shrunk case, where its history was saved, the
 * exact `chronokube` commands that open it at that revision, and how to run
 * the same case again.
 */
import { parseKey } from '../model/index.js';
import { describeCase } from './describe-case.js';
import type { CaseFailure } from './evaluate-case.js';
import type { TestCase } from './test-case.js';

export interface FailureFacts {
  readonly failure: CaseFailure;
  readonly c: TestCase;
  readonly file: string;
  readonly seed: number;
  readonly path: string;
  readonly runs: number;
  readonly shrinks: number;
}

/** `KIND/NAME` as the CLI takes it (`pods/web-1`, `podsets.example.com/a`), with `-n NS` when namespaced. */
export function cliRef(key: string): string {
  const k = parseKey(key);
  const kind = k.group === '' ? k.resource : `${k.resource}.${k.group}`;
  return `${kind}/${k.name}${k.namespace === '' ? '' : ` -n ${k.namespace}`}`;
}

const quote = (s: string): string => (/^[A-Za-z0-9_./:=@-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

export function failureMessage(f: FailureFacts): string {
  const { failure, c, file } = f;
  const h = `--history ${quote(file)}`;
  const subject = failure.violations[0]?.key;
  const lines = [
    `property ${failure.property} failed at revision ${failure.rev}`,
    `  ${failure.message}`,
    `shrunk case (${c.steps.length} steps, ${c.perturbations.length} perturbations; found after ${f.runs} runs, ${f.shrinks} shrinks; run seed ${c.seed}):`,
    ...describeCase(c).map((l) => `  ${l}`),
    `history saved to ${file}; open it at the failing revision:`,
    `  chronokube get pods -A ${h} --at ${failure.rev}`,
    ...(subject === undefined ? [] : [`  chronokube why ${cliRef(subject)} ${h} --at ${failure.rev}`]),
    `  chronokube history ${h} --all`,
    `run this case again: { seed: ${f.seed}, path: ${JSON.stringify(f.path)} }`,
  ];
  return lines.join('\n');
}
