/**
 * Which printer a kind gets, keyed by group and kind (versions of a kind
 * share one printer, as Kubernetes prints the internal object). A kind
 * with no entry falls back to the API server's default table when it is a
 * built-in kind, and to the CRD default columns otherwise.
 */
import { BUILTIN_KINDS } from '../../model/index.js';
import type { Printer } from './printer.js';
import { cronJobPrinter, jobPrinter } from './printers/batch.js';
import {
  clusterRoleBindingPrinter,
  leaseCandidatePrinter,
  leasePrinter,
  podDisruptionBudgetPrinter,
  priorityClassPrinter,
  resourceQuotaPrinter,
  roleBindingPrinter,
} from './printers/cluster.js';
import { configMapPrinter, namespacePrinter, secretPrinter, serviceAccountPrinter } from './printers/config.js';
import { builtinDefaultPrinter, customResourcePrinter } from './printers/defaults.js';
import { eventPrinter, eventsV1EventPrinter } from './printers/event.js';
import { hpaPrinter } from './printers/hpa.js';
import { ingressClassPrinter, ingressPrinter, networkPolicyPrinter } from './printers/networking.js';
import { nodePrinter } from './printers/node.js';
import { podPrinter } from './printers/pod.js';
import { endpointSlicePrinter, endpointsPrinter, servicePrinter } from './printers/service.js';
import { persistentVolumeClaimPrinter, persistentVolumePrinter, storageClassPrinter } from './printers/storage.js';
import {
  controllerRevisionPrinter,
  daemonSetPrinter,
  deploymentPrinter,
  podTemplatePrinter,
  replicaSetPrinter,
  replicationControllerPrinter,
  statefulSetPrinter,
} from './printers/workloads.js';

const key = (group: string, kind: string): string => `${group}/${kind}`;

const PRINTERS: ReadonlyMap<string, Printer> = new Map([
  [key('', 'Pod'), podPrinter],
  [key('', 'Node'), nodePrinter],
  [key('', 'Namespace'), namespacePrinter],
  [key('', 'Service'), servicePrinter],
  [key('', 'Endpoints'), endpointsPrinter],
  [key('', 'ConfigMap'), configMapPrinter],
  [key('', 'Secret'), secretPrinter],
  [key('', 'ServiceAccount'), serviceAccountPrinter],
  [key('', 'Event'), eventPrinter],
  [key('', 'PersistentVolume'), persistentVolumePrinter],
  [key('', 'PersistentVolumeClaim'), persistentVolumeClaimPrinter],
  [key('', 'ReplicationController'), replicationControllerPrinter],
  [key('', 'PodTemplate'), podTemplatePrinter],
  [key('', 'ResourceQuota'), resourceQuotaPrinter],
  [key('apps', 'Deployment'), deploymentPrinter],
  [key('apps', 'ReplicaSet'), replicaSetPrinter],
  [key('apps', 'DaemonSet'), daemonSetPrinter],
  [key('apps', 'StatefulSet'), statefulSetPrinter],
  [key('apps', 'ControllerRevision'), controllerRevisionPrinter],
  [key('batch', 'Job'), jobPrinter],
  [key('batch', 'CronJob'), cronJobPrinter],
  [key('autoscaling', 'HorizontalPodAutoscaler'), hpaPrinter],
  [key('events.k8s.io', 'Event'), eventsV1EventPrinter],
  [key('networking.k8s.io', 'Ingress'), ingressPrinter],
  [key('networking.k8s.io', 'IngressClass'), ingressClassPrinter],
  [key('networking.k8s.io', 'NetworkPolicy'), networkPolicyPrinter],
  [key('discovery.k8s.io', 'EndpointSlice'), endpointSlicePrinter],
  [key('policy', 'PodDisruptionBudget'), podDisruptionBudgetPrinter],
  [key('rbac.authorization.k8s.io', 'RoleBinding'), roleBindingPrinter],
  [key('rbac.authorization.k8s.io', 'ClusterRoleBinding'), clusterRoleBindingPrinter],
  [key('storage.k8s.io', 'StorageClass'), storageClassPrinter],
  [key('scheduling.k8s.io', 'PriorityClass'), priorityClassPrinter],
  [key('coordination.k8s.io', 'Lease'), leasePrinter],
  [key('coordination.k8s.io', 'LeaseCandidate'), leaseCandidatePrinter],
]);

const BUILTIN: ReadonlySet<string> = new Set(BUILTIN_KINDS.map((k) => key(k.group, k.kind)));

/** The printer for a kind; never fails. */
export function printerFor(kind: { readonly group: string; readonly kind: string }): Printer {
  const k = key(kind.group, kind.kind);
  return PRINTERS.get(k) ?? (BUILTIN.has(k) ? builtinDefaultPrinter : customResourcePrinter);
}
