/**
 * Stale-read bug: counts its pods in its cache and creates the shortfall
 * with generated names. When the cache lags behind its own creates, the
 * next reconcile sees the shortfall again and creates extra pods.
 */
import type { ControllerDefinition } from '../../../src/controllers/index.js';
import { done } from '../../../src/controllers/index.js';
import type { Command } from '../../../src/model/index.js';
import { deletePod, ownPods, POD, PODSET, podFor, replicasOf, statusPatch } from './pod-set.js';

export const staleReadController: ControllerDefinition = {
  name: 'podset',
  for: PODSET,
  owns: [POD],
  reconcile(key, view) {
    const ps = view.get(key);
    if (ps === undefined || ps.metadata.deletionTimestamp !== undefined) return done();
    const pods = ownPods(view, ps);
    const want = replicasOf(ps);
    const commands: Command[] = [];
    for (let i = pods.length; i < want; i++) commands.push({ type: 'create', object: podFor(ps, { generateName: `${ps.metadata.name ?? ''}-` }) });
    for (const p of pods.slice(want)) commands.push(deletePod(p));
    if ((ps['status'] as { replicas?: number } | undefined)?.replicas !== pods.length) commands.push(statusPatch(ps, { replicas: pods.length }));
    return { commands };
  },
};
