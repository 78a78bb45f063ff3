/**
 * Which writes a cursor stops at: a filter over the write (kind, namespace,
 * name, label selector, actor, verb, free text, a predicate over the
 * object's state such as `status.phase=Failed`), and the noise hidden by
 * default — node heartbeats and lease renewals, writes that change only
 * `managedFields` or `resourceVersion`, and writes that change nothing.
 */
import jsonPatch from 'fast-json-patch';
import type { JsonPatch, KubeObject, WriteRecord } from '../model/index.js';
import { matches, parseKey, parseSelector } from '../model/index.js';

export interface WriteFilter {
  /** The object's kind (`Pod`) or resource (`pods`, `deployments.apps`), case-insensitive. */
  readonly kind?: string;
  readonly namespace?: string;
  readonly name?: string;
  /** An exact object key. */
  readonly key?: string;
  /** A label selector the object (after the write, or before a removal) must match. */
  readonly labels?: string;
  /** `controller:replicaset`; a trailing `*` matches a prefix (`node:*`). */
  readonly actor?: string;
  /** `delete`, or with a subresource `update/status`. */
  readonly verb?: string;
  /** Case-insensitive text anywhere in the write record (key, actor, the change). */
  readonly text?: string;
  /** `PATH=VALUE`, `PATH!=VALUE`, comma-separated (all must hold), over the object after the write: `status.phase=Failed`. */
  readonly state?: string;
}

/** The noise hidden by default; set a flag to `false` to see those writes. */
export interface NoiseOptions {
  /** Node Lease renewals, leader-election lease renewals, and node status posts that move only heartbeat times. */
  readonly heartbeats?: boolean;
  /** Writes that change only `metadata.managedFields` or `metadata.resourceVersion`. */
  readonly metadataOnly?: boolean;
  /** Writes that change nothing. */
  readonly noOps?: boolean;
}

/** What a filter may read besides the record: the object before and after it. */
export interface WriteContext {
  readonly before: KubeObject | undefined;
  readonly after: KubeObject | undefined;
}

type Test = { readonly path: string[]; readonly negate: boolean; readonly value: string };

function parseState(s: string): Test[] {
  return s.split(',').map((part) => {
    const m = /^\s*([^!=\s]+)\s*(!=|==|=)\s*(.*?)\s*$/.exec(part);
    if (m === null) throw new Error(`a state predicate reads PATH=VALUE or PATH!=VALUE, got "${part}"`);
    return { path: (m[1] ?? '').split('.'), negate: m[2] === '!=', value: m[3] ?? '' };
  });
}

function valueAt(o: unknown, path: readonly string[]): string | undefined {
  let cur: unknown = o;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur === undefined || cur === null ? undefined : typeof cur === 'object' ? JSON.stringify(cur) : String(cur as string | number | boolean);
}

function actorMatches(pattern: string, actor: string): boolean {
  return pattern.endsWith('*') ? actor.startsWith(pattern.slice(0, -1)) : actor === pattern;
}

function kindMatches(kind: string, w: WriteRecord, o: KubeObject | undefined): boolean {
  const k = parseKey(w.key);
  const want = kind.toLowerCase();
  const full = k.group === '' ? k.resource : `${k.resource}.${k.group}`;
  return want === k.resource || want === full || (o !== undefined && o.kind.toLowerCase() === want);
}

/** Whether the filter needs the objects (label selector, state predicate, kind by name). */
export function needsObjects(f: WriteFilter): boolean {
  return f.labels !== undefined || f.state !== undefined || f.kind !== undefined;
}

/** Compiles a filter once; errors in the selector or predicate are thrown here. */
export function compileFilter(f: WriteFilter): (w: WriteRecord, ctx: () => WriteContext) => boolean {
  const selector = f.labels === undefined ? undefined : parseSelector(f.labels);
  const tests = f.state === undefined ? undefined : parseState(f.state);
  const text = f.text?.toLowerCase();
  return (w, ctx) => {
    if (f.key !== undefined && w.key !== f.key) return false;
    if (f.actor !== undefined && !actorMatches(f.actor, w.actor)) return false;
    if (f.verb !== undefined && f.verb !== w.verb && f.verb !== `${w.verb}/${w.subresource ?? ''}`) return false;
    if (f.namespace !== undefined || f.name !== undefined) {
      const k = parseKey(w.key);
      if (f.namespace !== undefined && k.namespace !== f.namespace) return false;
      if (f.name !== undefined && k.name !== f.name) return false;
    }
    if (text !== undefined && !JSON.stringify(w).toLowerCase().includes(text)) return false;
    if (!needsObjects(f)) return true;
    const { before, after } = ctx();
    const obj = after ?? before;
    if (f.kind !== undefined && !kindMatches(f.kind, w, obj)) return false;
    if (selector !== undefined && (obj === undefined || !matches(selector, obj.metadata.labels ?? {}))) return false;
    if (tests !== undefined && !tests.every((t) => (valueAt(after, t.path) === t.value) !== t.negate)) return false;
    return true;
  };
}

const HEARTBEAT_FIELD = /^\/status\/conditions\/\d+\/lastHeartbeatTime$/;
const META_ONLY = /^\/metadata\/(managedFields|resourceVersion)(\/|$)/;

function changeOf(w: WriteRecord, ctx: () => WriteContext): JsonPatch | undefined {
  if (w.change.op === 'patch') return w.change.patch;
  if (w.change.op === 'remove' || w.verb === 'create') return undefined;
  const { before, after } = ctx();
  return before === undefined || after === undefined ? undefined : jsonPatch.compare(before, after);
}

/** Whether a write is noise under `opts` (every kind hidden unless set to false). */
export function isNoise(w: WriteRecord, ctx: () => WriteContext, opts: NoiseOptions = {}): boolean {
  const heartbeats = opts.heartbeats !== false;
  if (heartbeats && w.key.startsWith('coordination.k8s.io/leases/kube-node-lease/') && w.verb !== 'create' && w.verb !== 'delete') return true;
  const needsChange = heartbeats || opts.metadataOnly !== false || opts.noOps !== false;
  if (!needsChange || w.change.op === 'remove' || w.verb === 'create' || w.verb === 'delete') return false;
  const patch = changeOf(w, ctx);
  if (patch === undefined) return false;
  const real = patch.filter((op) => !META_ONLY.test(op.path));
  if (patch.length === 0) return opts.noOps !== false;
  if (real.length === 0) return opts.metadataOnly !== false;
  if (!heartbeats) return false;
  if (w.key.startsWith('coordination.k8s.io/leases/')) return real.every((op) => op.path === '/spec/renewTime');
  if (w.key.startsWith('core/nodes/') && w.subresource === 'status') return real.every((op) => HEARTBEAT_FIELD.test(op.path));
  return false;
}
