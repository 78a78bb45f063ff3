/**
 * The validation entry points the API calls: `validate` on create (after
 * defaulting) and `validateUpdate` on update, for any kind the registry
 * knows. They return `StatusCause[]`; an empty list means valid, and the API
 * turns a non-empty one into a 422 with `invalidObject`.
 *
 * @example
 * const causes = validate(kinds.resolve('pods')!, pod);
 * if (causes.length > 0) throw invalidObject(kindInfo, pod, causes);
 */
import type { KindInfo } from '../kinds/kind-info.js';
import { invalid, type StatusCause, type StatusError } from '../status.js';
import { obj, str, type Obj } from './access.js';
import { validateJobSpec, validateCronJob, validateJobUpdate } from './batch.js';
import {
  validateConfigMap,
  validateEvent,
  validateHorizontalPodAutoscaler,
  validateImmutableDataUpdate,
  validateLease,
  validateNamespace,
  validateNode,
  validatePersistentVolume,
  validatePersistentVolumeClaim,
  validatePersistentVolumeClaimUpdate,
  validateSecret,
} from './core-misc.js';
import { validateCustomResourceDefinition, validateCustomResourceDefinitionUpdate } from './crd.js';
import { validateIngress, validateIngressClass } from './networking.js';
import { validateObjectMeta, validateObjectMetaUpdate, type NameRule } from './object-meta.js';
import { validateAgainstSchema, type JsonSchemaProps } from './openapi-schema.js';
import { validatePodSpec, validatePodSpecUpdate } from './pod.js';
import { validateServiceSpec, validateServiceUpdate } from './service.js';
import { validateResourceQuota, validateResourceQuotaUpdate } from './resource-quota.js';
import { validateLimitRange } from './limit-range.js';
import { validateRole, validateRoleBinding, validateRoleBindingUpdate } from './rbac.js';
import { validatePodDisruptionBudget } from './pdb.js';
import {
  validateDaemonSetSpec,
  validateDeploymentSpec,
  validateReplicaSetSpec,
  validateReplicationControllerSpec,
  validateSelectorImmutable,
  validateStatefulSetSpec,
  validateStatefulSetUpdate,
} from './workloads.js';

export interface ValidateOptions {
  /** For custom resources: the served version's `openAPIV3Schema`. */
  readonly schema?: JsonSchemaProps;
}

const RBAC = 'rbac.authorization.k8s.io';

/** Which rule a kind's names follow in Kubernetes. */
export function nameRuleOf(kind: KindInfo): NameRule {
  if (kind.group === '' && kind.kind === 'Namespace') return 'label';
  if (kind.group === '' && kind.kind === 'Service') return 'dns1035';
  if (kind.group === RBAC) return 'path-segment';
  return 'subdomain';
}

const builtin = (k: KindInfo, group: string, kind: string): boolean => !k.custom && k.group === group && k.kind === kind;

function kindSpecific(k: KindInfo, o: Obj, opts: ValidateOptions): StatusCause[] {
  if (k.custom) {
    if (opts.schema === undefined) return [];
    const body: Obj = { ...o };
    delete body.apiVersion;
    delete body.kind;
    delete body.metadata;
    const schema = { ...opts.schema, properties: { ...(opts.schema.properties ?? {}) } };
    delete schema.properties.metadata;
    delete schema.properties.apiVersion;
    delete schema.properties.kind;
    return validateAgainstSchema(body, schema);
  }
  if (k.group === '') {
    switch (k.kind) {
      case 'Pod':
        return validatePodSpec(o.spec, 'spec');
      case 'ReplicationController':
        return validateReplicationControllerSpec(o.spec);
      case 'Service':
        return validateServiceSpec(o.spec);
      case 'Namespace':
        return validateNamespace(o);
      case 'Node':
        return validateNode(o);
      case 'ConfigMap':
        return validateConfigMap(o);
      case 'Secret':
        return validateSecret(o);
      case 'PersistentVolume':
        return validatePersistentVolume(o);
      case 'PersistentVolumeClaim':
        return validatePersistentVolumeClaim(o);
      case 'Event':
        return validateEvent(o);
      case 'ResourceQuota':
        return validateResourceQuota(o);
      case 'LimitRange':
        return validateLimitRange(o);
      default:
        return [];
    }
  }
  if (k.group === 'apps') {
    if (k.kind === 'Deployment') return validateDeploymentSpec(o.spec);
    if (k.kind === 'ReplicaSet') return validateReplicaSetSpec(o.spec);
    if (k.kind === 'DaemonSet') return validateDaemonSetSpec(o.spec);
    if (k.kind === 'StatefulSet') return validateStatefulSetSpec(o.spec);
  }
  if (builtin(k, 'batch', 'Job')) return validateJobSpec(o.spec);
  if (builtin(k, 'batch', 'CronJob')) return validateCronJob(o);
  if (builtin(k, 'autoscaling', 'HorizontalPodAutoscaler')) return validateHorizontalPodAutoscaler(o, k.version);
  if (builtin(k, 'networking.k8s.io', 'Ingress')) return validateIngress(o);
  if (builtin(k, 'networking.k8s.io', 'IngressClass')) return validateIngressClass(o);
  if (builtin(k, 'coordination.k8s.io', 'Lease')) return validateLease(o);
  if (builtin(k, 'apiextensions.k8s.io', 'CustomResourceDefinition')) return validateCustomResourceDefinition(o);
  if (builtin(k, 'policy', 'PodDisruptionBudget')) return validatePodDisruptionBudget(o);
  if (builtin(k, RBAC, 'Role') || builtin(k, RBAC, 'ClusterRole')) return validateRole(o, k.kind === 'Role');
  if (builtin(k, RBAC, 'RoleBinding') || builtin(k, RBAC, 'ClusterRoleBinding')) return validateRoleBinding(o, k.kind === 'RoleBinding');
  return [];
}

/** Validates a new object of `kind` (after defaulting): metadata, then the kind's own rules. */
export function validate(kind: KindInfo, object: unknown, opts: ValidateOptions = {}): StatusCause[] {
  const o = obj(object);
  return [...validateObjectMeta(o.metadata, { namespaced: kind.namespaced, nameRule: nameRuleOf(kind) }), ...kindSpecific(kind, o, opts)];
}

/**
 * Validates an update: the new object as on create, plus what may not
 * change (metadata identity, apps/v1 selectors, most of a pod's spec, a
 * Job's template, immutable ConfigMaps and Secrets, a claim's spec ...).
 */
export function validateUpdate(kind: KindInfo, oldObject: unknown, newObject: unknown, opts: ValidateOptions = {}): StatusCause[] {
  const o = obj(oldObject);
  const n = obj(newObject);
  const out = [...validateObjectMetaUpdate(o.metadata, n.metadata)];
  if (!kind.custom) {
    const g = kind.group;
    if (g === '' && kind.kind === 'Pod') out.push(...validatePodSpecUpdate(o.spec, n.spec));
    if (g === 'apps' && ['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet'].includes(kind.kind)) out.push(...validateSelectorImmutable(o, n));
    if (g === 'apps' && kind.kind === 'StatefulSet') out.push(...validateStatefulSetUpdate(o, n));
    if (g === 'batch' && kind.kind === 'Job') out.push(...validateJobUpdate(o, n));
    if (g === '' && kind.kind === 'ConfigMap') out.push(...validateImmutableDataUpdate(o, n, false));
    if (g === '' && kind.kind === 'Secret') out.push(...validateImmutableDataUpdate(o, n, true));
    if (g === '' && kind.kind === 'Service') out.push(...validateServiceUpdate(o, n));
    if (g === '' && kind.kind === 'PersistentVolumeClaim') out.push(...validatePersistentVolumeClaimUpdate(o, n));
    if (g === '' && kind.kind === 'ResourceQuota') out.push(...validateResourceQuotaUpdate(o, n));
    if (g === RBAC && (kind.kind === 'RoleBinding' || kind.kind === 'ClusterRoleBinding')) out.push(...validateRoleBindingUpdate(o, n));
    if (g === 'apiextensions.k8s.io' && kind.kind === 'CustomResourceDefinition') out.push(...validateCustomResourceDefinitionUpdate(o, n));
  }
  out.push(...validate(kind, n, opts));
  return out;
}

/** The 422 for an object that failed validation: `Pod "x" is invalid: [...]`. */
export function invalidObject(kind: KindInfo, object: unknown, causes: readonly StatusCause[]): StatusError {
  const meta = obj(obj(object).metadata);
  const name = str(meta.name) !== '' ? str(meta.name) : str(meta.generateName);
  return invalid(kind.kind, kind.group, name, causes);
}
