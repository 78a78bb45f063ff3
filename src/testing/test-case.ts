/**
 * One generated property-test case: the cluster's nodes, a timeline of user
 * operations and environment faults, and the controller-view perturbations
 * to apply. A case is plain data (JSON), so a failure can be printed, saved
 * beside its history and run again exactly; fast-check shrinks it by
 * dropping steps and perturbations and by moving values towards simpler ones.
 */
import type { Step, ScenarioNode } from '../runtime/index.js';

/**
 * A step that names an object by position, because the object's name is only
 * known at run time (pods get generated names): the `pick`-th (modulo the
 * count) object of the kind at that moment, in key order. Nothing happens
 * when there is none.
 */
export type PickStep =
  /** A user deletes one pod (`kubectl delete pod`), e.g. to restart it. */
  | { readonly type: 'delete-pod'; readonly at: number; readonly pick: number }
  /** One container of one running pod crashes (a `container-crash` fault). */
  | { readonly type: 'crash-container'; readonly at: number; readonly pick: number };

/** What happens on the case's timeline: a scenario step (apply, scale, delete, fault, ...) or a step that picks its object at run time. */
export type CaseStep = Step | PickStep;

/**
 * A controller-view perturbation, applied to one controller under test over a
 * window of virtual time. Each is recorded in the history as `perturbation`
 * records while it acts, so the history says exactly what the controller saw.
 */
export type PerturbationPlan =
  /**
   * Stale reads: from `at` for `durationMs` the controller reconciles against
   * its cache as of `lagMs` ago (or `lagRevs` revisions behind head, the
   * smaller lag of the two when both are given). The cache never goes back in
   * time, and a stale reconcile is re-run once the cache has caught up, as an
   * informer delivers an event only after its cache holds it.
   */
  | { readonly kind: 'stale-cache'; readonly controller: string; readonly at: number; readonly durationMs: number; readonly lagMs?: number; readonly lagRevs?: number }
  /**
   * Events delivered in another interleaving across kinds: from `at` for
   * `durationMs` the controller's informer for its primary kind lags `lagMs`
   * behind while those of the kinds it owns and watches are current, so a
   * child's event reaches it before the parent's change that caused it (the
   * mirror of `stale-cache`, where the other kinds lag). The cache never goes
   * back; a controller restarted in the window starts with an empty one, as
   * one that does not wait for all its caches to sync would.
   */
  | { readonly kind: 'reorder-events'; readonly controller: string; readonly at: number; readonly durationMs: number; readonly lagMs: number }
  /** Watch events from `at` for `durationMs` are held back and delivered together (as a relist) when the window ends. */
  | { readonly kind: 'delay-events'; readonly controller: string; readonly at: number; readonly durationMs: number }
  /** Watch events from `at` for `durationMs` are lost; the controller relists `relistAfterMs` after the window (its watch timing out). */
  | { readonly kind: 'drop-events'; readonly controller: string; readonly at: number; readonly durationMs: number; readonly relistAfterMs: number }
  /**
   * The first reconcile at or after `at` that returns two or more commands
   * has only its first `keep` executed (at least one, never all): the
   * controller crashes there, losing the rest and its queue, and restarts.
   */
  | { readonly kind: 'crash-between-writes'; readonly controller: string; readonly at: number; readonly keep: number }
  /** A second replica of the controller runs from `at` for `durationMs`, with its own cache lagging `lagMs` (no leader election). */
  | { readonly kind: 'split-brain'; readonly controller: string; readonly at: number; readonly durationMs: number; readonly lagMs: number };

export interface TestCase {
  /** Seeds the run's ids and random sources. */
  readonly seed: number;
  readonly nodes: readonly ScenarioNode[];
  /** Sorted by `at` (stable for equal times). */
  readonly steps: readonly CaseStep[];
  readonly perturbations: readonly PerturbationPlan[];
}

/** When a perturbation stops acting (a crash acts at one moment). */
export function perturbationEnd(p: PerturbationPlan): number {
  return p.kind === 'crash-between-writes' ? p.at : p.kind === 'drop-events' ? p.at + p.durationMs + p.relistAfterMs : p.at + p.durationMs;
}

/**
 * The moment the case stops disturbing the cluster: its last step, or the end
 * of its last perturbation, whichever is later. Liveness properties count
 * from here, because Kubernetes only promises convergence once things calm down.
 */
export function quietAt(c: TestCase): number {
  let t = 0;
  for (const s of c.steps) t = Math.max(t, s.at);
  for (const p of c.perturbations) t = Math.max(t, perturbationEnd(p));
  return t;
}

/** The case's size as shrinking counts it: steps plus perturbations. */
export function caseSize(c: TestCase): number {
  return c.steps.length + c.perturbations.length;
}
