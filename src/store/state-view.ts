/**
 * `StateView` at one revision R, read straight from the append-only history:
 * creating one costs nothing, any number coexist, and none ever changes as
 * the fold goes on (chains and indexes only grow, and every read looks at
 * writes at or before R only).
 *
 * - `get`/`versionRev`: a binary search in the key's chain (O(1) at head),
 *   then the version: the head, a snapshot, or at most K-1 patches from one.
 * - `list`/`count(scope)`/`keys`: the key-prefix range of the sorted set of
 *   keys ever written, skipping keys absent at R; `count()` of everything is
 *   a per-revision counter.
 * - `byLabel`/`byOwner`: the keys that ever carried the term, each checked at R.
 */
import { type KubeObject, type ResourceScope, scopePrefix } from '../model/index.js';
import type { KeyChain } from './key-chain.js';
import { labelTerm } from './key-bag.js';
import type { StateView } from './types.js';
import type { VersionHistory } from './version-history.js';

export class HistoryView implements StateView {
  constructor(
    private readonly history: VersionHistory,
    readonly rev: number,
  ) {}

  get(key: string): KubeObject | undefined {
    return this.history.objectAt(key, this.rev);
  }

  versionRev(key: string): number {
    return this.history.visibleRev(key, this.rev);
  }

  list(scope: ResourceScope, filter?: (o: KubeObject) => boolean): readonly KubeObject[] {
    const out: KubeObject[] = [];
    this.history.scan(scopePrefix(scope), (c) => {
      const o = this.history.visible(c, c.indexAt(this.rev));
      if (o !== undefined && (filter === undefined || filter(o))) out.push(o);
    });
    return out;
  }

  count(scope?: ResourceScope): number {
    return scope === undefined ? this.history.countAt(this.rev) : this.countPrefix(scopePrefix(scope));
  }

  byLabel(scope: ResourceScope, name: string, value: string): readonly KubeObject[] {
    const out: KubeObject[] = [];
    for (const key of this.history.labels.candidates(labelTerm(name, value), scopePrefix(scope))) {
      const o = this.get(key);
      if (o !== undefined && o.metadata.labels?.[name] === value) out.push(o);
    }
    return out;
  }

  byOwner(ownerUid: string): readonly KubeObject[] {
    const out: KubeObject[] = [];
    for (const key of this.history.owners.candidates(ownerUid)) {
      const o = this.get(key);
      if (o !== undefined && o.metadata.ownerReferences?.some((r) => r.uid === ownerUid) === true) out.push(o);
    }
    return out;
  }

  keys(scope?: ResourceScope): readonly string[] {
    return this.keysWithPrefix(scope === undefined ? '' : scopePrefix(scope));
  }

  /** Number of objects whose key starts with `prefix` (any key prefix, e.g. a group `apps/`). */
  countPrefix(prefix: string): number {
    let n = 0;
    this.history.scan(prefix, (c) => {
      if (this.present(c)) n++;
    });
    return n;
  }

  /** Whether any object's key starts with `prefix` (stops at the first). */
  anyUnder(prefix: string): boolean {
    return this.history.firstPresent(prefix, this.rev) !== undefined;
  }

  /** The first object (by key) whose key starts with `prefix`. */
  first(prefix: string): KubeObject | undefined {
    const c = this.history.firstPresent(prefix, this.rev);
    return c === undefined ? undefined : this.history.visible(c, c.indexAt(this.rev));
  }

  /** Keys starting with `prefix`, sorted. */
  keysWithPrefix(prefix: string): string[] {
    const out: string[] = [];
    this.history.scan(prefix, (c) => {
      if (this.present(c)) out.push(c.key);
    });
    return out;
  }

  private present(c: KeyChain): boolean {
    return this.history.exists(c, c.indexAt(this.rev));
  }
}
