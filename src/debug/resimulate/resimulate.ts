/**
 * Re-simulation: takes a recorded or imported history's inputs — its users'
 * requests and its environment (machines, node outages, deletions by
 * people) — runs chronokube's controllers and kubelets forward over them in
 * virtual time, and compares the simulated trajectory of every object with
 * the recorded one: where chronokube's model of Kubernetes reproduces the
 * incident, and where it diverges.
 *
 * It is re-running controllers over recorded inputs, and says so: the
 * recorded history is never changed, and the simulation is a branch of its
 * own (written to the log given). The users of the recording are authorized
 * as the recorded cluster authorized them (their requests succeeded there):
 * as `system:masters`. Writes whose author the history does not know are
 * neither re-made nor trusted as outputs; they are counted.
 *
 * @example
 * const { report } = await resimulate({ store, records, header: log.header, log: createMemoryLog({ header }) });
 * report.summary // { reproduced: 5, diverged: 0, onlyRecorded: 0, onlySimulated: 0 }
 */
import type { ControllerDefinition } from '../../controllers/index.js';
import { revAtTime } from '../../invariants/index.js';
import type { Log } from '../../log/index.js';
import type { Fault, HistoryHeader, HistoryRecord, KubeObject, WriteRecord } from '../../model/index.js';
import { parseKey } from '../../model/index.js';
import type { BehaviourRule } from '../../runtime/index.js';
import { controlPlaneControllers } from '../../runtime/index.js';
import type { Store } from '../../store/index.js';
import { INITIAL_STATE_BOOKMARK } from '../bookmarks.js';
import { runBranch, timeOfRev } from '../run-branch.js';
import type { FieldComparison } from './compare-trajectories.js';
import { compareFields } from './compare-trajectories.js';
import type { EnvironmentNode } from './environment.js';
import { assumedNamespaces, deriveNodeFaults, environmentNodes, hasFaultRecords } from './environment.js';
import { matchObjects } from './match-objects.js';
import { trajectory } from './trajectory.js';
import { isApiServerActor, writeRole } from './write-role.js';

export const RESIMULATE_ACTOR = 'user:resimulate';
/** How every output labels this kind of replay. */
export const RESIMULATION = "re-simulation: chronokube's controllers re-run over the recorded inputs — the recorded history is not changed";

/** Resources never compared: Events and Leases are noise, not the incident. */
const NOT_COMPARED = new Set(['events', 'events.k8s.io/events', 'coordination.k8s.io/leases']);

export interface ResimulateOptions {
  readonly store: Store;
  readonly records: readonly HistoryRecord[];
  readonly header: HistoryHeader;
  /** An empty log for the simulation. */
  readonly log: Log;
  /** Start after this revision (default: the `initial-state` bookmark a recording leaves, else 0). */
  readonly from?: number;
  /** How long to run (default: to the recording's last record). */
  readonly forMs?: number;
  /** Users' controllers, simulated with the built-in ones (their writes become outputs). */
  readonly controllers?: readonly ControllerDefinition[];
  /** Container behaviours (a scenario's): a recording does not say how its containers behave. */
  readonly behaviours?: readonly BehaviourRule[];
  /** A name for the recording in the simulation's note. */
  readonly source?: string;
}

export type ObjectVerdict = 'reproduced' | 'diverged' | 'only-recorded' | 'only-simulated';

export interface ObjectComparison {
  readonly recorded?: string;
  readonly simulated?: string;
  readonly matchedBy?: 'name' | 'owner';
  readonly verdict: ObjectVerdict;
  /** Per field the recording shows (empty for an object on one side only). */
  readonly fields: readonly FieldComparison[];
}

export interface ResimulationInputs {
  /** Requests re-made, per actor (sorted). */
  readonly actors: readonly { readonly actor: string; readonly writes: number }[];
  readonly writes: number;
  readonly faults: readonly { readonly time: number; readonly fault: Fault; readonly derived?: string }[];
  readonly nodes: readonly EnvironmentNode[];
  readonly namespaces: readonly string[];
  /** The API server's bootstrap was run (the history does not contain one). */
  readonly bootstrap: boolean;
  /** Writes whose author the history does not know: neither re-made nor compared as decisions. */
  readonly unknownWrites: number;
}

export interface ResimulationReport {
  readonly from: number;
  readonly startedAt: number;
  readonly endedAt: number;
  readonly inputs: ResimulationInputs;
  /** Resources compared (`pods`, `apps/deployments`: what the recording observed), sorted. */
  readonly resources: readonly string[];
  readonly objects: readonly ObjectComparison[];
  readonly summary: Readonly<Record<'reproduced' | 'diverged' | 'onlyRecorded' | 'onlySimulated', number>>;
  readonly warnings: readonly string[];
}

/** The revision a re-simulation starts after by default: the recording's `initial-state` bookmark, else 0. */
export function defaultStart(records: readonly HistoryRecord[]): number {
  let from = 0;
  for (const r of records) if (r.type === 'annotation' && r.annotation.kind === 'bookmark' && r.annotation.name === INITIAL_STATE_BOOKMARK) from = r.annotation.rev;
  return from;
}

function memo<T>(f: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let v = cache.get(key);
    if (v === undefined) {
      v = f(key);
      cache.set(key, v);
    }
    return v;
  };
}

function resourceOf(key: string): string {
  const k = parseKey(key);
  return k.group === '' ? k.resource : `${k.group}/${k.resource}`;
}

export async function resimulate(opts: ResimulateOptions): Promise<{ report: ResimulationReport; store: Store }> {
  const { store, records } = opts;
  const from = opts.from ?? defaultStart(records);
  if (from < store.compactedRev || from > store.rev) throw new Error(`cannot re-simulate from revision ${from}: this history keeps revisions ${store.compactedRev}..${store.rev}`);
  const startedAt = timeOfRev(store, from);
  const nodes = environmentNodes(store, from, startedAt);
  const ctx = { controllerNames: new Set([...controlPlaneControllers({ usage: () => undefined, loads: () => [] }), ...(opts.controllers ?? [])].map((c) => c.name)), nodeNames: new Set(nodes.map((n) => n.node.name)) };
  const after = store.writes({ fromRev: from + 1 });
  const inputs: WriteRecord[] = [];
  let unknownWrites = 0;
  for (const w of after) {
    const role = writeRole(w, ctx);
    if (role === 'input') inputs.push(w);
    if (role === 'unknown') unknownWrites++;
  }
  const recordedFaults = records.flatMap((r) => (r.type === 'fault' && r.atRev >= from ? [{ time: r.time, fault: r.fault, actor: r.actor }] : []));
  const derived = hasFaultRecords(records) ? [] : deriveNodeFaults(store, from, opts.header.epoch);
  const namespaces = assumedNamespaces(store, from, inputs);
  const bootstrap = !after.some((w) => isApiServerActor(w.actor)) && !store.writes({ toRev: from }).some((w) => isApiServerActor(w.actor));
  const actors = [...new Set(inputs.map((w) => w.actor))].sort();
  const note = `${RESIMULATION}: ${opts.source ?? 'a history'} from revision ${from}`;
  const run = await runBranch({
    store,
    records,
    header: opts.header,
    at: from,
    log: opts.log,
    note,
    noteActor: RESIMULATE_ACTOR,
    inputs: {
      writes: inputs,
      faults: [...recordedFaults, ...derived.map((d) => ({ time: d.time, fault: d.fault, actor: RESIMULATE_ACTOR }))],
      applies: [],
      nodes,
    },
    bootstrap,
    masters: [...actors, RESIMULATE_ACTOR],
    ...(namespaces.length === 0 ? {} : { setup: { objects: namespaces.map((name): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })), actor: RESIMULATE_ACTOR, fieldManager: 'chronokube-resimulate' } }),
    ...(opts.forMs === undefined ? {} : { forMs: opts.forMs }),
    ...(opts.controllers === undefined ? {} : { controllers: opts.controllers }),
    ...(opts.behaviours === undefined ? {} : { behaviours: opts.behaviours }),
  });
  const branch = run.store;
  const resources = [...new Set(after.map((w) => resourceOf(w.key)))].filter((r) => !NOT_COMPARED.has(r)).sort();
  const compared = new Set(resources);
  const recordedTo = revAtTime(store, run.endedAt);
  const touched = (s: Store, to: number): string[] => [...new Set(s.writes({ fromRev: from + 1, toRev: to }).map((w) => w.key))].filter((k) => compared.has(resourceOf(k))).sort();
  const recordedPath = memo((k) => trajectory(store, k, from, recordedTo, startedAt));
  const simulatedPath = memo((k) => trajectory(branch, k, from, branch.rev, startedAt));
  const fieldsOf = (r: string, s: string): FieldComparison[] => compareFields(recordedPath(r), simulatedPath(s));
  // Whether an object exists at the end outweighs any number of other fields: pair the survivors with the survivors.
  const distance = (r: string, s: string): number => fieldsOf(r, s).reduce((d, f) => d + (f.verdict === 'reproduced' ? 0 : f.field === 'exists' ? 100 : 1), 0);
  const pairs = matchObjects({ store, from, keys: touched(store, recordedTo) }, { store: branch, from, keys: touched(branch, branch.rev) }, distance);
  const objects = pairs.map((p): ObjectComparison => {
    if (p.simulated === undefined) return { recorded: p.recorded ?? '', verdict: 'only-recorded', fields: [] };
    if (p.recorded === undefined) return { simulated: p.simulated, verdict: 'only-simulated', fields: [] };
    const fields = fieldsOf(p.recorded, p.simulated);
    return { recorded: p.recorded, simulated: p.simulated, ...(p.by === undefined ? {} : { matchedBy: p.by }), verdict: fields.every((f) => f.verdict === 'reproduced') ? 'reproduced' : 'diverged', fields };
  });
  objects.sort((a, b) => (a.recorded ?? a.simulated ?? '').localeCompare(b.recorded ?? b.simulated ?? ''));
  const count = (v: ObjectVerdict): number => objects.filter((o) => o.verdict === v).length;
  const report: ResimulationReport = {
    from,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    inputs: {
      actors: actors.map((actor) => ({ actor, writes: inputs.filter((w) => w.actor === actor).length })),
      writes: inputs.length,
      faults: [...recordedFaults.map((f) => ({ time: f.time, fault: f.fault })), ...derived.map((d) => ({ time: d.time, fault: d.fault, derived: d.reason }))].sort((a, b) => a.time - b.time),
      nodes,
      namespaces,
      bootstrap,
      unknownWrites,
    },
    resources,
    objects,
    summary: { reproduced: count('reproduced'), diverged: count('diverged'), onlyRecorded: count('only-recorded'), onlySimulated: count('only-simulated') },
    warnings: run.warnings,
  };
  return { report, store: branch };
}
