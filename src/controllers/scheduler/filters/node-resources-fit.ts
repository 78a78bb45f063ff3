/**
 * NodeResourcesFit's filter (1.32 `fitsRequest`): the node must have a free
 * pod slot (`Too many pods`) and, for each resource the pod requests, its
 * allocatable minus what the pods already bound to it request must cover the
 * request (`Insufficient cpu`, `Insufficient memory`, ...). Every shortfall
 * is a reason; the code is Unschedulable (preemption might help) — 1.32
 * does not yet answer UnschedulableAndUnresolvable for pods larger than the
 * whole node.
 */
import type { FilterPlugin, FilterStatus } from './filter.js';
import { rejection } from './filter.js';

const memo = new Map<string, FilterStatus>();
function status(reasons: string[]): FilterStatus {
  const id = reasons.join('\u0000');
  let s = memo.get(id);
  if (s === undefined) {
    s = rejection('NodeResourcesFit', 'Unschedulable', ...reasons);
    if (memo.size < 1000) memo.set(id, s);
  }
  return s;
}

export const nodeResourcesFit: FilterPlugin = {
  name: 'NodeResourcesFit',
  filter(pod, node) {
    const used = node.usage.requested;
    const alloc = node.allocatable;
    const req = pod.requests;
    let reasons: string[] | undefined;
    if (node.usage.pods + 1 > node.allowedPods) (reasons ??= []).push('Too many pods');
    if (req.cpu === 0 && req.memory === 0 && req.ephemeralStorage === 0 && req.scalar === undefined) {
      return reasons === undefined ? undefined : status(reasons);
    }
    if (req.cpu > 0 && req.cpu > alloc.cpu - used.cpu) (reasons ??= []).push('Insufficient cpu');
    if (req.memory > 0 && req.memory > alloc.memory - used.memory) (reasons ??= []).push('Insufficient memory');
    if (req.ephemeralStorage > 0 && req.ephemeralStorage > alloc.ephemeralStorage - used.ephemeralStorage) (reasons ??= []).push('Insufficient ephemeral-storage');
    if (req.scalar !== undefined) {
      for (const [name, q] of [...req.scalar].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        if (q === 0) continue;
        if (q > (alloc.scalar?.get(name) ?? 0) - (used.scalar?.get(name) ?? 0)) (reasons ??= []).push(`Insufficient ${name}`);
      }
    }
    return reasons === undefined ? undefined : status(reasons);
  },
};
