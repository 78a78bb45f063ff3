/**
 * Missed-event bug: edge-triggered. It acts on a PodSet's spec once per
 * generation, and replaces a pod only when it is told of the pod's deletion
 * (its watch handler counts DELETED events); it never re-counts the pods.
 * A lost DELETED event is never seen again — a relist lists what exists,
 * not what went — so the PodSet stays one pod short for good.
 */
import type { ControllerDefinition } from '../../../src/controllers/index.js';
import { controllerOf, done } from '../../../src/controllers/index.js';
import type { Command } from '../../../src/model/index.js';
import { deletePod, ownPods, POD, PODSET, podFor, replicasOf } from './pod-set.js';

export function missedEventController(): ControllerDefinition {
  const handled = new Map<string, number>();
  const toReplace = new Map<string, number>();
  const ownDeletes = new Set<string>();
  return {
    name: 'podset',
    for: PODSET,
    watches: [
      {
        kind: POD,
        handler: (change, _view, keyOf) => {
          const ref = controllerOf(change.object);
          if (change.type !== 'DELETED' || ref === undefined || ref.kind !== 'PodSet') return [];
          const key = keyOf({ apiVersion: ref.apiVersion, kind: ref.kind, namespace: change.object.metadata.namespace ?? '', name: ref.name });
          if (key === undefined || ownDeletes.delete(change.object.metadata.uid ?? '')) return [];
          toReplace.set(key, (toReplace.get(key) ?? 0) + 1);
          return [key];
        },
      },
    ],
    reconcile(key, view) {
      const ps = view.get(key);
      if (ps === undefined || ps.metadata.deletionTimestamp !== undefined) return done();
      const commands: Command[] = [];
      const make = (): Command => ({ type: 'create', object: podFor(ps, { generateName: `${ps.metadata.name ?? ''}-` }) });
      const uid = ps.metadata.uid ?? '';
      if (handled.get(uid) !== ps.metadata.generation) {
        handled.set(uid, ps.metadata.generation ?? 0);
        const pods = ownPods(view, ps);
        const want = replicasOf(ps);
        for (let i = pods.length; i < want; i++) commands.push(make());
        for (const p of pods.slice(want)) {
          ownDeletes.add(p.metadata.uid ?? '');
          commands.push(deletePod(p));
        }
      }
      for (let i = toReplace.get(key) ?? 0; i > 0; i--) commands.push(make());
      toReplace.delete(key);
      return { commands };
    },
  };
}
