/**
 * The traffic model: requests sent through the recorded history, counted
 * as served or failed per time bucket — so a rollout's availability, a
 * blue/green switch or a drain shows as numbers. Nothing is written: it is
 * a pure evaluation of the history, the same for the same history, spec
 * and seed.
 *
 * Each request at run time t is routed as kube-proxy would have routed it
 * (route-service-request.ts, or route-ingress-request.ts for an Ingress
 * request) over the EndpointSlices as they were at t − proxyDelayMs (the
 * proxy's lag; default 0); it is served when the chosen endpoint's pod
 * answers at t (pod-serving.ts: the pod exists, its node is up, its
 * containers run and it is Ready), and failed otherwise, with the reason:
 * the router's refusal (NoEndpoints, NoSuchService, PortNotExposed,
 * NoClusterIP, NotFound for an Ingress 404) or the pod's (PodGone,
 * NodeDown, ContainerNotRunning, PodNotReady).
 */
import type { Fault, HistoryRecord, KubeObject } from '../../model/index.js';
import { seededRandom } from '../../model/index.js';
import type { Cursor, StateView, Store } from '../../store/index.js';
import type { Balancer } from './balancer.js';
import { createBalancer } from './balancer.js';
import type { NotServing } from './pod-serving.js';
import { podServing } from './pod-serving.js';
import { routeIngressRequest } from './route-ingress-request.js';
import type { RouteResult } from './route-service-request.js';
import { routeServiceRequest } from './route-service-request.js';
import type { TrafficSpec } from './traffic-spec.js';
import { clientIP, trafficName } from './traffic-spec.js';

export interface TrafficBucket {
  /** Run time (ms) the bucket starts at. */
  readonly time: number;
  readonly served: number;
  readonly failed: number;
}

export interface TrafficReport {
  readonly name: string;
  readonly spec: TrafficSpec;
  readonly bucketMs: number;
  readonly buckets: readonly TrafficBucket[];
  readonly served: number;
  readonly failed: number;
  /** Failed requests by reason, sorted by reason. */
  readonly failures: Readonly<Record<string, number>>;
  /** Served requests by pod (`namespace/name`), sorted by pod. */
  readonly servedBy: Readonly<Record<string, number>>;
}

export interface TrafficOptions {
  /** Bucket width; default 1000 ms. */
  readonly bucketMs?: number;
  /** How far behind the API kube-proxy's rules are; default 0. */
  readonly proxyDelayMs?: number;
  /** Seeds the random balancer; default 1. */
  readonly seed?: number;
  /** Node faults of the run (fault records), so pods on a down node fail. */
  readonly faults?: readonly { readonly time: number; readonly fault: Fault }[];
}

/** The node faults among history records. */
export function faultsOf(records: readonly HistoryRecord[]): { time: number; fault: Fault }[] {
  return records.flatMap((r) => (r.type === 'fault' ? [{ time: r.time, fault: r.fault }] : []));
}

/** A view that remembers its `get` and `byLabel` answers: the same state is asked the same questions for every request. */
function memoView(v: StateView): StateView {
  const gets = new Map<string, KubeObject | undefined>();
  const labelled = new Map<string, readonly KubeObject[]>();
  return {
    rev: v.rev,
    get: (key) => {
      if (!gets.has(key)) gets.set(key, v.get(key));
      return gets.get(key);
    },
    versionRev: (key) => v.versionRev(key),
    list: (scope, filter) => v.list(scope, filter),
    count: (scope) => v.count(scope),
    byLabel: (scope, name, value) => {
      const k = JSON.stringify([scope.group, scope.resource, scope.namespace ?? '', name, value]);
      let hit = labelled.get(k);
      if (hit === undefined) {
        hit = v.byLabel(scope, name, value);
        labelled.set(k, hit);
      }
      return hit;
    },
    byOwner: (uid) => v.byOwner(uid),
    keys: (scope) => v.keys(scope),
  };
}

/** A cursor that moves to "the state at run time t" (the last write at or before t), forward only. */
class TimeCursor {
  private readonly c: Cursor;
  private view: StateView | undefined;
  constructor(private readonly store: Store) {
    this.c = store.cursor(0);
  }
  at(t: number): StateView {
    for (;;) {
      const next = this.c.rev < this.store.rev ? this.store.write(this.c.rev + 1) : undefined;
      if (next === undefined || next.time > t) break;
      this.c.forward();
      this.view = undefined;
    }
    this.view ??= memoView(this.c.state);
    return this.view;
  }
  get rev(): number {
    return this.c.rev;
  }
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}

export function trafficReport(store: Store, spec: TrafficSpec, opts: TrafficOptions = {}): TrafficReport {
  if (!(spec.rps > 0)) throw new RangeError(`traffic ${trafficName(spec)}: rps must be > 0, got ${spec.rps}`);
  if (spec.to < spec.from) throw new RangeError(`traffic ${trafficName(spec)}: to (${spec.to}) is before from (${spec.from})`);
  const bucketMs = opts.bucketMs ?? 1000;
  const delay = spec.proxyDelayMs ?? opts.proxyDelayMs ?? 0;
  const balancer: Balancer = createBalancer(spec.mode ?? 'random', seededRandom(((opts.seed ?? 1) ^ hash(trafficName(spec))) >>> 0));
  const proxy = new TimeCursor(store);
  const truth = new TimeCursor(store);
  const faults = [...(opts.faults ?? [])].sort((a, b) => a.time - b.time);
  const down = new Set<string>();
  let fi = 0;
  const clients = Math.max(1, spec.clients ?? 1);
  const buckets: { time: number; served: number; failed: number }[] = [];
  for (let t = spec.from; t < spec.to; t += bucketMs) buckets.push({ time: t, served: 0, failed: 0 });
  const failures = new Map<string, number>();
  const servedBy = new Map<string, number>();
  const total = Math.floor(((spec.to - spec.from) * spec.rps) / 1000);
  for (let k = 0; k < total; k++) {
    const t = spec.from + Math.floor((k * 1000) / spec.rps);
    while (fi < faults.length && (faults[fi]?.time ?? Infinity) <= t) {
      const f = faults[fi++]?.fault;
      if (f?.kind === 'node-down') down.add(f.node);
      else if (f?.kind === 'node-up') down.delete(f.node);
    }
    const view = proxy.at(t - delay);
    const client = clientIP(k % clients);
    let route: RouteResult;
    if (spec.ingress !== undefined) {
      const r = routeIngressRequest(view, { ...spec.ingress, clientIP: client, now: t }, balancer);
      if (r.status === 'not-found') {
        count(buckets, t, spec.from, bucketMs, false);
        failures.set('NotFound', (failures.get('NotFound') ?? 0) + 1);
        continue;
      }
      route = r.route;
    } else {
      route = routeServiceRequest(view, { service: spec.service ?? '', port: spec.port ?? 0, ...(spec.protocol === undefined ? {} : { protocol: spec.protocol }), clientIP: client, now: t }, balancer);
    }
    let why: string | undefined;
    if (!route.routed) why = route.reason;
    else {
      const bad: NotServing | undefined = podServing(truth.at(t), route.backend, down);
      if (bad !== undefined) why = bad;
      else {
        const who = route.backend.pod === undefined ? route.backend.ip : `${route.backend.pod.namespace}/${route.backend.pod.name}`;
        servedBy.set(who, (servedBy.get(who) ?? 0) + 1);
      }
    }
    count(buckets, t, spec.from, bucketMs, why === undefined);
    if (why !== undefined) failures.set(why, (failures.get(why) ?? 0) + 1);
  }
  const served = buckets.reduce((n, b) => n + b.served, 0);
  const failed = buckets.reduce((n, b) => n + b.failed, 0);
  const sorted = (m: Map<string, number>): Record<string, number> => Object.fromEntries([...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { name: trafficName(spec), spec, bucketMs, buckets, served, failed, failures: sorted(failures), servedBy: sorted(servedBy) };
}

function count(buckets: { served: number; failed: number }[], t: number, from: number, bucketMs: number, ok: boolean): void {
  const b = buckets[Math.floor((t - from) / bucketMs)];
  if (b === undefined) return;
  if (ok) b.served++;
  else b.failed++;
}
