/**
 * Presumed-gone bug: when its PodSet is not in its cache it takes the
 * PodSet for deleted and deletes the pods that name it as owner — doing the
 * garbage collector's job without checking the owner (a live read, or a
 * uid precondition on the owner). Informers fill independently per kind:
 * restarted, it can hold its pods before its PodSets (it does not wait for
 * every cache to sync, as Kubernetes' controllers do with
 * WaitForCacheSync) and kill pods the PodSet wants. Only events reordered
 * across kinds, with a restart, expose it.
 */
import type { ControllerDefinition } from '../../../src/controllers/index.js';
import { parseKey } from '../../../src/model/index.js';
import { deletePod, POD, PODSET, podSetController } from './pod-set.js';

export const presumedGoneController: ControllerDefinition = {
  name: 'podset',
  for: PODSET,
  owns: [POD],
  reconcile(key, view, ctx) {
    if (view.get(key) !== undefined) return podSetController.reconcile(key, view, ctx);
    const { namespace, name } = parseKey(key);
    const orphans = view
      .list({ group: '', resource: 'pods', namespace })
      .filter((p) => p.metadata.deletionTimestamp === undefined && p.metadata.ownerReferences?.some((r) => r.controller === true && r.kind === 'PodSet' && r.name === name));
    return { commands: orphans.map(deletePod) };
  },
};
