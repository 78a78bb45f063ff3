/**
 * Records a live Kubernetes cluster into a history file: lists and watches
 * each resource through @kubernetes/client-node (resource-watcher.ts) and
 * writes one write record per observed change.
 *
 * What a recording promises:
 * - Order: changes are written in the source's resourceVersion order across
 *   resources (etcd revisions: compared as integers). Watches of different
 *   resources arrive independently, so each change waits `flushMs` after
 *   its arrival and is written after every waiting change with a lower
 *   resourceVersion; one arriving later than that behind a change already
 *   written is written on arrival (its `origin.resourceVersion` still says
 *   where it belongs).
 * - Revisions: the history's own, gapless; the source's `resourceVersion`
 *   is kept in each write's `origin` (it has gaps: other resources, events
 *   and leases not recorded).
 * - Actors: inferred from managedFields (managed-fields-actor.ts), marked
 *   `origin.actorFrom: 'managed-fields'`, else `client:unknown`.
 * - Gaps are recorded honestly: after a watch expires (410 Gone) or when a
 *   recording resumes into an existing file, a note says which changes were
 *   not observed, and a relist is diffed against what was recorded: the
 *   differences are written as writes marked `origin.resync` (one write may
 *   stand for several unseen changes).
 * - Resources: by default every resource discovery lists, and the custom
 *   resources of CRDs created while recording (from when the CRD is seen).
 * - Restart: recording into an existing file resumes it (its state is read
 *   back, then every resource is relisted and diffed).
 * - Secrets are skipped unless `includeSecrets`, which needs an encryption
 *   key: their data is then sealed in the file (the log's aesgcm encryption
 *   at rest), never written in the clear.
 * - Time: the wall clock (a recording is live), relative to the history's epoch.
 *
 * @example
 * const kc = new KubeConfig(); kc.loadFromDefault();
 * const report = await record({ kubeConfig: kc, namespaces: ['prod'], out: 'incident.ckh', forMs: 600_000 });
 */
import { existsSync } from 'node:fs';
import type { KubeConfig } from '@kubernetes/client-node';
import { openFileLog, type EncryptionKeys, type Log } from '../../log/index.js';
import { HISTORY_FORMAT, HISTORY_FORMAT_VERSION, objectKey, scopePrefix } from '../../model/index.js';
import type { HistoryHeader, KubeObject, WriteOrigin } from '../../model/index.js';
import { sleepOrWake, wallClock, type WallClock } from '../../runtime/index.js';
import { openStore, unstampVersion } from '../../store/index.js';
import { INITIAL_STATE_BOOKMARK } from '../bookmarks.js';
import { HistoryBuilder, type Head } from '../import/history-builder.js';
import { inferActor } from '../import/managed-fields-actor.js';
import { discoverResources, resourceName, type RecordedResource } from './discover-resources.js';
import { ResourceWatcher, type WatchOutput } from './resource-watcher.js';

export const RECORDER_ACTOR = 'client:chronokube-record';

export interface RecordOptions {
  readonly kubeConfig: KubeConfig;
  /** Record namespaced resources only in these namespaces (cluster-scoped ones are always recorded). */
  readonly namespaces?: readonly string[];
  /** Resources to record (`pods`, `deployments.apps`, `Deployment`, `deploy`); default: everything listable and watchable but events and leases. */
  readonly kinds?: readonly string[];
  readonly out: string;
  /** Stop after this long (default: until `signal` aborts). */
  readonly forMs?: number;
  readonly signal?: AbortSignal;
  /** Record Secrets too; needs `encryption` with an aesgcm key, so their data is sealed in the file. */
  readonly includeSecrets?: boolean;
  /** The EncryptionConfiguration keys the history is written with (`parseEncryptionConfig`); needed to resume an encrypted recording. */
  readonly encryption?: EncryptionKeys;
  /** How long each change waits to be sorted with other resources' changes (default 250 ms). */
  readonly flushMs?: number;
  /** Hears reconnects, expiries and relists. */
  readonly onWarning?: (message: string) => void;
  /** Told after each batch is durable (writes so far). */
  readonly onProgress?: (writes: number) => void;
  /** Told once every resource has been listed and is being watched (the recording is live). */
  readonly onReady?: (resources: readonly string[]) => void;
}

export interface RecordReport {
  readonly out: string;
  readonly resumed: boolean;
  readonly resources: readonly string[];
  /** Writes appended by this run. */
  readonly writes: number;
  /** Gaps noted (expired watches, the resume). */
  readonly gaps: number;
}

interface Pending {
  readonly rv: number;
  readonly seq: number;
  /** Wall-clock arrival (ms on the history's clock). */
  readonly at: number;
  readonly out: WatchOutput;
}

const rvNumber = (rv: string | undefined): number => (rv !== undefined && /^\d+$/.test(rv) ? Number(rv) : Number.MAX_SAFE_INTEGER);

function keyOf(r: RecordedResource, o: KubeObject): string {
  return objectKey({ group: r.group, resource: r.resource, namespace: r.namespaced ? (o.metadata.namespace ?? '') : '', name: o.metadata.name ?? '' });
}

async function openHistory(out: string, kc: KubeConfig, encryption: EncryptionKeys | undefined): Promise<{ log: Log; builder: HistoryBuilder; resumed: boolean; lastRv: number }> {
  const resumed = existsSync(out);
  const header: HistoryHeader = {
    format: HISTORY_FORMAT,
    version: HISTORY_FORMAT_VERSION,
    epoch: wallClock().epoch,
    clock: 'wall',
    meta: { recordedBy: 'chronokube record', server: kc.getCurrentCluster()?.server ?? '', context: kc.getCurrentContext() },
  };
  const log = await openFileLog(out, { mode: 'write', header, onWarning: () => undefined, ...(encryption === undefined ? {} : { encryption }) });
  if (!resumed) return { log, builder: new HistoryBuilder(), resumed, lastRv: 0 };
  const store = await openStore(log);
  const heads = new Map<string, Head>();
  const view = store.head();
  for (const key of view.keys()) {
    const object = view.get(key);
    const rev = store.latestRev(key);
    const rv = store.write(rev)?.origin?.resourceVersion;
    if (object !== undefined) heads.set(key, { rev, object: unstampVersion(object), ...(rv === undefined ? {} : { sourceRv: rv }) });
  }
  let lastRv = 0;
  for (const w of store.writes({})) {
    const rv = rvNumber(w.origin?.resourceVersion);
    if (rv !== Number.MAX_SAFE_INTEGER && rv > lastRv) lastRv = rv;
  }
  return { log, builder: new HistoryBuilder({ headRev: log.headRev(), heads }), resumed, lastRv };
}

export async function record(opts: RecordOptions): Promise<RecordReport> {
  if (opts.includeSecrets === true && opts.encryption?.write === undefined) {
    throw new Error('recording Secrets needs them encrypted at rest: pass an EncryptionConfiguration whose first provider is aesgcm (--encryption-config), or record without --include-secrets');
  }
  const warn = opts.onWarning ?? (() => undefined);
  const kc = opts.kubeConfig;
  const resources = await discoverResources(kc, { ...(opts.kinds === undefined ? {} : { kinds: opts.kinds }), includeSecrets: opts.includeSecrets === true });
  const { log, builder, resumed, lastRv } = await openHistory(opts.out, kc, opts.encryption);
  const clock: WallClock = wallClock(log.header.epoch);
  const flushMs = opts.flushMs ?? 250;
  const namespaces = opts.namespaces === undefined || opts.namespaces.length === 0 ? undefined : [...opts.namespaces].sort();
  let pending: Pending[] = [];
  let seq = 0;
  let writes = 0;
  let gaps = 0;
  const sink = (out: WatchOutput): void => {
    const rv = out.type === 'list' ? out.listRv : out.object.metadata.resourceVersion;
    pending.push({ rv: rvNumber(rv), seq: seq++, at: clock.now(), out });
  };

  const scopeKeys = (r: RecordedResource, namespace: string | undefined): string[] => {
    const prefix = scopePrefix({ group: r.group, resource: r.resource, ...(namespace === undefined ? {} : { namespace }) });
    return builder.keys().filter((k) => k.startsWith(prefix));
  };

  const watchers: ResourceWatcher[] = [];
  const watched = new Set(resources.map(resourceName));
  /** Resources first watched during the recording (custom resources of CRDs created meanwhile): their first list is their initial state. */
  const late = new Set<string>();
  const watch = (r: RecordedResource): ResourceWatcher[] => {
    const added = (r.namespaced && namespaces !== undefined ? namespaces : [undefined]).map((ns) => new ResourceWatcher(kc, r, ns, sink, warn));
    watchers.push(...added);
    return added;
  };
  /** With the default choice of resources, a CRD created while recording gets its custom resources watched too. */
  const watchCustom = (crd: KubeObject): void => {
    if (opts.kinds !== undefined || crd.metadata.deletionTimestamp !== undefined) return;
    const r = customResourceOf(crd);
    if (r === undefined || watched.has(resourceName(r))) return;
    watched.add(resourceName(r));
    late.add(resourceName(r));
    warn(`${resourceName(r)}: a new CustomResourceDefinition; recording its objects from now on`);
    for (const w of watch(r)) void w.start();
  };

  const apply = (out: WatchOutput, time: number): void => {
    const r = out.resource;
    if (r.group === 'apiextensions.k8s.io' && r.resource === 'customresourcedefinitions') {
      if (out.type === 'event' && out.event !== 'DELETED') watchCustom(out.object);
      if (out.type === 'list') out.items.forEach(watchCustom);
    }
    if (out.type === 'event') {
      const key = keyOf(r, out.object);
      const rv = out.object.metadata.resourceVersion;
      const base = { source: 'record' as const, ...(rv === undefined ? {} : { resourceVersion: rv }) };
      if (out.event === 'DELETED') {
        builder.observe({ key, verb: 'delete', actor: 'client:unknown', time, origin: { ...base, actorFrom: 'unknown' } });
        return;
      }
      const prev = builder.head(key);
      const who = inferActor(prev?.object, out.object);
      const origin: WriteOrigin = { ...base, actorFrom: who.actorFrom, ...(who.operation === undefined ? {} : { operation: who.operation }) };
      builder.observe({ key, object: out.object, verb: prev === undefined ? 'create' : 'update', actor: who.actor, time, origin });
      return;
    }
    // A list: the first of a fresh recording is the initial state; any other re-synchronises after a gap.
    const keys = scopeKeys(r, out.namespace);
    const resync = out.fromRv !== undefined || (resumed && !late.has(resourceName(r)));
    if (resync) {
      gaps++;
      const from = out.fromRv ?? String(lastRv);
      const why = out.fromRv !== undefined ? 'the watch expired (410 Gone)' : 'the recorder was not running';
      builder.note(RECORDER_ACTOR, time, `gap: changes to ${resourceName(r)}${out.namespace === undefined ? '' : ` in ${out.namespace}`} between resourceVersion ${from} and ${out.listRv} were not observed (${why}); state re-synchronised by relist`);
    }
    const listed = new Set<string>();
    const items = [...out.items].sort((a, b) => rvNumber(a.metadata.resourceVersion) - rvNumber(b.metadata.resourceVersion));
    for (const item of items) {
      const key = keyOf(r, item);
      listed.add(key);
      const prev = builder.head(key);
      const who = inferActor(prev?.object, item);
      const rv = item.metadata.resourceVersion;
      const origin: WriteOrigin = { source: 'record', actorFrom: who.actorFrom, ...(rv === undefined ? {} : { resourceVersion: rv }), ...(who.operation === undefined ? {} : { operation: who.operation }), ...(resync ? { resync: true } : {}) };
      builder.observe({ key, object: item, verb: prev === undefined ? 'create' : 'update', actor: who.actor, time, origin });
    }
    for (const key of keys) {
      if (!listed.has(key)) builder.observe({ key, verb: 'delete', actor: 'client:unknown', time, origin: { source: 'record', actorFrom: 'unknown', resourceVersion: out.listRv, resync: true } });
    }
  };

  /** Writes what has waited `flushMs` (all of it when `all`), in resourceVersion order; a younger change holds back every later one. */
  const flush = async (all = false): Promise<void> => {
    if (pending.length === 0) return;
    const time = clock.now();
    const sorted = pending.sort((a, b) => a.rv - b.rv || a.seq - b.seq);
    let n = 0;
    while (n < sorted.length && (all || (sorted[n] as Pending).at <= time - flushMs)) n++;
    const batch = sorted.slice(0, n);
    pending = sorted.slice(n);
    for (const p of batch) apply(p.out, time);
    const records = builder.take();
    if (records.length === 0) return;
    // One atomic batch per flush: one frame, one fsync.
    const stored = await log.append(records.map((rec) => (rec.type === 'write' ? (({ rev: _r, ...rest }) => rest)(rec) : (({ atRev: _a, ...rest }) => rest)(rec as typeof rec & { atRev: number }))));
    const last = records.at(-1);
    const lastStored = stored.at(-1);
    if (last?.type === 'write' && lastStored?.type === 'write' && lastStored.rev !== last.rev) {
      throw new Error(`${opts.out}: another writer appended to the history (expected revision ${last.rev}, got ${lastStored.rev})`);
    }
    writes += records.filter((x) => x.type === 'write').length;
    opts.onProgress?.(writes);
  };

  for (const r of resources) watch(r);
  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((res) => (stop = res));
  const onAbort = (): void => stop();
  opts.signal?.addEventListener('abort', onAbort);
  if (opts.signal?.aborted === true) stop();
  let done = false;
  void stopped.then(() => (done = true));
  try {
    if (!resumed) builder.note(RECORDER_ACTOR, clock.now(), `recording ${kc.getCurrentCluster()?.server ?? ''}: ${resources.map(resourceName).join(', ')}${namespaces === undefined ? '' : ` (namespaces ${namespaces.join(', ')})`}`);
    await Promise.all([...watchers].map((w) => w.start()));
    await flush(true);
    // Where the listed state ends and observed changes begin: a re-simulation starts here.
    if (!resumed) builder.bookmark(RECORDER_ACTOR, clock.now(), INITIAL_STATE_BOOKMARK);
    if (!done) opts.onReady?.(resources.map(resourceName));
    const until = opts.forMs === undefined ? undefined : clock.now() + opts.forMs;
    while (!done) {
      await flush();
      const left = until === undefined ? flushMs : Math.min(flushMs, until - clock.now());
      if (left <= 0) break;
      await sleepOrWake(left, stopped);
    }
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    await Promise.all(watchers.map((w) => w.stop()));
    try {
      await flush(true);
    } finally {
      await log.close();
    }
  }
  return { out: opts.out, resumed, resources: [...watched].sort(), writes, gaps };
}

/** The resource a CustomResourceDefinition serves (its storage version, else its first served one), unless it says it is not established. */
function customResourceOf(crd: KubeObject): RecordedResource | undefined {
  const c = crd as KubeObject & {
    spec?: { group?: unknown; scope?: unknown; names?: { plural?: unknown; kind?: unknown; shortNames?: unknown }; versions?: { name?: unknown; served?: unknown; storage?: unknown }[] };
    status?: { conditions?: { type?: unknown; status?: unknown }[] };
  };
  const established = c.status?.conditions?.find((x) => x.type === 'Established');
  if (established !== undefined && established.status !== 'True') return undefined;
  const { group, names, versions } = c.spec ?? {};
  const served = (versions ?? []).filter((v) => v.served !== false && typeof v.name === 'string');
  const version = (served.find((v) => v.storage === true) ?? served[0])?.name;
  if (typeof group !== 'string' || typeof names?.plural !== 'string' || typeof names.kind !== 'string' || typeof version !== 'string') return undefined;
  const shortNames = Array.isArray(names.shortNames) ? names.shortNames.filter((x): x is string => typeof x === 'string') : [];
  return { group, version, resource: names.plural, kind: names.kind, namespaced: c.spec?.scope !== 'Cluster', shortNames };
}
