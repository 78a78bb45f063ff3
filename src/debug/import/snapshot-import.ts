/**
 * Imports a snapshot: one state of a cluster as multi-document YAML or JSON
 * (`kubectl get ... -o yaml` output, a support bundle's dump), where a
 * document may be one object or a `kind: List` (any `*List` with `items`).
 *
 * Every object becomes one `create` at time 0, ordered by the source's
 * resourceVersion (as integers) when every object has one, else in document
 * order; the epoch is the newest time any object carries (managedFields,
 * creation, deletion), the best guess at when the state was taken. The
 * actor is the manager of each object's newest managedFields entry
 * (inferred). A note says where the state came from. A snapshot holds one
 * state, so an object that appears twice is an error (two states mixed).
 *
 * @example
 * const h = importSnapshot(readFileSync('bundle.yaml', 'utf8'), { file: 'bundle.yaml' });
 */
import { LineCounter, parseAllDocuments } from 'yaml';
import type { KubeObject, WriteOrigin } from '../../model/index.js';
import { HistoryBuilder } from './history-builder.js';
import { ImportError } from './import-error.js';
import { importHeader, type ImportedHistory } from './imported-history.js';
import { inferActor } from './managed-fields-actor.js';
import { objectTime } from './watch-import.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

interface Found {
  readonly object: KubeObject;
  readonly line: number;
}

function collect(value: unknown, line: number, file: string, out: Found[], nested: boolean): void {
  if (!isObject(value)) throw new ImportError(file, line, `expected a Kubernetes object, found ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`);
  const kind = value.kind;
  if (typeof kind === 'string' && kind.endsWith('List') && Array.isArray(value.items) && !nested) {
    const listVersion = typeof value.apiVersion === 'string' ? value.apiVersion : undefined;
    const itemKind = kind === 'List' ? undefined : kind.slice(0, -'List'.length);
    for (const item of value.items as unknown[]) {
      // A typed list (PodList) omits each item's apiVersion and kind, as the API sends it.
      const filled = isObject(item) && itemKind !== undefined ? { apiVersion: listVersion, kind: itemKind, ...item } : item;
      collect(filled, line, file, out, true);
    }
    return;
  }
  if ('type' in value && 'object' in value) throw new ImportError(file, line, 'a watch event in a snapshot: import watch streams with --format watch');
  if (kind === 'Event' && value.apiVersion === 'audit.k8s.io/v1') throw new ImportError(file, line, 'an audit event in a snapshot: import audit logs with --format audit');
  if (typeof value.apiVersion !== 'string' || value.apiVersion === '') throw new ImportError(file, line, "an object without 'apiVersion'");
  if (typeof kind !== 'string' || kind === '') throw new ImportError(file, line, "an object without 'kind'");
  const meta = value.metadata;
  if (!isObject(meta) || typeof meta.name !== 'string' || meta.name === '') throw new ImportError(file, line, `a ${kind} without metadata.name`);
  out.push({ object: value as unknown as KubeObject, line });
}

export function importSnapshot(text: string, opts: { file?: string } = {}): ImportedHistory {
  const file = opts.file ?? '<snapshot>';
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { prettyErrors: false, lineCounter });
  const list = Array.isArray(docs) ? docs : [docs];
  const found: Found[] = [];
  for (const doc of list) {
    const err = doc.errors[0];
    if (err !== undefined) {
      const pos = lineCounter.linePos(err.pos[0]);
      throw new ImportError(file, pos.line, `invalid YAML: ${err.message.split('\n')[0] ?? ''}`, pos.col);
    }
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) continue;
    const line = lineCounter.linePos(doc.contents?.range[0] ?? doc.range[0]).line;
    collect(value, line, file, found, false);
  }
  if (found.length === 0) throw new ImportError(file, 1, 'no Kubernetes objects in the input');
  const b = new HistoryBuilder();
  for (const f of found) b.names.learn(f.object);
  const seen = new Map<string, number>();
  for (const f of found) {
    const key = b.names.keyOf(f.object);
    const first = seen.get(key);
    if (first !== undefined) throw new ImportError(file, f.line, `${key} appears twice (first at line ${first}): a snapshot holds one state, not several`);
    seen.set(key, f.line);
  }
  const rvs = found.map((f) => f.object.metadata.resourceVersion);
  const ordered = rvs.every((rv) => rv !== undefined && /^\d+$/.test(rv))
    ? [...found].sort((x, y) => Number(x.object.metadata.resourceVersion) - Number(y.object.metadata.resourceVersion))
    : found;
  const times = found.map((f) => objectTime(f.object)).filter((t): t is number => t !== undefined);
  const epoch = times.length === 0 ? 0 : Math.max(...times);
  b.note('client:chronokube-import', 0, `snapshot: ${found.length} objects from ${file}, one state; how it came to be is not known`);
  for (const f of ordered) {
    const who = inferActor(undefined, f.object);
    const rv = f.object.metadata.resourceVersion;
    const origin: WriteOrigin = { source: 'snapshot', actorFrom: who.actorFrom, ...(rv === undefined ? {} : { resourceVersion: rv }), ...(who.operation === undefined ? {} : { operation: who.operation }) };
    b.observe({ object: f.object, verb: 'create', actor: who.actor, time: 0, origin });
  }
  return { header: importHeader(epoch, 'snapshot', file), records: b.records, stats: { read: found.length, writes: found.length, attempts: 0, skipped: 0, unknownBodies: 0 } };
}
