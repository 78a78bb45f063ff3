/**
 * Checkpoints: the whole state at a revision as plain data the log can keep
 * (`Log.saveCheckpoint`, or the base of a compacted log), and back.
 * Entries are sorted by key and carry objects without `resourceVersion`
 * (the store stamps it from each entry's `rev` when it loads them).
 *
 * @example
 * await log.compact(checkpointOf(store.at(5000)));
 * const store = createStore({ base: await log.base() });
 */
import type { Checkpoint } from '../log/index.js';
import { unstampVersion } from './fold-write.js';
import type { StateView } from './types.js';

export function checkpointOf(view: StateView): Checkpoint {
  const entries = view.keys().map((key) => ({
    key,
    rev: view.versionRev(key),
    object: unstampVersion(view.get(key) as NonNullable<ReturnType<StateView['get']>>),
  }));
  return { rev: view.rev, entries };
}

/** Throws unless entries are sorted, unique and no newer than the checkpoint; returns it. */
export function validateCheckpoint(cp: Checkpoint): Checkpoint {
  let last = '';
  for (const e of cp.entries) {
    if (e.key <= last) throw new Error(`checkpoint at ${cp.rev}: entries not sorted by key at "${e.key}"`);
    if (!(e.rev > 0 && e.rev <= cp.rev)) throw new Error(`checkpoint at ${cp.rev}: entry "${e.key}" has revision ${e.rev}`);
    last = e.key;
  }
  return cp;
}
