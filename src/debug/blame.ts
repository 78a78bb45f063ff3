/**
 * `blame`: for every field of an object at a revision, the write that last
 * set its current value — revision, time, actor, verb and cause — from the
 * full history, status included (what `kubectl-blame` approximates from
 * managedFields). A field's blame is the oldest write since which its value
 * has not changed, so a controller rewriting a status with the same values
 * does not steal the blame.
 *
 * Cost: the object's own versions, newest first, and only until every field
 * is explained; a patch write whose operations touch no unexplained field is
 * skipped without rebuilding the version before it.
 *
 * Fields are leaves (scalars, empty objects and arrays) named by JSON
 * Pointer; array elements by index. `metadata.resourceVersion` (stamped from
 * every revision) and `metadata.managedFields` (bookkeeping of the writes
 * themselves) are left out.
 */
import type { KubeObject, WriteRecord } from '../model/index.js';
import { escapePointerSegment, parsePointer } from '../model/index.js';
import type { Store } from '../store/index.js';

export interface BlameLine {
  /** JSON Pointer of the field, e.g. `/spec/nodeName`. */
  readonly path: string;
  readonly value: unknown;
  /** The write that set the value, and whom and what it was reacting to. */
  readonly rev: number;
  readonly time: number;
  readonly actor: string;
  readonly verb: WriteRecord['verb'];
  readonly subresource?: string;
  readonly cause: readonly number[];
}

export interface BlameResult {
  readonly key: string;
  /** The revision asked about. */
  readonly atRev: number;
  /** The revision of the version visible there. */
  readonly versionRev: number;
  /** One line per field, in the object's own order. */
  readonly lines: readonly BlameLine[];
  /** Versions rebuilt to find the answer (the visible one included). */
  readonly versionsRead: number;
}

const SKIPPED = new Set(['/metadata/resourceVersion', '/metadata/managedFields']);

/**
 * The blame of the version of `key` visible at `atRev` (default head); undefined when the object does not exist there.
 *
 * @example
 * blame(store, 'core/pods/default/web-x7k2p')?.lines.find((l) => l.path === '/spec/nodeName')?.actor // 'controller:scheduler'
 */
export function blame(store: Store, key: string, atRev = store.rev): BlameResult | undefined {
  const view = store.at(atRev);
  const obj = view.get(key);
  if (obj === undefined) return undefined;
  const versionRev = view.versionRev(key);
  const leaves = new Map<string, unknown>();
  collectLeaves(obj, '', leaves);
  const blamed = new Map<string, number>();
  const versions = store.versions(key);
  let i = versions.lastIndexOf(versionRev);
  let versionsRead = 1;
  // Invariant: every unresolved field has at version `versions[i]` the value it has now.
  let unresolved = [...leaves.keys()];
  while (unresolved.length > 0) {
    const rev = versions[i] ?? versionRev;
    const write = store.write(rev);
    const prevRev = i > 0 ? versions[i - 1] : undefined;
    if (write === undefined || prevRev === undefined || prevRev <= store.compactedRev || write.change.op === 'remove') {
      // The history starts here (creation, or compacted before): what is left was set by this write.
      for (const p of unresolved) blamed.set(p, rev);
      break;
    }
    const touched = write.change.op === 'patch' ? touchedBy(write.change.patch, unresolved) : unresolved;
    if (touched.length > 0) {
      const before = store.at(prevRev).get(key);
      versionsRead++;
      const changed = new Set(before === undefined ? touched : touched.filter((p) => !sameValue(valueAt(before, p), leaves.get(p))));
      for (const p of changed) blamed.set(p, rev);
      unresolved = unresolved.filter((p) => !changed.has(p));
    }
    i--;
  }
  const lines: BlameLine[] = [];
  for (const [path, value] of leaves) {
    const w = store.write(blamed.get(path) ?? versionRev);
    if (w === undefined) continue;
    lines.push({ path, value, rev: w.rev, time: w.time, actor: w.actor, verb: w.verb, ...(w.subresource === undefined ? {} : { subresource: w.subresource }), cause: w.cause });
  }
  return { key, atRev, versionRev, lines, versionsRead };
}

function collectLeaves(v: unknown, path: string, out: Map<string, unknown>): void {
  if (SKIPPED.has(path)) return;
  if (v !== null && typeof v === 'object') {
    const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
    if (entries.length > 0) {
      for (const [k, x] of entries) collectLeaves(x, `${path}/${escapePointerSegment(k)}`, out);
      return;
    }
  }
  out.set(path, v);
}

/** The fields whose value an RFC 6902 patch may have changed: an operation on the field, an ancestor or a descendant. */
function touchedBy(patch: readonly { op: string; path: string; from?: string }[], fields: readonly string[]): string[] {
  const related = (p: string, q: string): boolean => p === q || p.startsWith(`${q}/`) || q.startsWith(`${p}/`);
  return fields.filter((p) => patch.some((op) => op.op !== 'test' && (related(p, op.path) || (op.op === 'move' && op.from !== undefined && related(p, op.from)))));
}

function valueAt(obj: KubeObject, pointer: string): unknown {
  let cur: unknown = obj;
  for (const seg of parsePointer(pointer)) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, seg)) return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // Leaves are scalars or empty containers.
  if (Array.isArray(a) && Array.isArray(b)) return a.length === 0 && b.length === 0;
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) return Object.keys(a).length === 0 && Object.keys(b).length === 0;
  return false;
}
