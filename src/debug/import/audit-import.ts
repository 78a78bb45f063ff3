/**
 * Imports a Kubernetes audit log: `audit.k8s.io/v1` `Event` objects, one
 * JSON object per line (kube-apiserver's `--audit-log-path` format).
 *
 * Only `ResponseComplete` events count (`RequestReceived` and
 * `ResponseStarted` are earlier stages of the same request; `Panic` is a
 * request that failed with 500). Reads, non-resource requests and other
 * verbs are skipped. Each successful mutating request (create, update,
 * patch, delete, deletecollection) becomes one write, at its
 * `stageTimestamp`, by the request's user (audit-actor.ts), in file order.
 * A request answered with a code ≥ 400 becomes an attempt (with the
 * response Status): it changed nothing.
 *
 * What the object became depends on the level:
 * - `RequestResponse`: `responseObject` is the stored object; a delete
 *   answered with a Status removed it, one answered with the object left it
 *   terminating (finalizers, a pod's grace period).
 * - `Request`: `requestObject` is what the client sent, before defaulting
 *   and admission: a create or update stores it; a patch body is applied to
 *   the version the import already knows (a JSON Patch array as RFC 6902,
 *   an object as a merge patch — strategic list merging is approximated).
 * - `Metadata`: no body. The write is recorded honestly as a body-less
 *   change (`origin.bodyUnknown`): an empty patch to the known version, or a
 *   stub holding only the names when the object was never seen. A delete
 *   removes the object unless the known version has finalizers or is a pod:
 *   those start terminating (a body-less write), and the next delete of the
 *   same object (the kubelet's, with grace 0) removes it.
 *
 * @example
 * const h = importAudit(readFileSync('audit.log', 'utf8'), { file: 'audit.log' });
 * h.stats // { read: 120, writes: 31, attempts: 2, skipped: 87, unknownBodies: 4 }
 */
import type { Command, KubeObject, Status, StatusReason, WriteOrigin, WriteVerb } from '../../model/index.js';
import { matches, objectKey, parseSelector, scopePrefix, statusOf } from '../../model/index.js';
import { auditActor, type AuditUser } from './audit-actor.js';
import { HistoryBuilder } from './history-builder.js';
import { ImportError, parseTimestamp } from './import-error.js';
import { importHeader, type ImportedHistory } from './imported-history.js';
import { applyRequestPatch } from './request-patch.js';
import { parseJsonLine } from './json-lines.js';

interface ObjectRef {
  readonly resource?: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly apiGroup?: string;
  readonly apiVersion?: string;
  readonly subresource?: string;
  readonly uid?: string;
}

interface AuditEvent {
  readonly kind?: unknown;
  readonly apiVersion?: unknown;
  readonly level?: unknown;
  readonly auditID?: unknown;
  readonly stage?: unknown;
  readonly requestURI?: unknown;
  readonly verb?: unknown;
  readonly user?: AuditUser;
  readonly impersonatedUser?: AuditUser;
  readonly objectRef?: ObjectRef;
  readonly responseStatus?: { code?: unknown; reason?: unknown; message?: unknown };
  readonly requestObject?: unknown;
  readonly responseObject?: unknown;
  readonly requestReceivedTimestamp?: unknown;
  readonly stageTimestamp?: unknown;
}

const MUTATING: ReadonlySet<string> = new Set(['create', 'update', 'patch', 'delete', 'deletecollection']);
const LEVELS: ReadonlySet<string> = new Set(['Metadata', 'Request', 'RequestResponse']);
const STAGES: ReadonlySet<string> = new Set(['RequestReceived', 'ResponseStarted', 'ResponseComplete', 'Panic']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isKubeObject = (v: unknown): v is KubeObject =>
  isObject(v) && typeof v.kind === 'string' && v.kind !== 'Status' && typeof v.apiVersion === 'string' && isObject(v.metadata);

export function importAudit(text: string, opts: { file?: string } = {}): ImportedHistory {
  const file = opts.file ?? '<audit>';
  const b = new HistoryBuilder();
  let epoch: number | undefined;
  let read = 0;
  let skipped = 0;
  let attempts = 0;
  let unknownBodies = 0;
  const terminating = new Set<string>();
  const lines = text.split('\n');
  const endsComplete = text.endsWith('\n');
  let lastLine = lines.length - 1;
  while (lastLine > 0 && (lines[lastLine] as string).trim() === '') lastLine--;
  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    const line = raw.trim();
    if (line === '') return;
    read++;
    const ev = parseJsonLine(line, raw, file, lineNo, i === lastLine && !endsComplete, 'an audit event') as AuditEvent;
    checkEvent(ev, file, lineNo);
    if (ev.stage !== 'ResponseComplete' && ev.stage !== 'Panic') return void skipped++;
    const verb = ev.verb as string;
    const ref = ev.objectRef;
    if (!MUTATING.has(verb) || ref === undefined) return void skipped++;
    if (typeof ref.resource !== 'string' || ref.resource === '') throw new ImportError(file, lineNo, 'a mutating audit event whose objectRef has no resource');
    const at = ev.stageTimestamp === undefined ? parseTimestamp(ev.requestReceivedTimestamp) : parseTimestamp(ev.stageTimestamp);
    if (at === undefined) throw new ImportError(file, lineNo, `stageTimestamp ${JSON.stringify(ev.stageTimestamp ?? null)} is not an RFC 3339 time`);
    epoch ??= at;
    const time = Math.max(0, at - epoch);
    const actor = auditActor(ev.user, ev.impersonatedUser);
    const code = ev.stage === 'Panic' ? 500 : typeof ev.responseStatus?.code === 'number' ? ev.responseStatus.code : 200;
    const origin: WriteOrigin = { source: 'audit', actorFrom: 'audit', ...(typeof ev.auditID === 'string' ? { auditID: ev.auditID } : {}) };
    const group = ref.apiGroup ?? '';
    const name = b.names.byResource(group, ref.resource, ref.apiVersion);
    const apiVersion = group === '' ? (ref.apiVersion ?? 'v1') : `${group}/${ref.apiVersion ?? name?.version ?? 'v1'}`;
    const kind = name?.kind ?? kindGuess(ref.resource);
    const namespace = name?.namespaced === false ? '' : (ref.namespace ?? '');
    // A create from generateName may log no name in its objectRef; its response (or request) may.
    const bodyName = (v: unknown): string | undefined => (isKubeObject(v) && typeof v.metadata.name === 'string' && v.metadata.name !== '' ? v.metadata.name : undefined);
    const objName = ref.name !== undefined && ref.name !== '' ? ref.name : (bodyName(ev.responseObject) ?? bodyName(ev.requestObject));
    const key = objName === undefined ? undefined : objectKey({ group, resource: ref.resource, namespace, name: objName });
    const stub = (): KubeObject => ({ apiVersion, kind, metadata: { name: objName ?? '', ...(namespace === '' ? {} : { namespace }), ...(ref.uid === undefined ? {} : { uid: ref.uid }) } });

    if (code >= 400) {
      attempts++;
      b.attempt({ actor, time, origin, command: commandOf(verb, ev, stub()), status: statusFrom(ev, code) });
      return;
    }
    const sub = ref.subresource === undefined || ref.subresource === '' ? {} : { subresource: ref.subresource };
    const response = isKubeObject(ev.responseObject) ? ev.responseObject : undefined;
    const request = isKubeObject(ev.requestObject) ? ev.requestObject : undefined;
    const prev = key === undefined ? undefined : b.head(key)?.object;
    const wverb = verb as WriteVerb;
    const write = (object: KubeObject | undefined, extra: { unchanged?: boolean; bodyUnknown?: boolean } = {}): void => {
      if (extra.bodyUnknown === true) unknownBodies++;
      const o = extra.bodyUnknown === true ? { ...origin, bodyUnknown: true } : origin;
      const rv = object?.metadata.resourceVersion;
      const withRv = rv === undefined ? o : { ...o, resourceVersion: rv };
      b.observe({ ...(object === undefined ? {} : { object }), ...(key === undefined ? {} : { key }), verb: wverb, ...sub, actor, time, origin: withRv, ...(extra.unchanged === true ? { unchanged: true } : {}) });
    };
    if (key === undefined && verb !== 'deletecollection') {
      // Nothing names the object (a Metadata-level create from generateName): say so in the history rather than guess.
      skipped++;
      b.note('client:chronokube-import', time, `unknown object: a successful ${verb} of ${ref.resource}${namespace === '' ? '' : ` in ${namespace}`} by ${actor} (audit ${String(ev.auditID ?? '?')}) names no object; not applied`);
      return;
    }

    switch (verb) {
      case 'create':
      case 'update':
      case 'patch': {
        // A subresource's answer may be another kind (a Binding's Status, an Eviction): only the parent object counts.
        const sameKind = (o: KubeObject | undefined): KubeObject | undefined => (o !== undefined && o.kind === kind ? o : undefined);
        const body = sameKind(response) ?? (verb === 'patch' ? undefined : sub.subresource === undefined || sub.subresource === 'status' ? sameKind(request) : undefined);
        if (body !== undefined) return write(body);
        if (verb === 'patch' && prev !== undefined && ev.requestObject !== undefined && ev.level !== 'Metadata') {
          const patched = applyRequestPatch(prev, ev.requestObject);
          if (patched !== undefined) return write(patched);
        }
        if (sub.subresource === 'binding' && prev !== undefined && isObject(ev.requestObject)) {
          const target = (ev.requestObject as { target?: { name?: unknown } }).target?.name;
          if (typeof target === 'string') return write({ ...prev, spec: { ...(prev as { spec?: object }).spec, nodeName: target } } as KubeObject);
        }
        if (prev !== undefined) return write(undefined, { unchanged: true, bodyUnknown: true });
        return write(stub(), { bodyUnknown: true });
      }
      case 'delete': {
        if (response !== undefined && response.kind === kind) return write(response);
        const statusAnswer = isObject(ev.responseObject) && ev.responseObject.kind === 'Status';
        if (statusAnswer || prev === undefined) return write(undefined);
        // Without the answer, a delete of an object with finalizers, or of a pod (graceful), only starts its termination;
        // the next delete of it (the kubelet's, with grace 0) or one asking for no grace period removes it.
        const grace = isObject(ev.requestObject) ? ev.requestObject.gracePeriodSeconds : undefined;
        const lingers = (prev.metadata.finalizers?.length ?? 0) > 0 || (kind === 'Pod' && group === '');
        if (lingers && grace !== 0 && !terminating.has(key as string) && prev.metadata.deletionTimestamp === undefined) {
          terminating.add(key as string);
          return write(undefined, { unchanged: true, bodyUnknown: true });
        }
        terminating.delete(key as string);
        return write(undefined);
      }
      case 'deletecollection': {
        deleteCollection(b, ev, { group, resource: ref.resource, namespace }, actor, time, origin);
        return;
      }
      default:
        return;
    }
  });
  if (epoch === undefined) epoch = 0;
  const writes = b.records.filter((r) => r.type === 'write').length;
  return { header: importHeader(epoch, 'audit', file), records: b.records, stats: { read, writes, attempts, skipped, unknownBodies } };
}

function checkEvent(ev: AuditEvent, file: string, line: number): void {
  if (!isObject(ev)) throw new ImportError(file, line, 'expected an audit event object');
  if (ev.kind !== 'Event' || ev.apiVersion !== 'audit.k8s.io/v1') {
    const what = `kind ${JSON.stringify(ev.kind ?? null)}, apiVersion ${JSON.stringify(ev.apiVersion ?? null)}`;
    const hint = 'type' in ev && 'object' in ev ? ' (this looks like a watch event: use --format watch)' : ev.apiVersion === 'audit.k8s.io/v1beta1' ? ' (v1beta1 audit logs are not supported; Kubernetes 1.32 writes v1)' : '';
    throw new ImportError(file, line, `not an audit.k8s.io/v1 Event: ${what}${hint}`);
  }
  if (typeof ev.level !== 'string' || !LEVELS.has(ev.level)) throw new ImportError(file, line, `unknown audit level ${JSON.stringify(ev.level ?? null)} (want Metadata, Request or RequestResponse)`);
  if (typeof ev.stage !== 'string' || !STAGES.has(ev.stage)) throw new ImportError(file, line, `unknown audit stage ${JSON.stringify(ev.stage ?? null)}`);
  if (typeof ev.verb !== 'string') throw new ImportError(file, line, 'an audit event without a verb');
}

/** Kubernetes' kind for a resource no table knows: the singular, capitalised (a guess). */
function kindGuess(resource: string): string {
  const singular = resource.endsWith('ies') ? `${resource.slice(0, -3)}y` : resource.endsWith('ses') ? resource.slice(0, -2) : resource.replace(/s$/, '');
  return singular.charAt(0).toUpperCase() + singular.slice(1);
}

const REASONS: Readonly<Record<number, StatusReason>> = {
  400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 405: 'MethodNotAllowed', 409: 'Conflict', 410: 'Gone',
  413: 'RequestEntityTooLarge', 415: 'UnsupportedMediaType', 422: 'Invalid', 429: 'TooManyRequests', 500: 'InternalError', 503: 'ServiceUnavailable', 504: 'Timeout',
};

function statusFrom(ev: AuditEvent, code: number): Status {
  const rs = ev.responseStatus;
  const given = typeof rs?.reason === 'string' ? (rs.reason as StatusReason) : undefined;
  const reason = given ?? REASONS[code] ?? (code >= 500 ? 'InternalError' : 'BadRequest');
  const message = typeof rs?.message === 'string' ? rs.message : ev.stage === 'Panic' ? 'the API server panicked while serving the request' : `refused with ${code}`;
  return { ...statusOf(reason, message), code };
}

function commandOf(verb: string, ev: AuditEvent, stub: KubeObject): Command {
  const req = isKubeObject(ev.requestObject) ? ev.requestObject : stub;
  const ref = { apiVersion: stub.apiVersion, kind: stub.kind, ...(stub.metadata.namespace === undefined ? {} : { namespace: stub.metadata.namespace }), name: stub.metadata.name ?? '' };
  const sub = ev.objectRef?.subresource === undefined ? {} : { subresource: ev.objectRef.subresource };
  switch (verb) {
    case 'create':
      return { type: 'create', object: req, ...sub };
    case 'update':
      return { type: 'update', object: req, ...sub };
    case 'patch':
      return { type: 'patch', ref, patchType: Array.isArray(ev.requestObject) ? 'json' : 'merge', patch: ev.requestObject ?? {}, ...sub };
    default:
      return { type: 'delete', ref };
  }
}

function deleteCollection(
  b: HistoryBuilder,
  ev: AuditEvent,
  scope: { group: string; resource: string; namespace: string },
  actor: string,
  time: number,
  origin: WriteOrigin,
): void {
  const prefix = scopePrefix(scope);
  const listed = isObject(ev.responseObject) && Array.isArray(ev.responseObject.items) ? (ev.responseObject.items as { metadata?: { name?: unknown; namespace?: unknown } }[]) : undefined;
  let keys: string[];
  if (listed !== undefined) {
    keys = listed.map((i) =>
      objectKey({ ...scope, namespace: typeof i.metadata?.namespace === 'string' ? i.metadata.namespace : scope.namespace, name: String(i.metadata?.name ?? '') }),
    );
  } else {
    const query = typeof ev.requestURI === 'string' ? new URL(ev.requestURI, 'http://x').searchParams : new URLSearchParams();
    const selector = parseSelector(query.get('labelSelector') ?? '');
    keys = b.keys().filter((k) => k.startsWith(prefix) && matches(selector, b.head(k)?.object.metadata.labels ?? {}));
  }
  for (const key of keys) b.observe({ key, verb: 'deletecollection', actor, time, origin });
}
