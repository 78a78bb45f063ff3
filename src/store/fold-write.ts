/**
 * The pure fold step for one object: (previous version, write) → next
 * version. `put` gives the record's object (deep-frozen, shared with the
 * record), `patch` the previous version with the JSON Patch applied
 * transiently (see model/json-patch-apply: frozen containers are copied along
 * the patched paths and shared otherwise, unfrozen ones — owned by the
 * caller — are edited in place), `remove` gives undefined. Every version gets
 * `metadata.resourceVersion = String(rev)` (records never carry it). The
 * caller seals a version with `deepFreeze` before anyone else may see it.
 * A write that cannot apply to the previous version means the history is
 * corrupt: it throws an InternalError Status naming the revision, the key
 * and why (and the unfrozen part of `previous` must then be discarded).
 */
import {
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
 * Sets `metadata.resourceVersion` on a transient version: the root and
 * metadata are edited in place when unfrozen (the patch just made or owns
 * them) and copied once when frozen (shared with a sealed version).
 */
function stampTransient(object: KubeObject, metadata: KubeObject['metadata'], rev: number): KubeObject {
  const root = Object.isFrozen(object) ? { ...object } : object;
  const meta = (Object.isFrozen(metadata) ? { ...metadata } : metadata) as { resourceVersion?: string };
  meta.resourceVersion = String(rev);
  if (meta !== metadata) root.metadata = meta as KubeObject['metadata'];
  return root;
}

export function nextVersion(previous: KubeObject | undefined, record: WriteRecord): KubeObject | undefined {
  const change = record.change;
  switch (change.op) {
    case 'put':
      if (typeof change.object !== 'object' || change.object === null || typeof change.object.metadata !== 'object') {
        throw corruptHistory(record, 'put of something that is not an object with metadata');
      }
      return stampVersion(change.object, record.rev);
    case 'patch': {
      if (previous === undefined) throw corruptHistory(record, 'patch of an object that does not exist');
      let next: KubeObject;
      try {
        next = applyJsonPatchTransient(previous, change.patch);
      } catch (e) {
        throw corruptHistory(record, `patch does not apply to revision ${record.prevRev}: ${(e as Error).message}`);
      }
      if (typeof next !== 'object' || next === null || Array.isArray(next)) throw corruptHistory(record, 'patch left no object');
      const metadata: unknown = next.metadata;
      if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
        throw corruptHistory(record, 'patch left no object with metadata');
      }
      return stampTransient(next, metadata as KubeObject['metadata'], record.rev);
    }
    case 'remove':
      if (previous === undefined) throw corruptHistory(record, 'remove of an object that does not exist');
      return undefined;
    default:
      return assertNever(change, 'change');
  }
}

