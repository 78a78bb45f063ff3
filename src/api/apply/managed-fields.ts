/**
 * `metadata.managedFields` in memory: entries keyed by manager identity as
 * the API server keys them — (manager, operation, apiVersion, subresource)
 * for `Update`, (manager, operation, subresource) for `Apply`, so an
 * applier keeps one entry across versions — and back to the sorted list
 * Kubernetes stores (Apply before Update, then by time, manager, apiVersion,
 * subresource). Also the field paths every set leaves out (object identity,
 * system metadata, managedFields itself) and the cap of 10 Update entries,
 * beyond which the oldest merge into an `ancient-changes` entry.
 */
import { badRequest, type ManagedFieldsEntry } from '../../model/index.js';
import { FieldSet, decodeFieldsV1, encodeFieldsV1, isRememberedFieldsV1 } from './field-set.js';
import { fieldEl } from './path-element.js';

export type Operation = 'Apply' | 'Update';

export interface Manager {
  readonly manager: string;
  readonly operation: Operation;
  readonly apiVersion: string;
  readonly subresource: string;
  /** RFC 3339, seconds precision, or undefined. */
  readonly time: string | undefined;
  readonly set: FieldSet;
}

/** Identity → entry; insertion order is irrelevant (encoding sorts). */
export type Managers = ReadonlyMap<string, Manager>;

export function managerId(m: Pick<Manager, 'manager' | 'operation' | 'apiVersion' | 'subresource'>): string {
  const apiVersion = m.operation === 'Apply' ? '' : m.apiVersion;
  return JSON.stringify([m.manager, m.operation, apiVersion, m.subresource]);
}

/** Decodes entries; a malformed entry is a 400 BadRequest. */
export function decodeManagedFields(entries: readonly ManagedFieldsEntry[] | undefined): Map<string, Manager> {
  // A stored (frozen) list decodes the same every time: remember it (managers are immutable; the map is copied).
  const known = entries === undefined ? undefined : decodedLists.get(entries);
  if (known !== undefined) return new Map(known);
  const out = decodeList(entries);
  if (entries !== undefined && Object.isFrozen(entries) && entries.every((e) => Object.isFrozen(e) && isRememberedFieldsV1(e.fieldsV1 ?? {}))) decodedLists.set(entries, new Map(out));
  return out;
}

const decodedLists = new WeakMap<readonly ManagedFieldsEntry[], ReadonlyMap<string, Manager>>();

function decodeList(entries: readonly ManagedFieldsEntry[] | undefined): Map<string, Manager> {
  const out = new Map<string, Manager>();
  for (const e of entries ?? []) {
    if (e.operation !== 'Apply' && e.operation !== 'Update') {
      throw badRequest(`managed fields entry has an invalid operation ${JSON.stringify(e.operation)}`);
    }
    if (e.fieldsType !== undefined && e.fieldsType !== 'FieldsV1') {
      throw badRequest(`managed fields entry has an unknown fieldsType ${JSON.stringify(e.fieldsType)}`);
    }
    const m: Manager = {
      manager: e.manager ?? '',
      operation: e.operation,
      apiVersion: e.apiVersion ?? '',
      subresource: e.subresource ?? '',
      time: e.time,
      set: decodeFieldsV1(e.fieldsV1 ?? {}),
    };
    const id = managerId(m);
    const prev = out.get(id);
    if (prev === undefined && Object.isFrozen(e) && isCanonical(e, m)) storedEntries.set(m, e);
    out.set(id, prev === undefined ? m : { ...m, set: prev.set.union(m.set) });
  }
  return out;
}

/**
 * The stored entry a decoded manager came from, when encoding that manager
 * unchanged gives exactly that entry: an untouched entry is then carried
 * over as the same (frozen) object instead of being rebuilt.
 */
const storedEntries = new WeakMap<Manager, ManagedFieldsEntry>();

function isCanonical(e: ManagedFieldsEntry, m: Manager): boolean {
  const keys = Object.keys(e);
  const want = ['manager', 'operation', 'apiVersion', ...(m.time === undefined ? [] : ['time']), 'fieldsType', 'fieldsV1', ...(m.subresource === '' ? [] : ['subresource'])];
  return (
    keys.length === want.length &&
    keys.every((k, i) => k === want[i]) &&
    e.manager !== undefined &&
    e.apiVersion !== undefined &&
    e.fieldsType === 'FieldsV1' &&
    e.fieldsV1 === encodeFieldsV1(m.set)
  );
}

/** Seconds since the epoch of an RFC 3339 time; the few distinct times of a run are parsed once. */
const parsed = new Map<string, number>();
const seconds = (t: string | undefined): number => {
  if (t === undefined) return 0;
  let s = parsed.get(t);
  if (s === undefined) {
    if (parsed.size >= 4096) parsed.clear();
    s = Math.floor(Date.parse(t) / 1000);
    parsed.set(t, s);
  }
  return s;
};

/** The stored list: empty sets dropped, sorted as the API server sorts. */
export function encodeManagedFields(managers: Managers): ManagedFieldsEntry[] {
  const list = [...managers.values()].filter((m) => !m.set.isEmpty);
  list.sort(
    (p, q) =>
      cmp(p.operation, q.operation) ||
      seconds(p.time) - seconds(q.time) ||
      cmp(p.manager, q.manager) ||
      cmp(p.apiVersion, q.apiVersion) ||
      cmp(p.subresource, q.subresource),
  );
  return list.map((m) => storedEntries.get(m) ?? {
    manager: m.manager,
    operation: m.operation,
    apiVersion: m.apiVersion,
    ...(m.time === undefined ? {} : { time: m.time }),
    fieldsType: 'FieldsV1',
    fieldsV1: encodeFieldsV1(m.set),
    ...(m.subresource === '' ? {} : { subresource: m.subresource }),
  });
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Paths no manager ever owns: identity and system metadata (the API server's strip set; exact paths). */
export const STRIPPED_FIELDS: FieldSet = FieldSet.of([
  [fieldEl('apiVersion')],
  [fieldEl('kind')],
  [fieldEl('metadata')],
  ...['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation', 'managedFields', 'resourceVersion'].map(
    (f) => [fieldEl('metadata'), fieldEl(f)],
  ),
]);

/** Kubernetes' default cap on Update entries. */
export const MAX_UPDATE_MANAGERS = 10;
export const ANCIENT_CHANGES = 'ancient-changes';

/** Merges the oldest Update entries into per-version `ancient-changes` entries until at most `max` Update entries remain. */
export function capUpdateManagers(managers: Managers, max = MAX_UPDATE_MANAGERS): Map<string, Manager> {
  const out = new Map(managers);
  const updaters = [...out.entries()].filter(([, m]) => m.operation === 'Update');
  if (updaters.length <= max) return out;
  updaters.sort(([ia, a], [ib, b]) => seconds(a.time) - seconds(b.time) || cmp(ia, ib));
  let count = updaters.length;
  for (const [id, m] of updaters) {
    if (count <= max) break;
    if (m.manager === ANCIENT_CHANGES) continue;
    const bucket: Manager = { manager: ANCIENT_CHANGES, operation: 'Update', apiVersion: m.apiVersion, subresource: '', time: m.time, set: m.set };
    const bid = managerId(bucket);
    const prev = out.get(bid);
    out.delete(id);
    if (prev === undefined) out.set(bid, bucket);
    else {
      const time = seconds(prev.time) >= seconds(m.time) ? prev.time : m.time;
      out.set(bid, { ...prev, time, set: prev.set.union(m.set) });
      count--;
    }
  }
  return out;
}

/** Normalises a time to RFC 3339 with seconds precision (`2024-05-01T10:00:00Z`). */
export function rfc3339(time: string | number): string {
  const ms = typeof time === 'number' ? time : Date.parse(time);
  if (!Number.isFinite(ms)) throw badRequest(`invalid time ${JSON.stringify(time)}`);
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
