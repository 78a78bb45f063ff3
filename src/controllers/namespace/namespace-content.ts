/**
 * What is left in a terminating namespace, judged as Kubernetes 1.32's
 * namespace deleter judges it after a delete pass
 * (pkg/controller/namespace/deletion/namespaced_resources_deleter.go,
 * `deleteAllContentForGroupVersionResource` and `estimateGracefulTermination`):
 *
 * - per resource, how many instances remain, and per finalizer how many
 *   remaining instances carry it;
 * - an estimate of how long to wait: for pods, the largest
 *   `spec.terminationGracePeriodSeconds` of the non-terminal pods, dropped to
 *   0 once that long has passed since the namespace's deletionTimestamp;
 *   instances left with no estimate but with finalizers get the default
 *   15 s (`finalizerEstimateSeconds`);
 * - instances left with neither an estimate nor a finalizer are an error
 *   ("unexpected items still remain ..."), reported in the
 *   NamespaceDeletionContentFailure condition.
 *
 * Pure functions of the listed objects and the elapsed time.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { KindInfo, KubeObject } from '../../model/index.js';

/** Kubernetes' default estimate for finalizers to complete on items pending deletion. */
export const FINALIZER_ESTIMATE_SECONDS = 15;

/** The objects of one resource in the namespace. */
export interface ResourceContent {
  readonly info: KindInfo;
  readonly items: readonly KubeObject[];
}

export interface ContentTally {
  /** Resources with instances left, in resource order. */
  readonly remaining: readonly { readonly info: KindInfo; readonly count: number }[];
  /** Finalizer → number of remaining instances carrying it, sorted by finalizer. */
  readonly finalizers: readonly (readonly [string, number])[];
  /** Seconds Kubernetes would expect the rest to take; 0 when nothing is expected to go by itself. */
  readonly estimateSeconds: number;
  /** Per-resource failures, Kubernetes' wording. */
  readonly errors: readonly string[];
}

/** Seconds of graceful termination still to allow for the pods (0 once the namespace has been deleting that long). */
export function podEstimateSeconds(pods: readonly KubeObject[], msSinceDeletion: number): number {
  let estimate = 0;
  for (const obj of pods) {
    const pod = obj as unknown as Pod;
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') continue;
    const grace = pod.spec?.terminationGracePeriodSeconds;
    if (grace !== undefined && grace > estimate) estimate = grace;
  }
  return msSinceDeletion >= estimate * 1000 ? 0 : estimate;
}

const isPods = (info: KindInfo): boolean => info.group === '' && info.plural === 'pods';

/** Tallies what remains, for a namespace deleted `msSinceDeletion` ago. */
export function tallyContent(namespace: string, content: readonly ResourceContent[], msSinceDeletion: number): ContentTally {
  const remaining: { info: KindInfo; count: number }[] = [];
  const finalizers = new Map<string, number>();
  const errors: string[] = [];
  let estimateSeconds = 0;
  for (const { info, items } of content) {
    if (items.length === 0) continue;
    const estimate = isPods(info) ? podEstimateSeconds(items, msSinceDeletion) : 0;
    const own = new Map<string, number>();
    for (const item of items) for (const f of item.metadata.finalizers ?? []) own.set(f, (own.get(f) ?? 0) + 1);
    remaining.push({ info, count: items.length });
    for (const [f, n] of own) finalizers.set(f, (finalizers.get(f) ?? 0) + n);
    if (estimate !== 0) estimateSeconds = Math.max(estimateSeconds, estimate);
    else if (own.size > 0) estimateSeconds = Math.max(estimateSeconds, FINALIZER_ESTIMATE_SECONDS);
    else errors.push(`unexpected items still remain in namespace: ${namespace} for gvr: ${info.group}/${info.version}, Resource=${info.plural}`);
  }
  return {
    remaining,
    finalizers: [...finalizers.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    estimateSeconds,
    errors,
  };
}
