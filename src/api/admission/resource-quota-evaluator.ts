/**
 * What a quota evaluator answers for one resource (Kubernetes'
 * `quota.Evaluator`): the quota names it charges, the operations that
 * charge, the scopes an object falls under, one object's usage, and the
 * values a matching quota demands an object state.
 */
import type { ScopedResourceSelectorRequirement } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../model/index.js';
import type { AdmissionOperation } from './admission-plugin.js';
import type { ResourceList } from './resource-quota-list.js';

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
