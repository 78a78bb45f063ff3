/**
 * What a pod change wakes: the budgets whose selector matches the pod, before
 * and after the change (Kubernetes 1.32 wakes only the first budget of the
 * new labels, `getPdbForPod`; waking every one, and the old labels' too,
 * keeps each budget's status current when a pod leaves it).
 */
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';
import type { KubeObject } from '../../model/index.js';
import type { Handler } from '../controller.js';
import { pdbsForPod } from './pdb-pods.js';

const keyOfBudget = (o: KubeObject): string => {
  const pdb = o as unknown as PodDisruptionBudget;
  return `policy/poddisruptionbudgets/${pdb.metadata?.namespace ?? ''}/${pdb.metadata?.name ?? ''}`;
};

export const podBudgetHandler: Handler = (c, view) => {
  const keys = new Set<string>();
  for (const pod of [c.object, c.previous]) {
    if (pod === undefined) continue;
    for (const pdb of pdbsForPod(view, pod)) keys.add(keyOfBudget(pdb));
  }
  return [...keys].sort();
};
