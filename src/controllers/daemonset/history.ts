/**
 * A DaemonSet's history as ControllerRevisions (Kubernetes 1.32
 * pkg/controller/daemon/update.go `constructHistory`, `snapshot`,
 * `dedupCurHistories`, `controlledHistories`, `Match`, `cleanupHistory`):
 *
 * - revisions are claimed like pods: orphans matching the selector are
 *   adopted, ours that no longer match are released;
 * - a revision without the `controller-revision-hash` label gets its own
 *   name as the label;
 * - a revision whose `data` is the DaemonSet's template (as the strategic
 *   merge patch `{"spec":{"template":{..., "$patch":"replace"}}}`) is
 *   current; with several, the highest revision is kept, pods are relabelled
 *   to its hash (merge patch) and the others are deleted;
 * - the current revision's number is raised to one above the highest old
 *   one (a rollback to an old template makes it the newest);
 * - with none current, `NAME-HASH` is created (hash: the pod template's
 *   `ComputeHash` with `status.collisionCount`; labels: the template's plus
 *   the hash; annotations: the DaemonSet's). If that name is taken by a
 *   revision with another template, `status.collisionCount` is bumped and
 *   the sync ends there;
 * - beyond `revisionHistoryLimit` (default 10) old revisions, the oldest
 *   whose hash no live pod carries are deleted.
 */
import type { ControllerRevision, DaemonSet } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Command, KubeObject } from '../../model/index.js';
import { matches, objectKey, refOf } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import { computeHash } from '../deployment/pod-template-hash.js';
import { controllerOf } from '../handlers.js';
import { controllerRef } from '../replica-set/pod-template.js';
import { DAEMON_SET_KIND } from './daemon-kind.js';
import { CONTROLLER_REVISION_HASH } from './names.js';

export type History =
  | { readonly type: 'current'; readonly commands: readonly Command[]; readonly hash: string; readonly old: readonly ControllerRevision[] }
  /** A name collision: the collisionCount bump is the only write; its write wakes the next sync. */
  | { readonly type: 'collision'; readonly commands: readonly Command[] };

/** `getPatch`: the DaemonSet's template as a patch that restores it. */
export function revisionData(ds: DaemonSet): unknown {
  return { spec: { template: { ...structuredClone(ds.spec?.template ?? {}), $patch: 'replace' } } };
}

/** JSON with sorted keys, for comparing stored revision data (Kubernetes compares the marshalled bytes). */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** `Match`: the revision records the DaemonSet's current template. */
export function revisionMatches(ds: DaemonSet, cr: ControllerRevision): boolean {
  return canonical(cr.data) === canonical(revisionData(ds));
}

const crRef = (cr: ControllerRevision) => refOf(cr as unknown as KubeObject);

function claimRevisions(dsObj: KubeObject, view: StateView, commands: Command[]): ControllerRevision[] {
  const ns = dsObj.metadata.namespace ?? '';
  const uid = dsObj.metadata.uid ?? '';
  const selector = DAEMON_SET_KIND.selectorOf(dsObj);
  const out: ControllerRevision[] = [];
  for (const o of view.list({ group: 'apps', resource: 'controllerrevisions', namespace: ns })) {
    const cr = o as unknown as ControllerRevision;
    const ref = controllerOf(o);
    const match = matches(selector, o.metadata.labels);
    if (ref !== undefined) {
      if (ref.uid !== uid) continue;
      if (match) out.push(cr);
      else commands.push({ type: 'patch', ref: refOf(o), patchType: 'strategic', patch: { metadata: { ownerReferences: [{ $patch: 'delete', uid }], uid: o.metadata.uid } } });
      continue;
    }
    if (!match || o.metadata.deletionTimestamp !== undefined) continue;
    commands.push({ type: 'patch', ref: refOf(o), patchType: 'strategic', patch: { metadata: { ownerReferences: [controllerRef(dsObj, DAEMON_SET_KIND)], uid: o.metadata.uid } } });
    out.push(cr);
  }
  return out;
}

export function constructHistory(view: StateView, dsObj: KubeObject, pods: readonly Pod[]): History {
  const ds = dsObj as unknown as DaemonSet;
  const commands: Command[] = [];
  const current: ControllerRevision[] = [];
  const old: ControllerRevision[] = [];
  for (let cr of claimRevisions(dsObj, view, commands)) {
    if (cr.metadata?.labels?.[CONTROLLER_REVISION_HASH] === undefined) {
      cr = { ...cr, metadata: { ...cr.metadata, labels: { ...cr.metadata?.labels, [CONTROLLER_REVISION_HASH]: cr.metadata?.name ?? '' } } };
      commands.push({ type: 'update', object: cr as unknown as KubeObject });
    }
    (revisionMatches(ds, cr) ? current : old).push(cr);
  }
  const nextRevision = Math.max(0, ...old.map((cr) => cr.revision)) + 1;
  if (current.length === 0) {
    const collisionCount = ds.status?.collisionCount;
    const hash = computeHash(ds.spec?.template, collisionCount);
    const name = `${dsObj.metadata.name ?? ''}-${hash}`;
    const taken = view.get(objectKey({ group: 'apps', resource: 'controllerrevisions', namespace: dsObj.metadata.namespace ?? '', name }));
    if (taken !== undefined) {
      if (revisionMatches(ds, taken as unknown as ControllerRevision)) return { type: 'current', commands, hash: taken.metadata.labels?.[CONTROLLER_REVISION_HASH] ?? hash, old };
      const status = { ...ds.status, collisionCount: (collisionCount ?? 0) + 1 };
      return { type: 'collision', commands: [...commands, { type: 'update', subresource: 'status', object: { ...dsObj, status } }] };
    }
    const cr = {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: {
        name,
        namespace: dsObj.metadata.namespace ?? 'default',
        labels: { ...ds.spec?.template.metadata?.labels, [CONTROLLER_REVISION_HASH]: hash },
        ...(dsObj.metadata.annotations === undefined ? {} : { annotations: { ...dsObj.metadata.annotations } }),
        ownerReferences: [controllerRef(dsObj, DAEMON_SET_KIND)],
      },
      data: revisionData(ds),
      revision: nextRevision,
    };
    return { type: 'current', commands: [...commands, { type: 'create', object: cr }], hash, old };
  }
  // `dedupCurHistories`: the highest revision wins (the last of equals, in name order).
  let keep = current[0] as ControllerRevision;
  for (const cr of current) if (cr.revision >= keep.revision) keep = cr;
  const hash = keep.metadata?.labels?.[CONTROLLER_REVISION_HASH] ?? '';
  if (current.length > 1) {
    for (const pod of pods) {
      if (pod.metadata?.labels?.[CONTROLLER_REVISION_HASH] === hash) continue;
      commands.push({ type: 'patch', ref: refOf(pod as KubeObject), patchType: 'merge', patch: { metadata: { labels: { [CONTROLLER_REVISION_HASH]: hash } } } });
    }
    for (const cr of current) if (cr !== keep) commands.push({ type: 'delete', ref: crRef(cr) });
  }
  if (keep.revision < nextRevision) {
    const bumped = { ...(keep as unknown as KubeObject), revision: nextRevision } as KubeObject;
    // A revision just given its hash label is written once, with both changes.
    const i = commands.findIndex((c) => c.type === 'update' && c.object.kind === 'ControllerRevision' && c.object.metadata.name === keep.metadata?.name);
    if (i >= 0) commands[i] = { type: 'update', object: bumped };
    else commands.push({ type: 'update', object: bumped });
  }
  return { type: 'current', commands, hash, old };
}

/** `cleanupHistory`: deletes of the oldest unused revisions beyond the limit. */
export function cleanupHistory(ds: DaemonSet, old: readonly ControllerRevision[], podsIncludingDeletedTerminal: readonly Pod[]): Command[] {
  let toKill = old.length - (ds.spec?.revisionHistoryLimit ?? 10);
  if (toKill <= 0) return [];
  const live = new Set<string>();
  for (const p of podsIncludingDeletedTerminal) {
    const h = p.metadata?.labels?.[CONTROLLER_REVISION_HASH];
    if (h !== undefined && h.length > 0) live.add(h);
  }
  const out: Command[] = [];
  for (const cr of [...old].sort((a, b) => a.revision - b.revision)) {
    if (toKill <= 0) break;
    if (live.has(cr.metadata?.labels?.[CONTROLLER_REVISION_HASH] ?? '')) continue;
    out.push({ type: 'delete', ref: crRef(cr) });
    toKill--;
  }
  return out;
}
