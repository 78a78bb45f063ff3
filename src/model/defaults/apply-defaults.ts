/**
 * The defaulting entry point: `applyDefaults(kind, object)` returns a
 * defaulted copy (the input is never changed), as the API server's scheme
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

function defaultInPlace(kind: KindInfo, o: Obj): void {
  if (kind.custom) return;
  const id = `${kind.group}/${kind.kind}`;
  switch (id) {
    case '/Pod':
      if (!isObj(o.spec)) o.spec = {};
      defaultPodSpec(o.spec as Obj);
      return;
    case '/PodTemplate':
      defaultPodTemplate(o.template);
      return;
    case '/ReplicationController':
      return defaultReplicationController(o);
    case '/Service':
      return defaultService(o);
    case '/Namespace':
      return defaultNamespace(o);
    case '/Node':
      return defaultNode(o);
    case '/Secret':
      return defaultSecret(o);
    case '/Endpoints':
      return defaultEndpoints(o);
    case '/PersistentVolume':
      return defaultPersistentVolume(o);
    case '/PersistentVolumeClaim':
      return defaultPersistentVolumeClaimObject(o);
    case 'apps/Deployment':
      return defaultDeployment(o);
    case 'apps/ReplicaSet':
      return defaultReplicaSet(o);
    case 'apps/DaemonSet':
      return defaultDaemonSet(o);
    case 'apps/StatefulSet':
      return defaultStatefulSet(o);
    case 'batch/Job':
      return defaultJob(o);
    case 'batch/CronJob':
      return defaultCronJob(o);
    case 'autoscaling/HorizontalPodAutoscaler':
      return defaultHorizontalPodAutoscaler(o, kind.version);
    case 'scheduling.k8s.io/PriorityClass':
      return defaultPriorityClass(o);
    case 'apiextensions.k8s.io/CustomResourceDefinition':
      return defaultCustomResourceDefinition(o);
    default:
      return;
  }
}

/** A defaulted copy of `object` for `kind`; the input is left untouched. */
export function applyDefaults<T>(kind: KindInfo, object: T): T {
  const copy = structuredClone(object) as unknown;
  if (isObj(copy)) defaultInPlace(kind, copy);
  return copy as T;
}
