/**
 * The outside inputs of a history after a fork point — what neither the
 * controllers nor the kubelets decided, and so what a branch re-plays at its
 * recorded time: faults, and the writes of users and outside clients
 * (`user:` and `client:` actors). Each write is turned back into a request:
 * a create of the object as recorded (server-set fields removed), a delete
 * of the same object, or a JSON Patch of the fields the user changed
 * (status only through the status subresource).
 */
import type { Command, FaultRecord, JsonPatch, KubeObject, WriteRecord } from '../model/index.js';
import { refOf } from '../model/index.js';
import type { Store } from '../store/index.js';

/** Actors whose writes are inputs to a branch rather than decisions re-made in it. */
export function isOutsideActor(actor: string): boolean {
  return actor.startsWith('user:') || actor.startsWith('client:');
}

export type ForkInput = { readonly type: 'fault'; readonly record: FaultRecord } | { readonly type: 'write'; readonly record: WriteRecord };

const SERVER_SET = ['/metadata/resourceVersion', '/metadata/managedFields', '/metadata/generation', '/metadata/uid', '/metadata/creationTimestamp'];

function serverSet(path: string): boolean {
  return SERVER_SET.some((p) => path === p || path.startsWith(`${p}/`));
}

function stripServerFields(o: KubeObject): KubeObject {
  const { resourceVersion: _r, managedFields: _m, generation: _g, uid: _u, creationTimestamp: _c, ...metadata } = o.metadata as KubeObject['metadata'] & Record<string, unknown>;
  const { status: _s, ...rest } = o as KubeObject & { status?: unknown };
  return { ...rest, metadata } as KubeObject;
}

/** The request that re-makes an outside write in a branch; undefined when it changed nothing a request can carry. */
export function requestOf(store: Store, w: WriteRecord): Command | undefined {
  const before = w.prevRev > 0 ? store.at(w.prevRev).get(w.key) : undefined;
  const after = store.at(w.rev).get(w.key);
  if (w.verb === 'delete' || w.verb === 'deletecollection') {
    const target = before ?? after;
    return target === undefined ? undefined : { type: 'delete', ref: refOf(target) };
  }
  if (w.verb === 'create' || before === undefined) return after === undefined ? undefined : { type: 'create', object: stripServerFields(after) };
  if (after === undefined) return undefined;
  const status = w.subresource === 'status';
  const ops: JsonPatch = store
    .diff(w.prevRev, w.rev, w.key)
    .filter((op) => !serverSet(op.path) && (status ? op.path.startsWith('/status') : !op.path.startsWith('/status')));
  if (ops.length === 0) return undefined;
  return { type: 'patch', ref: refOf(after), patchType: 'json', patch: ops, ...(status ? { subresource: 'status' } : {}) };
}
