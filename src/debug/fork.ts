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
 * this is re-running controllers, not toggling recorded outputs. The
 * controllers run with the original's recorded kube-controller-manager
 * settings, with any `setting` change applied (the branch's header records
 * the result: create its log with `forkHeader(header, at, source, changes)`).
 */
import type { ControllerDefinition } from '../controllers/index.js';
import type { Log } from '../log/index.js';
import type { Fault, HistoryHeader, HistoryRecord, KubeObject } from '../model/index.js';
import { faultSubject } from '../model/index.js';
import type { BehaviourRule, ClusterNode, ControllerSettings } from '../runtime/index.js';
import { describeSetting, parseControllerSettings, recordedSettings, withSettingsMeta } from '../runtime/index.js';
import type { Store } from '../store/index.js';
import type { ForkInput } from './fork-inputs.js';
import { isOutsideActor } from './fork-inputs.js';
import { agentNodesAtFork, worldAtFork } from './fork-world.js';
import { runBranch, timeOfRev } from './run-branch.js';

export type ForkChange =
  /** Drop the recorded fault(s) positioned at this revision (after the fork point). */
  | { readonly type: 'drop-fault'; readonly atRev: number }
  /** Drop a user's or outside client's write after the fork point. */
  | { readonly type: 'drop-write'; readonly rev: number }
  /** Server-side apply these objects (as `user:fork`, taking over conflicting fields, as `--force-conflicts`) this long after the fork. */
  | { readonly type: 'apply'; readonly objects: readonly KubeObject[]; readonly afterMs?: number }
  /** Inject a fault this long after the fork. */
  | { readonly type: 'fault'; readonly fault: Fault; readonly afterMs?: number }
  /** Run the branch's controllers with this kube-controller-manager flag (`node-monitor-grace-period`, `2m`) over the original's recorded settings. */
  | { readonly type: 'setting'; readonly flag: string; readonly value: string };

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

/**
 * The branch's header: the original's epoch, clock and seed, with
 * provenance, and the branch's controller settings (the original's with the
 * `setting` changes applied) in `meta.controllerManager`.
 */
export function forkHeader(header: HistoryHeader, at: number, source = 'history', changes: readonly ForkChange[] = []): HistoryHeader {
  return withSettingsMeta({ ...header, clock: 'virtual', meta: { ...header.meta, forkOf: source, forkAt: String(at) } }, forkSettings(header, changes));
}

/** The settings the branch's controllers run with: those the original recorded, then the `setting` changes in order. */
export function forkSettings(header: HistoryHeader, changes: readonly ForkChange[]): ControllerSettings {
  return changes.reduce((s, c) => (c.type === 'setting' ? parseControllerSettings({ [c.flag]: c.value }, s) : s), recordedSettings(header));
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
    case 'setting':
      return `set ${describeSetting(c.flag, c.value)}`;
  }
}

export async function fork(opts: ForkOptions): Promise<ForkResult> {
  const { store, records, at } = opts;
  const changes = opts.changes ?? [];
  if (at < store.compactedRev || at > store.rev) throw new Error(`cannot fork at revision ${at}: this history keeps revisions ${store.compactedRev}..${store.rev}`);
  const startedAt = timeOfRev(store, at);
  const settings = forkSettings(opts.header, changes);
  const inputs = outsideInputs(opts, changes);
  const note = `fork of ${opts.source ?? 'a history'} at revision ${at}${changes.length === 0 ? '' : `: ${changes.map(describeChange).join('; ')}`}`;
  const world = worldAtFork(records, at, []);
  const nodes = [...agentNodesAtFork(store, at, world).map((node) => ({ time: startedAt, node })), ...laterNodes(store, at)];
  const writes = inputs.flatMap((i) => (i.type === 'write' ? [i.record] : []));
  const recordedFaults = inputs.flatMap((i) => (i.type === 'fault' ? [{ time: i.record.time, fault: i.record.fault, actor: i.record.actor }] : []));
  const addedFaults = changes.flatMap((c) => (c.type === 'fault' ? [{ time: startedAt + (c.afterMs ?? 0), fault: c.fault, actor: FORK_ACTOR }] : []));
  const applies = changes.flatMap((c) => (c.type === 'apply' ? [{ time: startedAt + (c.afterMs ?? 0), objects: c.objects, actor: FORK_ACTOR, fieldManager: 'chronokube-fork' }] : []));
  const run = await runBranch({
    store,
    records,
    header: opts.header,
    at,
    log: opts.log,
    note,
    noteActor: FORK_ACTOR,
    inputs: { writes, faults: [...recordedFaults, ...addedFaults], applies, nodes },
    settings,
    ...(opts.forMs === undefined ? {} : { forMs: opts.forMs }),
    ...(opts.controllers === undefined ? {} : { controllers: opts.controllers }),
    ...(opts.behaviours === undefined ? {} : { behaviours: opts.behaviours }),
  });
  return { store: run.store, at, startedAt: run.startedAt, endedAt: run.endedAt, note, replayed: { faults: recordedFaults.length, writes: writes.length }, warnings: run.warnings };
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
