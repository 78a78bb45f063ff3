/**
 * The pod quota evaluator (Kubernetes 1.32 `pkg/quota/v1/evaluator/core/pods.go`):
 * what a pod is charged (`pods`, `count/pods`, `cpu`/`requests.cpu`,
 * `limits.cpu`, memory and ephemeral-storage alike, hugepages and extended
 * `requests.*`, from the pod's effective requests and limits), which scopes
 * it falls under (Terminating, NotTerminating, BestEffort, NotBestEffort,
 * PriorityClass, CrossNamespacePodAffinity), and the compatibility rule
 * that a cpu or memory quota makes every container state that value. A
 * terminal pod, or one past its deletion grace period, is charged only
 * `count/pods`. Charged on create only (in-place resize is off in 1.32).
 */
import type { Container, Pod, ScopedResourceSelectorRequirement } from 'kubernetes-types/core/v1.js';
import type { KubeObject, Quantity } from '../../model/index.js';
import { intQuantity } from '../../model/index.js';
import { podQosClass } from '../pod-qos.js';
import type { QuotaEvaluator } from './resource-quota-evaluator.js';
import { addLists, parseResourceList, type ResourceList } from './resource-quota-list.js';
import { podLimits, podRequests } from './resource-quota-pod-resources.js';

const ONE = intQuantity(1);

/** Native: no domain, or a `kubernetes.io/` domain; anything else with a `/` is an extended resource. */
export const isNativeResource = (name: string): boolean => !name.includes('/') || name.includes('kubernetes.io/');

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
    if (!isNativeResource(r)) out[`requests.${r}`] = q;
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
    names.filter((n) => POD_RESOURCES.has(n) || n.startsWith('hugepages-') || n.startsWith('requests.hugepages-') || (!isNativeResource(n) && n.startsWith('requests.'))),
  matchesScope: podMatchesScope,
  usage(obj, nowMs) {
    const pod = obj as Pod;
    const count: ResourceList = { 'count/pods': ONE };
    if (!podChargesCompute(pod, nowMs)) return count;
    return addLists(count, computeUsage(podRequests(pod), podLimits(pod)));
  },
  constraints: podConstraints,
};
