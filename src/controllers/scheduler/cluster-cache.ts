/**
 * The scheduler's cache of nodes and of what the pods bound to them use —
 * kube-scheduler's scheduler cache, kept as derived data of the view.
 *
 * Recomputing every node's usage from every pod on each scheduling cycle is
 * O(pods) per pod (too slow at 5,000 nodes and 10,000 pods), so the cache
 * holds the usage at one revision (`rev`) and moves it forward by re-reading
 * only the pods and nodes written since. Which keys were written comes from
 * a journal fed by the controller's watch handlers (keys and revisions only,
 * never payloads: the cache reads every object from the view it is synced
 * to). What the reconcile sees is therefore always the usage *of the view it
 * was given*; the journal only makes computing it cheap.
 *
 * The journal can vouch for revisions after the first event each handler
 * saw (the runtime delivers watch events synchronously with the fold, so a
 * reconcile's view never holds a write its handlers have not journaled).
 * Whenever it cannot — no handler has run (a reconcile re-fed outside the
 * runtime), a view older than the cache, or the journal was trimmed — the
 * cache is rebuilt from a full scan of the view. A rebuild counts as a
 * cluster event for unschedulable pods, as a scheduler restart does.
 *
 * The cache also keeps kube-scheduler's two pieces of queue memory that the
 * API does not hold: the rotating index where the next node search starts
 * (`nextStartNodeIndex`) and the set of pods waiting as unschedulable (so a
 * node event wakes them without a scan).
 */
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { objectKey } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import type { ObjectChange } from '../controller.js';
import type { NodeInfo, NodeUsage, PodUsage } from './node-info.js';
import { applyUsage, emptyUsage, freesResources, nodeInfoOf, podUsageOf, schedulingPropertiesChanged } from './node-info.js';

const PODS = { group: '', resource: 'pods' } as const;
const NODES = { group: '', resource: 'nodes' } as const;
/** Past this many unread entries the journal is dropped and the next sync rebuilds. */
const MAX_JOURNAL = 200_000;

interface Entry {
  readonly rev: number;
  readonly kind: 'pod' | 'node';
  readonly key: string;
}

const revOf = (o: { metadata?: { resourceVersion?: string } }): number => Number(o.metadata?.resourceVersion ?? 0);
const nameOfKey = (key: string): string => key.slice(key.lastIndexOf('/') + 1);

export class ClusterCache {
  /** The revision the usage reflects (-1: never synced). */
  rev = -1;
  /** The newest revision of a change that may let an unschedulable pod fit (node added or changed, resources freed). */
  moveRev = 0;
  /** Where the next search for feasible nodes starts (kube-scheduler's nextStartNodeIndex). */
  nextStartNodeIndex = 0;
  /** How the cache was brought up to date, for tests and benchmarks. */
  readonly stats = { rebuilds: 0, incremental: 0 };

  private journal: Entry[] = [];
  /** Writes at or before this revision may be missing from the journal. */
  private journalFloor = 0;
  private podsTrustedAfter: number | undefined;
  private nodesTrustedAfter: number | undefined;
  private readonly nodes = new Map<string, NodeInfo>();
  private readonly usage = new Map<string, NodeUsage>();
  private readonly pods = new Map<string, PodUsage>();
  private sorted: NodeInfo[] = [];
  private sortedDirty = true;
  private readonly waiting = new Set<string>();
  private waitingSorted: readonly string[] | undefined;

  constructor(private readonly isWaiting: (pod: Pod) => boolean) {}

  /** Handler side: journals a pod change; returns the waiting pods to wake when it freed resources on a node. */
  observePod(c: ObjectChange, view: StateView): readonly string[] {
    this.podsTrustedAfter ??= view.rev;
    this.record({ rev: revOf(c.object), kind: 'pod', key: c.key });
    const pod = c.object as Pod;
    if (c.type !== 'DELETED' && this.isWaiting(pod)) this.setWaiting(c.key, true);
    else this.setWaiting(c.key, false);
    let freed: boolean;
    if (c.type === 'DELETED') freed = podUsageOf(pod) !== undefined;
    else if (c.type === 'ADDED') freed = false;
    else if (c.previous !== undefined) freed = freesResources(podUsageOf(c.previous as Pod), podUsageOf(pod));
    else freed = (pod.spec?.nodeName ?? '') !== '' && podUsageOf(pod) === undefined;
    return freed ? this.waitingPods() : [];
  }

  /** Handler side: journals a node change; returns the waiting pods when the node was added or its scheduling properties changed. */
  observeNode(c: ObjectChange, view: StateView): readonly string[] {
    this.nodesTrustedAfter ??= view.rev;
    this.record({ rev: revOf(c.object), kind: 'node', key: c.key });
    if (c.type === 'DELETED') return [];
    const relevant = c.type === 'ADDED' || c.previous === undefined || schedulingPropertiesChanged(c.previous as Node, c.object as Node);
    return relevant ? this.waitingPods() : [];
  }

  /** Brings the usage to the view's revision: incrementally when the journal vouches for the gap, else by a full scan. */
  sync(view: StateView): void {
    if (view.rev === this.rev) return;
    const trusted = this.podsTrustedAfter !== undefined && this.nodesTrustedAfter !== undefined ? Math.max(this.podsTrustedAfter, this.nodesTrustedAfter, this.journalFloor) : undefined;
    if (this.rev < 0 || view.rev < this.rev || trusted === undefined || this.rev < trusted) {
      this.rebuild(view);
      return;
    }
    const latest = new Map<string, Entry>();
    const keep: Entry[] = [];
    for (const e of this.journal) {
      if (e.rev > view.rev) keep.push(e);
      else if (e.rev > this.rev && (latest.get(e.key)?.rev ?? -1) < e.rev) latest.set(e.key, e);
    }
    this.journal = keep;
    for (const e of latest.values()) {
      if (e.kind === 'pod') this.applyPod(e.key, view.get(e.key) as Pod | undefined, e.rev);
      else this.applyNode(e.key, view.get(e.key) as Node | undefined, e.rev);
    }
    this.rev = view.rev;
    this.stats.incremental++;
  }

  /** Every node, sorted by name (the order the search walks, from the rotating start). */
  nodeList(): readonly NodeInfo[] {
    if (this.sortedDirty) {
      this.sorted = [...this.nodes.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      this.sortedDirty = false;
    }
    return this.sorted;
  }

  node(name: string): NodeInfo | undefined {
    return this.nodes.get(name);
  }

  /** Pods waiting as unschedulable, sorted by key. */
  waitingPods(): readonly string[] {
    this.waitingSorted ??= [...this.waiting].sort();
    return this.waitingSorted;
  }

  private record(e: Entry): void {
    if (this.journal.length >= MAX_JOURNAL) {
      for (const j of this.journal) if (j.rev > this.journalFloor) this.journalFloor = j.rev;
      this.journalFloor = Math.max(this.journalFloor, e.rev);
      this.journal = [];
      return;
    }
    this.journal.push(e);
  }

  private setWaiting(key: string, waiting: boolean): void {
    if (waiting === this.waiting.has(key)) return;
    if (waiting) this.waiting.add(key);
    else this.waiting.delete(key);
    this.waitingSorted = undefined;
  }

  private usageOf(node: string): NodeUsage {
    let u = this.usage.get(node);
    if (u === undefined) {
      u = emptyUsage();
      this.usage.set(node, u);
    }
    return u;
  }

  private applyPod(key: string, pod: Pod | undefined, rev: number): void {
    const before = this.pods.get(key);
    const after = podUsageOf(pod);
    if (before !== undefined) applyUsage(this.usageOf(before.node), before, -1);
    if (after !== undefined) {
      applyUsage(this.usageOf(after.node), after, 1);
      this.pods.set(key, after);
    } else this.pods.delete(key);
    if (freesResources(before, after)) this.moveRev = Math.max(this.moveRev, rev);
  }

  private applyNode(key: string, node: Node | undefined, rev: number): void {
    const name = nameOfKey(key);
    const before = this.nodes.get(name);
    if (node === undefined) {
      if (before !== undefined) {
        this.nodes.delete(name);
        this.sortedDirty = true;
      }
      return;
    }
    const info = nodeInfoOf(node, this.usageOf(name));
    this.nodes.set(name, info);
    if (before === undefined) {
      this.sortedDirty = true;
      this.moveRev = Math.max(this.moveRev, rev);
      return;
    }
    if (schedulingPropertiesChanged(before.node, node)) this.moveRev = Math.max(this.moveRev, rev);
    if (!this.sortedDirty) {
      const i = this.indexOf(name);
      if (i >= 0) this.sorted[i] = info;
      else this.sortedDirty = true;
    }
  }

  private indexOf(name: string): number {
    let lo = 0;
    let hi = this.sorted.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const n = (this.sorted[mid] as NodeInfo).name;
      if (n === name) return mid;
      if (n < name) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  private rebuild(view: StateView): void {
    this.nodes.clear();
    this.usage.clear();
    this.pods.clear();
    for (const o of view.list(PODS)) {
      const u = podUsageOf(o as Pod);
      if (u === undefined) continue;
      applyUsage(this.usageOf(u.node), u, 1);
      this.pods.set(objectKey({ ...PODS, namespace: o.metadata.namespace ?? '', name: o.metadata.name ?? '' }), u);
    }
    for (const o of view.list(NODES)) {
      const name = o.metadata.name ?? '';
      this.nodes.set(name, nodeInfoOf(o as Node, this.usageOf(name)));
    }
    this.sortedDirty = true;
    this.journal = this.journal.filter((e) => e.rev > view.rev);
    this.rev = view.rev;
    this.moveRev = Math.max(this.moveRev, view.rev);
    this.stats.rebuilds++;
  }
}
