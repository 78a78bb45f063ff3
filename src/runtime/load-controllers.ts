/**
 * Users' controllers, loaded from a module (TypeScript or JavaScript) that
 * exports `controllers`: an array of ControllerDefinitions (or a default
 * export of one). Errors name the file and what was wrong.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ControllerDefinition } from '../controllers/index.js';

export async function loadControllers(file: string): Promise<ControllerDefinition[]> {
  let mod: { controllers?: unknown; default?: unknown };
  try {
    mod = (await import(pathToFileURL(resolve(file)).href)) as typeof mod;
  } catch (e) {
    throw new Error(`cannot load controllers from ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const list = mod.controllers ?? mod.default;
  if (!Array.isArray(list)) throw new Error(`${file} must export \`controllers\`: an array of controller definitions`);
  list.forEach((c: unknown, i) => {
    const d = c as Partial<ControllerDefinition> | null;
    if (d === null || typeof d !== 'object' || typeof d.name !== 'string' || typeof d.reconcile !== 'function' || d.for === undefined) {
      throw new Error(`${file}: controllers[${i}] is not a controller definition (it needs name, for and reconcile)`);
    }
  });
  return list as ControllerDefinition[];
}
