/**
 * Rollout history and rollback of a Deployment, as `kubectl rollout history`
 * and `kubectl rollout undo` compute them (kubectl 1.32 polymorphichelpers:
 * `DeploymentHistoryViewer`, `DeploymentRollbacker`). In apps/v1 a rollback
 * is client-side: the chosen ReplicaSet's pod template (without its
 * `pod-template-hash` label) and annotations are copied into the Deployment
 * with one JSON Patch; the Deployment controller then sees an ordinary
 * template change — to a template an existing ReplicaSet already has — and
 * makes that ReplicaSet new again with the next revision.
 *
 * These are pure functions of a state view, so the CLI, a scenario's
 * timeline and the debugger share them.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import { controllerOf } from '../handlers.js';
import { DESIRED_REPLICAS, LAST_APPLIED, MAX_REPLICAS, POD_TEMPLATE_HASH, REVISION, REVISION_HISTORY, ROLLBACK_TO } from './names.js';
import { revisionOf } from './replica-sets.js';

/** Annotations a rollback leaves as the Deployment has them (kubectl's `annotationsToSkip`). */
const KEEP_ON_ROLLBACK = new Set([LAST_APPLIED, REVISION, REVISION_HISTORY, DESIRED_REPLICAS, MAX_REPLICAS, ROLLBACK_TO]);
const CHANGE_CAUSE = 'kubernetes.io/change-cause';

/** A refusal kubectl would print as `error: MESSAGE`. */
export class RollbackError extends Error {}

export interface RolloutRevision {
  readonly revision: number;
  readonly replicaSet: string;
  /** `kubernetes.io/change-cause` of that ReplicaSet, if any. */
  readonly changeCause?: string;
  /** The pod template of that revision, without `pod-template-hash`. */
  readonly template: PodTemplateSpec;
}

export type RollbackPlan =
  /** Apply `patch` (a JSON Patch) to the Deployment. */
  | { readonly kind: 'rollback'; readonly revision: number; readonly replicaSet: string; readonly patch: readonly { op: 'replace'; path: string; value: unknown }[] }
  /** The Deployment already has that revision's template. */
  | { readonly kind: 'skip'; readonly revision: number };

/** The ReplicaSets the Deployment controls (kubectl's `GetAllReplicaSets`), any order. */
function ownedReplicaSets(view: StateView, d: KubeObject): ReplicaSet[] {
  const uid = d.metadata.uid;
  return view
    .list({ group: 'apps', resource: 'replicasets', namespace: d.metadata.namespace ?? '' })
    .filter((rs) => controllerOf(rs)?.uid === uid) as ReplicaSet[];
}

function withoutHash(template: PodTemplateSpec | undefined): PodTemplateSpec {
  const t = structuredClone(template ?? {});
  const labels = { ...(t.metadata?.labels ?? {}) };
  delete labels[POD_TEMPLATE_HASH];
  t.metadata = { ...(t.metadata ?? {}), labels };
  return t;
}

/** Every revision the Deployment still has a ReplicaSet for, oldest first. */
export function rolloutHistory(view: StateView, d: KubeObject): RolloutRevision[] {
  const out: RolloutRevision[] = [];
  for (const rs of ownedReplicaSets(view, d)) {
    const revision = revisionOf(rs);
    if (revision === undefined) continue;
    const cause = rs.metadata?.annotations?.[CHANGE_CAUSE];
    out.push({ revision, replicaSet: rs.metadata?.name ?? '', ...(cause === undefined ? {} : { changeCause: cause }), template: withoutHash(rs.spec?.template) });
  }
  return out.sort((a, b) => a.revision - b.revision);
}

/** The ReplicaSet to roll back to: `toRevision`, or (0) the one before the newest. */
function revisionReplicaSet(view: StateView, d: KubeObject, toRevision: number): ReplicaSet {
  const rss = ownedReplicaSets(view, d)
    .map((rs) => ({ rs, revision: revisionOf(rs) }))
    .filter((x): x is { rs: ReplicaSet; revision: number } => x.revision !== undefined);
  if (toRevision > 0) {
    const found = rss.find((x) => x.revision === toRevision);
    if (found === undefined) throw new RollbackError(`unable to find specified revision ${toRevision} in history`);
    return found.rs;
  }
  const sorted = rss.sort((a, b) => b.revision - a.revision);
  const previous = sorted[1];
  if (previous === undefined) throw new RollbackError(`no rollout history found for deployment "${d.metadata.name ?? ''}"`);
  return previous.rs;
}

/** Canonical JSON (sorted keys), for comparing templates. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** What `kubectl rollout undo [--to-revision N]` would do to `d`. Throws RollbackError when it would refuse. */
export function planRollback(view: StateView, d: KubeObject, toRevision = 0): RollbackPlan {
  if (!Number.isInteger(toRevision) || toRevision < 0) throw new RollbackError(`revision must be a non-negative integer, got ${toRevision}`);
  const rs = revisionReplicaSet(view, d, toRevision);
  const revision = revisionOf(rs) ?? 0;
  const dep = d as Deployment;
  if (dep.spec?.paused === true) {
    throw new RollbackError(`you cannot rollback a paused deployment; resume it first with 'chronokube rollout resume deployment/${d.metadata.name ?? ''}' and try again`);
  }
  const template = withoutHash(rs.spec?.template);
  if (canonical(template) === canonical(withoutHash(dep.spec?.template))) return { kind: 'skip', revision };
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (KEEP_ON_ROLLBACK.has(k)) annotations[k] = v;
  for (const [k, v] of Object.entries(rs.metadata?.annotations ?? {})) if (!KEEP_ON_ROLLBACK.has(k)) annotations[k] = v;
  return {
    kind: 'rollback',
    revision,
    replicaSet: rs.metadata?.name ?? '',
    patch: [
      { op: 'replace', path: '/spec/template', value: template },
      { op: 'replace', path: '/metadata/annotations', value: annotations },
    ],
  };
}
