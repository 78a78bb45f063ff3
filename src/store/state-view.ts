/**
 * `StateView` over the version history and a lazily built snapshot. Point
 * reads (`get`, `versionRev`) never need the snapshot: they binary-search the
 * key's chain of revisions. Set reads (`list`, `count`, `keys`, `byLabel`,
 * `byOwner`) build the snapshot once, on first use, from the nearest
 * checkpoint. A view never changes after creation: the history is
 * append-only and snapshots are persistent.
 */
import { type KubeObject, type ResourceScope, scopePrefix } from '../model/index.js';
import { type KeySet, type Snapshot, labelPair } from './snapshot.js';
import { treeCountPrefix, treeForEachFrom, treeGet, treeScan, treeSize } from './sorted-tree.js';
import type { StateView } from './types.js';
import type { VersionHistory } from './version-history.js';

export class SnapshotView implements StateView {
  private snap: Snapshot | undefined;

  constructor(
    private readonly history: VersionHistory,
    readonly rev: number,
    private readonly build: () => Snapshot,
    snapshot?: Snapshot,
  ) {
    this.snap = snapshot;
  }

  /** The snapshot behind the view (built on first call). */
  snapshot(): Snapshot {
    if (this.snap === undefined) this.snap = this.build();
    return this.snap;
  }

  get(key: string): KubeObject | undefined {
    const r = this.versionRev(key);
    return r === 0 ? undefined : this.history.version(r);
  }

  versionRev(key: string): number {
    if (this.snap !== undefined) return treeGet(this.snap.objects, key) ?? 0;
    return this.history.visibleRev(key, this.rev);
  }

  list(scope: ResourceScope, filter?: (o: KubeObject) => boolean): readonly KubeObject[] {
    const out: KubeObject[] = [];
    treeScan(this.snapshot().objects, scopePrefix(scope), (_k, rev) => {
      const o = this.history.version(rev) as KubeObject;
      if (filter === undefined || filter(o)) out.push(o);
    });
    return out;
  }

  count(scope?: ResourceScope): number {
    const objects = this.snapshot().objects;
    return scope === undefined ? treeSize(objects) : treeCountPrefix(objects, scopePrefix(scope));
  }

  byLabel(scope: ResourceScope, name: string, value: string): readonly KubeObject[] {
    return this.fromSet(treeGet(this.snapshot().labels, labelPair(name, value)), scopePrefix(scope));
  }

  byOwner(ownerUid: string): readonly KubeObject[] {
    return this.fromSet(treeGet(this.snapshot().owners, ownerUid), '');
  }

  keys(scope?: ResourceScope): readonly string[] {
    return this.keysWithPrefix(scope === undefined ? '' : scopePrefix(scope));
  }

  /** Number of objects whose key starts with `prefix` (any key prefix, e.g. a group `apps/`). */
  countPrefix(prefix: string): number {
    return treeCountPrefix(this.snapshot().objects, prefix);
  }

  /** The first object (by key) whose key starts with `prefix`. */
  first(prefix: string): KubeObject | undefined {
    let found: number | undefined;
    treeForEachFrom(this.snapshot().objects, prefix, (k, rev) => {
      if (k.startsWith(prefix)) found = rev;
      return false;
    });
    return found === undefined ? undefined : this.history.version(found);
  }

  /** Keys starting with `prefix`, sorted. */
  keysWithPrefix(prefix: string): string[] {
    const out: string[] = [];
    treeScan(this.snapshot().objects, prefix, (k) => out.push(k));
    return out;
  }

  private fromSet(set: KeySet | undefined, prefix: string): KubeObject[] {
    const out: KubeObject[] = [];
    if (set === undefined) return out;
    const objects = this.snapshot().objects;
    treeScan(set, prefix, (k) => out.push(this.history.version(treeGet(objects, k) as number) as KubeObject));
    return out;
  }
}
