/**
 * Fork / what-if: branch a history at a revision, change what happens after
 * it, and run the controllers forward in virtual time.
 *
 * The branch shares the original's prefix: every write up to `at` and every
 * other record positioned before it are copied into the branch's log, then
 * a `note` annotation says what was changed. From the time of write `at` on,
 * the control plane and the kubelets of the nodes that were running start
 * against that state (they list it first, as informers do; the kubelets
 * adopt their pods, pod IPs included), and the original's outside inputs
 * after the fork — faults and users' writes — are re-made at their recorded
 * times, minus the ones dropped, plus the added manifests and faults.
 * Everything else (every controller's and kubelet's write) is decided anew:
 * this is re-running controllers, not toggling recorded outputs.
 */
import type { Api } from '../api/index.js';
import { createApi, rbacAuthorizer } from '../api/index.js';
import type { ControllerDefinition } from '../controllers/index.js';
import type { Log } from '../log/index.js';
import type { Fault, HistoryHeader, HistoryRecord, KubeObject, PendingRecord } from '../model/index.js';
import { asStatus, faultSubject, seededIds, seededRandom } from '../model/index.js';
import type { BehaviourRule, ClusterNode } from '../runtime/index.js';
import { Cluster, SimScheduler, virtualClock } from '../runtime/index.js';
import type { Store } from '../store/index.js';
import { openStore } from '../store/index.js';
import type { ForkInput } from './fork-inputs.js';
import { isOutsideActor, requestOf } from './fork-inputs.js';
import { adoptPodIPs, agentNodesAtFork, worldAtFork } from './fork-world.js';

export type ForkChange =
  /** Drop the recorded fault(s) positioned at this revision (after the fork point). */
  | { readonly type: 'drop-fault'; readonly atRev: number }
  /** Drop a user's or outside client's write after the fork point. */
  | { readonly type: 'drop-write'; readonly rev: number }
  /** Server-side apply these objects (as `user:fork`, taking over conflicting fields, as `--force-conflicts`) this long after the fork. */
  | { readonly type: 'apply'; readonly objects: readonly KubeObject[]; readonly afterMs?: number }
  /** Inject a fault this long after the fork. */
  | { readonly type: 'fault'; readonly fault: Fault; readonly afterMs?: number };

export interface ForkOptions {
  /** The original history, folded. */
  readonly store: Store;
  /** The original's records in log order. */
  readonly records: readonly HistoryRecord[];
  readonly header: HistoryHeader;
  /** The fork point: the branch starts just after write `at`. */
  readonly at: number;
  readonly changes?: readonly ForkChange[];
  /** An empty log for the branch (see `forkHeader`). */
  readonly log: Log;
  /** How long to run after the fork (default: to the original's last record). */
  readonly forMs?: number;
  /** Users' controllers, started with the built-in ones. */
  readonly controllers?: readonly ControllerDefinition[];
  /** Container behaviours (a scenario's); the history does not keep them. */
  readonly behaviours?: readonly BehaviourRule[];
  /** A name for the original in the branch's note (e.g. its file). */
  readonly source?: string;
}

export interface ForkResult {
  /** The branch, folded (it keeps following `log`). */
  readonly store: Store;
  readonly at: number;
  /** Virtual time of the fork point and of the branch's end. */
  readonly startedAt: number;
  readonly endedAt: number;
  /** What the branch's note annotation says was changed. */
  readonly note: string;
  /** Outside inputs of the original re-made in the branch. */
  readonly replayed: { readonly faults: number; readonly writes: number };
  /** Re-made or added inputs the branch's API refused, and pods whose IP could not be kept. */
  readonly warnings: readonly string[];
}

export const FORK_ACTOR = 'user:fork';

/** The branch's header: the original's epoch, clock and seed, with provenance. */
export function forkHeader(header: HistoryHeader, at: number, source = 'history'): HistoryHeader {
  return { ...header, clock: 'virtual', meta: { ...header.meta, forkOf: source, forkAt: String(at) } };
}

function describeChange(c: ForkChange): string {
  switch (c.type) {
    case 'drop-fault':
      return `dropped the fault at revision ${c.atRev}`;
    case 'drop-write':
      return `dropped the write at revision ${c.rev}`;
    case 'apply':
      return `applied ${c.objects.map((o) => `${o.kind}/${o.metadata.name ?? ''}`).join(', ')}${c.afterMs ? ` after ${c.afterMs} ms` : ''}`;
    case 'fault':
      return `added fault ${c.fault.kind} ${faultSubject(c.fault)}${c.afterMs ? ` after ${c.afterMs} ms` : ''}`;
  }
}

export async function fork(opts: ForkOptions): Promise<ForkResult> {
  const { store, records, at } = opts;
  const changes = opts.changes ?? [];
  if (at < store.compactedRev || at > store.rev) throw new Error(`cannot fork at revision ${at}: this history keeps revisions ${store.compactedRev}..${store.rev}`);
  if (opts.log.headRev() !== 0) throw new Error('the branch log must be empty');
  const startedAt = at === 0 ? 0 : (store.write(at)?.time ?? 0);
  const inputs = outsideInputs(opts, changes);
  const note = `fork of ${opts.source ?? 'a history'} at revision ${at}${changes.length === 0 ? '' : `: ${changes.map(describeChange).join('; ')}`}`;

  await copyPrefix(opts.log, records, at, startedAt, note);
  const branch = await openStore(opts.log);
  const clock = virtualClock(startedAt);
  const seed = opts.header.seed ?? 0;
  const api = createApi({ log: opts.log, store: branch, clock, ids: seededIds(seededRandom((seed * 1_000_003 + at) >>> 0)), strictServiceAccounts: true, authorizer: rbacAuthorizer(branch) });
  const scheduler = new SimScheduler(clock);
  const world = worldAtFork(records, at, opts.behaviours ?? []);
  const warnings = adoptPodIPs(world, branch.at(at)).map((k) => `${k}: its pod IP could not be kept`);
  const cluster = new Cluster({ api, store: branch, log: opts.log, scheduler, world, seed });
  const later = (ms: number, f: () => Promise<void>): void => {
    scheduler.schedule(() => void scheduler.track(f()), Math.max(0, ms));
  };
  const refused = (what: string, e: unknown): void => {
    const s = asStatus(e);
    if (s === undefined) throw e;
    warnings.push(`${what}: ${s.message}`);
  };
  const agents = new Set<string>();
  const startAgent = (n: ClusterNode): void => {
    if (agents.has(n.name)) return;
    agents.add(n.name);
    cluster.addNode(n);
  };
  let faults = 0;
  let writes = 0;
  try {
    cluster.start(opts.controllers ?? []);
    for (const n of agentNodesAtFork(store, at, world)) startAgent(n);
    for (const input of inputs) {
      const r = input.record;
      if (input.type === 'fault') {
        faults++;
        later(r.time - startedAt, () => cluster.fault(input.record.fault, input.record.actor));
        continue;
      }
      const w = input.record;
      writes++;
      const command = requestOf(store, w);
      if (command !== undefined) later(w.time - startedAt, () => api.execute(command, { actor: w.actor }).then(() => undefined, (e: unknown) => refused(`revision ${w.rev} (${w.actor} ${w.verb} ${w.key})`, e)));
    }
    for (const n of laterNodes(store, at)) later(n.time - startedAt, () => Promise.resolve(startAgent(n.node)));
    for (const c of changes) {
      if (c.type === 'apply') later(c.afterMs ?? 0, () => applyAll(api, c.objects, refused));
      if (c.type === 'fault') later(c.afterMs ?? 0, () => cluster.fault(c.fault, FORK_ACTOR));
    }
    const lastTime = records.reduce((m, r) => Math.max(m, r.time), startedAt);
    const endedAt = startedAt + (opts.forMs ?? lastTime - startedAt);
    await scheduler.run(endedAt);
    return { store: branch, at, startedAt, endedAt: scheduler.now(), note, replayed: { faults, writes }, warnings };
  } finally {
    cluster.stop();
  }
}

async function applyAll(api: Api, objects: readonly KubeObject[], refused: (what: string, e: unknown) => void): Promise<void> {
  for (const o of objects) {
    try {
      await api.applyObject(o, { actor: FORK_ACTOR, fieldManager: 'chronokube-fork' }, { force: true });
    } catch (e) {
      refused(`apply ${o.kind}/${o.metadata.name ?? ''}`, e);
    }
  }
}

/** The original's faults and outside writes after the fork point, minus the dropped ones; unknown drops are errors. */
function outsideInputs(opts: ForkOptions, changes: readonly ForkChange[]): ForkInput[] {
  const dropFaults = new Set(changes.flatMap((c) => (c.type === 'drop-fault' ? [c.atRev] : [])));
  const dropWrites = new Set(changes.flatMap((c) => (c.type === 'drop-write' ? [c.rev] : [])));
  const out: ForkInput[] = [];
  const droppedFaults = new Set<number>();
  for (const r of opts.records) {
    if (r.type === 'fault' && r.atRev >= opts.at) {
      if (dropFaults.has(r.atRev)) droppedFaults.add(r.atRev);
      else out.push({ type: 'fault', record: r });
    } else if (r.type === 'write' && r.rev > opts.at && isOutsideActor(r.actor) && !dropWrites.delete(r.rev)) {
      out.push({ type: 'write', record: r });
    }
  }
  for (const rev of dropFaults) {
    if (droppedFaults.has(rev)) continue;
    const before = opts.records.some((r) => r.type === 'fault' && r.atRev === rev);
    throw new Error(before ? `the fault at revision ${rev} is before the fork point ${opts.at}: fork at ${rev} or earlier to drop it` : `no fault is recorded at revision ${rev}`);
  }
  for (const rev of dropWrites) throw new Error(`revision ${rev} is not a user's or outside client's write after the fork point ${opts.at}`);
  return out;
}

/** Kubelets that registered their Node after the fork: started in the branch at that time. */
function laterNodes(store: Store, at: number): { time: number; node: ClusterNode }[] {
  const out: { time: number; node: ClusterNode }[] = [];
  for (const w of store.writes({ verb: 'create', fromRev: at + 1 })) {
    if (!w.key.startsWith('core/nodes/_/') || w.change.op !== 'put') continue;
    const name = w.key.slice('core/nodes/_/'.length);
    if (w.actor !== `node:${name}`) continue;
    const spec = (w.change.object['spec'] ?? {}) as { podCIDRs?: string[]; taints?: { key: string; value?: string; effect: string }[] };
    out.push({
      time: w.time,
      node: { name, ...(w.change.object.metadata.labels === undefined ? {} : { labels: w.change.object.metadata.labels }), ...(spec.podCIDRs === undefined ? {} : { podCIDRs: spec.podCIDRs }), ...(spec.taints === undefined ? {} : { taints: spec.taints }) },
    });
  }
  return out;
}

/** Copies writes up to `at` and the records positioned before it, then the note. */
async function copyPrefix(log: Log, records: readonly HistoryRecord[], at: number, time: number, note: string): Promise<void> {
  let batch: PendingRecord[] = [];
  for (const r of records) {
    if (r.type === 'write' ? r.rev > at : r.atRev >= at) continue;
    if (r.type === 'write') {
      const { rev: _rev, ...pending } = r;
      batch.push(pending);
    } else {
      const { atRev: _atRev, ...pending } = r;
      batch.push(pending as PendingRecord);
    }
    if (batch.length >= 2000) {
      await log.append(batch);
      batch = [];
    }
  }
  batch.push({ type: 'annotation', time, actor: FORK_ACTOR, annotation: { kind: 'note', text: note, rev: at } });
  await log.append(batch);
}
