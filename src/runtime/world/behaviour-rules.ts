/**
 * Scenario behaviour rules: per container, the first rule whose
 * `matchLabels` all hold on the pod (and whose `container`, when given,
 * names it) gives the behaviour. Structurally the same as the scenario's
 * `BehaviourRule`, so a parsed scenario's rules pass straight in.
 */
import type { ContainerBehaviour, WorldPod } from '../../model/index.js';

export interface BehaviourRule {
  readonly matchLabels: Readonly<Record<string, string>>;
  /** Only this container; all containers when absent. */
  readonly container?: string;
  readonly behaviour: ContainerBehaviour;
}

export function matchBehaviour(rules: readonly BehaviourRule[], pod: WorldPod, container: string): ContainerBehaviour | undefined {
  for (const rule of rules) {
    if (rule.container !== undefined && rule.container !== container) continue;
    if (Object.entries(rule.matchLabels).every(([k, v]) => pod.labels[k] === v)) return rule.behaviour;
  }
  return undefined;
}
