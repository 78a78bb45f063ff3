/**
 * The StatefulSet's ControllerRevisions (Kubernetes 1.32
 * `getStatefulSetRevisions`, `truncateHistory`, `adoptOrphanRevisions`,
 * pkg/controller/history):
 *
 * - the revisions are those the set controls plus orphans its selector
 *   matches, which it adopts;
 * - the update revision is the one whose data equals the set's template:
 *   the newest revision if equal; an older equal one has its `revision`
 *   number raised to the next one (a rollback reuses the old revision and
 *   its name); otherwise a new revision is created, and when its name is
 *   taken by different data the collision count grows until a free or equal
 *   name is found;
 * - the current revision is the one named by `status.currentRevision`, or
 *   the update revision when there is none;
 * - history beyond `revisionHistoryLimit` (default 10) is deleted oldest
 *   first, never the current or update revision or one a pod still uses.
 */
import type { ControllerRevision, StatefulSet } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Command, KubeObject, LabelSelectorInternal } from '../../model/index.js';
import { matches, objectKey } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import { controllerOf } from '../handlers.js';
import { controllerRef } from '../replica-set/pod-template.js';
import { podRevision } from './identity.js';
import { DEFAULT_REVISION_HISTORY_LIMIT, REVISION_HASH_LABEL } from './names.js';
import { equalRevision, hashRevision, revisionData, revisionName, sortRevisions } from './revision-data.js';
import { STATEFUL_SET_KIND } from './statefulset-kind.js';

const REVISIONS = { group: 'apps', resource: 'controllerrevisions' } as const;

function revRef(r: ControllerRevision): { apiVersion: string; kind: string; namespace: string; name: string } {
  return { apiVersion: 'apps/v1', kind: 'ControllerRevision', namespace: r.metadata?.namespace ?? '', name: r.metadata?.name ?? '' };
}

/** `ListControllerRevisions` + adoption: the set's revisions (orphans adopted now, as commands), sorted. */
export function listRevisions(view: StateView, set: StatefulSet, selector: LabelSelectorInternal): { revisions: ControllerRevision[]; commands: Command[] } {
  const uid = set.metadata?.uid ?? '';
  const ns = set.metadata?.namespace ?? '';
  const owned = view.byOwner(uid).filter((o) => o.kind === 'ControllerRevision' && o.metadata.namespace === ns && controllerOf(o)?.uid === uid);
  const commands: Command[] = [];
  const out = owned as unknown as ControllerRevision[];
  if (set.metadata?.deletionTimestamp === undefined) {
    for (const o of view.list({ ...REVISIONS, namespace: ns })) {
      if (controllerOf(o) !== undefined || o.metadata.deletionTimestamp !== undefined || !matches(selector, o.metadata.labels)) continue;
      commands.push({ type: 'patch', ref: revRef(o as unknown as ControllerRevision), patchType: 'strategic', patch: { metadata: { ownerReferences: [controllerRef(set as KubeObject, STATEFUL_SET_KIND)], uid: o.metadata.uid } } });
      out.push(o as unknown as ControllerRevision);
    }
  }
  return { revisions: sortRevisions(out), commands };
}

export interface Revisions {
  readonly current: ControllerRevision;
  readonly update: ControllerRevision;
  readonly collisionCount: number;
  readonly commands: readonly Command[];
}

/** `newRevision`: the revision the set's template would make, numbered `revision`. */
export function newRevision(set: StatefulSet, revision: number, collisionCount: number): ControllerRevision {
  const data = revisionData(set);
  const hash = hashRevision(data, collisionCount);
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: revisionName(set.metadata?.name ?? '', hash),
      namespace: set.metadata?.namespace ?? 'default',
      labels: { ...(set.spec?.template.metadata?.labels ?? {}), [REVISION_HASH_LABEL]: hash },
      ...(set.metadata?.annotations === undefined ? {} : { annotations: { ...set.metadata.annotations } }),
      ownerReferences: [controllerRef(set as KubeObject, STATEFUL_SET_KIND)],
    },
    data,
    revision,
  };
}

/** `getStatefulSetRevisions` over revisions sorted by `sortRevisions`. */
export function statefulSetRevisions(view: StateView, set: StatefulSet, revisions: readonly ControllerRevision[]): Revisions {
  let collisionCount = set.status?.collisionCount ?? 0;
  const next = revisions.length === 0 ? 1 : revisions[revisions.length - 1]!.revision + 1;
  const candidate = newRevision(set, next, collisionCount);
  const equal = revisions.filter((r) => equalRevision(r, candidate));
  const last = revisions[revisions.length - 1];
  const lastEqual = equal[equal.length - 1];
  const commands: Command[] = [];
  let update: ControllerRevision;
  if (last !== undefined && lastEqual !== undefined && equalRevision(last, lastEqual)) {
    update = last;
  } else if (lastEqual !== undefined) {
    // A rollback: the old revision becomes the newest by number.
    update = { ...lastEqual, revision: candidate.revision };
    commands.push({ type: 'update', object: update as unknown as KubeObject });
  } else {
    // `CreateControllerRevision`: a name taken by different data bumps the collision count.
    for (;;) {
      const name = revisionName(set.metadata?.name ?? '', hashRevision(candidate.data, collisionCount));
      const existing = view.get(objectKey({ ...REVISIONS, namespace: set.metadata?.namespace ?? '', name })) as unknown as ControllerRevision | undefined;
      if (existing === undefined) {
        update = { ...candidate, metadata: { ...candidate.metadata, name } };
        commands.push({ type: 'create', object: update as unknown as KubeObject });
        break;
      }
      if (equalRevision({ ...existing, metadata: {} }, { ...candidate, metadata: {} })) {
        update = existing;
        break;
      }
      collisionCount++;
    }
  }
  const current = revisions.find((r) => r.metadata?.name === set.status?.currentRevision) ?? update;
  return { current, update, collisionCount, commands };
}

/** `truncateHistory`: deletes for the oldest non-live revisions beyond the limit (a negative limit keeps all). */
export function truncateHistory(set: StatefulSet, pods: readonly Pod[], revisions: readonly ControllerRevision[], current: ControllerRevision, update: ControllerRevision): Command[] {
  const live = new Set<string>([current.metadata?.name ?? '', update.metadata?.name ?? '', ...pods.map(podRevision)]);
  const history = revisions.filter((r) => !live.has(r.metadata?.name ?? ''));
  const limit = set.spec?.revisionHistoryLimit ?? DEFAULT_REVISION_HISTORY_LIMIT;
  if (limit < 0 || history.length <= limit) return [];
  return history.slice(0, history.length - limit).map((r) => ({ type: 'delete', ref: revRef(r) }));
}
