/**
 * The pod being scheduled, digested once per scheduling cycle (what
 * kube-scheduler's PreFilter steps compute into the cycle state): its
 * requests, tolerations, node selector and affinity terms, and its
 * volume claims (volume-claims.ts).
 */
import type { NodeSelectorTerm, Pod, PreferredSchedulingTerm, Toleration } from 'kubernetes-types/core/v1.js';
import type { Resources } from './resources.js';
import { podRequests } from './resources.js';
import type { VolumePreFilter } from './volume-claims.js';

export interface PodFacts {
  readonly pod: Pod;
  readonly name: string;
  readonly namespace: string;
  readonly requests: Resources;
  /** Requests with the scoring defaults for containers that set none. */
  readonly nonZeroCpu: number;
  readonly nonZeroMemory: number;
  readonly tolerations: readonly Toleration[];
  readonly nodeSelector: Readonly<Record<string, string>> | undefined;
  /** `requiredDuringSchedulingIgnoredDuringExecution` terms (ORed); undefined when absent. */
  readonly requiredTerms: readonly NodeSelectorTerm[] | undefined;
  readonly preferredTerms: readonly PreferredSchedulingTerm[];
  /** `spec.preemptionPolicy: Never`. */
  readonly neverPreempts: boolean;
  /** VolumeBinding's PreFilter result (read off the view by the scheduler); absent: the pod's claims are not considered. */
  readonly volumes?: VolumePreFilter;
}

export function podFactsOf(pod: Pod, volumes?: VolumePreFilter): PodFacts {
  const spec = pod.spec;
  const nonZero = podRequests(pod, true);
  const nodeAffinity = spec?.affinity?.nodeAffinity;
  return {
    pod,
    name: pod.metadata?.name ?? '',
    namespace: pod.metadata?.namespace ?? 'default',
    requests: podRequests(pod),
    nonZeroCpu: nonZero.cpu,
    nonZeroMemory: nonZero.memory,
    tolerations: spec?.tolerations ?? [],
    nodeSelector: spec?.nodeSelector,
    requiredTerms: nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms,
    preferredTerms: nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [],
    neverPreempts: spec?.preemptionPolicy === 'Never',
    ...(volumes === undefined ? {} : { volumes }),
  };
}
