/**
 * A deliberately broken build of the ReplicaSet controller, for replay tests:
 * whenever the real one creates pods, this one creates one more.
 */
import type { ControllerDefinition } from '../../../src/controllers/index.js';
import { replicaSetController } from '../../../src/controllers/index.js';

const oneTooMany: ControllerDefinition = {
  ...replicaSetController,
  reconcile(key, view, ctx) {
    const result = replicaSetController.reconcile(key, view, ctx);
    const creates = result.commands.filter((c) => c.type === 'create' && c.object.kind === 'Pod');
    const last = creates[creates.length - 1];
    if (last === undefined) return result;
    const at = result.commands.indexOf(last) + 1;
    return { ...result, commands: [...result.commands.slice(0, at), last, ...result.commands.slice(at)] };
  },
};

export const controllers = [oneTooMany];
