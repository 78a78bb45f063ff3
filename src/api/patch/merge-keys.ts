/**
 * The data behind `mergeKeyTable`: for the built-in kinds of Kubernetes 1.32,
 * which fields are lists merged by key (`patchStrategy: merge` +
 * `patchMergeKey` for strategic merge patch, `x-kubernetes-list-type: map` +
 * `list-map-keys` for server-side apply), which primitive lists are sets
 * (finalizers, podCIDRs), which maps keep only the patch's keys
 * (`retainKeys`) and which maps are atomic for server-side apply
 * (`structType`/`mapType: atomic`, e.g. label selectors).
 *
 * A list field not named here is atomic for apply and replaced by a
 * strategic merge patch, as Kubernetes does for lists without markers
 * (tolerations, node taints, args, command, envFrom, ...).
 * Facts are from k8s.io/api types (1.32); this is the one place to edit.
 */
import type { FieldRule } from './field-rule.js';

const t = (type: string): FieldRule => ({ type });
/** A list merged by `key` (SMP) and keyed by `keys` (SSA; defaults to the SMP key). */
const keyed = (key: string, more: Partial<FieldRule> = {}): FieldRule => ({
  list: 'map',
  smpMergeKey: key,
  keys: [key],
  ...more,
});
/** An apply-only associative list: keyed for SSA, replaced by SMP. */
const ssaKeyed = (keys: string[], more: Partial<FieldRule> = {}): FieldRule => ({ list: 'map', keys, ...more });
/** A primitive list with `patchStrategy: merge` and `listType: set`. */
const primitiveSet: FieldRule = { list: 'set', smpMerge: true };
const atomic: FieldRule = { atomic: true };
const conditions = keyed('type');

/** Named types: field name → rule. */
export const TYPES: Readonly<Record<string, Readonly<Record<string, FieldRule>>>> = {
  Object: { metadata: t('ObjectMeta') },
  ObjectMeta: { finalizers: primitiveSet, ownerReferences: keyed('uid') },
  PodTemplateSpec: { metadata: t('ObjectMeta'), spec: t('PodSpec') },
  PodSpec: {
    volumes: keyed('name', { retainKeys: true }),
    initContainers: keyed('name', { type: 'Container' }),
    containers: keyed('name', { type: 'Container' }),
    ephemeralContainers: keyed('name', { type: 'Container' }),
    imagePullSecrets: keyed('name'),
    hostAliases: keyed('ip'),
    topologySpreadConstraints: keyed('topologyKey', {
      keys: ['topologyKey', 'whenUnsatisfiable'],
      type: 'TopologySpreadConstraint',
    }),
    schedulingGates: keyed('name'),
    resourceClaims: keyed('name', { retainKeys: true }),
    nodeSelector: atomic,
    affinity: t('Affinity'),
  },
  Affinity: { nodeAffinity: t('NodeAffinity'), podAffinity: t('PodAffinity'), podAntiAffinity: t('PodAffinity') },
  NodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: atomic },
  PodAffinity: {},
  TopologySpreadConstraint: { labelSelector: atomic },
  Container: {
    ports: keyed('containerPort', { keys: ['containerPort', 'protocol'], keyDefaults: { protocol: 'TCP' } }),
    env: keyed('name', { type: 'EnvVar' }),
    volumeMounts: keyed('mountPath'),
    volumeDevices: keyed('devicePath'),
    resources: t('ResourceRequirements'),
  },
  EnvVar: { valueFrom: t('EnvVarSource') },
  EnvVarSource: { configMapKeyRef: atomic, secretKeyRef: atomic, fieldRef: atomic, resourceFieldRef: atomic },
  ResourceRequirements: { claims: ssaKeyed(['name']) },
  PodStatus: {
    conditions,
    podIPs: keyed('ip'),
    hostIPs: keyed('ip'),
    resourceClaimStatuses: keyed('name', { retainKeys: true }),
  },
  ServiceSpec: {
    ports: keyed('port', { keys: ['port', 'protocol'], keyDefaults: { protocol: 'TCP' } }),
    selector: atomic,
  },
  NodeSpec: { podCIDRs: primitiveSet },
  NodeStatus: { conditions, addresses: keyed('type') },
  StatusWithConditions: { conditions },
  ServiceAccount: { metadata: t('ObjectMeta'), secrets: keyed('name') },
  ReplicationControllerSpec: { selector: atomic, template: t('PodTemplateSpec') },
  WorkloadSpec: { selector: atomic, template: t('PodTemplateSpec') },
  DeploymentSpec: { selector: atomic, template: t('PodTemplateSpec'), strategy: { retainKeys: true } },
  CronJobSpec: { jobTemplate: t('JobTemplateSpec') },
  JobTemplateSpec: { metadata: t('ObjectMeta'), spec: t('WorkloadSpec') },
  PodDisruptionBudgetSpec: { selector: atomic },
};

const root = (spec?: string, status?: string): Readonly<Record<string, FieldRule>> => ({
  metadata: t('ObjectMeta'),
  ...(spec === undefined ? {} : { spec: t(spec) }),
  ...(status === undefined ? {} : { status: t(status) }),
});

/** Root rules per `group/Kind` (core group: `/Kind`). Built-in kinds not listed use `Object`. */
export const KINDS: Readonly<Record<string, Readonly<Record<string, FieldRule>>>> = {
  '/Pod': root('PodSpec', 'PodStatus'),
  '/PodTemplate': { metadata: t('ObjectMeta'), template: t('PodTemplateSpec') },
  '/Service': root('ServiceSpec', 'StatusWithConditions'),
  '/Node': root('NodeSpec', 'NodeStatus'),
  '/Namespace': root(undefined, 'StatusWithConditions'),
  '/PersistentVolumeClaim': root(undefined, 'StatusWithConditions'),
  '/ReplicationController': root('ReplicationControllerSpec', 'StatusWithConditions'),
  '/ServiceAccount': TYPES['ServiceAccount'] ?? {},
  'apps/Deployment': root('DeploymentSpec', 'StatusWithConditions'),
  'apps/ReplicaSet': root('WorkloadSpec', 'StatusWithConditions'),
  'apps/StatefulSet': root('WorkloadSpec', 'StatusWithConditions'),
  'apps/DaemonSet': root('WorkloadSpec', 'StatusWithConditions'),
  'batch/Job': root('WorkloadSpec', 'StatusWithConditions'),
  'batch/CronJob': root('CronJobSpec'),
  'autoscaling/HorizontalPodAutoscaler': root(undefined, 'StatusWithConditions'),
  'policy/PodDisruptionBudget': root('PodDisruptionBudgetSpec', 'StatusWithConditions'),
};
