/**
 * Resource arithmetic as the scheduler does it: quantities as plain numbers
 * (CPU in millicores, everything else in whole units, both rounded up as
 * `MilliValue()`/`Value()`), and a pod's requests computed as
 * component-helpers' `PodRequests` (1.32): the sum of its containers, at
 * least the largest init container (restartable "sidecar" init containers
 * add to both), plus the pod overhead.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { milliValue, parseQuantity, quantityValue } from '../../model/index.js';

export interface Resources {
  cpu: number;
  memory: number;
  ephemeralStorage: number;
  /** Extended resources, hugepages, attachable volumes; undefined when none. */
  scalar: Map<string, number> | undefined;
}

/** Defaults the scoring plugins assume for a container without a CPU or memory request (pkg/scheduler/util/pod_resources.go). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export const emptyResources = (): Resources => ({ cpu: 0, memory: 0, ephemeralStorage: 0, scalar: undefined });

const parsed = new Map<string, number>();

/** A quantity in the unit the scheduler keeps for `name`; malformed quantities (refused by the API anyway) count 0. */
export function amount(name: string, q: unknown): number {
  if (typeof q !== 'string' && typeof q !== 'number') return 0;
  const memo = `${name === 'cpu' ? 'm' : 'u'}${String(q)}`;
  const hit = parsed.get(memo);
  if (hit !== undefined) return hit;
  let v = 0;
  try {
    const quantity = parseQuantity(q);
    v = Number(name === 'cpu' ? milliValue(quantity) : quantityValue(quantity));
  } catch {
    v = 0;
  }
  if (parsed.size < 10_000) parsed.set(memo, v);
  return v;
}

/** Resources the scheduler accounts beyond cpu, memory and ephemeral storage (`IsScalarResourceName`). */
export function isScalarResourceName(name: string): boolean {
  return name.startsWith('hugepages-') || name.startsWith('attachable-volumes-') || (name.includes('/') && !name.startsWith('requests.'));
}

/** Adds a ResourceList (requests, overhead, allocatable) into `into`. */
export function addList(into: Resources, list: Readonly<Record<string, unknown>> | undefined): void {
  if (list === undefined) return;
  for (const name in list) {
    const v = amount(name, list[name]);
    if (name === 'cpu') into.cpu += v;
    else if (name === 'memory') into.memory += v;
    else if (name === 'ephemeral-storage') into.ephemeralStorage += v;
    else if (isScalarResourceName(name)) {
      into.scalar ??= new Map();
      into.scalar.set(name, (into.scalar.get(name) ?? 0) + v);
    }
  }
}

function add(into: Resources, r: Resources): void {
  into.cpu += r.cpu;
  into.memory += r.memory;
  into.ephemeralStorage += r.ephemeralStorage;
  if (r.scalar !== undefined) for (const [k, v] of r.scalar) (into.scalar ??= new Map()).set(k, (into.scalar.get(k) ?? 0) + v);
}

function maxInto(into: Resources, r: Resources): void {
  into.cpu = Math.max(into.cpu, r.cpu);
  into.memory = Math.max(into.memory, r.memory);
  into.ephemeralStorage = Math.max(into.ephemeralStorage, r.ephemeralStorage);
  if (r.scalar !== undefined) for (const [k, v] of r.scalar) (into.scalar ??= new Map()).set(k, Math.max(into.scalar.get(k) ?? 0, v));
}

function copy(r: Resources): Resources {
  return { cpu: r.cpu, memory: r.memory, ephemeralStorage: r.ephemeralStorage, scalar: r.scalar === undefined ? undefined : new Map(r.scalar) };
}

function containerRequests(c: Container, nonZero: boolean): Resources {
  const out = emptyResources();
  const req = c.resources?.requests as Record<string, unknown> | undefined;
  addList(out, req);
  if (nonZero) {
    if (req?.['cpu'] === undefined) out.cpu = DEFAULT_MILLI_CPU_REQUEST;
    if (req?.['memory'] === undefined) out.memory = DEFAULT_MEMORY_REQUEST;
  }
  return out;
}

/**
 * A pod's effective requests. `nonZero` applies the scoring defaults to
 * containers that request no CPU or memory (`NonMissingContainerRequests`).
 * The result is shared: callers must not change it.
 */
export function podRequests(pod: Pod, nonZero = false): Resources {
  const spec = pod.spec;
  // Objects from the store are frozen and structurally shared: a binding
  // leaves the containers array as it was, so the sums are computed once.
  const containers = spec?.containers;
  const memo = containers === undefined ? undefined : requestsMemo.get(containers);
  if (memo !== undefined && memo.init === spec?.initContainers && memo.overhead === spec?.overhead) return nonZero ? memo.nonZero : memo.requests;
  const requests = computePodRequests(pod, false);
  const nonZeroRequests = computePodRequests(pod, true);
  if (containers !== undefined && Object.isFrozen(containers)) {
    requestsMemo.set(containers, { init: spec?.initContainers, overhead: spec?.overhead, requests, nonZero: nonZeroRequests });
  }
  return nonZero ? nonZeroRequests : requests;
}

interface RequestsMemo {
  readonly init: unknown;
  readonly overhead: unknown;
  readonly requests: Resources;
  readonly nonZero: Resources;
}
const requestsMemo = new WeakMap<object, RequestsMemo>();

function computePodRequests(pod: Pod, nonZero: boolean): Resources {
  const spec = pod.spec;
  const reqs = emptyResources();
  for (const c of spec?.containers ?? []) add(reqs, containerRequests(c, nonZero));
  const sidecars = emptyResources();
  const initMax = emptyResources();
  for (const ic of spec?.initContainers ?? []) {
    let r = containerRequests(ic, nonZero);
    if (ic.restartPolicy === 'Always') {
      add(reqs, r);
      add(sidecars, r);
      r = copy(sidecars);
    } else add(r, sidecars);
    maxInto(initMax, r);
  }
  maxInto(reqs, initMax);
  addList(reqs, spec?.overhead as Record<string, unknown> | undefined);
  return reqs;
}
