/**
 * Imports a saved watch stream: the output of
 * `kubectl get KIND --watch --output-watch-events -o json` (watch events
 * `{"type":"ADDED","object":{...}}`, pretty-printed and concatenated), or
 * the raw API stream (one event per line) — both are concatenated JSON.
 *
 * ADDED / MODIFIED become a write of the object as it was (a put the first
 * time, then a patch from the previous version; an event that changes
 * nothing is skipped), DELETED removes it. The initial ADDED events kubectl
 * prints for existing objects are the state when the watch began. BOOKMARK
 * events are skipped; an ERROR event (e.g. 410 Expired) is kept as a note,
 * since changes around it were not seen. The actor is inferred from
 * managedFields (managed-fields-actor.ts), deletions are `client:unknown`.
 * Watch events carry no time, so a write's time is the newest of its
 * object's managedFields times, creation and deletion timestamps, never
 * earlier than the write before it.
 *
 * @example
 * const h = importWatchStream(readFileSync('pods.watch.json', 'utf8'), { file: 'pods.watch.json' });
 */
import type { KubeObject, WriteOrigin } from '../../model/index.js';
import { concatenatedJsonValues } from './watch-values.js';
import { HistoryBuilder } from './history-builder.js';
import { ImportError, parseTimestamp } from './import-error.js';
import { importHeader, type ImportedHistory } from './imported-history.js';
import { inferActor, newestManagedTime } from './managed-fields-actor.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The newest time an object carries (managedFields, creation, deletion), Unix ms. */
export function objectTime(o: KubeObject): number | undefined {
  const ts = [newestManagedTime(o), parseTimestamp(o.metadata.creationTimestamp), parseTimestamp(o.metadata.deletionTimestamp)].filter((t): t is number => t !== undefined);
  return ts.length === 0 ? undefined : Math.max(...ts);
}

export function importWatchStream(text: string, opts: { file?: string } = {}): ImportedHistory {
  const file = opts.file ?? '<watch>';
  const b = new HistoryBuilder();
  const values = concatenatedJsonValues(text, file, 'a watch event');
  if (values.length === 0) throw new ImportError(file, 1, 'no watch events in the input');
  let epoch: number | undefined;
  let last = 0;
  let skipped = 0;
  for (const { value, line } of values) {
    if (!isObject(value) || typeof value.type !== 'string' || !('object' in value)) {
      const kind = isObject(value) ? value.kind : undefined;
      const hint =
        kind === 'Event' && isObject(value) && value.apiVersion === 'audit.k8s.io/v1'
          ? ' (this is an audit event: use --format audit)'
          : typeof kind === 'string'
            ? ` (a bare ${kind}: save the watch with --output-watch-events, or import a state with --format snapshot)`
            : '';
      throw new ImportError(file, line, `not a watch event: expected {"type": ..., "object": {...}}${hint}`);
    }
    const type = value.type;
    if (type === 'BOOKMARK') {
      skipped++;
      continue;
    }
    if (type === 'ERROR') {
      const st = isObject(value.object) ? value.object : {};
      b.note('client:unknown', last, `gap: the watch reported an error (${String(st.code ?? '?')} ${String(st.reason ?? '')}: ${String(st.message ?? '')}); changes after it may be missing`);
      continue;
    }
    if (type !== 'ADDED' && type !== 'MODIFIED' && type !== 'DELETED') throw new ImportError(file, line, `unknown watch event type ${JSON.stringify(type)} (want ADDED, MODIFIED, DELETED, BOOKMARK or ERROR)`);
    const obj = value.object;
    if (!isObject(obj) || typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string' || !isObject(obj.metadata) || typeof obj.metadata.name !== 'string') {
      throw new ImportError(file, line, `a ${type} event whose object lacks apiVersion, kind or metadata.name`);
    }
    const object = obj as unknown as KubeObject;
    const at = objectTime(object);
    epoch ??= at ?? 0;
    last = Math.max(last, at === undefined ? last : at - epoch);
    const key = b.names.keyOf(object);
    const rv = object.metadata.resourceVersion;
    const base = { source: 'watch' as const, ...(rv === undefined ? {} : { resourceVersion: rv }) };
    if (type === 'DELETED') {
      const origin: WriteOrigin = { ...base, actorFrom: 'unknown' };
      if (b.observe({ key, verb: 'delete', actor: 'client:unknown', time: last, origin }) === undefined) skipped++;
      continue;
    }
    const who = inferActor(b.head(key)?.object, object);
    const origin: WriteOrigin = { ...base, actorFrom: who.actorFrom, ...(who.operation === undefined ? {} : { operation: who.operation }) };
    const verb = b.head(key) === undefined ? 'create' : 'update';
    if (b.observe({ object, verb, actor: who.actor, time: last, origin }) === undefined) skipped++;
  }
  const writes = b.records.filter((r) => r.type === 'write').length;
  return { header: importHeader(epoch ?? 0, 'watch', file), records: b.records, stats: { read: values.length, writes, attempts: 0, skipped, unknownBodies: 0 } };
}
