/**
 * The defaulting entry point: `applyDefaults(kind, object)` returns a
 * defaulted copy (the input is never changed; a kind without defaults gets
 * the input itself), as the API server's scheme
 * defaulting does on decode. Deterministic and pure: no clock, no
 * randomness, no generated names or uids (those belong to the API layer).
 *
 * @example
 * applyDefaults(kinds.resolve('deploy')!, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: {...}, spec: {...} })
 * // spec.replicas 1, strategy RollingUpdate 25%/25%, revisionHistoryLimit 10, progressDeadlineSeconds 600, pod template defaults
 */
import type { KindInfo } from '../kinds/kind-info.js';
import { isObj, type Obj } from './defaults-util.js';
import {
  defaultCustomResourceDefinition,
  defaultEndpoints,
  defaultHorizontalPodAutoscaler,
  defaultNamespace,
  defaultNode,
  defaultPersistentVolume,
  defaultPriorityClass,
  defaultSecret,
  defaultService,
} from './misc-defaults.js';
import { defaultPodSpec, defaultPodTemplate } from './pod-defaults.js';
import { defaultLimitRange } from './limit-range-defaults.js';
import { defaultRoleBinding } from './rbac-defaults.js';
import {
  defaultCronJob,
  defaultDaemonSet,
  defaultDeployment,
  defaultJob,
  defaultPersistentVolumeClaimObject,
  defaultReplicaSet,
  defaultReplicationController,
  defaultStatefulSet,
} from './workload-defaults.js';

function defaultPod(o: Obj): void {
  if (!isObj(o.spec)) o.spec = {};
  defaultPodSpec(o.spec as Obj);
}

/** The kinds that have defaults (`group/Kind`), each with its in-place defaulting. */
const DEFAULTERS: ReadonlyMap<string, (o: Obj, kind: KindInfo) => void> = new Map<string, (o: Obj, kind: KindInfo) => void>([
  ['/Pod', defaultPod],
  ['/PodTemplate', (o) => defaultPodTemplate(o.template)],
  ['/ReplicationController', defaultReplicationController],
  ['/Service', defaultService],
  ['/Namespace', defaultNamespace],
  ['/Node', defaultNode],
  ['/Secret', defaultSecret],
  ['/Endpoints', defaultEndpoints],
  ['/PersistentVolume', defaultPersistentVolume],
  ['/PersistentVolumeClaim', defaultPersistentVolumeClaimObject],
  ['/LimitRange', defaultLimitRange],
  ['rbac.authorization.k8s.io/RoleBinding', defaultRoleBinding],
  ['rbac.authorization.k8s.io/ClusterRoleBinding', defaultRoleBinding],
  ['apps/Deployment', defaultDeployment],
  ['apps/ReplicaSet', defaultReplicaSet],
  ['apps/DaemonSet', defaultDaemonSet],
  ['apps/StatefulSet', defaultStatefulSet],
  ['batch/Job', defaultJob],
  ['batch/CronJob', defaultCronJob],
  ['autoscaling/HorizontalPodAutoscaler', (o, kind) => defaultHorizontalPodAutoscaler(o, kind.version)],
  ['scheduling.k8s.io/PriorityClass', defaultPriorityClass],
  ['apiextensions.k8s.io/CustomResourceDefinition', defaultCustomResourceDefinition],
]);

/**
 * A defaulted copy of `object` for `kind`; the input is left untouched. A
 * kind without defaults (custom kinds, Events, Leases, ConfigMaps, ...)
 * gets `object` itself: copying it would change nothing but the cost of
 * most writes (Events are most of a busy cluster's).
 */
export function applyDefaults<T>(kind: KindInfo, object: T): T {
  const defaulter = kind.custom ? undefined : DEFAULTERS.get(`${kind.group}/${kind.kind}`);
  if (defaulter === undefined || !isObj(object)) return object;
  // A pod's defaults are all in its spec: its metadata and status (a status write's whole point) need no copy.
  const copy = (defaulter === defaultPod ? { ...object, spec: isObj(object.spec) ? structuredClone(object.spec) : {} } : structuredClone(object)) as Obj;
  defaulter(copy, kind);
  return copy as T;
}
