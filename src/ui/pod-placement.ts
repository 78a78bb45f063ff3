/**
 * Where every pod is, and in what state, at any revision — without reading
 * the pods. Built once from the history: per pod, the revisions at which its
 * node (`spec.nodeName`) or its one-word status (phase, or Terminating)
 * changed. Most pod writes are patches that touch neither, and are skipped
 * by looking at their paths; only a write that may change them is read. The
 * nodes panel then costs a binary search per pod instead of rebuilding ten
 * thousand objects at an old revision. Over a live store, `sync()` folds
 * the pod writes made since (O(new writes)).
 */
import type { WriteRecord } from '../model/index.js';
import { parseKey } from '../model/index.js';
import type { Store } from '../store/index.js';
import { statusOf } from './object-tree.js';

interface Chain {
  readonly revs: number[];
  /** `undefined`: the pod does not exist from this revision on. */
  readonly states: ({ readonly node: string; readonly status: string } | undefined)[];
}

export interface PlacedPod {
  readonly key: string;
  readonly name: string;
  readonly namespace: string;
  readonly node: string;
  readonly status: string;
}

/** Patch paths after which a pod's node or status may differ. */
const MAY_MOVE = /^(|\/spec|\/spec\/nodeName|\/status|\/status\/phase|\/metadata|\/metadata\/deletionTimestamp)$/;

export class PodPlacement {
  private readonly chains = new Map<string, Chain>();
  private keys: string[] = [];
  private sorted = true;
  private last: number;

  constructor(private readonly store: Store) {
    // A compacted history starts from its base: the pods there are placed at the base revision.
    if (store.compactedRev > 0) {
      for (const o of store.at(store.compactedRev).list({ group: '', resource: 'pods' })) {
        const key = `core/pods/${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;
        this.chains.set(key, { revs: [store.compactedRev], states: [{ node: String((o['spec'] as { nodeName?: string } | undefined)?.nodeName ?? ''), status: statusOf(o) }] });
      }
    }
    this.keys = [...this.chains.keys()];
    this.sorted = false;
    this.last = store.compactedRev;
    this.sync();
  }

  /** Folds the pod writes made since the last call. */
  sync(): void {
    const to = this.store.rev;
    for (let r = this.last + 1; r <= to; r++) {
      const w = this.store.write(r);
      if (w !== undefined && w.key.startsWith('core/pods/')) this.fold(w);
    }
    this.last = Math.max(this.last, to);
  }

  private fold(w: WriteRecord): void {
    let chain = this.chains.get(w.key);
    const last = chain === undefined ? undefined : chain.states[chain.states.length - 1];
    let state: Chain['states'][number];
    if (w.change.op === 'remove') state = undefined;
    else if (w.change.op === 'patch' && last !== undefined && !w.change.patch.some((op) => MAY_MOVE.test(op.path))) return;
    else {
      const o = this.store.at(w.rev).get(w.key);
      state = o === undefined ? undefined : { node: String((o['spec'] as { nodeName?: string } | undefined)?.nodeName ?? ''), status: statusOf(o) };
    }
    if (chain === undefined) {
      this.chains.set(w.key, (chain = { revs: [], states: [] }));
      this.keys.push(w.key);
      this.sorted = false;
    }
    if (chain.states.length > 0 && sameState(last, state)) return;
    chain.revs.push(w.rev);
    chain.states.push(state);
  }

  /** Every pod present at `rev`, sorted by key. */
  at(rev: number): PlacedPod[] {
    if (!this.sorted) {
      this.keys.sort();
      this.sorted = true;
    }
    const out: PlacedPod[] = [];
    for (const key of this.keys) {
      const c = this.chains.get(key) as Chain;
      let lo = 0;
      let hi = c.revs.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((c.revs[mid] as number) <= rev) lo = mid + 1;
        else hi = mid;
      }
      const s = lo === 0 ? undefined : c.states[lo - 1];
      if (s === undefined) continue;
      const k = parseKey(key);
      out.push({ key, name: k.name, namespace: k.namespace, node: s.node, status: s.status });
    }
    return out;
  }
}

function sameState(a: Chain['states'][number], b: Chain['states'][number]): boolean {
  return a === b || (a !== undefined && b !== undefined && a.node === b.node && a.status === b.status);
}
