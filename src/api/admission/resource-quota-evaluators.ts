/**
 * Quota evaluators, one per resource, as Kubernetes 1.32's
 * `pkg/quota/v1/evaluator/core` and apiserver's generic object-count
 * evaluator: which quota resource names an object kind is charged under,
 * how much one object uses, which operations charge it, which scopes it
 * falls under, and (pods only) which compute values it must state.
 *
 * - pods: `pods`, `count/pods`, `cpu`/`requests.cpu`, `limits.cpu`, memory
 *   and ephemeral-storage alike, hugepages and extended `requests.*`. A
 *   terminal pod (Succeeded/Failed), or one past its deletion grace period,
 *   is charged only `count/pods`. Charged on create only (in-place resize
 *   is off in 1.32).
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
import type { Container, PersistentVolumeClaim, Pod, ScopedResourceSelectorRequirement, Service } from 'kubernetes-types/core/v1.js';
import type { KubeObject, Quantity } from '../../model/index.js';
import { intQuantity, parseQuantity } from '../../model/index.js';
import type { AdmissionOperation } from './admission-plugin.js';
import { addLists, parseResourceList, type ResourceList } from './resource-quota-list.js';
import { podLimits, podRequests } from './resource-quota-pod-resources.js';
import { podQosClass } from '../pod-qos.js';

export interface QuotaEvaluator {
  readonly group: string;
  readonly resource: string;
  /** Whether a write of this operation is charged. */
  handles(op: AdmissionOperation): boolean;
  /** The names among `names` this evaluator charges. */
  matchingResources(names: readonly string[]): string[];
  /** Whether `obj` falls under one scope selector. */
  matchesScope(selector: ScopedResourceSelectorRequirement, obj: KubeObject): boolean;
  /** What one object uses; `nowMs` (unix ms) decides whether a deleting pod is past its grace period. */
  usage(obj: KubeObject, nowMs?: number): ResourceList;
  /** The resources among `required` that containers of `obj` fail to state, each with those containers' names (sorted); empty when none. */
  constraints(required: readonly string[], obj: KubeObject): ReadonlyMap<string, readonly string[]>;
}

const ONE = intQuantity(1);
const ZERO = intQuantity(0);
export const STORAGE_CLASS_SUFFIX = '.storageclass.storage.k8s.io/';

/** `count/pods` for the core group, `count/deployments.apps` otherwise. */
export const objectCountName = (group: string, resource: string): string =>
  group === '' ? `count/${resource}` : `count/${resource}.${group}`;

const noScopes = (): boolean => false;
const intersect = (names: readonly string[], known: ReadonlySet<string>): string[] => names.filter((n) => known.has(n));

/** Native: no domain, or a `kubernetes.io/` domain; anything else with a `/` is an extended resource. */
const isNative = (name: string): boolean => !name.includes('/') || name.includes('kubernetes.io/');

// ---- pods

const POD_RESOURCES = new Set([
  'count/pods', 'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods',
]);
/** Quota on these makes every container state them (a compatibility rule Kubernetes keeps for cpu and memory only). */
const VALIDATION_SET = new Set(['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']);

function computeUsage(requests: ResourceList, limits: ResourceList): ResourceList {
  const out: Record<string, Quantity> = { pods: ONE };
  for (const r of ['cpu', 'memory', 'ephemeral-storage']) {
    const req = requests[r];
    if (req !== undefined) {
      out[r] = req;
      out[`requests.${r}`] = req;
    }
    const lim = limits[r];
    if (lim !== undefined) out[`limits.${r}`] = lim;
  }
  for (const [r, q] of Object.entries(requests)) {
    if (r.startsWith('hugepages-')) {
      out[r] = q;
      out[`requests.${r}`] = q;
    }
    if (!isNative(r)) out[`requests.${r}`] = q;
  }
  return out;
}

/** Whether a pod is still charged compute quota (`QuotaV1Pod`). */
export function podChargesCompute(pod: Pod, nowMs: number | undefined): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  const ts = pod.metadata?.deletionTimestamp;
  const grace = pod.metadata?.deletionGracePeriodSeconds;
  if (ts !== undefined && grace !== undefined && nowMs !== undefined) {
    if (nowMs > Date.parse(ts) + grace * 1000) return false;
  }
  return true;
}

const isTerminating = (pod: Pod): boolean => (pod.spec?.activeDeadlineSeconds ?? -1) >= 0;

function crossNamespaceAffinity(pod: Pod): boolean {
  const a = pod.spec?.affinity;
  const terms = [
    ...(a?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []),
    ...(a?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => w.podAffinityTerm),
    ...(a?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []),
    ...(a?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => w.podAffinityTerm),
  ];
  return terms.some((t) => (t.namespaces ?? []).length > 0 || t.namespaceSelector !== undefined);
}

/** The PriorityClass scope: a label-selector requirement over `{PriorityClass: <class name>}`. */
function priorityClassMatches(pod: Pod, s: ScopedResourceSelectorRequirement): boolean {
  const name = pod.spec?.priorityClassName ?? '';
  const values = s.values ?? [];
  switch (s.operator) {
    case 'Exists':
      return name !== '';
    case 'DoesNotExist':
      return name === '';
    case 'In':
      return name !== '' && values.includes(name);
    case 'NotIn':
      return name === '' || !values.includes(name);
    default:
      return false;
  }
}

function podMatchesScope(s: ScopedResourceSelectorRequirement, obj: KubeObject): boolean {
  const pod = obj as Pod;
  switch (s.scopeName) {
    case 'Terminating':
      return isTerminating(pod);
    case 'NotTerminating':
      return !isTerminating(pod);
    case 'BestEffort':
      return podQosClass(obj) === 'BestEffort';
    case 'NotBestEffort':
      return podQosClass(obj) !== 'BestEffort';
    case 'PriorityClass':
      return priorityClassMatches(pod, s);
    case 'CrossNamespacePodAffinity':
      return crossNamespaceAffinity(pod);
    default:
      return false;
  }
}

const NONE: ReadonlyMap<string, readonly string[]> = new Map();

/** `must specify limits.cpu for: a,b; requests.cpu for: a` (resources and names sorted). */
export function constraintMessage(missing: ReadonlyMap<string, readonly string[]>): string {
  const parts = [...missing.keys()].sort().map((r) => `${r} for: ${[...(missing.get(r) ?? [])].sort().join(',')}`);
  return `must specify ${parts.join('; ')}`;
}

function podConstraints(required: readonly string[], obj: KubeObject): ReadonlyMap<string, readonly string[]> {
  const need = required.filter((r) => VALIDATION_SET.has(r));
  if (need.length === 0) return NONE;
  const missing = new Map<string, Set<string>>();
  const spec = (obj as Pod).spec;
  const containers: Container[] = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])];
  for (const c of containers) {
    const have = computeUsage(parseResourceList(c.resources?.requests), parseResourceList(c.resources?.limits));
    for (const r of need) {
      if (have[r] !== undefined) continue;
      const names = missing.get(r) ?? new Set<string>();
      names.add(c.name);
      missing.set(r, names);
    }
  }
  const out = new Map<string, readonly string[]>();
  for (const r of [...missing.keys()].sort()) out.set(r, [...(missing.get(r) ?? [])].sort());
  return out;
}

export const podEvaluator: QuotaEvaluator = {
  group: '',
  resource: 'pods',
  handles: (op) => op === 'CREATE',
  matchingResources: (names) =>
    names.filter((n) => POD_RESOURCES.has(n) || n.startsWith('hugepages-') || n.startsWith('requests.hugepages-') || (!isNative(n) && n.startsWith('requests.'))),
  matchesScope: podMatchesScope,
  usage(obj, nowMs) {
    const pod = obj as Pod;
    const count: ResourceList = { 'count/pods': ONE };
    if (!podChargesCompute(pod, nowMs)) return count;
    return addLists(count, computeUsage(podRequests(pod), podLimits(pod)));
  },
  constraints: podConstraints,
};

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
