/**
 * Scenario behaviour rules: per container, the first rule whose
 * `matchLabels` all hold on the pod (and whose `container`, when given,
 * names it) gives the behaviour. Structurally the same as the scenario's
 * `BehaviourRule`, so a parsed scenario's rules pass straight in.
 *
 * A rule may give a lifecycle `behaviour`, a constant `usage`, or both;
 * the two are looked up separately (the first matching rule that gives
 * one), so a usage-only rule never hides a pod's behaviour annotations.
 */
import type { ContainerBehaviour, ResourceUsage, WorldPod } from '../../model/index.js';

export interface BehaviourRule {
  readonly matchLabels: Readonly<Record<string, string>>;
  /** Only this container; all containers when absent. */
  readonly container?: string;
  /** Absent: the rule gives only usage. */
  readonly behaviour?: ContainerBehaviour;
  /** Constant CPU / memory use of each matching container while it runs. */
  readonly usage?: ResourceUsage;
}

function applies(rule: BehaviourRule, pod: WorldPod, container: string): boolean {
  if (rule.container !== undefined && rule.container !== container) return false;
  return Object.entries(rule.matchLabels).every(([k, v]) => pod.labels[k] === v);
}

export function matchBehaviour(rules: readonly BehaviourRule[], pod: WorldPod, container: string): ContainerBehaviour | undefined {
  for (const rule of rules) if (rule.behaviour !== undefined && applies(rule, pod, container)) return rule.behaviour;
  return undefined;
}

export function matchUsage(rules: readonly BehaviourRule[], pod: WorldPod, container: string): ResourceUsage | undefined {
  for (const rule of rules) if (rule.usage !== undefined && applies(rule, pod, container)) return rule.usage;
  return undefined;
}
