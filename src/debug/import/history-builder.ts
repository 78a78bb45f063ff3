/**
 * Turns states observed in another cluster into history records: each
 * observed version of an object becomes one write with the history's own
 * gapless revision, the right `prevRev`, and a change that costs about its
 * size (a put for a new object, a JSON Patch from the previous version, a
 * remove). Objects are stored without `metadata.resourceVersion` (the fold
 * stamps the history's own); the source's goes into the write's `origin`.
 *
 * Used by the importers (which build a whole history in memory) and by the
 * recorder (which appends each batch to a file log, so the builder starts
 * from that log's head and state).
 *
 * @example
 * const b = new HistoryBuilder();
 * b.observe({ object: cm, verb: 'create', actor: 'user:alice', time: 0, origin: { source: 'watch', actorFrom: 'unknown' } });
 * b.records  // [{ type: 'write', rev: 1, key: 'core/configmaps/default/cm', ... }]
 */
import type { AnnotationRecord, AttemptRecord, Command, HistoryRecord, KubeObject, Status, WriteOrigin, WriteRecord, WriteVerb } from '../../model/index.js';
import { objectDiff } from '../../store/index.js';
import { ResourceNames } from './resource-names.js';

export interface Observation {
  /** The object after the change (with or without `resourceVersion`); undefined with `key` for a removal. */
  readonly object?: KubeObject;
  /** Needed for a removal (or to name an object whose key differs from what `object` implies). */
  readonly key?: string;
  readonly verb: WriteVerb;
  readonly subresource?: string;
  readonly actor: string;
  /** Milliseconds on the history's clock. */
  readonly time: number;
  readonly origin: WriteOrigin;
  /** Keep the previous version and record an empty change (the source did not say what changed). */
  readonly unchanged?: boolean;
}

export interface Head {
  readonly rev: number;
  /** Unstamped: no `metadata.resourceVersion`. */
  readonly object: KubeObject;
  readonly sourceRv?: string;
}

/** A copy of `obj` without `metadata.resourceVersion`, with the namespace a namespaced kind needs. */
export function unstamped(obj: KubeObject, namespace?: string): KubeObject {
  const { resourceVersion: _rv, ...metadata } = obj.metadata;
  if (namespace !== undefined && (metadata.namespace === undefined || metadata.namespace === '')) metadata.namespace = namespace;
  return { ...obj, metadata };
}

export class HistoryBuilder {
  readonly names: ResourceNames;
  /** Every record built, in order (the importers' output; the recorder drains it with `take`). */
  readonly records: HistoryRecord[] = [];
  private readonly heads: Map<string, Head>;
  private rev: number;
  private taken = 0;

  constructor(opts: { headRev?: number; heads?: ReadonlyMap<string, Head>; names?: ResourceNames } = {}) {
    this.rev = opts.headRev ?? 0;
    this.heads = new Map(opts.heads ?? []);
    for (const [key, head] of this.heads) this.index(key, undefined, head.object);
    this.names = opts.names ?? new ResourceNames();
  }

  get headRev(): number {
    return this.rev;
  }

  head(key: string): Head | undefined {
    return this.heads.get(key);
  }

  /** Keys of every object present now, sorted. */
  keys(): string[] {
    return [...this.heads.keys()].sort();
  }

  /** Records built since the last `take` (the recorder appends them). */
  take(): HistoryRecord[] {
    const out = this.records.slice(this.taken);
    this.taken = this.records.length;
    return out;
  }

  /**
   * Records one observed change; returns the write, or undefined when it
   * changes nothing (an object seen again at the same state, a removal of
   * something never seen).
   */
  observe(o: Observation): WriteRecord | undefined {
    const key = o.key ?? (o.object === undefined ? undefined : this.names.keyOf(o.object));
    if (key === undefined) throw new Error('an observation needs an object or a key');
    if (o.object !== undefined) this.names.learn(o.object);
    const prev = this.heads.get(key);
    const cause = this.inferCause(o, prev);
    const origin = cause.length === 0 ? o.origin : { ...o.origin, causeInferred: true };
    o = { ...o, origin };
    const base = { type: 'write' as const, time: o.time, actor: o.actor, cause, observedRev: this.rev, verb: o.verb, key, prevRev: prev?.rev ?? 0 };
    const sub = o.subresource === undefined ? {} : { subresource: o.subresource };
    let record: WriteRecord;
    if (o.unchanged === true && prev !== undefined) {
      record = { ...base, ...sub, rev: this.rev + 1, change: { op: 'patch', patch: [] }, origin: o.origin };
      this.heads.set(key, { ...prev, rev: this.rev + 1, ...rvOf(o.origin) });
    } else if (o.object === undefined) {
      if (prev === undefined) return undefined;
      record = { ...base, ...sub, rev: this.rev + 1, change: { op: 'remove' }, origin: o.origin };
      this.heads.delete(key);
    } else {
      const ns = key.split('/')[2];
      const next = unstamped(o.object, ns === '_' ? undefined : ns);
      if (prev === undefined) {
        record = { ...base, ...sub, rev: this.rev + 1, change: { op: 'put', object: next }, origin: o.origin };
      } else {
        const patch = objectDiff(prev.object, next);
        if (patch.length === 0 && o.origin.source !== 'audit') return undefined;
        record = { ...base, ...sub, rev: this.rev + 1, change: { op: 'patch', patch }, origin: o.origin };
      }
      this.heads.set(key, { rev: this.rev + 1, object: next, ...rvOf(o.origin) });
    }
    this.rev = record.rev;
    this.records.push(record);
    this.index(key, prev?.object, this.heads.get(key)?.object);
    return record;
  }

  /**
   * What a component's write most likely reacted to, since the source does
   * not say: the latest writes of the object's owners (its ownerReferences,
   * found by uid) and of the object itself. A person's write (`user:`) has
   * no cause, as in chronokube's own histories. `why` then reaches the
   * user's action through the controllers' writes; the write's origin says
   * the cause was inferred.
   */
  private inferCause(o: Observation, prev: Head | undefined): number[] {
    if (o.actor.startsWith('user:')) return [];
    const owners = (o.object ?? prev?.object)?.metadata.ownerReferences ?? [];
    const revs = new Set<number>();
    for (const ref of owners) {
      const ownerKey = ref.uid === undefined ? undefined : this.byUid.get(ref.uid);
      const owner = ownerKey === undefined ? undefined : this.heads.get(ownerKey);
      if (owner !== undefined) revs.add(owner.rev);
    }
    if (prev !== undefined) revs.add(prev.rev);
    return [...revs].sort((a, b) => a - b);
  }

  private readonly byUid = new Map<string, string>();

  private index(key: string, before: KubeObject | undefined, after: KubeObject | undefined): void {
    const old = before?.metadata.uid;
    if (old !== undefined && old !== after?.metadata.uid) this.byUid.delete(old);
    const uid = after?.metadata.uid;
    if (uid !== undefined) this.byUid.set(uid, key);
  }

  /** A refused request (it takes no revision). */
  attempt(a: { actor: string; time: number; command: Command; status: Status; origin: WriteOrigin }): AttemptRecord {
    const record: AttemptRecord = { type: 'attempt', atRev: this.rev, time: a.time, actor: a.actor, cause: [], observedRev: this.rev, command: a.command, status: a.status, origin: a.origin };
    this.records.push(record);
    return record;
  }

  /** A note at the current head (a gap in observation, where a snapshot came from). */
  note(actor: string, time: number, text: string): AnnotationRecord {
    const record: AnnotationRecord = { type: 'annotation', atRev: this.rev, time, actor, annotation: { kind: 'note', text, rev: this.rev } };
    this.records.push(record);
    return record;
  }

  /** A named bookmark on the newest revision (e.g. where a recording's initial state ends). */
  bookmark(actor: string, time: number, name: string): AnnotationRecord {
    const record: AnnotationRecord = { type: 'annotation', atRev: this.rev, time, actor, annotation: { kind: 'bookmark', name, rev: this.rev } };
    this.records.push(record);
    return record;
  }
}

function rvOf(origin: WriteOrigin): { sourceRv?: string } {
  return origin.resourceVersion === undefined ? {} : { sourceRv: origin.resourceVersion };
}
