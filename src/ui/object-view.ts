/**
 * The selected object at the cursor: its YAML (lines tagged with paths), the
 * write that made this version, the JSON Patch from the previous version
 * (the changed paths are what the page highlights), and its neighbouring
 * versions for stepping through the object's own history. Bounded: at most
 * `VERSIONS_AROUND` versions either side are listed.
 */
import type { JsonPatch } from '../model/index.js';
import type { Store } from '../store/index.js';
import { objectDiff } from '../store/index.js';
import type { EventRow, HistoryIndex } from './history-index.js';
import type { YamlLine } from './yaml-lines.js';
import { yamlLines } from './yaml-lines.js';

const VERSIONS_AROUND = 20;

export interface ObjectView {
  readonly key: string;
  readonly rev: number;
  /** Revision of the version shown (0: never written at or before `rev`). */
  readonly versionRev: number;
  /** Whether the object exists at `rev` (it may have been removed: then the last version is shown). */
  readonly exists: boolean;
  readonly lines: readonly YamlLine[];
  /** The write that produced the version shown. */
  readonly write?: EventRow & { readonly cause: readonly number[] };
  /** The previous version's revision (0 if this one created it). */
  readonly prevRev: number;
  readonly nextRev: number;
  readonly diff: JsonPatch;
  /** Paths `diff` touches, for highlighting. */
  readonly changed: readonly string[];
  readonly versions: readonly number[];
  readonly versionCount: number;
}

/** `withNoise`: keep `metadata.managedFields` (hidden by default, as kubectl does). */
export function objectView(store: Store, index: HistoryIndex, key: string, rev: number, withNoise = false): ObjectView {
  const view = store.at(rev);
  const all = store.versions(key);
  let i = upperBound(all, rev) - 1; // last version at or before rev
  const versionRev = i < 0 ? 0 : (all[i] as number);
  const exists = view.get(key) !== undefined;
  const w = versionRev === 0 ? undefined : store.write(versionRev);
  // A removal shows the version it removed; its diff is the removal itself.
  const shownRev = w?.change.op === 'remove' ? w.prevRev : versionRev;
  const obj = shownRev === 0 ? undefined : strip(store.at(shownRev).get(key), withNoise);
  const prevRev = w?.prevRev ?? 0;
  const before = prevRev === 0 ? undefined : store.at(prevRev).get(key);
  const after = versionRev === 0 ? undefined : store.at(versionRev).get(key);
  const diff = versionRev === 0 ? [] : objectDiff(strip(before, withNoise), strip(after, withNoise));
  if (i < 0) i = 0;
  const row = w === undefined ? undefined : index.row(w.rev);
  return {
    key,
    rev,
    versionRev,
    exists,
    lines: obj === undefined ? [] : yamlLines(obj),
    ...(row === undefined || w === undefined ? {} : { write: { ...row, cause: w.cause } }),
    prevRev,
    nextRev: all[upperBound(all, rev)] ?? 0,
    diff,
    changed: diff.map((op) => op.path),
    versions: all.slice(Math.max(0, i - VERSIONS_AROUND), i + VERSIONS_AROUND + 1),
    versionCount: all.length,
  };
}

/** Without `resourceVersion` (every version changes it) and, unless asked, `managedFields`. */
function strip<T extends { metadata: { resourceVersion?: string; managedFields?: unknown } } | undefined>(o: T, withNoise: boolean): T {
  if (o === undefined) return o;
  const { resourceVersion: _rv, managedFields, ...metadata } = o.metadata;
  return { ...o, metadata: withNoise && managedFields !== undefined ? { ...metadata, managedFields } : metadata } as T;
}

function upperBound(a: readonly number[], v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((a[mid] as number) <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
