/**
 * `manageJob` (pkg/controller/job/job_controller.go, 1.32) as a plan: how
 * many pods should be active, which to delete or create, and how long pod
 * creation must wait for the failure back-off.
 *
 * - Suspended: delete every active pod.
 * - `wantActive`: without `completions`, `parallelism` until the first
 *   success, then whatever still runs; with it, `completions - succeeded`
 *   capped at `parallelism`.
 * - Deletions take precedence over creations in one sync; at most 500 of
 *   either (`MaxPodCreateDeletePerSync`).
 * - Creations subtract terminating pods only when only failed pods are
 *   replaced (podReplacementPolicy Failed).
 * - Indexed: the lowest pending indexes; pods with an invalid or repeated
 *   index are deleted first.
 */
import type { Job } from 'kubernetes-types/batch/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../model/index.js';
import { COMPLETION_INDEX, JOB_TRACKING_FINALIZER, completionIndex, deletionOrder, onlyReplaceFailedPods } from './job-pods.js';

export const MAX_POD_CREATE_DELETE_PER_SYNC = 500;

export interface ManageInput {
  readonly job: Job;
  readonly active: readonly Pod[];
  /** Counted plus newly finished successes (`jobCtx.succeeded`). */
  readonly succeeded: number;
  readonly terminating: number;
  /** Indexed jobs: indexes already succeeded. */
  readonly succeededIndexes: ReadonlySet<number>;
  /** Back-off still to wait before creating (ms, 0 for none). */
  readonly backoffMs: number;
}

export interface ManagePlan {
  readonly deletes: readonly Pod[];
  readonly creates: readonly KubeObject[];
  /** Active count after the plan (creations count as active, as Kubernetes counts them). */
  readonly active: number;
  /** Pods that are wanted but wait for the back-off. */
  readonly waitMs?: number;
}

export const isIndexed = (job: Job): boolean => job.spec?.completionMode === 'Indexed';

/** `wantActive`: the parallelism arithmetic. */
export function wantActive(job: Job, active: number, succeeded: number): number {
  const parallelism = job.spec?.parallelism ?? 1;
  const completions = job.spec?.completions;
  if (completions === undefined || completions === null) return succeeded > 0 ? active : parallelism;
  return Math.max(0, Math.min(completions - succeeded, parallelism));
}

/** `firstPendingIndexes`: the lowest indexes neither succeeded nor held by an active pod. */
export function firstPendingIndexes(count: number, completions: number, taken: ReadonlySet<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < completions && out.length < count; i++) if (!taken.has(i)) out.push(i);
  return out;
}

/** Active pods of an Indexed Job that must go whatever the count: invalid, out-of-range or repeated indexes. */
function duplicatedIndexPods(job: Job, active: readonly Pod[]): Pod[] {
  const completions = job.spec?.completions ?? 0;
  const rm: Pod[] = [];
  const byIndex = new Map<number, Pod[]>();
  for (const p of active) {
    const ix = completionIndex(p);
    if (ix === undefined || ix >= completions) rm.push(p);
    else byIndex.set(ix, [...(byIndex.get(ix) ?? []), p]);
  }
  for (const [, group] of [...byIndex.entries()].sort(([a], [b]) => a - b)) {
    if (group.length > 1) rm.push(...[...group].sort(deletionOrder).slice(0, group.length - 1));
  }
  return rm;
}

export function manageJob(input: ManageInput): ManagePlan {
  const { job } = input;
  const active = input.active.length;
  if (job.spec?.suspend === true) return { deletes: [...input.active].sort(deletionOrder), creates: [], active: 0 };

  const want = wantActive(job, active, input.succeeded);
  const rmAtLeast = Math.max(0, active - want);
  let rm = isIndexed(job) ? duplicatedIndexPods(job, input.active) : [];
  if (rm.length < rmAtLeast) {
    const chosen = new Set(rm);
    rm = [...rm, ...input.active.filter((p) => !chosen.has(p)).sort(deletionOrder).slice(0, rmAtLeast - rm.length)];
  }
  rm = rm.slice(0, MAX_POD_CREATE_DELETE_PER_SYNC);
  if (rm.length > 0) return { deletes: rm, creates: [], active: active - rm.length };

  const terminating = onlyReplaceFailedPods(job) ? input.terminating : 0;
  let diff = want - terminating - active;
  if (diff <= 0) return { deletes: [], creates: [], active };
  if (input.backoffMs > 0) return { deletes: [], creates: [], active, waitMs: input.backoffMs };
  diff = Math.min(diff, MAX_POD_CREATE_DELETE_PER_SYNC);
  if (!isIndexed(job)) return { deletes: [], creates: Array.from({ length: diff }, () => podFromTemplate(job)), active: active + diff };
  const taken = new Set(input.succeededIndexes);
  for (const p of input.active) {
    const ix = completionIndex(p);
    if (ix !== undefined) taken.add(ix);
  }
  const indexes = firstPendingIndexes(diff, job.spec?.completions ?? 0, taken);
  return { deletes: [], creates: indexes.map((ix) => podFromTemplate(job, ix)), active: active + indexes.length };
}

/**
 * The pod a Job creates: the template's labels, annotations and finalizers
 * plus `batch.kubernetes.io/job-tracking`, `generateName` `NAME-` (Indexed:
 * `NAME-INDEX-`, hostname `NAME-INDEX`, the completion index as annotation,
 * label and `JOB_COMPLETION_INDEX` env var), and the Job as controller.
 */
export function podFromTemplate(job: Job, index?: number): KubeObject {
  const t = job.spec?.template ?? {};
  const tm = t.metadata ?? {};
  const name = job.metadata?.name ?? '';
  const spec = structuredClone(t.spec ?? { containers: [] }) as NonNullable<Pod['spec']>;
  const labels: Record<string, string> = { ...(tm.labels ?? {}) };
  const annotations: Record<string, string> = { ...(tm.annotations ?? {}) };
  if (index !== undefined) {
    annotations[COMPLETION_INDEX] = String(index);
    labels[COMPLETION_INDEX] = String(index);
    spec.hostname = `${name}-${index}`;
    const env = { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${COMPLETION_INDEX}']` } } };
    for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
      if (!(c.env ?? []).some((e) => e.name === env.name)) c.env = [...(c.env ?? []), env];
    }
  }
  const finalizers = [...(tm.finalizers ?? [])];
  if (!finalizers.includes(JOB_TRACKING_FINALIZER)) finalizers.push(JOB_TRACKING_FINALIZER);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: index === undefined ? `${name}-` : `${name}-${index}-`,
      namespace: job.metadata?.namespace ?? 'default',
      labels,
      ...(Object.keys(annotations).length === 0 ? {} : { annotations }),
      finalizers,
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name, uid: job.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true }],
    },
    spec: spec as unknown as Record<string, unknown>,
  } as KubeObject;
}
