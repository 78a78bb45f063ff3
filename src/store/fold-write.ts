/**
 * The generic fold step for one object: (previous version, write) → next
 * version, unsealed. `put` gives the record's object itself (validated, not
 * copied, not stamped), `patch` the previous version with the JSON Patch
 * applied transiently (see model/json-patch-apply: frozen containers are
 * copied along the patched paths and shared otherwise, unfrozen ones — owned
 * by the caller — are edited in place), `remove` gives undefined. Records
 * never carry `metadata.resourceVersion`: the caller stamps a version with
 * `sealVersion` (stamp, then `deepFreeze`) before anyone else may see it, so
 * a run of patches to a head nobody reads never touches its metadata. (The
 * API computes patches between unstamped versions, so no patch refers to
 * `resourceVersion`.) The fold's usual path is head-patch.ts; this one
 * serves every other patch and the rebuilding of old versions.
 * A write that cannot apply to the previous version means the history is
 * corrupt: it throws an InternalError Status naming the revision, the key
 * and why (and the unfrozen part of `previous` must then be discarded).
 */
import {
  type JsonPatch,
  type KubeObject,
  type WriteRecord,
  applyJsonPatchTransient,
  assertNever,
  deepFreeze,
  internalError,
  type StatusError,
} from '../model/index.js';

export function corruptHistory(record: Pick<WriteRecord, 'rev' | 'key'>, why: string): StatusError {
  return internalError(`corrupt history at revision ${record.rev} (${record.key}): ${why}`);
}

/** A frozen copy of `object` with `metadata.resourceVersion` set to `rev` (only the root and metadata are new). */
export function stampVersion(object: KubeObject, rev: number): KubeObject {
  deepFreeze(object);
  const metadata = Object.freeze({ ...object.metadata, resourceVersion: String(rev) });
  return Object.freeze({ ...object, metadata });
}

/** A frozen copy of a version without `metadata.resourceVersion`, as checkpoints store objects. */
export function unstampVersion(object: KubeObject): KubeObject {
  const { resourceVersion: _, ...metadata } = object.metadata;
  return Object.freeze({ ...object, metadata: Object.freeze(metadata) });
}

/**
 * Seals a version built from sealed ones by the generic applier (`nextVersion`)
 * as the version written at `rev`: its unfrozen containers are its own, so
 * the root and metadata are stamped in place when unfrozen and copied once
 * when frozen; then deep-frozen. With `owned`, only the containers listed
 * there are its own (a fold head, see head-patch.ts) and the others are copied.
 */
export function sealVersion(object: KubeObject, rev: number, owned?: { owns(o: object): boolean }): KubeObject {
  const mine = (o: object): boolean => (owned === undefined ? !Object.isFrozen(o) : owned.owns(o));
  const metadata = object.metadata;
  const root = mine(object) ? object : { ...object };
  const meta = (mine(metadata) ? metadata : { ...metadata }) as { resourceVersion?: string };
  meta.resourceVersion = String(rev);
  if (meta !== metadata) root.metadata = meta as KubeObject['metadata'];
  return deepFreeze(root);
}

export function nextVersion(previous: KubeObject | undefined, record: WriteRecord): KubeObject | undefined {
  const change = record.change;
  switch (change.op) {
    case 'put':
      if (typeof change.object !== 'object' || change.object === null || typeof change.object.metadata !== 'object') {
        throw corruptHistory(record, 'put of something that is not an object with metadata');
      }
      // A copied root and metadata carry `resourceVersion` from the start, so its key keeps its place
      // (JSON key order) however the version is reached later.
      return { ...change.object, metadata: { ...change.object.metadata, resourceVersion: String(record.rev) } };
    case 'patch': {
      if (previous === undefined) throw corruptHistory(record, 'patch of an object that does not exist');
      let next: KubeObject;
      try {
        next = applyJsonPatchTransient(previous, change.patch);
      } catch (e) {
        throw corruptHistory(record, `patch does not apply to revision ${record.prevRev}: ${(e as Error).message}`);
      }
      return keepStampKey(checkPatched(next, record, change.patch), record.rev);
    }
    case 'remove':
      if (previous === undefined) throw corruptHistory(record, 'remove of an object that does not exist');
      return undefined;
    default:
      return assertNever(change, 'change');
  }
}

/**
 * Puts a `resourceVersion` key back into `version`'s metadata if a patch
 * removed it, as stamping every version did: the key's place in the
 * metadata (JSON key order) is then the same whichever way a version is
 * built. Unfrozen containers are the caller's unless `owned` says which are.
 */
export function keepStampKey(version: KubeObject, rev: number, owned?: { owns(o: object): boolean; own(o: object): void }): KubeObject {
  const metadata = version.metadata;
  if (metadata.resourceVersion !== undefined) return version;
  const mine = (o: object): boolean => (owned === undefined ? !Object.isFrozen(o) : owned.owns(o));
  const root = mine(version) ? version : { ...version };
  const meta = (mine(metadata) ? metadata : { ...metadata }) as { resourceVersion?: string };
  meta.resourceVersion = String(rev);
  if (meta !== metadata) {
    root.metadata = meta as KubeObject['metadata'];
    owned?.own(meta);
  }
  if (root !== version) owned?.own(root);
  return root;
}

/** `next` if a patch (`record`'s) left an object with metadata; throws otherwise. */
export function checkPatched(next: unknown, record: WriteRecord, patch: JsonPatch): KubeObject {
  if (typeof next !== 'object' || next === null || Array.isArray(next)) throw corruptHistory(record, 'patch left no object');
  // Checked only when the patch may have changed it: the previous version had valid metadata
  // (and not reading it spares a memory access on the fold's hottest path).
  if (touchesMetadata(patch)) {
    const metadata: unknown = (next as { metadata?: unknown }).metadata;
    if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
      throw corruptHistory(record, 'patch left no object with metadata');
    }
  }
  return next as KubeObject;
}

/** Whether an operation of `patch` may replace or remove `/metadata` itself (its path or `from` is the root or starts with `/metadata`). */
function touchesMetadata(patch: JsonPatch): boolean {
  for (let i = 0; i < patch.length; i++) {
    const op = patch[i] as JsonPatch[number];
    if (op.path === '' || op.path.startsWith('/metadata')) return true;
    const from = (op as { from?: unknown }).from;
    if (typeof from === 'string' && (from === '' || from.startsWith('/metadata'))) return true;
  }
  return false;
}
