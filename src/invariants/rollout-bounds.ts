/**
 * `rollout-bounds`: a RollingUpdate Deployment never has more than
 * `replicas + maxSurge` active pods, and while a rollout is in progress
 * (pods of more than one of its ReplicaSets are active) never fewer than
 * `replicas − maxUnavailable` available ones — the two promises of
 * Kubernetes' rolling update. maxSurge and maxUnavailable come from the
 * Deployment controller's own arithmetic (percentages of replicas: surge
 * rounds up, unavailable down, both zero make unavailable 1).
 *
 * Pods are counted from the state, not from the status the controller
 * reports, so a controller that miscounts is caught. Outside a rollout the
 * lower bound is not asserted: a new Deployment starts with nothing
 * available, and a Recreate one goes to zero by design (its surge is 0, so
 * the upper bound, `replicas`, still applies).
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { controllerOf } from '../controllers/index.js';
import type { KubeObject, WriteRecord } from '../model/index.js';
import type { StateView } from '../store/index.js';
import type { DeploymentArithmetic } from './deployment-arithmetic.js';
import { deploymentArithmetic } from './deployment-arithmetic.js';
import type { Invariant, InvariantContext, SubjectIndex, Violation } from './invariant.js';
import { checkBySubject, writesKind } from './invariant.js';

const DEPLOYMENTS = { group: 'apps', resource: 'deployments' };
const REPLICASETS = { group: 'apps', resource: 'replicasets' };
const PODS = { group: '', resource: 'pods' };

const arithmetic = (): DeploymentArithmetic => deploymentArithmetic;

/** The key of the object's controlling owner if it is of `kind`. */
function ownerKey(obj: KubeObject | undefined, kind: string, resource: string): string | undefined {
  const ref = obj === undefined ? undefined : controllerOf(obj);
  return ref?.kind === kind ? `apps/${resource}/${obj?.metadata.namespace ?? ''}/${ref.name}` : undefined;
}

function deploymentsOf(write: WriteRecord, view: StateView, before: StateView): string[] {
  if (writesKind(write.key, [DEPLOYMENTS])) return [write.key];
  const out = new Set<string>();
  for (const v of [before, view]) {
    const obj = v.get(write.key);
    if (writesKind(write.key, [REPLICASETS])) {
      const d = ownerKey(obj, 'Deployment', 'deployments');
      if (d !== undefined) out.add(d);
    } else {
      const rsKey = ownerKey(obj, 'ReplicaSet', 'replicasets');
      const rs = rsKey === undefined ? undefined : (v.get(rsKey) ?? view.get(rsKey) ?? before.get(rsKey));
      const d = ownerKey(rs, 'Deployment', 'deployments');
      if (d !== undefined) out.add(d);
    }
  }
  return [...out].sort();
}

/** Active pods per ReplicaSet the Deployment controls. */
function podsBySet(view: StateView, d: KubeObject, a: DeploymentArithmetic): Pod[][] {
  const uid = d.metadata.uid ?? '';
  return view
    .byOwner(uid)
    .filter((rs) => rs.kind === 'ReplicaSet' && controllerOf(rs)?.uid === uid)
    .map((rs: KubeObject) => view.byOwner((rs as ReplicaSet).metadata?.uid ?? '').filter((p) => p.kind === 'Pod' && controllerOf(p)?.uid === rs.metadata.uid && a.isPodActive(p as Pod)) as Pod[])
    .filter((pods) => pods.length > 0);
}

const subjects: SubjectIndex = {
  all: (view) => view.keys(DEPLOYMENTS),
  touched: (write, view, before) => (writesKind(write.key, [DEPLOYMENTS, REPLICASETS, PODS]) ? deploymentsOf(write, view, before) : []),
  check: (view: StateView, key: string, ctx: InvariantContext): Violation[] => {
    const obj = view.get(key);
    if (obj === undefined) return [];
    const a = arithmetic();
    const d = obj as Deployment;
    const sets = podsBySet(view, obj, a);
    const desired = a.desiredReplicas(d);
    const out: Violation[] = [];
    const total = sets.reduce((n, pods) => n + pods.length, 0);
    const max = desired + a.maxSurge(d);
    if (total > max) out.push({ key, message: `${total} pods, more than replicas ${desired} + maxSurge ${a.maxSurge(d)} = ${max}` });
    const rolling = (d.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
    if (rolling && sets.length > 1) {
      const now = ctx.epoch + ctx.time;
      const available = sets.flat().filter((p) => a.isPodAvailable(p, d.spec?.minReadySeconds ?? 0, now)).length;
      const min = desired - a.maxUnavailable(d);
      if (available < min) out.push({ key, message: `${available} pods available during a rollout, fewer than replicas ${desired} − maxUnavailable ${a.maxUnavailable(d)} = ${min}` });
    }
    return out;
  },
  nextChange: (view, key, ctx) => {
    // With minReadySeconds a ready pod becomes available by time alone.
    const obj = view.get(key);
    const minReady = (obj as Deployment | undefined)?.spec?.minReadySeconds ?? 0;
    if (obj === undefined || minReady === 0) return undefined;
    const now = ctx.epoch + ctx.time;
    let next: number | undefined;
    for (const p of podsBySet(view, obj, arithmetic()).flat()) {
      const ready = p.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'True');
      const since = ready?.lastTransitionTime === undefined ? NaN : Date.parse(ready.lastTransitionTime);
      const at = since + minReady * 1000;
      if (!Number.isNaN(at) && at >= now && (next === undefined || at < next)) next = at;
    }
    return next === undefined ? undefined : next - ctx.epoch + 1;
  },
};

export const rolloutBounds: Invariant = {
  name: 'rollout-bounds',
  description: 'no RollingUpdate Deployment over replicas+maxSurge active pods, nor under replicas−maxUnavailable available during a rollout',
  reads: [DEPLOYMENTS, REPLICASETS, PODS],
  subjects,
  check: checkBySubject(subjects),
};
