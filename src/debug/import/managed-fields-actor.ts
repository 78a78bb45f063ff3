/**
 * Guesses who made a change seen only as a new version of an object (a
 * watch event, a relist): the manager of the newest `managedFields` entry
 * that is new or changed since the previous version (for an object seen for
 * the first time: the newest entry). Kubernetes updates an entry (its time,
 * its field set) whenever that manager changes its fields, at seconds
 * resolution; a change no entry reflects (a deletionTimestamp, a write by a
 * manager within the same second and to the same fields) leaves the actor
 * `client:unknown`. A guess is marked inferred (`origin.actorFrom:
 * 'managed-fields'`), never presented as known.
 *
 * @example
 * inferActor(undefined, pod) // { actor: 'client:kube-scheduler', actorFrom: 'managed-fields', operation: 'Update', time: 1767225600000 }
 */
import type { KubeObject } from '../../model/index.js';
import { parseTimestamp } from './import-error.js';

export interface InferredActor {
  readonly actor: string;
  readonly actorFrom: 'managed-fields' | 'unknown';
  readonly operation?: string;
  /** Unix ms of the entry the guess came from. */
  readonly time?: number;
}

interface Entry {
  /** The entry as JSON, to tell a changed entry from one carried over. */
  readonly raw: string;
  readonly manager: string;
  readonly operation?: string;
  readonly time: number;
  readonly subresource?: string;
}

function entries(obj: KubeObject | undefined): Entry[] {
  const raw = (obj?.metadata as { managedFields?: unknown } | undefined)?.managedFields;
  if (!Array.isArray(raw)) return [];
  const out: Entry[] = [];
  for (const e of raw as { manager?: unknown; operation?: unknown; time?: unknown; subresource?: unknown }[]) {
    const time = parseTimestamp(e.time);
    if (typeof e.manager !== 'string' || e.manager === '' || time === undefined) continue;
    out.push({ raw: JSON.stringify(e), manager: e.manager, time, ...(typeof e.operation === 'string' ? { operation: e.operation } : {}), ...(typeof e.subresource === 'string' ? { subresource: e.subresource } : {}) });
  }
  return out;
}

/** The newest managedFields time of `obj` (Unix ms), if any. */
export function newestManagedTime(obj: KubeObject | undefined): number | undefined {
  let best: number | undefined;
  for (const e of entries(obj)) if (best === undefined || e.time > best) best = e.time;
  return best;
}

export function inferActor(prev: KubeObject | undefined, next: KubeObject): InferredActor {
  const before = new Set(entries(prev).map((e) => e.raw));
  let best: Entry | undefined;
  for (const e of entries(next)) if (!before.has(e.raw) && (best === undefined || e.time >= best.time)) best = e;
  if (best === undefined) return { actor: 'client:unknown', actorFrom: 'unknown' };
  return { actor: `client:${best.manager}`, actorFrom: 'managed-fields', time: best.time, ...(best.operation === undefined ? {} : { operation: best.operation }) };
}
