/**
 * The state at one revision as three persistent sorted trees: objects (key →
 * revision of the visible version), the label index (`name=value` → set of
 * keys) and the owner index (owner uid → set of keys). The resource and
 * namespace indexes are the key order itself: keys are
 * `GROUP/RESOURCE/NAMESPACE/NAME`, so a scope is a key-prefix range.
 *
 * A `Snapshot` is immutable; a `SnapshotBuilder` moves one forward or back a
 * write at a time with transient edits and seals a new `Snapshot` on demand.
 * The indexes are touched only when labels, owners or existence change;
 * since versions share unchanged subtrees, "labels unchanged" is usually an
 * identity check.
 */
import type { KubeObject } from '../model/index.js';
import { type Edit, type Tree, emptyTree, treeGet, treeRemove, treeSet, treeSize } from './sorted-tree.js';

export type KeySet = Tree<1>;

export interface Snapshot {
  readonly rev: number;
  readonly objects: Tree<number>;
  readonly labels: Tree<KeySet>;
  readonly owners: Tree<KeySet>;
}

export function emptySnapshot(rev: number): Snapshot {
  return { rev, objects: emptyTree(), labels: emptyTree(), owners: emptyTree() };
}

/** The label index's key for `name=value` (label names cannot contain `=`). */
export function labelPair(name: string, value: string): string {
  return `${name}=${value}`;
}

export class SnapshotBuilder {
  rev: number;
  private objects: Tree<number>;
  private labels: Tree<KeySet>;
  private owners: Tree<KeySet>;
  private edit: Edit = {};
  private sealed: Snapshot | undefined;

  constructor(from: Snapshot) {
    this.rev = from.rev;
    this.objects = from.objects;
    this.labels = from.labels;
    this.owners = from.owners;
    this.sealed = from;
  }

  /**
   * `key` changes from version `before` to version `after` (undefined: absent),
   * where `afterRev` is the revision of `after` (ignored when absent).
   */
  move(key: string, before: KubeObject | undefined, after: KubeObject | undefined, afterRev: number): void {
    const edit = this.edit;
    this.sealed = undefined;
    this.objects = after === undefined ? treeRemove(this.objects, key, edit) : treeSet(this.objects, key, afterRev, edit);
    const l0 = before?.metadata.labels;
    const l1 = after?.metadata.labels;
    if (l0 !== l1) {
      if (l0) for (const n of Object.keys(l0)) if (l1?.[n] !== l0[n]) this.labels = drop(this.labels, labelPair(n, l0[n] as string), key, edit);
      if (l1) for (const n of Object.keys(l1)) if (l0?.[n] !== l1[n]) this.labels = add(this.labels, labelPair(n, l1[n] as string), key, edit);
    }
    const o0 = before?.metadata.ownerReferences;
    const o1 = after?.metadata.ownerReferences;
    if (o0 !== o1) {
      if (o0) for (const r of o0) if (!o1?.some((x) => x.uid === r.uid)) this.owners = drop(this.owners, r.uid, key, edit);
      if (o1) for (const r of o1) if (!o0?.some((x) => x.uid === r.uid)) this.owners = add(this.owners, r.uid, key, edit);
    }
  }

  /** The current state as an immutable snapshot; later moves copy before writing. */
  seal(): Snapshot {
    if (this.sealed === undefined) {
      this.sealed = { rev: this.rev, objects: this.objects, labels: this.labels, owners: this.owners };
      this.edit = {};
    }
    return this.sealed;
  }
}

function add(index: Tree<KeySet>, name: string, key: string, edit: Edit): Tree<KeySet> {
  const set = treeGet(index, name) ?? emptyTree<1>();
  const next = treeSet(set, key, 1, edit);
  return next === set && treeSize(set) > 0 ? index : treeSet(index, name, next, edit);
}

function drop(index: Tree<KeySet>, name: string, key: string, edit: Edit): Tree<KeySet> {
  const set = treeGet(index, name);
  if (set === undefined) return index;
  const next = treeRemove(set, key, edit);
  if (treeSize(next) === 0) return treeRemove(index, name, edit);
  return next === set ? index : treeSet(index, name, next, edit);
}
