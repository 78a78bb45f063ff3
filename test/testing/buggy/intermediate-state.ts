/**
 * Intermediate-state bug: two dependent writes. It first records in status
 * which pod it is about to create, then creates it; while a creation is
 * recorded it waits for that pod. A crash between the two writes leaves the
 * record with no pod behind it, and nothing ever clears it.
 */
import type { ControllerDefinition } from '../../../src/controllers/index.js';
import { done } from '../../../src/controllers/index.js';
import type { Command } from '../../../src/model/index.js';
import { deletePod, ownPods, POD, PODSET, podFor, replicasOf, statusPatch } from './pod-set.js';

interface Status {
  readonly creating?: string | null;
  readonly created?: number;
}

export const intermediateStateController: ControllerDefinition = {
  name: 'podset',
  for: PODSET,
  owns: [POD],
  reconcile(key, view) {
    const ps = view.get(key);
    if (ps === undefined || ps.metadata.deletionTimestamp !== undefined) return done();
    const status = (ps['status'] ?? {}) as Status;
    const pods = ownPods(view, ps);
    if (typeof status.creating === 'string') {
      // Waiting for the pod it recorded; clears the record once the pod exists.
      return pods.some((p) => p.metadata.name === status.creating) ? { commands: [statusPatch(ps, { creating: null })] } : done();
    }
    const want = replicasOf(ps);
    const commands: Command[] = pods.slice(want).map(deletePod);
    if (pods.length < want) {
      const name = `${ps.metadata.name ?? ''}-${status.created ?? 0}`;
      commands.push(statusPatch(ps, { creating: name, created: (status.created ?? 0) + 1 }), { type: 'create', object: podFor(ps, { name }) });
    }
    return { commands };
  },
};
