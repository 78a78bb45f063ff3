/**
 * NodeResourcesBalancedAllocation (weight 1), as 1.32: favours nodes whose
 * cpu and memory would be used in equal fractions after placing the pod —
 * `(1 − std) × 100`, with std of the per-resource fractions (each capped at
 * 1; for two resources |f1 − f2| / 2). It uses actual requests
 * (`useRequested`), not the scoring defaults. (Skipping best-effort pods
 * came in 1.33.)
 */
import { MAX_NODE_SCORE } from './score.js';
import type { ScorePlugin } from './score.js';

export function balancedScore(requested: readonly number[], allocatable: readonly number[]): number {
  const fractions: number[] = [];
  let total = 0;
  for (let i = 0; i < requested.length; i++) {
    const alloc = allocatable[i] ?? 0;
    if (alloc === 0) continue;
    const f = Math.min(1, (requested[i] ?? 0) / alloc);
    total += f;
    fractions.push(f);
  }
  let std = 0;
  if (fractions.length === 2) std = Math.abs(((fractions[0] as number) - (fractions[1] as number)) / 2);
  else if (fractions.length > 2) {
    const mean = total / fractions.length;
    let sum = 0;
    for (const f of fractions) sum += (f - mean) * (f - mean);
    std = Math.sqrt(sum / fractions.length);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

export const balancedAllocation: ScorePlugin = {
  name: 'NodeResourcesBalancedAllocation',
  weight: 1,
  score(pod, node) {
    const cpuAlloc = node.allocatable.cpu;
    const memAlloc = node.allocatable.memory;
    if (cpuAlloc === 0 || memAlloc === 0) {
      return balancedScore([node.usage.requested.cpu + pod.requests.cpu, node.usage.requested.memory + pod.requests.memory], [cpuAlloc, memAlloc]);
    }
    // The two-resource case inlined: std = |f1 − f2| / 2.
    const f1 = Math.min(1, (node.usage.requested.cpu + pod.requests.cpu) / cpuAlloc);
    const f2 = Math.min(1, (node.usage.requested.memory + pod.requests.memory) / memAlloc);
    return Math.trunc((1 - Math.abs((f1 - f2) / 2)) * MAX_NODE_SCORE);
  },
};
