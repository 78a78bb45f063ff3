/**
 * `why`: the chain of causes behind an object's version, back to user
 * actions and faults. Every write records the revisions its actor was
 * reacting to (`cause`); following them gives a tree (several causes can
 * meet in one write), each write visited once. A controller write whose
 * recorded causes all precede a fault on a node the write concerns (a timer
 * that fired: a lease that stopped being renewed, a toleration that ran out)
 * is linked to that fault — the fault is why the timer fired.
 */
import type { FaultRecord, KubeObject, WriteRecord } from '../model/index.js';
import { parseKey } from '../model/index.js';
import type { Store } from '../store/index.js';

export interface WhyStep {
  readonly write: WriteRecord;
  /** The steps this write reacted to (empty for a user action or an unexplained timer). */
  readonly causes: readonly WhyStep[];
  /** Already shown elsewhere in the tree (causes not repeated). */
  readonly seen?: true;
  /** A fault that explains a cause-less controller write. */
  readonly fault?: FaultRecord;
  /** Causes before the compacted revision, or past the depth limit. */
  readonly truncated?: true;
}

export interface WhyOptions {
  /** Deepest chain followed (default 64). */
  readonly maxDepth?: number;
}

/** The cause tree of the version of `key` visible at `atRev` (default: head); undefined if it has none. */
export function why(store: Store, faults: readonly FaultRecord[], key: string, atRev = store.rev, opts: WhyOptions = {}): WhyStep | undefined {
  const rev = store.at(atRev).versionRev(key);
  const root = rev === 0 ? lastRemoval(store, key, atRev) : store.write(rev);
  if (root === undefined) return undefined;
  const seen = new Set<number>();
  const maxDepth = opts.maxDepth ?? 64;
  const byRev = [...faults].sort((a, b) => a.atRev - b.atRev);
  const visit = (w: WriteRecord, depth: number): WhyStep => {
    if (seen.has(w.rev)) return { write: w, causes: [], seen: true };
    seen.add(w.rev);
    if (depth >= maxDepth) return { write: w, causes: [], truncated: true };
    const causes: WhyStep[] = [];
    let truncated = false;
    for (const c of [...w.cause].sort((a, b) => b - a)) {
      const cw = c <= store.compactedRev ? undefined : store.write(c);
      if (cw === undefined) truncated = true;
      else causes.push(visit(cw, depth + 1));
    }
    // A fault after everything the actor reacted to is the nearer explanation (a timer that fired because of it).
    const latestCause = w.cause.length === 0 ? 0 : Math.max(...w.cause);
    // Which nodes a write concerns costs a read of the object: asked only when some fault falls in between.
    const candidate = w.actor.startsWith('user:') || !faultBetween(byRev, latestCause, w) ? undefined : faultFor(store, faults, w);
    const fault = candidate !== undefined && candidate.atRev >= latestCause ? candidate : undefined;
    return { write: w, causes, ...(fault === undefined ? {} : { fault }), ...(truncated ? { truncated: true as const } : {}) };
  };
  return visit(root, 0);
}

/** Whether any fault of `byRev` (sorted by position) lies at or after `fromRev` and no later than write `w`. */
function faultBetween(byRev: readonly FaultRecord[], fromRev: number, w: WriteRecord): boolean {
  let lo = 0;
  let hi = byRev.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((byRev[mid] as FaultRecord).atRev < fromRev) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < byRev.length; i++) {
    const f = byRev[i] as FaultRecord;
    if (f.atRev > w.rev) return false;
    if (f.time <= w.time) return true;
  }
  return false;
}

/** When the object is gone at `atRev`, the write that removed it. */
function lastRemoval(store: Store, key: string, atRev: number): WriteRecord | undefined {
  const revs = store.versions(key).filter((r) => r <= atRev);
  const last = revs[revs.length - 1];
  return last === undefined ? undefined : store.write(last);
}

/** Node names a write concerns: a Node or Lease of that name, or a pod bound to it. */
function nodesOf(store: Store, w: WriteRecord): string[] {
  const k = parseKey(w.key);
  if (k.resource === 'nodes') return [k.name];
  if (k.resource === 'leases' && k.namespace === 'kube-node-lease') return [k.name];
  const obj: KubeObject | undefined = store.at(w.prevRev > 0 ? w.prevRev : w.rev).get(w.key) ?? store.at(w.rev).get(w.key);
  const node = (obj?.['spec'] as { nodeName?: string } | undefined)?.nodeName;
  return node === undefined || node === '' ? [] : [node];
}

function faultFor(store: Store, faults: readonly FaultRecord[], w: WriteRecord): FaultRecord | undefined {
  const nodes = nodesOf(store, w);
  if (nodes.length === 0) return undefined;
  let best: FaultRecord | undefined;
  for (const f of faults) {
    if (f.atRev > w.rev || f.time > w.time) continue;
    const node = 'node' in f.fault ? f.fault.node : undefined;
    if (node !== undefined && nodes.includes(node) && (best === undefined || f.atRev >= best.atRev)) best = f;
  }
  return best;
}
