/**
 * How many pods a budget expects and how many must stay healthy
 * (Kubernetes 1.32 `getExpectedPodCount` / `getExpectedScale` in
 * pkg/controller/disruption):
 * - `maxUnavailable` (int or percent): expected = the summed scale of the
 *   controllers owning the selected pods; desired = expected −
 *   ceil(maxUnavailable), at least 0;
 * - `minAvailable` as an integer: desired = that number, expected = the
 *   number of selected pods (no controller lookup);
 * - `minAvailable` as a percent: expected = summed controller scale,
 *   desired = ceil(percent × expected).
 * A controller is found as Kubernetes' finders do, in order:
 * ReplicationController, the Deployment of a ReplicaSet, a ReplicaSet no
 * Deployment controls, a StatefulSet, and finally the scale subresource of
 * any other owner (so a ReplicaSet whose Deployment is gone counts with its
 * own replicas; a DaemonSet or Job has no scale: an error). Pods with no
 * controller are "unmanaged": they add nothing and are reported, not an
 * error. A controller reference to an object that is gone (or a different
 * uid) is the error `found no controllers for pod "NAME"`.
 */
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';
import type { KubeObject, OwnerReference } from '../../model/index.js';
import { objectKey, splitApiVersion } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import { controllerOf } from '../handlers.js';
import { scaledValueRoundUp } from './scaled-value.js';

export type ExpectedCount =
  | { readonly expectedCount: number; readonly desiredHealthy: number; readonly unmanagedPods: readonly string[] }
  | { readonly error: string };

type Scale = { readonly uid: string; readonly replicas: number } | undefined;
type Finder = (view: StateView, ref: OwnerReference, namespace: string) => Scale | { readonly error: string };

const replicasOf = (o: KubeObject): number => (o['spec'] as { replicas?: number } | undefined)?.replicas ?? 1;

function owned(view: StateView, ref: OwnerReference, namespace: string, kind: string, groups: readonly string[], resource: string): KubeObject | undefined {
  if (ref.kind !== kind || !groups.includes(splitApiVersion(ref.apiVersion).group)) return undefined;
  const group = resource === 'replicationcontrollers' ? '' : 'apps';
  const obj = view.get(objectKey({ group, resource, namespace, name: ref.name }));
  return obj !== undefined && obj.metadata.uid === ref.uid ? obj : undefined;
}

const scaleOf = (o: KubeObject | undefined): Scale => (o === undefined ? undefined : { uid: o.metadata.uid ?? '', replicas: replicasOf(o) });

const byReplicationController: Finder = (view, ref, ns) => scaleOf(owned(view, ref, ns, 'ReplicationController', [''], 'replicationcontrollers'));

const byDeployment: Finder = (view, ref, ns) => {
  const rs = owned(view, ref, ns, 'ReplicaSet', ['apps', 'extensions'], 'replicasets');
  const dref = rs === undefined ? undefined : controllerOf(rs);
  if (dref === undefined) return undefined;
  return scaleOf(owned(view, dref, ns, 'Deployment', ['apps', 'extensions'], 'deployments'));
};

const byReplicaSet: Finder = (view, ref, ns) => {
  const rs = owned(view, ref, ns, 'ReplicaSet', ['apps', 'extensions'], 'replicasets');
  if (rs === undefined || controllerOf(rs)?.kind === 'Deployment') return undefined;
  return scaleOf(rs);
};

const byStatefulSet: Finder = (view, ref, ns) => scaleOf(owned(view, ref, ns, 'StatefulSet', ['apps'], 'statefulsets'));

/** Kinds Kubernetes serves without a scale subresource, by group/kind → their resource name in messages. */
const NO_SCALE: Readonly<Record<string, string>> = {
  'apps/DaemonSet': 'daemonsets.apps',
  'batch/Job': 'jobs.batch',
  'batch/CronJob': 'cronjobs.batch',
  '/Pod': 'pods',
  '/Node': 'nodes',
};
const SCALED: Readonly<Record<string, { readonly group: string; readonly resource: string }>> = {
  'apps/Deployment': { group: 'apps', resource: 'deployments' },
  'apps/ReplicaSet': { group: 'apps', resource: 'replicasets' },
  'apps/StatefulSet': { group: 'apps', resource: 'statefulsets' },
  '/ReplicationController': { group: '', resource: 'replicationcontrollers' },
};

/** The generic `getScaleController`: the owner's scale subresource, if its kind has one. */
const byScale: Finder = (view, ref, ns) => {
  const { group } = splitApiVersion(ref.apiVersion);
  const gk = `${group}/${ref.kind}`;
  const none = NO_SCALE[gk];
  if (none !== undefined) return { error: `${none} does not implement the scale subresource` };
  const scaled = SCALED[gk];
  if (scaled === undefined) return { error: `no matches for kind "${ref.kind}" in version "${ref.apiVersion}"` };
  const obj = view.get(objectKey({ ...scaled, namespace: ns, name: ref.name }));
  return obj !== undefined && obj.metadata.uid === ref.uid ? scaleOf(obj) : undefined;
};

const FINDERS: readonly Finder[] = [byReplicationController, byDeployment, byReplicaSet, byStatefulSet, byScale];

/** The summed scale of the selected pods' controllers (each counted once), and the pods without one. */
export function expectedScale(view: StateView, pods: readonly KubeObject[]): { expectedCount: number; unmanagedPods: string[] } | { error: string } {
  const scales = new Map<string, number>();
  const unmanagedPods: string[] = [];
  for (const pod of pods) {
    const ref = controllerOf(pod);
    if (ref === undefined) {
      unmanagedPods.push(pod.metadata.name ?? '');
      continue;
    }
    if (scales.has(ref.uid)) continue;
    let found = false;
    for (const finder of FINDERS) {
      const s = finder(view, ref, pod.metadata.namespace ?? 'default');
      if (s === undefined) continue;
      if ('error' in s) return s;
      scales.set(s.uid, s.replicas);
      found = true;
      break;
    }
    if (!found) return { error: `found no controllers for pod "${pod.metadata.name ?? ''}"` };
  }
  let expectedCount = 0;
  for (const n of scales.values()) expectedCount += n;
  return { expectedCount, unmanagedPods };
}

export function expectedPodCount(view: StateView, pdb: PodDisruptionBudget, pods: readonly KubeObject[]): ExpectedCount {
  const spec = pdb.spec ?? {};
  if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) {
    const scale = expectedScale(view, pods);
    if ('error' in scale) return scale;
    const max = scaledValueRoundUp(spec.maxUnavailable, scale.expectedCount);
    if ('error' in max) return max;
    return { ...scale, desiredHealthy: Math.max(0, scale.expectedCount - max.value) };
  }
  if (spec.minAvailable !== undefined && spec.minAvailable !== null) {
    if (typeof spec.minAvailable === 'number') return { expectedCount: pods.length, desiredHealthy: spec.minAvailable, unmanagedPods: [] };
    const scale = expectedScale(view, pods);
    if ('error' in scale) return scale;
    const min = scaledValueRoundUp(spec.minAvailable, scale.expectedCount);
    if ('error' in min) return min;
    return { ...scale, desiredHealthy: min.value };
  }
  return { expectedCount: 0, desiredHealthy: 0, unmanagedPods: [] };
}
