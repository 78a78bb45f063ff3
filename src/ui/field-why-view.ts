/**
 * The why panel for one picked field of the selected object: debug's
 * `whyField` (the write that set the field's current value, found as blame
 * finds it, and that write's cause tree) for the version the object panel
 * shows at the cursor — for an object deleted by then, its last version, as
 * the panel shows it. Cost: blame over the object's own versions, not the
 * history, so it stays fast on large histories.
 *
 * Refusals are `NoSuchField` (the server answers 404 with the message): an
 * object never written by that revision, a path the version does not have,
 * and the fields blame does not explain because every write stamps them
 * (`metadata.resourceVersion`, `metadata.managedFields`).
 */
import type { FaultRecord } from '../model/index.js';
import { parsePointer } from '../model/index.js';
import { fieldPointer, whyField } from '../debug/index.js';
import type { Store } from '../store/index.js';
import { fieldLabel } from './field-label.js';
import type { WhyNode } from './why-view.js';
import { whyNode } from './why-view.js';

export class NoSuchField extends Error {}

const BOOKKEEPING = ['/metadata/resourceVersion', '/metadata/managedFields'];

export interface FieldWhyView {
  readonly key: string;
  /** The cursor's revision. */
  readonly rev: number;
  /** The revision of the version explained (the last one before a deletion when the object is gone at `rev`). */
  readonly versionRev: number;
  /** The object is gone at `rev`: its last version is explained. */
  readonly deleted: boolean;
  /** The field as a JSON Pointer, and as the page names it (`spec.nodeName`). */
  readonly field: string;
  readonly label: string;
  /** Its value in that version (a subtree when a mapping or a list was picked). */
  readonly value: unknown;
  /** The write that set the value: the root of `root`. */
  readonly setRev: number;
  readonly root: WhyNode;
}

export function fieldWhyView(store: Store, faults: readonly FaultRecord[], key: string, field: string, rev: number): FieldWhyView {
  const pointer = fieldPointer(field);
  const label = fieldLabel(pointer);
  const versionRev = shownVersion(store, key, rev);
  if (versionRev === 0) throw new NoSuchField(`${key} does not exist at revision ${rev}`);
  if (pointer === '' || BOOKKEEPING.some((b) => pointer === b || pointer.startsWith(`${b}/`))) {
    throw new NoSuchField(`${label === '' ? 'the whole object' : label} is not a field why explains (pick a field inside the object; resourceVersion and managedFields change with every write)`);
  }
  const value = valueAt(store.at(versionRev).get(key), pointer);
  if (value === undefined) throw new NoSuchField(`${key} has no field ${label} at revision ${rev}`);
  const answer = whyField(store, faults, key, pointer, versionRev);
  const deleted = store.at(rev).get(key) === undefined;
  return { key, rev, versionRev, deleted, field: answer.field, label, value: answer.value, setRev: answer.rev, root: whyNode(answer.tree) };
}

/** The revision of the version the object panel shows at `rev`: the visible one, or the one a removal at or before `rev` removed; 0 if none. */
function shownVersion(store: Store, key: string, rev: number): number {
  const visible = store.at(rev).versionRev(key);
  if (visible !== 0) return visible;
  const all = store.versions(key);
  let lo = 0;
  let hi = all.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((all[mid] as number) <= rev) lo = mid + 1;
    else hi = mid;
  }
  const last = all[lo - 1];
  if (last === undefined) return 0;
  const w = store.write(last);
  return w?.change.op === 'remove' ? w.prevRev : 0;
}

function valueAt(obj: unknown, pointer: string): unknown {
  let segs: string[];
  try {
    segs = parsePointer(pointer);
  } catch (e) {
    throw new NoSuchField(e instanceof Error ? e.message : String(e));
  }
  let cur = obj;
  for (const seg of segs) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, seg)) return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}
