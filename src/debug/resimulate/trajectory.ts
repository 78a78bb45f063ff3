/**
 * An object's trajectory: what a user watching it would call its state, at
 * each of its versions. Whole objects are not compared — a real cluster's
 * pod carries container IDs, a simulated one does not, and names generated
 * on each side differ — only what an incident is made of: that it exists
 * and is being deleted, where a pod runs, its phase and readiness, a
 * workload's desired and observed counts, and each condition's status.
 *
 * A field an object does not show is absent, not a value: an audit log at
 * Metadata level (a write whose body is unknown) or a status never recorded
 * leaves it unknown, and unknown is never compared.
 */
import type { KubeObject } from '../../model/index.js';
import { parseKey } from '../../model/index.js';
import type { Store } from '../../store/index.js';

/** Field name → value, e.g. `{ exists: 'true', 'status.phase': 'Running' }`. */
export type Observed = Readonly<Record<string, string>>;

export interface TrajectoryPoint {
  readonly rev: number;
  readonly time: number;
  readonly observed: Observed;
}

/** Status counters that make a workload's state, per `group/resource` (Kubernetes omits them when 0). */
const COUNTERS: Readonly<Record<string, readonly string[]>> = {
  'apps/deployments': ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas'],
  'apps/replicasets': ['replicas', 'readyReplicas', 'availableReplicas'],
  replicationcontrollers: ['replicas', 'readyReplicas', 'availableReplicas'],
  'apps/statefulsets': ['replicas', 'readyReplicas', 'currentReplicas', 'updatedReplicas'],
  'apps/daemonsets': ['desiredNumberScheduled', 'currentNumberScheduled', 'numberReady'],
  'batch/jobs': ['active', 'succeeded', 'failed'],
};

interface Condition {
  readonly type?: unknown;
  readonly status?: unknown;
}

function conditions(obj: KubeObject): Condition[] {
  const c = (obj['status'] as { conditions?: unknown } | undefined)?.conditions;
  return Array.isArray(c) ? (c as Condition[]) : [];
}

export function observe(key: string, obj: KubeObject | undefined): Observed {
  if (obj === undefined) return { exists: 'false' };
  const out: Record<string, string> = { exists: 'true', deleting: obj.metadata.deletionTimestamp === undefined ? 'false' : 'true' };
  const k = parseKey(key);
  const resource = k.group === '' ? k.resource : `${k.group}/${k.resource}`;
  const spec = (obj['spec'] ?? {}) as Record<string, unknown>;
  const status = obj['status'] as Record<string, unknown> | undefined;
  if (resource === 'pods') {
    out['spec.nodeName'] = typeof spec['nodeName'] === 'string' && spec['nodeName'] !== '' ? spec['nodeName'] : '(none)';
    if (typeof status?.['phase'] === 'string') out['status.phase'] = status['phase'];
  }
  if (resource === 'nodes') out['spec.unschedulable'] = spec['unschedulable'] === true ? 'true' : 'false';
  if (typeof spec['replicas'] === 'number') out['spec.replicas'] = String(spec['replicas']);
  const counters = COUNTERS[resource];
  if (counters !== undefined && status !== undefined && Object.keys(status).length > 0) {
    for (const c of counters) out[`status.${c}`] = String(typeof status[c] === 'number' ? status[c] : 0);
  }
  for (const c of conditions(obj)) {
    if (typeof c.type === 'string' && typeof c.status === 'string') out[`condition ${c.type}`] = c.status;
  }
  return out;
}

/** The object's state at `fromRev`, then after each of its writes up to `toRev`. */
export function trajectory(store: Store, key: string, fromRev: number, toRev: number, startTime: number): TrajectoryPoint[] {
  const points: TrajectoryPoint[] = [{ rev: fromRev, time: startTime, observed: observe(key, fromRev === 0 ? undefined : store.at(fromRev).get(key)) }];
  for (const rev of store.versions(key)) {
    if (rev <= fromRev || rev > toRev) continue;
    const w = store.write(rev);
    const observed = observe(key, store.at(rev).get(key));
    // After a write whose body the source did not log, only whether the object exists is known.
    points.push({ rev, time: w?.time ?? startTime, observed: w?.origin?.bodyUnknown === true ? { exists: observed['exists'] ?? 'false' } : observed });
  }
  return points;
}

/** The first version of the object after `fromRev` that exists (for its owner and creation order), or its state at `fromRev`. */
export function firstVersion(store: Store, key: string, fromRev: number): { rev: number; object: KubeObject } | undefined {
  if (fromRev > 0) {
    const at = store.at(fromRev).get(key);
    if (at !== undefined) return { rev: fromRev, object: at };
  }
  for (const rev of store.versions(key)) {
    if (rev <= fromRev) continue;
    const o = store.at(rev).get(key);
    if (o !== undefined) return { rev, object: o };
  }
  return undefined;
}
