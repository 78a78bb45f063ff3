/**
 * Hot-loop bug: writes `status.lastSync` on every reconcile and asks to be
 * reconciled again a second later, so it never stops writing.
 */
import type { ControllerDefinition } from '../../../src/controllers/index.js';
import { podSetController, PODSET, POD, statusPatch } from './pod-set.js';

export const hotLoopController: ControllerDefinition = {
  name: 'podset',
  for: PODSET,
  owns: [POD],
  reconcile(key, view, ctx) {
    const r = podSetController.reconcile(key, view, ctx);
    const ps = view.get(key);
    if (ps === undefined) return r;
    return { commands: [...r.commands, statusPatch(ps, { lastSync: new Date(ctx.epoch + ctx.now).toISOString() })], requeueAfterMs: 1000 };
  },
};
