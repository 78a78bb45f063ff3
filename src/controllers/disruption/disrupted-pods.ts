/**
 * `status.disruptedPods`: pods the eviction subresource approved but the
 * controller has not yet seen marked for deletion. Kubernetes 1.32
 * (`buildDisruptedPodMap`, `countHealthyPods`):
 * - an entry is kept while its pod exists, is not yet being deleted, and
 *   `time + DeletionTimeout` (2 minutes) is not before now; the earliest such
 *   deadline is when to look again;
 * - an entry past its deadline is dropped with a Warning `NotDeleted` event
 *   on the pod (whose message names the budget's namespace twice, as
 *   Kubernetes' does);
 * - a pod counts healthy when it is Ready, not being deleted, and not in
 *   the map with a deadline still ahead.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../model/index.js';
import { isPodReady, unixMs } from '../replica-set/pod-state.js';

/** `DeletionTimeout`: how long an approved eviction may take to show as a deletion. */
export const DELETION_TIMEOUT_MS = 2 * 60_000;

export interface DisruptedPods {
  /** Pod name → RFC 3339 time of its eviction, sorted by name. */
  readonly kept: Readonly<Record<string, string>>;
  /** Pods whose entry expired without a deletion (each gets a NotDeleted event). */
  readonly expired: readonly KubeObject[];
  /** Unix ms when the earliest kept entry expires. */
  readonly recheckAt?: number;
}

export function buildDisruptedPods(pods: readonly KubeObject[], recorded: Readonly<Record<string, string>> | undefined, nowUnixMs: number): DisruptedPods {
  const kept: Record<string, string> = {};
  const expired: KubeObject[] = [];
  let recheckAt: number | undefined;
  if (recorded === undefined) return { kept, expired };
  const sorted = [...pods].sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
  for (const pod of sorted) {
    if (pod.metadata.deletionTimestamp !== undefined) continue;
    const stamp = recorded[pod.metadata.name ?? ''];
    if (stamp === undefined) continue;
    const expectedDeletion = (unixMs(stamp) ?? 0) + DELETION_TIMEOUT_MS;
    if (expectedDeletion < nowUnixMs) {
      expired.push(pod);
    } else {
      kept[pod.metadata.name ?? ''] = stamp;
      if (recheckAt === undefined || expectedDeletion < recheckAt) recheckAt = expectedDeletion;
    }
  }
  return recheckAt === undefined ? { kept, expired } : { kept, expired, recheckAt };
}

export function countHealthyPods(pods: readonly KubeObject[], disrupted: Readonly<Record<string, string>>, nowUnixMs: number): number {
  let healthy = 0;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp !== undefined) continue;
    const stamp = disrupted[pod.metadata.name ?? ''];
    if (stamp !== undefined && (unixMs(stamp) ?? 0) + DELETION_TIMEOUT_MS > nowUnixMs) continue;
    if (isPodReady(pod as unknown as Pod)) healthy++;
  }
  return healthy;
}
