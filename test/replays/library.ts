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
  /** The `--for` of the run command its description gives. */
  readonly duration: string;
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
      const m = /npx chronokube run (\S+) --out (\S+) --for (\S+)/.exec(description);
      if (m === null) throw new Error(`${name}.md gives no run command`);
      expect(m[2]).toBe(join(REPLAYS, f));
      return { name, history: join(REPLAYS, f), source: m[1]!, duration: m[3]!, description };
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
