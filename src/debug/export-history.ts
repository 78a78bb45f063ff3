/**
 * Export a slice of a history — a revision range and some namespaces — to a
 * new, self-contained history.
 *
 * The new history starts with the state at `fromRev` as one `create` per
 * object (actor `client:chronokube-export`, at that revision's time), then
 * the kept records up to `toRev`. Revisions are renumbered to stay gapless;
 * every reference to a revision (`prevRev`, `cause`, `observedRev`,
 * reconcile `viewRev`/`wokenBy`, bookmark and note revisions) is mapped to
 * the new numbers: a cause that is an object's version at `fromRev` becomes
 * its base write; other causes before the slice or outside it are dropped
 * (`why` then ends there). The header's meta records the original revision range.
 *
 * Namespaced objects are kept only in `namespaces` (all when absent);
 * cluster-scoped objects (Nodes, ...) are kept, Namespace objects only for
 * the kept namespaces. Secrets' values are redacted unless `includeSecrets`.
 */
import type { Log } from '../log/index.js';
import type { Command, HistoryRecord, KubeObject, PendingRecord, WriteRecord } from '../model/index.js';
import { parseKey } from '../model/index.js';
import type { Store } from '../store/index.js';
import { redactCommand, redactSecret, redactSecretPatch } from './redact-secrets.js';

export const EXPORT_ACTOR = 'client:chronokube-export';

export interface ExportOptions {
  readonly store: Store;
  /** Every record of the history, in log order. */
  readonly records: AsyncIterable<HistoryRecord> | Iterable<HistoryRecord>;
  /** The empty log to write to. */
  readonly log: Log;
  /** First revision whose state is kept (default: the oldest kept). */
  readonly fromRev?: number;
  /** Last revision kept (default: head). */
  readonly toRev?: number;
  readonly namespaces?: readonly string[];
  readonly includeSecrets?: boolean;
}

export interface ExportReport {
  readonly fromRev: number;
  readonly toRev: number;
  /** Writes in the new history (the base objects included). */
  readonly writes: number;
  readonly baseObjects: number;
  /** Other records kept. */
  readonly others: number;
  readonly redactedSecrets: number;
}

export async function exportHistory(opts: ExportOptions): Promise<ExportReport> {
  const { store, log } = opts;
  const fromRev = opts.fromRev ?? store.compactedRev;
  const toRev = opts.toRev ?? store.rev;
  if (fromRev < store.compactedRev || toRev > store.rev || fromRev > toRev) throw new Error(`cannot export revisions ${fromRev}..${toRev}: this history keeps ${store.compactedRev}..${store.rev}`);
  if (log.headRev() !== 0) throw new Error('the export log must be empty');
  const nsSet = opts.namespaces === undefined || opts.namespaces.length === 0 ? undefined : new Set(opts.namespaces);
  const keepKey = (key: string): boolean => {
    if (nsSet === undefined) return true;
    const k = parseKey(key);
    if (k.group === '' && k.resource === 'namespaces') return nsSet.has(k.name);
    return k.namespace === '' || nsSet.has(k.namespace);
  };
  const keepNs = (ns: string | undefined): boolean => nsSet === undefined || ns === undefined || ns === '' || nsSet.has(ns);
  const redact = opts.includeSecrets !== true;
  let redactedSecrets = 0;
  const object = (o: KubeObject): KubeObject => {
    if (!redact || o.kind !== 'Secret') return o;
    redactedSecrets++;
    return redactSecret(o);
  };
  const command = (c: Command): Command => (redact ? redactCommand(c) : c);

  // Old revision → new; `latest` maps any old revision to the newest kept one at or before it.
  const newRev = new Map<number, number>();
  const keptOld: number[] = [];
  const lastOfKey = new Map<string, number>();
  const latest = (old: number): number => {
    let lo = 0;
    let hi = keptOld.length - 1;
    let found = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const o = keptOld[mid] ?? 0;
      if (o <= old) {
        found = newRev.get(o) ?? 0;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
  const mapRevs = (revs: readonly number[]): number[] => revs.flatMap((r) => (newRev.has(r) ? [newRev.get(r) ?? 0] : []));

  let batch: PendingRecord[] = [];
  let next = 0;
  const flush = async (): Promise<void> => {
    if (batch.length > 0) await log.append(batch);
    batch = [];
  };
  const push = async (r: PendingRecord): Promise<void> => {
    batch.push(r);
    if (batch.length >= 2000) await flush();
  };

  // The base: the state at fromRev, one create per kept object.
  const base = store.at(fromRev);
  const baseTime = fromRev === 0 ? 0 : (store.write(fromRev)?.time ?? 0);
  let baseObjects = 0;
  for (const key of base.keys()) {
    if (!keepKey(key)) continue;
    const o = base.get(key);
    if (o === undefined) continue;
    const { resourceVersion: _rv, ...metadata } = o.metadata;
    next++;
    baseObjects++;
    const old = base.versionRev(key);
    newRev.set(old, next);
    lastOfKey.set(key, next);
    await push({ type: 'write', time: baseTime, actor: EXPORT_ACTOR, cause: [], observedRev: 0, verb: 'create', key, prevRev: 0, change: { op: 'put', object: object({ ...o, metadata }) } });
  }
  keptOld.push(...[...newRev.keys()].sort((a, b) => a - b));

  let others = 0;
  for await (const r of opts.records) {
    if (r.type === 'write') {
      if (r.rev <= fromRev) continue;
      if (r.rev > toRev) break;
      if (!keepKey(r.key)) continue;
      next++;
      newRev.set(r.rev, next);
      keptOld.push(r.rev);
      const prev = lastOfKey.get(r.key) ?? 0;
      lastOfKey.set(r.key, next);
      const { rev: _rev, ...rest } = r;
      await push({ ...rest, prevRev: prev, cause: mapRevs(r.cause), observedRev: latest(r.observedRev), change: change(r, redact) });
      continue;
    }
    if (r.atRev < fromRev || r.atRev > toRev) continue;
    const kept = other(r, keepKey, keepNs, mapRevs, latest, command);
    if (kept === undefined) continue;
    others++;
    await push(kept);
  }
  await flush();
  return { fromRev, toRev, writes: next, baseObjects, others, redactedSecrets };
}

function change(w: WriteRecord, redact: boolean): WriteRecord['change'] {
  if (!redact || !w.key.startsWith('core/secrets/')) return w.change;
  if (w.change.op === 'put') return { op: 'put', object: redactSecret(w.change.object) };
  if (w.change.op === 'patch') return { op: 'patch', patch: redactSecretPatch(w.change.patch) };
  return w.change;
}

function commandNamespace(c: Command): string | undefined {
  return c.type === 'patch' || c.type === 'delete' ? c.ref.namespace : c.object.metadata.namespace;
}

/** A non-write record as kept in the export (revisions mapped), or undefined when it concerns only dropped objects. */
function other(
  r: Exclude<HistoryRecord, WriteRecord>,
  keepKey: (k: string) => boolean,
  keepNs: (ns: string | undefined) => boolean,
  mapRevs: (revs: readonly number[]) => number[],
  latest: (old: number) => number,
  command: (c: Command) => Command,
): PendingRecord | undefined {
  switch (r.type) {
    case 'reconcile': {
      if (!keepKey(r.key)) return undefined;
      const { atRev: _a, ...rest } = r;
      return { ...rest, wokenBy: mapRevs(r.wokenBy), viewRev: latest(r.viewRev), commands: r.commands.filter((c) => keepNs(commandNamespace(c))).map(command) };
    }
    case 'attempt': {
      if (!keepNs(commandNamespace(r.command))) return undefined;
      const { atRev: _a, ...rest } = r;
      return { ...rest, cause: mapRevs(r.cause), observedRev: latest(r.observedRev), command: command(r.command) };
    }
    case 'fault':
    case 'perturbation': {
      const { atRev: _a, ...rest } = r;
      return rest;
    }
    case 'annotation': {
      const { atRev: _a, ...rest } = r;
      const a = r.annotation;
      if (a.kind === 'note') return { ...rest, annotation: a.rev === undefined ? a : { ...a, rev: latest(a.rev) } };
      return { ...rest, annotation: { ...a, rev: latest(a.rev) } };
    }
  }
}
