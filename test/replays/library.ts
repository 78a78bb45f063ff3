/**
 * The incident library as the golden tests see it: every history in
 * replays/, the command in its description that regenerates it, and the CLI
 * run in process with JSON output.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { cli } from '../cli/capture.js';

export const REPLAYS = 'replays';

export interface Incident {
  readonly name: string;
  readonly history: string;
  readonly source: string;
  /** The CLI arguments of the command its description gives to regenerate it, writing to OUT. */
  readonly regenerate: (out: string) => string[];
  readonly description: string;
}

/** Every `replays/NAME.ckh`, sorted, with its description and regeneration command. */
export function incidents(): Incident[] {
  return readdirSync(REPLAYS)
    .filter((f) => f.endsWith('.ckh'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -'.ckh'.length);
      const description = readFileSync(join(REPLAYS, `${name}.md`), 'utf8');
      const run = /npx chronokube run (\S+) --out (\S+) --for (\S+)/.exec(description);
      const imp = /npx chronokube import (\S+) --format (\S+) --out (\S+) --force/.exec(description);
      const history = join(REPLAYS, f);
      if (run !== null) {
        expect(run[2]).toBe(history);
        return { name, history, source: run[1]!, regenerate: (out: string) => ['run', run[1]!, '--out', out, '--for', run[3]!], description };
      }
      if (imp !== null) {
        expect(imp[3]).toBe(history);
        return { name, history, source: imp[1]!, regenerate: (out: string) => ['import', imp[1]!, '--format', imp[2]!, '--out', out], description };
      }
      throw new Error(`${name}.md gives no run or import command`);
    });
}

export function incident(name: string): Incident {
  const found = incidents().find((i) => i.name === name);
  if (found === undefined) throw new Error(`no incident ${name}`);
  return found;
}

/** Runs a CLI command that must succeed and prints JSON. */
export async function json<T>(...argv: string[]): Promise<T> {
  const r = await cli(...argv);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as T;
}

export interface WhyWrite {
  readonly rev: number;
  readonly actor: string;
  readonly verb: string;
  readonly key: string;
}

export interface WhyTree {
  readonly write: WhyWrite;
  readonly fault?: { readonly fault: { readonly kind: string; readonly node?: string } };
  readonly causes: readonly WhyTree[];
}

/** Every write and fault in a `why -o json` tree, depth first. */
export function chain(tree: WhyTree): { writes: WhyWrite[]; faults: { kind: string; node?: string }[] } {
  const writes: WhyWrite[] = [];
  const faults: { kind: string; node?: string }[] = [];
  const walk = (t: WhyTree): void => {
    writes.push(t.write);
    if (t.fault !== undefined) faults.push(t.fault.fault);
    t.causes.forEach(walk);
  };
  walk(tree);
  return { writes, faults };
}

/** The root-cause revision a description names ("**Root cause.** rev N"), or undefined for a fault. */
export function statedRootCause(description: string): number | undefined {
  const m = /\*\*Root cause\.\*\* rev (\d+)/.exec(description);
  return m === null ? undefined : Number(m[1]);
}
