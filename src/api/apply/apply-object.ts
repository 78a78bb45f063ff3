/**
 * Server-side apply (`application/apply-patch+yaml`) as a pure function:
 * merges the applied configuration into the live object by structured-merge
 * rules, removes what this manager applied before but no longer specifies
 * (unless another manager owns it too), and records the manager's Apply
 * entry, whose set is exactly the fields of the configuration (identity and
 * system metadata excluded). Changing a field another manager owns to a
 * different value is a 409 Conflict listing every such field, unless
 * `force`, which moves ownership to this manager; applying a value equal
 * to the live one shares ownership. Fields the endpoint resets (status on
 * the main resource, all but status on `/status`) are neither changed nor
 * owned. As kube-apiserver does for the field manager `kubectl`, conflicts
 * with fields a client-side `kubectl apply` recorded (and nobody changed
 * since) are forced (./last-applied-manager.ts), and a last-applied-
 * configuration annotation is rewritten to the applied configuration
 * (./last-applied-updater.ts). The inputs are never mutated.
 *
 * @example
 * const next = applyObject(live, manifest, 'kubectl', { force: false, time: clock.now() });
 */
import { badRequest, type KubeObject } from '../../model/index.js';
import { deepEqual, isObject, type JsonObject } from '../patch/json-value.js';
import { applyConflict } from './apply-conflict.js';
import type { FieldSet } from './field-set.js';
import { compareObjects, fieldSetOf } from './field-set-of.js';
import { allowedConflictsFromLastApplied, conflictsNotAllowed, KUBECTL_APPLY_MANAGER, type ApplyConflicts } from './last-applied-manager.js';
import { syncLastApplied } from './last-applied-updater.js';
import {
  STRIPPED_FIELDS,
  capUpdateManagers,
  decodeManagedFields,
  encodeManagedFields,
  managerId,
  rfc3339,
  type Manager,
} from './managed-fields.js';
import { rootCtx } from './object-shape.js';
import { defaultResetFields } from './reset-fields.js';
import { mergeApplied, removePaths, restoreFields } from './structured-merge.js';
import { withManagedFields, withoutManagedFields } from './update-managed-fields.js';

export interface ApplyOptions {
  /** Take ownership of conflicting fields instead of failing. */
  readonly force: boolean;
  /** The write's time (ms on the run's clock, or RFC 3339). */
  readonly time: string | number;
  /** The version the entry records (default: the configuration's apiVersion). */
  readonly apiVersion?: string;
  /** `''` (main resource) or e.g. `status`. */
  readonly subresource?: string;
  /** Fields this endpoint resets (default: `defaultResetFields(subresource, …)`). */
  readonly resetFields?: FieldSet;
}

export function applyObject(live: KubeObject | undefined, applied: unknown, manager: string, options: ApplyOptions): KubeObject {
  const config = checkConfig(live, applied, manager);
  let merged = mergeApply(live, config, manager, options, options.force);
  if (Array.isArray(merged)) {
    // The client-side → server-side apply upgrade: conflicts `kubectl apply` left behind are forced.
    const allowed = live === undefined || manager !== KUBECTL_APPLY_MANAGER ? undefined : allowedConflictsFromLastApplied(live, options.apiVersion ?? config.apiVersion);
    if (allowed === undefined) throw applyConflict(merged);
    const left = conflictsNotAllowed(merged, allowed);
    if (left.length > 0) throw applyConflict(left);
    merged = mergeApply(live, config, manager, options, true) as KubeObject;
  }
  return syncLastApplied(merged, config, manager);
}

/** The merged object, or (unless `force`) the conflicts that refuse it. */
function mergeApply(live: KubeObject | undefined, config: KubeObject, manager: string, options: ApplyOptions, force: boolean): KubeObject | ApplyConflicts[] {
  const subresource = options.subresource ?? '';
  const apiVersion = options.apiVersion ?? config.apiVersion;
  const ctx = rootCtx(config.apiVersion, config.kind);
  const reset = options.resetFields ?? defaultResetFields(subresource, live, config);
  const liveView = live === undefined ? undefined : withoutManagedFields(live);

  const appliedSet = fieldSetOf(config, ctx, true).recursiveDifference(reset).difference(STRIPPED_FIELDS);
  const managers = decodeManagedFields(live?.metadata.managedFields);
  const self = { manager, operation: 'Apply' as const, apiVersion, subresource };
  const selfId = managerId(self);
  const previous = managers.get(selfId);
  managers.set(selfId, { ...self, time: previous?.time, set: appliedSet });

  let merged = restoreFields(mergeApplied(liveView ?? {}, config, ctx) as JsonObject, liveView, reset);
  if (previous !== undefined && !previous.set.isEmpty) {
    let owned = appliedSet;
    for (const m of managers.values()) owned = owned.union(m.set);
    const prune = previous.set.withNamedAncestors().difference(owned.withNamedAncestors());
    merged = removePaths(merged, prune, ctx) as JsonObject;
  }

  const cmp = compareObjects(liveView ?? {}, merged, ctx);
  const changed = cmp.added.union(cmp.modified).recursiveDifference(reset);
  const removed = cmp.removed.recursiveDifference(reset);
  const conflicts: ApplyConflicts[] = [];
  for (const id of [...managers.keys()].sort()) {
    const m = managers.get(id) as Manager;
    if (id === selfId) continue;
    const fields = m.set.intersection(changed);
    if (!fields.isEmpty) conflicts.push({ manager: m, fields });
  }
  if (conflicts.length > 0 && !force) return conflicts;

  const out = new Map<string, Manager>();
  for (const [id, m] of managers) {
    const set = id === selfId ? m.set : m.set.difference(changed).difference(removed);
    out.set(id, { ...m, set: set.difference(STRIPPED_FIELDS) });
  }
  const objectChanged = !deepEqual(liveView, merged);
  if (objectChanged || previous === undefined) out.set(selfId, { ...(out.get(selfId) as Manager), time: rfc3339(options.time) });
  return withManagedFields(merged as KubeObject, encodeManagedFields(capUpdateManagers(out)));
}

function checkConfig(live: KubeObject | undefined, applied: unknown, manager: string): KubeObject {
  if (manager === '') throw badRequest('PATCH with apply requires a non-empty fieldManager');
  if (!isObject(applied)) throw badRequest('apply configuration must be an object');
  const { apiVersion, kind, metadata } = applied;
  if (typeof apiVersion !== 'string' || apiVersion === '' || typeof kind !== 'string' || kind === '') {
    throw badRequest('apply configuration must set apiVersion and kind');
  }
  if (!isObject(metadata)) throw badRequest('apply configuration must have metadata');
  if (metadata['managedFields'] !== undefined && metadata['managedFields'] !== null) {
    throw badRequest('metadata.managedFields must be nil');
  }
  if (live !== undefined) {
    if (live.kind !== kind) throw badRequest(`the kind of the apply configuration (${kind}) does not match the object (${live.kind})`);
    if (metadata['name'] !== undefined && metadata['name'] !== live.metadata.name) {
      throw badRequest(`the name of the object (${String(metadata['name'])}) does not match the name on the URL (${String(live.metadata.name)})`);
    }
  }
  return applied as KubeObject;
}
