/**
 * The event search box: `kind:pod name:web-* ns:default actor:replicaset
 * verb:delete l:app=web,tier!=db where:status.phase=Failed free text`.
 * Every term must hold; free words must all appear in the write's actor,
 * verb or key. `l:` (a label selector, Kubernetes syntax) and `where:` (a
 * field path equal to a value) read the object the write produced (or, for
 * a removal, the version it removed), so they cost an object read; the other
 * terms look at the record only. Searches scan a bounded number of records
 * per request and say where they stopped, so a million-write history never
 * blocks the server.
 */
import type { LabelSelectorInternal, WriteRecord } from '../model/index.js';
import { matches, parseKey, parseSelector } from '../model/index.js';
import type { Store } from '../store/index.js';

export interface SearchQuery {
  readonly kind?: string;
  readonly name?: RegExp;
  readonly namespace?: string;
  readonly actor?: string;
  readonly verb?: string;
  readonly labels?: LabelSelectorInternal;
  readonly where?: { readonly path: readonly string[]; readonly value: string };
  readonly words: readonly string[];
}

export class SearchSyntaxError extends Error {}

export function parseSearch(input: string): SearchQuery {
  const q: { -readonly [K in keyof SearchQuery]: SearchQuery[K] } = { words: [] };
  const words: string[] = [];
  for (const token of input.trim().split(/\s+/).filter((t) => t !== '')) {
    const colon = token.indexOf(':');
    const field = colon > 0 ? token.slice(0, colon).toLowerCase() : '';
    const value = colon > 0 ? token.slice(colon + 1) : token;
    switch (field) {
      case 'kind':
        q.kind = value.toLowerCase();
        break;
      case 'name':
        q.name = glob(value);
        break;
      case 'ns':
      case 'namespace':
        q.namespace = value;
        break;
      case 'actor':
        q.actor = value.toLowerCase();
        break;
      case 'verb':
        q.verb = value.toLowerCase();
        break;
      case 'l':
      case 'label':
        try {
          q.labels = parseSelector(value);
        } catch (e) {
          throw new SearchSyntaxError(`bad label selector "${value}": ${e instanceof Error ? e.message : String(e)}`);
        }
        break;
      case 'where': {
        const eq = value.indexOf('=');
        if (eq <= 0) throw new SearchSyntaxError(`where: wants PATH=VALUE, e.g. where:status.phase=Failed`);
        q.where = { path: value.slice(0, eq).split('.'), value: value.slice(eq + 1) };
        break;
      }
      default:
        words.push(token.toLowerCase());
    }
  }
  q.words = words;
  return q;
}

function glob(pattern: string): RegExp {
  const body = pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(pattern.includes('*') ? `^${body}$` : body);
}

/** Whether a Kubernetes resource name (plural) answers to a kind as typed: `pod`, `pods`, `ReplicaSet`, `replicasets`. */
function kindMatches(resource: string, kind: string): boolean {
  return resource === kind || resource === `${kind}s` || resource === `${kind}es` || (kind.endsWith('y') && resource === `${kind.slice(0, -1)}ies`);
}

export function matchesWrite(store: Store, w: WriteRecord, q: SearchQuery): boolean {
  const k = parseKey(w.key);
  if (q.kind !== undefined && !kindMatches(k.resource, q.kind)) return false;
  if (q.namespace !== undefined && k.namespace !== q.namespace) return false;
  if (q.name !== undefined && !q.name.test(k.name)) return false;
  if (q.actor !== undefined && !w.actor.toLowerCase().includes(q.actor)) return false;
  const verb = w.subresource === undefined ? w.verb : `${w.verb}/${w.subresource}`;
  if (q.verb !== undefined && w.verb !== q.verb && verb !== q.verb) return false;
  if (q.words.length > 0) {
    const text = `${w.actor} ${verb} ${w.key}`.toLowerCase();
    if (!q.words.every((word) => text.includes(word))) return false;
  }
  if (q.labels !== undefined || q.where !== undefined) {
    const obj = w.change.op === 'remove' ? store.at(w.prevRev).get(w.key) : store.at(w.rev).get(w.key);
    if (obj === undefined) return false;
    if (q.labels !== undefined && !matches(q.labels, obj.metadata.labels)) return false;
    if (q.where !== undefined) {
      let v: unknown = obj;
      for (const seg of q.where.path) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[seg] : undefined;
      if (v === undefined || String(v) !== q.where.value) return false;
    }
  }
  return true;
}

export interface SearchResult {
  readonly revs: readonly number[];
  /** The last revision looked at: continue from the next one (or the previous one, backwards). */
  readonly scannedTo: number;
  /** Whether the scan reached the end of the history in its direction. */
  readonly done: boolean;
}

/** Matches strictly after (`next`) or before (`prev`) `fromRev`, nearest first, at most `limit`, looking at most at `maxScan` records. */
export function search(store: Store, q: SearchQuery, fromRev: number, dir: 'next' | 'prev', limit = 50, maxScan = 200_000): SearchResult {
  const revs: number[] = [];
  const step = dir === 'next' ? 1 : -1;
  const end = dir === 'next' ? store.rev : store.compactedRev + 1;
  let r = fromRev;
  let scanned = 0;
  while (revs.length < limit && scanned < maxScan && r !== end && (dir === 'next' ? r < end : r > end)) {
    r += step;
    scanned++;
    const w = store.write(r);
    if (w !== undefined && matchesWrite(store, w, q)) revs.push(r);
  }
  return { revs, scannedTo: r, done: dir === 'next' ? r >= end : r <= end };
}
