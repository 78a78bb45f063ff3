/**
 * Wrong-owner bug: selects "its" pods by the `app` label alone, ignoring
 * ownerReferences, and deletes the surplus — so it deletes pods another
 * PodSet (or a user) owns when their labels match.
 */
import type { ControllerDefinition } from '../../../src/controllers/index.js';
import { done } from '../../../src/controllers/index.js';
import type { Command } from '../../../src/model/index.js';
import { appOf, deletePod, POD, PODSET, podFor, replicasOf, statusPatch } from './pod-set.js';

export const wrongOwnerController: ControllerDefinition = {
  name: 'podset',
  for: PODSET,
  owns: [POD],
  reconcile(key, view) {
    const ps = view.get(key);
    if (ps === undefined || ps.metadata.deletionTimestamp !== undefined) return done();
    const pods = view.byLabel({ group: '', resource: 'pods' }, 'app', appOf(ps)).filter((p) => p.metadata.deletionTimestamp === undefined);
    const want = replicasOf(ps);
    const names = new Set(pods.map((p) => p.metadata.name));
    const commands: Command[] = [];
    for (let i = 0; i < want; i++) if (!names.has(`${ps.metadata.name ?? ''}-${i}`) && pods.length + commands.length < want) commands.push({ type: 'create', object: podFor(ps, { name: `${ps.metadata.name ?? ''}-${i}` }) });
    for (const p of pods.slice(want)) commands.push(deletePod(p));
    if ((ps['status'] as { replicas?: number } | undefined)?.replicas !== Math.min(pods.length, want)) commands.push(statusPatch(ps, { replicas: Math.min(pods.length, want) }));
    return { commands };
  },
};
