/**
 * Quota evaluators, one per resource, as Kubernetes 1.32's
 * `pkg/quota/v1/evaluator/core` and apiserver's generic object-count
 * evaluator: which quota resource names an object kind is charged under,
 * how much one object uses, which operations charge it, which scopes it
 * falls under, and (pods only) which compute values it must state.
 *
 * - pods: see resource-quota-pod-evaluator.ts.
 * - services: `services`, `count/services`, `services.nodeports` (every
 *   port of a NodePort or LoadBalancer Service; with
 *   `allocateLoadBalancerNodePorts: false` only explicit node ports),
 *   `services.loadbalancers`. Charged on create and update.
 * - persistentvolumeclaims: `persistentvolumeclaims`, `count/...`,
 *   `requests.storage` (rounded up to a whole byte) and the per-class
 *   `<class>.storageclass.storage.k8s.io/...` names. Create and update.
 * - configmaps, secrets, resourcequotas, replicationcontrollers: the legacy
 *   name and `count/<resource>`; any other resource `count/<resource>.<group>`.
 *   Create only; a scoped quota never matches them.
 */
import type { PersistentVolumeClaim, Service } from 'kubernetes-types/core/v1.js';
import type { Quantity } from '../../model/index.js';
import { intQuantity, parseQuantity } from '../../model/index.js';
import type { QuotaEvaluator } from './resource-quota-evaluator.js';
import { podEvaluator } from './resource-quota-pod-evaluator.js';

export type { QuotaEvaluator } from './resource-quota-evaluator.js';
export { constraintMessage, isNativeResource, podChargesCompute, podEvaluator } from './resource-quota-pod-evaluator.js';

const ONE = intQuantity(1);
const ZERO = intQuantity(0);
export const STORAGE_CLASS_SUFFIX = '.storageclass.storage.k8s.io/';

/** `count/pods` for the core group, `count/deployments.apps` otherwise. */
export const objectCountName = (group: string, resource: string): string =>
  group === '' ? `count/${resource}` : `count/${resource}.${group}`;

const noScopes = (): boolean => false;
const intersect = (names: readonly string[], known: ReadonlySet<string>): string[] => names.filter((n) => known.has(n));

const NONE: ReadonlyMap<string, readonly string[]> = new Map();

// ---- services

const SERVICE_RESOURCES = new Set(['count/services', 'services', 'services.loadbalancers', 'services.nodeports']);

export const serviceEvaluator: QuotaEvaluator = {
  group: '',
  resource: 'services',
  handles: (op) => op === 'CREATE' || op === 'UPDATE',
  matchingResources: (names) => intersect(names, SERVICE_RESOURCES),
  matchesScope: noScopes,
  usage(obj) {
    const spec = (obj as Service).spec;
    const ports = spec?.ports ?? [];
    let nodePorts = ZERO;
    let loadBalancers = ZERO;
    if (spec?.type === 'NodePort') nodePorts = intQuantity(ports.length);
    if (spec?.type === 'LoadBalancer') {
      const explicitOnly = spec.allocateLoadBalancerNodePorts === false;
      nodePorts = intQuantity(explicitOnly ? ports.filter((p) => (p.nodePort ?? 0) !== 0).length : ports.length);
      loadBalancers = ONE;
    }
    return { 'count/services': ONE, services: ONE, 'services.nodeports': nodePorts, 'services.loadbalancers': loadBalancers };
  },
  constraints: () => NONE,
};

// ---- persistentvolumeclaims

const PVC_RESOURCES = new Set(['count/persistentvolumeclaims', 'persistentvolumeclaims', 'requests.storage']);
const BETA_STORAGE_CLASS = 'volume.beta.kubernetes.io/storage-class';

/** The claim's class: the beta annotation wins over `spec.storageClassName`, as `GetPersistentVolumeClaimClass`. */
export function claimClass(pvc: PersistentVolumeClaim): string {
  return pvc.metadata?.annotations?.[BETA_STORAGE_CLASS] ?? pvc.spec?.storageClassName ?? '';
}

export const persistentVolumeClaimEvaluator: QuotaEvaluator = {
  group: '',
  resource: 'persistentvolumeclaims',
  handles: (op) => op === 'CREATE' || op === 'UPDATE',
  matchingResources: (names) =>
    names.filter(
      (n) =>
        PVC_RESOURCES.has(n) ||
        (n.includes(STORAGE_CLASS_SUFFIX) && (n.endsWith('/requests.storage') || n.endsWith('/persistentvolumeclaims'))),
    ),
  matchesScope: noScopes,
  usage(obj) {
    const pvc = obj as PersistentVolumeClaim;
    const out: Record<string, Quantity> = { persistentvolumeclaims: ONE, 'count/persistentvolumeclaims': ONE };
    const cls = claimClass(pvc);
    if (cls !== '') out[`${cls}${STORAGE_CLASS_SUFFIX}persistentvolumeclaims`] = ONE;
    const raw = pvc.spec?.resources?.requests?.['storage'];
    if (raw !== undefined) {
      let storage: Quantity;
      try {
        storage = parseQuantity(raw);
      } catch {
        return out;
      }
      // Whole bytes (Kubernetes rounds a fractional byte request up).
      const billion = 1_000_000_000n;
      if (storage.nanos % billion !== 0n) storage = { nanos: (storage.nanos / billion + 1n) * billion, format: storage.format };
      out['requests.storage'] = storage;
      if (cls !== '') out[`${cls}${STORAGE_CLASS_SUFFIX}requests.storage`] = storage;
    }
    return out;
  },
  constraints: () => NONE,
};

// ---- object counts

const LEGACY_ALIASES: Readonly<Record<string, string>> = {
  configmaps: 'configmaps',
  resourcequotas: 'resourcequotas',
  replicationcontrollers: 'replicationcontrollers',
  secrets: 'secrets',
};

/** Counts objects of one resource under `count/...` (and the legacy alias for four core resources). */
export function objectCountEvaluator(group: string, resource: string): QuotaEvaluator {
  const countName = objectCountName(group, resource);
  const alias = group === '' ? LEGACY_ALIASES[resource] : undefined;
  const names = new Set(alias === undefined ? [countName] : [countName, alias]);
  return {
    group,
    resource,
    handles: (op) => op === 'CREATE',
    matchingResources: (input) => intersect(input, names),
    matchesScope: noScopes,
    usage: () => (alias === undefined ? { [countName]: ONE } : { [countName]: ONE, [alias]: ONE }),
    constraints: () => NONE,
  };
}

/** Resources quota never counts (Kubernetes' quota configuration ignores core events). */
const IGNORED = new Set(['/events']);

/** The evaluator for a resource, or undefined for one quota ignores. */
export function evaluatorFor(group: string, resource: string): QuotaEvaluator | undefined {
  if (IGNORED.has(`${group}/${resource}`)) return undefined;
  if (group === '') {
    if (resource === 'pods') return podEvaluator;
    if (resource === 'services') return serviceEvaluator;
    if (resource === 'persistentvolumeclaims') return persistentVolumeClaimEvaluator;
  }
  return objectCountEvaluator(group, resource);
}
