/**
 * Every message table, parsed once, and which message each top-level
 * apiVersion/kind is. A kind missing here is refused in protobuf (415) with
 * a message asking for JSON; adding one is a table entry, not code.
 */
import { CORE_MESSAGES } from './core-messages.js';
import type { FieldSpec, MessageSource } from './field-spec.js';
import { parseField, referencedMessages } from './field-spec.js';
import { GROUP_MESSAGES } from './group-messages.js';
import { META_MESSAGES } from './meta-messages.js';
import { POD_MESSAGES } from './pod-messages.js';

/** A message's fields by field number. */
export type MessageTable = ReadonlyMap<number, FieldSpec>;

function parseAll(...sources: Readonly<Record<string, MessageSource>>[]): ReadonlyMap<string, MessageTable> {
  const out = new Map<string, MessageTable>();
  for (const source of sources) {
    for (const [name, fields] of Object.entries(source)) {
      if (out.has(name)) throw new Error(`protobuf table: ${name} is defined twice`);
      out.set(name, new Map(Object.entries(fields).map(([n, f]) => [Number(n), parseField(f)])));
    }
  }
  return out;
}

/** Every message table by message name. */
export const MESSAGES: ReadonlyMap<string, MessageTable> = parseAll(META_MESSAGES, POD_MESSAGES, CORE_MESSAGES, GROUP_MESSAGES);

/** Message names a table refers to without defining them (empty when the tables are whole). */
export function missingMessages(): string[] {
  const missing = new Set<string>();
  for (const table of MESSAGES.values()) {
    for (const spec of table.values()) {
      for (const name of referencedMessages(spec.type)) if (!MESSAGES.has(name)) missing.add(name);
    }
  }
  return [...missing].sort();
}

const TOP_LEVEL: ReadonlyMap<string, readonly string[]> = new Map(Object.entries({
  v1: ['ConfigMap', 'DeleteOptions', 'Namespace', 'PersistentVolumeClaim', 'Pod', 'ResourceQuota', 'Secret', 'Service', 'ServiceAccount'],
  'meta.k8s.io/v1': ['DeleteOptions'],
  'apps/v1': ['ControllerRevision', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'],
  'batch/v1': ['CronJob', 'Job'],
  'rbac.authorization.k8s.io/v1': ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
  'scheduling.k8s.io/v1': ['PriorityClass'],
  'policy/v1': ['Eviction', 'PodDisruptionBudget'],
  'autoscaling/v1': ['HorizontalPodAutoscaler'],
  'networking.k8s.io/v1': ['Ingress'],
  'authorization.k8s.io/v1': ['LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'SubjectAccessReview'],
  'authentication.k8s.io/v1': ['SelfSubjectReview', 'TokenRequest', 'TokenReview'],
}));

/** The message of a top-level object, or undefined when chronokube has no table for it. */
export function messageOfKind(apiVersion: string, kind: string): string | undefined {
  return TOP_LEVEL.get(apiVersion)?.includes(kind) === true ? kind : undefined;
}

/** Every apiVersion/kind readable in protobuf, sorted (for documentation and tests). */
export function protobufKinds(): string[] {
  return [...TOP_LEVEL]
    .flatMap(([v, kinds]) => kinds.map((k) => `${v}/${k}`))
    .sort();
}
