/**
 * Runs chronokube's controllers forward from a revision of a history, in
 * virtual time, over a given set of outside inputs: the engine shared by
 * fork (what-if: the original's inputs with some changed) and re-simulation
 * (an imported or recorded history's inputs, to see whether chronokube's
 * model of Kubernetes reproduces what was recorded).
 *
 * The branch shares the original's prefix: every write up to `at` and every
 * other record positioned before it are copied into the branch's log, then
 * a `note` annotation says what the branch is. From the time of write `at`
 * on, the control plane and the kubelets of `nodes` start against that state
 * (they list it first, as informers do; the kubelets adopt their pods, pod
 * IPs included). Inputs are re-made at their times; everything else — every
 * controller's and kubelet's write — is decided anew: this is re-running
 * controllers, not toggling recorded outputs. The controllers run with the
 * kube-controller-manager settings the original recorded, unless told
 * otherwise (a fork's `setting` change).
 */
import type { Api } from '../api/index.js';
import { createApi, DEFAULT_MASTER_ACTORS, rbacAuthorizer } from '../api/index.js';
import type { ControllerDefinition } from '../controllers/index.js';
import type { Log } from '../log/index.js';
import type { Fault, HistoryHeader, HistoryRecord, KubeObject, PendingRecord, WriteRecord } from '../model/index.js';
import { asStatus, seededIds, seededRandom } from '../model/index.js';
import type { BehaviourRule, ClusterNode, ControllerSettings } from '../runtime/index.js';
import { Cluster, recordedSettings, SETTINGS_META_KEY, settingsMeta, SimScheduler, virtualClock } from '../runtime/index.js';
import type { Store } from '../store/index.js';
import { openStore } from '../store/index.js';
import { requestOf } from './fork-inputs.js';
import { adoptPodIPs, worldAtFork } from './fork-world.js';

/** What a branch re-makes or adds, each at a time on the history's clock. */
export interface BranchInputs {
  /** Writes of the original turned back into requests (see `requestOf`), made as their actor. */
  readonly writes: readonly WriteRecord[];
  readonly faults: readonly { readonly time: number; readonly fault: Fault; readonly actor: string }[];
  /** Objects server-side applied (taking over conflicting fields, as `--force-conflicts`). */
  readonly applies: readonly { readonly time: number; readonly objects: readonly KubeObject[]; readonly actor: string; readonly fieldManager: string }[];
  /** Kubelets to run, from `time` on (one at or before the branch's start starts with it). */
  readonly nodes: readonly { readonly time: number; readonly node: ClusterNode }[];
}

export interface RunBranchOptions {
  /** The original history, folded. */
  readonly store: Store;
  /** The original's records in log order. */
  readonly records: readonly HistoryRecord[];
  readonly header: HistoryHeader;
  /** The branch starts just after write `at`. */
  readonly at: number;
  /** An empty log for the branch. */
  readonly log: Log;
  readonly inputs: BranchInputs;
  /** The branch's note annotation, at the fork point, and who wrote it. */
  readonly note: string;
  readonly noteActor: string;
  /** How long to run (default: to the original's last record). */
  readonly forMs?: number;
  /** Users' controllers, started with the built-in ones. */
  readonly controllers?: readonly ControllerDefinition[];
  /** Container behaviours (a scenario's); the history does not keep them. */
  readonly behaviours?: readonly BehaviourRule[];
  /** Run kube-apiserver's bootstrap (system namespaces, RBAC policy) before the controllers start: for histories that do not contain it. */
  readonly bootstrap?: boolean;
  /** Objects the branch assumes exist (e.g. namespaces an imported history never shows created), server-side applied before the controllers start. */
  readonly setup?: { readonly objects: readonly KubeObject[]; readonly actor: string; readonly fieldManager: string };
  /** Actors authorized as `system:masters` besides the default operators (e.g. the users of a recorded history, whom the recorded cluster allowed). */
  readonly masters?: readonly string[];
  /**
   * The branch's kube-controller-manager settings (default: those the
   * original recorded in its header). The branch log's header must record
   * the same (`meta.controllerManager`, see `settingsMeta`).
   */
  readonly settings?: ControllerSettings;
}

export interface BranchRun {
  /** The branch, folded (it keeps following `log`). */
  readonly store: Store;
  /** Virtual time of the branch's start and end. */
  readonly startedAt: number;
  readonly endedAt: number;
  /** Inputs the branch's API refused, and pods whose IP could not be kept. */
  readonly warnings: readonly string[];
}

/** The time of write `at` (0 before the first write). */
export function timeOfRev(store: Store, at: number): number {
  return at === 0 ? 0 : (store.write(at)?.time ?? 0);
}

export async function runBranch(opts: RunBranchOptions): Promise<BranchRun> {
  const { store, records, at, inputs } = opts;
  if (at < store.compactedRev || at > store.rev) throw new Error(`cannot branch at revision ${at}: this history keeps revisions ${store.compactedRev}..${store.rev}`);
  if (opts.log.headRev() !== 0) throw new Error('the branch log must be empty');
  const settings = opts.settings ?? recordedSettings(opts.header);
  const want = settingsMeta(settings)[SETTINGS_META_KEY];
  if (opts.log.header.meta?.[SETTINGS_META_KEY] !== want) {
    throw new Error(`the branch log's header must record the branch's controller settings: meta.${SETTINGS_META_KEY} = ${want ?? '(absent: the defaults)'}`);
  }
  const startedAt = timeOfRev(store, at);
  await copyPrefix(opts.log, records, at, startedAt, opts.note, opts.noteActor);
  const branch = await openStore(opts.log);
  const clock = virtualClock(startedAt);
  const seed = opts.header.seed ?? 0;
  const authorizer = rbacAuthorizer(branch, opts.masters === undefined ? {} : { masters: [...DEFAULT_MASTER_ACTORS, ...opts.masters] });
  const api = createApi({ log: opts.log, store: branch, clock, ids: seededIds(seededRandom((seed * 1_000_003 + at) >>> 0)), strictServiceAccounts: true, authorizer });
  const scheduler = new SimScheduler(clock);
  const world = worldAtFork(records, at, opts.behaviours ?? []);
  const warnings = adoptPodIPs(world, branch.at(at)).map((k) => `${k}: its pod IP could not be kept`);
  const cluster = new Cluster({ api, store: branch, log: opts.log, scheduler, world, seed, settings });
  const later = (time: number, f: () => Promise<void>): void => {
    scheduler.schedule(() => void scheduler.track(f()), Math.max(0, time - startedAt));
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
  try {
    if (opts.bootstrap === true) await api.bootstrap();
    if (opts.setup !== undefined) await applyAll(api, { time: startedAt, ...opts.setup }, refused);
    cluster.start(opts.controllers ?? []);
    for (const n of inputs.nodes) if (n.time <= startedAt) startAgent(n.node);
    for (const n of inputs.nodes) if (n.time > startedAt) later(n.time, () => Promise.resolve(startAgent(n.node)));
    for (const f of inputs.faults) later(f.time, () => cluster.fault(f.fault, f.actor));
    for (const w of inputs.writes) {
      const command = requestOf(store, w);
      if (command !== undefined) later(w.time, () => api.execute(command, { actor: w.actor }).then(() => undefined, (e: unknown) => refused(`revision ${w.rev} (${w.actor} ${w.verb} ${w.key})`, e)));
    }
    for (const a of inputs.applies) later(a.time, () => applyAll(api, a, refused));
    const lastTime = records.reduce((m, r) => Math.max(m, r.time), startedAt);
    const endedAt = startedAt + (opts.forMs ?? lastTime - startedAt);
    await scheduler.run(endedAt);
    return { store: branch, startedAt, endedAt: scheduler.now(), warnings };
  } finally {
    cluster.stop();
  }
}

async function applyAll(api: Api, a: BranchInputs['applies'][number], refused: (what: string, e: unknown) => void): Promise<void> {
  for (const o of a.objects) {
    try {
      await api.applyObject(o, { actor: a.actor, fieldManager: a.fieldManager }, { force: true });
    } catch (e) {
      refused(`apply ${o.kind}/${o.metadata.name ?? ''}`, e);
    }
  }
}

/** Copies writes up to `at` and the records positioned before it, then the note. */
async function copyPrefix(log: Log, records: readonly HistoryRecord[], at: number, time: number, note: string, actor: string): Promise<void> {
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
  batch.push({ type: 'annotation', time, actor, annotation: { kind: 'note', text: note, rev: at } });
  await log.append(batch);
}
