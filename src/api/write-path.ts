/**
 * The one path every write takes to the log: read the key's current version,
 * compute the next one, append a write record conditional on the key's
 * latest revision, and return the folded result. Verbs differ only in how
 * they compute the next version (`decide`).
 *
 * Guarantees: nothing is appended when `decide` throws (invalid input, a
 * failed precondition) or for a dry run; an unchanged object appends
 * nothing (Kubernetes skips no-op writes); a lost race either retries
 * (`retryOnConflict`, Kubernetes' GuaranteedUpdate for patch/apply/delete)
 * or becomes 409 Conflict.
 */
import jsonPatch from 'fast-json-patch';
import type { Operation } from 'fast-json-patch';
import { filter, firstValueFrom, map } from 'rxjs';
import type { Change, KubeObject, PendingWrite, RequestContext, WriteRecord, WriteVerb } from '../model/index.js';
import { conflict, internalError, parseKey, STALE_OBJECT_MESSAGE, tooLarge } from '../model/index.js';
import { AppendConflict } from '../log/index.js';
import type { Log } from '../log/index.js';
import type { Store } from '../store/index.js';
import type { Clock } from '../model/index.js';

/** etcd's default request limit, which bounds an object's size in Kubernetes. */
export const MAX_OBJECT_BYTES = 1.5 * 1024 * 1024;
const MAX_RETRIES = 16;

export interface WriteDeps {
  readonly log: Log;
  readonly store: Store;
  readonly clock: Clock;
}

/** What `decide` returns: the next version, `null` to remove the object, or `unchanged` for a no-op. */
export type Decision = { readonly next: KubeObject } | { readonly remove: true } | { readonly unchanged: true };

export interface WriteRequest {
  readonly key: string;
  readonly verb: WriteVerb;
  readonly subresource?: string;
  readonly ctx: RequestContext;
  /** Retry on a lost race instead of answering 409 (no client-supplied resourceVersion to honour). */
  readonly retryOnConflict: boolean;
  /** Computes the next version from the current one (undefined when absent). Throws a Status to refuse. */
  decide(current: KubeObject | undefined): Decision;
}

export interface WriteResult {
  /** The object after the write (for a removal: its last version, stamped with the removing revision). */
  readonly object: KubeObject;
  /** The write record appended, or undefined for a dry run or a no-op. */
  readonly record: WriteRecord | undefined;
  readonly removed: boolean;
}

/** Strips what the fold stamps (`resourceVersion`), so records carry only what the writer decided. */
export function unstamped(obj: KubeObject): KubeObject {
  if (obj.metadata.resourceVersion === undefined) return obj;
  const { resourceVersion: _rv, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}

export async function commitWrite(deps: WriteDeps, req: WriteRequest): Promise<WriteResult> {
  for (let attempt = 0; ; attempt++) {
    const head = deps.store.head();
    const current = head.get(req.key);
    const prevRev = deps.store.latestRev(req.key);
    const decision = req.decide(current);

    if ('unchanged' in decision) {
      if (current === undefined) throw internalError(`no-op write to absent object ${req.key}`);
      return { object: current, record: undefined, removed: false };
    }
    const change = changeOf(current, decision);
    if (change === undefined) return { object: current as KubeObject, record: undefined, removed: false };
    let bound: number | undefined;
    if (change.op === 'put') bound = checkSize(req.key, change.object, undefined);
    else if (change.op === 'patch' && 'next' in decision) bound = checkSize(req.key, decision.next, patchedBound(current, change.patch, decision.next));

    if (req.ctx.dryRun === true) {
      const shown = 'next' in decision ? decision.next : (current as KubeObject);
      return { object: shown, record: undefined, removed: 'remove' in decision };
    }

    const pending: PendingWrite = {
      type: 'write',
      time: deps.clock.now(),
      actor: req.ctx.actor,
      cause: req.ctx.cause ?? [],
      observedRev: req.ctx.observedRev ?? head.rev,
      verb: req.verb,
      ...(req.subresource === undefined ? {} : { subresource: req.subresource }),
      key: req.key,
      prevRev,
      change,
    };
    try {
      const [record] = await deps.log.append([pending], [{ key: req.key, prevRev }]);
      if (record === undefined || record.type !== 'write') throw internalError('the log acknowledged no write record');
      await caughtUp(deps, record.rev);
      const result = resultOf(deps.store, record, current);
      // The stored version differs from what was checked only by its resourceVersion.
      if (bound !== undefined) sizeBounds.set(result.object, bound + RESOURCE_VERSION_BYTES);
      return result;
    } catch (e) {
      if (!(e instanceof AppendConflict)) throw e;
      if (!req.retryOnConflict || attempt >= MAX_RETRIES) {
        const k = parseKey(req.key);
        throw conflict({ group: k.group, resource: k.resource }, k.name, STALE_OBJECT_MESSAGE);
      }
      await caughtUp(deps, e.actualRev);
    }
  }
}

function changeOf(current: KubeObject | undefined, decision: Decision): Change | undefined {
  if ('remove' in decision) return { op: 'remove' };
  if (!('next' in decision)) return undefined;
  const next = unstamped(decision.next);
  if (current === undefined) return { op: 'put', object: next };
  const patch = jsonPatch.compare(unstamped(current), next);
  if (patch.length === 0) return undefined;
  return { op: 'patch', patch };
}

/**
 * Upper bounds of stored versions' serialised sizes, so that most writes
 * need not serialise the whole object to enforce the limit: a patched
 * version is at most the previous bound plus what the patch adds. The limit
 * stays exact: whenever the bound cannot prove the object small enough, it
 * is measured.
 */
const sizeBounds = new WeakMap<object, number>();
/** `,"resourceVersion":"<up to 20 digits>"` */
const RESOURCE_VERSION_BYTES = 48;

/** Enforces the size limit; returns an upper bound of `obj`'s serialised size. */
function checkSize(key: string, obj: KubeObject, bound: number | undefined): number {
  if (bound !== undefined && bound <= MAX_OBJECT_BYTES) return bound;
  const bytes = Buffer.byteLength(JSON.stringify(obj));
  if (bytes > MAX_OBJECT_BYTES) {
    throw tooLarge(
      `${key}: object is too large: ${bytes} bytes, the limit is ${MAX_OBJECT_BYTES} bytes (1.5 MiB, etcd's default request limit)`,
    );
  }
  return bytes;
}

/**
 * A bound of `next`'s size from `current`'s known bound and the patch from
 * one to the other (removals never grow a document; an add or replace grows
 * it by at most its key, value and separators); undefined when unknown.
 */
function patchedBound(current: KubeObject | undefined, patch: readonly Operation[], next: KubeObject): number | undefined {
  if (current === undefined) return undefined;
  let bound = sizeBounds.get(current);
  if (bound === undefined) return undefined;
  for (const op of patch) {
    if (op.op === 'remove') continue;
    if (op.op !== 'add' && op.op !== 'replace') return undefined;
    const segment = op.path.length - op.path.lastIndexOf('/');
    const value = JSON.stringify(op.value) as string | undefined;
    // A key escapes to at most 6 bytes per UTF-16 unit (\u0000), plus quotes, colon and comma.
    bound += 6 * segment + 4 + (value === undefined ? 4 : Buffer.byteLength(value));
    if (bound > MAX_OBJECT_BYTES) return undefined;
  }
  // `next` may carry the resourceVersion the client sent (a precondition), which the patch leaves out.
  return next.metadata.resourceVersion === undefined ? bound : bound + RESOURCE_VERSION_BYTES + 6 * next.metadata.resourceVersion.length;
}

/** Waits until the store has folded `rev` (it folds acknowledged batches before append resolves, so this is normally immediate). */
async function caughtUp(deps: WriteDeps, rev: number): Promise<void> {
  if (deps.store.rev >= rev) return;
  await firstValueFrom(
    deps.log.appended$.pipe(
      map(() => deps.store.rev),
      filter((r) => r >= rev),
    ),
  );
}

function resultOf(store: Store, record: WriteRecord, previous: KubeObject | undefined): WriteResult {
  if (record.change.op === 'remove') {
    const last = previous ?? store.at(record.prevRev).get(record.key);
    if (last === undefined) throw internalError(`removed ${record.key} had no previous version`);
    return {
      object: { ...last, metadata: { ...last.metadata, resourceVersion: String(record.rev) } },
      record,
      removed: true,
    };
  }
  const head = store.head();
  const object = head.versionRev(record.key) === record.rev ? head.get(record.key) : store.at(record.rev).get(record.key);
  if (object === undefined) throw internalError(`write ${record.rev} to ${record.key} is not visible after folding`);
  return { object, record, removed: false };
}
