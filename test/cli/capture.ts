/** Runs the CLI in process and captures what it prints. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/index.js';

export interface Ran {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export async function cli(...argv: string[]): Promise<Ran> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

export function tempHistory(): string {
  return join(mkdtempSync(join(tmpdir(), 'chronokube-cli-')), 'history.ckh');
}
