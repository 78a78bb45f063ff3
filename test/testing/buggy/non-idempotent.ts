/**
 * Non-idempotent bug: counts the pods it has created in `status.created`
 * instead of counting pods, creating one and then writing the new count
 * with the resourceVersion it read. When that second write does not land —
 * refused with 409 Conflict, or lost in a crash — the retry creates the pod
 * again, and the extra pod is never noticed.
 */
import type { ControllerDefinition } from '../../../src/controllers/index.js';
import { done } from '../../../src/controllers/index.js';
import type { Command } from '../../../src/model/index.js';
import { deletePod, ownPods, POD, PODSET, podFor, replicasOf } from './pod-set.js';

export const nonIdempotentController: ControllerDefinition = {
  name: 'podset',
  for: PODSET,
  owns: [POD],
  reconcile(key, view) {
    const ps = view.get(key);
    if (ps === undefined || ps.metadata.deletionTimestamp !== undefined) return done();
    const created = (ps['status'] as { created?: number } | undefined)?.created ?? 0;
    const want = replicasOf(ps);
    const writeCount = (n: number): Command => ({ type: 'update', subresource: 'status', object: { ...ps, status: { created: n } } });
    if (created < want) return { commands: [{ type: 'create', object: podFor(ps, { generateName: `${ps.metadata.name ?? ''}-` }) }, writeCount(created + 1)] };
    if (created > want) return { commands: [...ownPods(view, ps).slice(0, created - want).map(deletePod), writeCount(want)] };
    return done();
  },
};
