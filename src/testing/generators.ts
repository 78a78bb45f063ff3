/**
 * fast-check arbitraries for property runs: clusters of nodes, user
 * operations on the kinds a controller cares about, environment faults,
 * controller-view perturbations, and whole test cases. Values are realistic
 * and small (a handful of nodes, replicas up to a few, times in whole
 * seconds), and every one shrinks towards fewer, earlier, simpler steps.
 */
import fc from 'fast-check';
import type { KubeObject } from '../model/index.js';
import type { ScenarioNode } from '../runtime/index.js';
import type { CaseStep, PerturbationPlan, TestCase } from './test-case.js';

const seconds = (maxMs: number): fc.Arbitrary<number> => fc.integer({ min: 0, max: Math.max(0, Math.floor(maxMs / 1000)) }).map((s) => s * 1000);

function byTime<T extends { readonly at: number }>(xs: readonly T[]): T[] {
  return xs.map((x, i) => ({ x, i })).sort((a, b) => a.x.at - b.x.at || a.i - b.i).map((e) => e.x);
}

export interface ClusterOptions {
  readonly minNodes?: number;
  /** Default 3. */
  readonly maxNodes?: number;
}

/** Nodes `node-1`..`node-N` with common capacities, a zone label, and now and then a NoSchedule taint. */
export function clusterNodes(opts: ClusterOptions = {}): fc.Arbitrary<ScenarioNode[]> {
  const node = fc.record({
    cpu: fc.constantFrom('2', '4', '8'),
    memory: fc.constantFrom('4Gi', '8Gi', '16Gi'),
    zone: fc.constantFrom('zone-a', 'zone-b'),
    dedicated: fc.integer({ min: 0, max: 4 }),
  });
  return fc.array(node, { minLength: opts.minNodes ?? 1, maxLength: opts.maxNodes ?? 3 }).map((ns) =>
    ns.map((n, i) => ({
      name: `node-${i + 1}`,
      cpu: n.cpu,
      memory: n.memory,
      pods: 110,
      labels: { 'topology.kubernetes.io/zone': n.zone, 'kubernetes.io/hostname': `node-${i + 1}` },
      // One node in five is dedicated (tainted NoSchedule); never the first, so pods have somewhere to go.
      taints: i > 0 && n.dedicated === 0 ? [{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }] : [],
      podCIDRs: [`10.244.${i}.0/24`],
    })),
  );
}

/** A kind users operate on, described by how to build one of its objects. */
export interface WorkloadKind {
  /** A kind name the API resolves: `PodSet`, `replicasets`, `deployment`. */
  readonly kind: string;
  /** The object called `name` asking for `replicas`; `variant` (0-3) is a small spec change (a label, an image) for "apply a change". */
  make(name: string, replicas: number, variant: number): KubeObject;
  /** Has `spec.replicas` to scale; default true. */
  readonly scalable?: boolean;
}

export interface OperationOptions {
  /** Object names to pick from; default `['a', 'b']`. */
  readonly names?: readonly string[];
  /** Default 5. */
  readonly maxOperations?: number;
  /** Default 4. */
  readonly maxReplicas?: number;
  /** Operations happen at whole seconds in [0, horizonMs]; default 60 s. */
  readonly horizonMs?: number;
  /** Also let users delete a pod now and then; default true. */
  readonly deletePods?: boolean;
}

/** User operations on `kinds`: create or apply a change (server-side apply), scale, delete, and delete a pod. */
export function userOperations(kinds: readonly WorkloadKind[], opts: OperationOptions = {}): fc.Arbitrary<CaseStep[]> {
  if (kinds.length === 0) throw new Error('userOperations needs at least one kind');
  const names = opts.names ?? ['a', 'b'];
  const at = seconds(opts.horizonMs ?? 60_000);
  const replicas = fc.integer({ min: 0, max: opts.maxReplicas ?? 4 });
  const kind = fc.constantFrom(...kinds);
  const name = fc.constantFrom(...names);
  const apply = fc
    .record({ at, kind, name, replicas, variant: fc.integer({ min: 0, max: 3 }) })
    .map(({ at: t, kind: k, name: n, replicas: r, variant }): CaseStep => ({ type: 'apply', at: t, objects: [k.make(n, r, variant)] }));
  const scale = fc
    .record({ at, kind: fc.constantFrom(...kinds.filter((k) => k.scalable !== false)), name, replicas })
    .map(({ at: t, kind: k, name: n, replicas: r }): CaseStep => ({ type: 'scale', at: t, kind: k.kind, name: n, namespace: 'default', replicas: r }));
  const del = fc.record({ at, kind, name }).map(({ at: t, kind: k, name: n }): CaseStep => ({ type: 'delete', at: t, kind: k.kind, name: n, namespace: 'default' }));
  const delPod = fc.record({ at, pick: fc.nat(9) }).map(({ at: t, pick }): CaseStep => ({ type: 'delete-pod', at: t, pick }));
  const choices: fc.Arbitrary<CaseStep>[] = [apply, apply, ...(kinds.some((k) => k.scalable !== false) ? [scale] : []), del, ...(opts.deletePods === false ? [] : [delPod])];
  // Runs start with the first object applied, so every case exercises the controller.
  return fc
    .tuple(apply.map((s) => ({ ...s, at: 0 })), fc.array(fc.oneof(...choices), { maxLength: Math.max(0, (opts.maxOperations ?? 5) - 1) }))
    .map(([first, rest]) => byTime([first, ...rest]));
}

export interface FaultOptions {
  /** Node names the faults hit (e.g. `node-1`, `node-2`). */
  readonly nodes: readonly string[];
  /** Default 2. */
  readonly maxFaults?: number;
  /** Default 60 s. */
  readonly horizonMs?: number;
  /** How long a node stays down or partitioned at most; default 120 s. */
  readonly maxOutageMs?: number;
}

/** Node down then up, partition then heal, kubelet restart and container crash, at whole seconds. */
export function faults(opts: FaultOptions): fc.Arbitrary<CaseStep[]> {
  const at = seconds(opts.horizonMs ?? 60_000);
  const node = fc.constantFrom(...opts.nodes);
  const outage = seconds(opts.maxOutageMs ?? 120_000).map((ms) => ms + 1000);
  const down = fc.record({ at, node, outage }).map(({ at: t, node: n, outage: d }): CaseStep[] => [
    { type: 'fault', at: t, fault: { kind: 'node-down', node: n } },
    { type: 'fault', at: t + d, fault: { kind: 'node-up', node: n } },
  ]);
  const partition = fc.record({ at, node, outage }).map(({ at: t, node: n, outage: d }): CaseStep[] => [
    { type: 'fault', at: t, fault: { kind: 'partition', node: n } },
    { type: 'fault', at: t + d, fault: { kind: 'heal', node: n } },
  ]);
  const restart = fc.record({ at, node }).map(({ at: t, node: n }): CaseStep[] => [{ type: 'fault', at: t, fault: { kind: 'kubelet-restart', node: n } }]);
  const crash = fc.record({ at, pick: fc.nat(9) }).map(({ at: t, pick }): CaseStep[] => [{ type: 'crash-container', at: t, pick }]);
  return fc.array(fc.oneof(down, partition, restart, crash), { maxLength: opts.maxFaults ?? 2 }).map((groups) => byTime(groups.flat()));
}

/** Which perturbations a run may apply (each a knob), and how hard. */
export interface PerturbationKnobs {
  /** Stale reads, lagging up to `maxLagMs` (default 2 s) or 1-3 revisions. */
  readonly staleCache?: boolean | { readonly maxLagMs?: number };
  /** Events reordered across kinds: the primary kind's informer up to 2 s behind the others'. */
  readonly reorderEvents?: boolean;
  /** Watch events held back for up to 30 s, then delivered (relist). */
  readonly delayEvents?: boolean;
  /** Watch events lost for up to 30 s, until a relist up to 60 s later. */
  readonly dropEvents?: boolean;
  /** A crash between two writes of one reconcile. */
  readonly crashBetweenWrites?: boolean;
  /** A second replica active for up to 30 s (no leader election). */
  readonly splitBrain?: boolean;
  /** Default 2. */
  readonly maxPerturbations?: number;
  /** Perturbations start at whole seconds in [0, horizonMs]; default 60 s. */
  readonly horizonMs?: number;
}

export function perturbations(controllers: readonly string[], knobs: PerturbationKnobs): fc.Arbitrary<PerturbationPlan[]> {
  const at = seconds(knobs.horizonMs ?? 60_000);
  const controller = fc.constantFrom(...controllers);
  const window = seconds(29_000).map((ms) => ms + 1000);
  const arbs: fc.Arbitrary<PerturbationPlan>[] = [];
  if (knobs.staleCache !== undefined && knobs.staleCache !== false) {
    const max = typeof knobs.staleCache === 'object' ? (knobs.staleCache.maxLagMs ?? 2000) : 2000;
    arbs.push(
      fc
        .record({ controller, at, durationMs: window, lagMs: fc.integer({ min: 1, max: Math.max(1, Math.floor(max / 100)) }).map((n) => n * 100) })
        .map((r): PerturbationPlan => ({ kind: 'stale-cache', ...r })),
      fc.record({ controller, at, durationMs: window, lagRevs: fc.integer({ min: 1, max: 3 }) }).map((r): PerturbationPlan => ({ kind: 'stale-cache', ...r })),
    );
  }
  if (knobs.reorderEvents === true) {
    const lagMs = fc.integer({ min: 1, max: 20 }).map((n) => n * 100);
    arbs.push(fc.record({ controller, at, durationMs: window, lagMs }).map((r): PerturbationPlan => ({ kind: 'reorder-events', ...r })));
  }
  if (knobs.delayEvents === true) arbs.push(fc.record({ controller, at, durationMs: window }).map((r): PerturbationPlan => ({ kind: 'delay-events', ...r })));
  if (knobs.dropEvents === true) {
    arbs.push(fc.record({ controller, at, durationMs: window, relistAfterMs: seconds(60_000) }).map((r): PerturbationPlan => ({ kind: 'drop-events', ...r })));
  }
  if (knobs.crashBetweenWrites === true) arbs.push(fc.record({ controller, at, keep: fc.integer({ min: 1, max: 3 }) }).map((r): PerturbationPlan => ({ kind: 'crash-between-writes', ...r })));
  if (knobs.splitBrain === true) {
    arbs.push(fc.record({ controller, at, durationMs: window, lagMs: fc.integer({ min: 1, max: 10 }).map((n) => n * 100) }).map((r): PerturbationPlan => ({ kind: 'split-brain', ...r })));
  }
  if (arbs.length === 0) return fc.constant([]);
  return fc.array(fc.oneof(...arbs), { maxLength: knobs.maxPerturbations ?? 2 });
}

export interface CaseParts {
  readonly operations: fc.Arbitrary<readonly CaseStep[]>;
  readonly faults?: fc.Arbitrary<readonly CaseStep[]>;
  readonly nodes?: fc.Arbitrary<readonly ScenarioNode[]>;
  readonly perturbations?: fc.Arbitrary<readonly PerturbationPlan[]>;
}

/** Whole cases: operations and faults merged on one timeline, with nodes, perturbations and a run seed. */
export function testCases(parts: CaseParts): fc.Arbitrary<TestCase> {
  return fc
    .record({
      seed: fc.nat(1000),
      nodes: parts.nodes ?? fc.constant([]),
      operations: parts.operations,
      faults: parts.faults ?? fc.constant([]),
      perturbations: parts.perturbations ?? fc.constant([]),
    })
    .map((r) => ({ seed: r.seed, nodes: r.nodes, steps: byTime([...r.operations, ...r.faults]), perturbations: r.perturbations }));
}
