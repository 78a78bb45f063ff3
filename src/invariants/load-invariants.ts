/**
 * Users' invariants, loaded from a module (TypeScript or JavaScript) that
 * exports `invariants`: an array of Invariants (or a default export of one),
 * the same shape as `loadControllers` in the runtime. Errors name the file
 * and what was wrong.
 *
 * @example
 * // my-invariants.ts
 * export const invariants = [{ name: 'no-failed-pods', description: '...', check: (view) => [...] }];
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Invariant } from './invariant.js';

export async function loadInvariants(file: string): Promise<Invariant[]> {
  let mod: { invariants?: unknown; default?: unknown };
  try {
    mod = (await import(pathToFileURL(resolve(file)).href)) as typeof mod;
  } catch (e) {
    throw new Error(`cannot load invariants from ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const list = mod.invariants ?? mod.default;
  if (!Array.isArray(list) || list.length === 0) throw new Error(`${file} must export \`invariants\`: a non-empty array of invariants`);
  list.forEach((v: unknown, i) => {
    const inv = v as Partial<Invariant> | null;
    if (inv === null || typeof inv !== 'object' || typeof inv.name !== 'string' || inv.name === '' || typeof inv.check !== 'function') {
      throw new Error(`${file}: invariants[${i}] is not an invariant (it needs a name and check(view, ctx))`);
    }
  });
  return list as Invariant[];
}
