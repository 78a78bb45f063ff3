/**
 * Why an eviction of a pod would be refused right now — the pure facts
 * `whynot` and the UI show, read from a view exactly as the eviction
 * subresource (kube-apiserver 1.32) decides, without writing anything:
 * - a pod that is gone: `PodNotFound`;
 * - Pending, Succeeded, Failed or already being deleted: never blocked;
 * - more than one budget selecting it: `MultipleBudgets` (500);
 * - not Ready and the budget lets unhealthy pods go (AlwaysAllow, or
 *   IfHealthyBudget with currentHealthy ≥ desiredHealthy > 0): not blocked;
 * - the budget's status behind its generation: `BudgetNotObserved` (429,
 *   retry after 10 s); disruptionsAllowed < 0: `NegativeDisruptionsAllowed`
 *   (403); more than 2000 disruptedPods: `TooManyDisruptedPods` (403);
 *   disruptionsAllowed 0: `NoDisruptionsAllowed` (429), with the budget's
 *   numbers and the pods it still counts as being evicted.
 *
 * @example
 * const facts = evictionBlockers(view, 'core/pods/default/web-1');
 * if (facts.blockers[0]?.reason === 'NoDisruptionsAllowed') ...
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';
import type { StateView } from '../../store/index.js';
import { isPodReady } from '../replica-set/pod-state.js';
import { pdbKey, pdbsForPod } from './pdb-pods.js';

export type EvictionBlockerReason =
  | 'PodNotFound'
  | 'MultipleBudgets'
  | 'BudgetNotObserved'
  | 'NegativeDisruptionsAllowed'
  | 'TooManyDisruptedPods'
  | 'NoDisruptionsAllowed';

export interface EvictionBlocker {
  readonly reason: EvictionBlockerReason;
  /** The HTTP code the eviction would get. */
  readonly code: number;
  /** What the API would answer (the Status message, then its DisruptionBudget cause when there is one). */
  readonly message: string;
  /** The budget's key, when one budget is at fault. */
  readonly budget?: string;
  readonly desiredHealthy?: number;
  readonly currentHealthy?: number;
  readonly expectedPods?: number;
  readonly disruptionsAllowed?: number;
  /** Pods the budget counts as evicted but not yet deleted (they hold its budget for up to 2 minutes). */
  readonly disruptedPods?: readonly string[];
}

export interface EvictionFacts {
  /** Keys of the budgets selecting the pod, sorted. */
  readonly budgets: readonly string[];
  /** Empty when an eviction would be granted now. */
  readonly blockers: readonly EvictionBlocker[];
}

const VIOLATES = "Cannot evict pod as it would violate the pod's disruption budget.";

export function evictionBlockers(view: StateView, podKey: string): EvictionFacts {
  const obj = view.get(podKey);
  if (obj === undefined) return { budgets: [], blockers: [{ reason: 'PodNotFound', code: 404, message: `pods "${podKey.split('/').pop() ?? ''}" not found` }] };
  const pod = obj as unknown as Pod;
  const budgets = pdbsForPod(view, obj);
  const keys = budgets.map((b) => pdbKey(b.metadata.namespace ?? '', b.metadata.name ?? ''));
  const phase = pod.status?.phase;
  if (phase === 'Pending' || phase === 'Succeeded' || phase === 'Failed' || obj.metadata.deletionTimestamp !== undefined) return { budgets: keys, blockers: [] };
  if (budgets.length > 1) {
    return { budgets: keys, blockers: [{ reason: 'MultipleBudgets', code: 500, message: 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.' }] };
  }
  const only = budgets[0];
  if (only === undefined) return { budgets: keys, blockers: [] };
  const pdb = only as unknown as PodDisruptionBudget;
  const name = pdb.metadata?.name ?? '';
  const st = pdb.status;
  const numbers = {
    budget: keys[0] ?? '',
    desiredHealthy: st?.desiredHealthy ?? 0,
    currentHealthy: st?.currentHealthy ?? 0,
    expectedPods: st?.expectedPods ?? 0,
    disruptionsAllowed: st?.disruptionsAllowed ?? 0,
    disruptedPods: Object.keys(st?.disruptedPods ?? {}).sort(),
  };
  if (!isPodReady(pod)) {
    if (pdb.spec?.unhealthyPodEvictionPolicy === 'AlwaysAllow') return { budgets: keys, blockers: [] };
    if (numbers.currentHealthy >= numbers.desiredHealthy && numbers.desiredHealthy > 0) return { budgets: keys, blockers: [] };
  }
  const blocker = ((): EvictionBlocker | undefined => {
    if ((st?.observedGeneration ?? 0) < (pdb.metadata?.generation ?? 0)) {
      return { reason: 'BudgetNotObserved', code: 429, message: `${VIOLATES} The disruption budget ${name} is still being processed by the server.`, ...numbers };
    }
    if (numbers.disruptionsAllowed < 0) {
      return { reason: 'NegativeDisruptionsAllowed', code: 403, message: `poddisruptionbudget.policy "${name}" is forbidden: pdb disruptions allowed is negative`, ...numbers };
    }
    if (numbers.disruptedPods.length > 2000) {
      return {
        reason: 'TooManyDisruptedPods',
        code: 403,
        message: `poddisruptionbudget.policy "${name}" is forbidden: DisruptedPods map too big - too many evictions not confirmed by PDB controller`,
        ...numbers,
      };
    }
    if (numbers.disruptionsAllowed === 0) {
      return {
        reason: 'NoDisruptionsAllowed',
        code: 429,
        message: `${VIOLATES} The disruption budget ${name} needs ${numbers.desiredHealthy} healthy pods and has ${numbers.currentHealthy} currently`,
        ...numbers,
      };
    }
    return undefined;
  })();
  return { budgets: keys, blockers: blocker === undefined ? [] : [blocker] };
}
