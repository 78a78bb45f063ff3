/**
 * The scheduler's profile: what KubeSchedulerConfiguration would say, with
 * kube-scheduler 1.32's defaults (pkg/scheduler/apis/config/v1/defaults.go,
 * pkg/scheduler/internal/queue/scheduling_queue.go).
 */

/** NodeResourcesFit's scoring strategy: spread (the default) or bin-pack. */
export type ScoringStrategy = 'LeastAllocated' | 'MostAllocated';

export interface SchedulerOptions {
  /** The controller's name (default `scheduler`); its writes are stamped `controller:NAME`. */
  readonly name?: string;
  /** Pods naming this scheduler in `spec.schedulerName` are ours (default `default-scheduler`). */
  readonly schedulerName?: string;
  /** NodeResourcesFit scoring (default LeastAllocated; MostAllocated is the bin-packing profile). */
  readonly scoringStrategy?: ScoringStrategy;
  /** 0 (the default) is adaptive: 50% minus one per 125 nodes, at least 5%. */
  readonly percentageOfNodesToScore?: number;
  /** Default 1 s. */
  readonly podInitialBackoffSeconds?: number;
  /** Default 10 s. */
  readonly podMaxBackoffSeconds?: number;
  /** How long an unschedulable pod waits for a cluster event before a retry anyway (default 5 min). */
  readonly podMaxInUnschedulablePodsDurationSeconds?: number;
}

export interface Profile {
  readonly name: string;
  readonly schedulerName: string;
  readonly scoringStrategy: ScoringStrategy;
  readonly percentageOfNodesToScore: number;
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
  readonly maxInUnschedulableMs: number;
}

/** The queue's periodic flushes in kube-scheduler 1.32: backoffQ every 1 s, leftover unschedulable pods every 30 s. */
export const BACKOFF_FLUSH_MS = 1_000;
export const UNSCHEDULABLE_FLUSH_MS = 30_000;

export function profileOf(o: SchedulerOptions = {}): Profile {
  const pct = o.percentageOfNodesToScore ?? 0;
  if (!Number.isInteger(pct) || pct < 0 || pct > 100) throw new RangeError(`percentageOfNodesToScore must be an integer in [0, 100], got ${pct}`);
  return {
    name: o.name ?? 'scheduler',
    schedulerName: o.schedulerName ?? 'default-scheduler',
    scoringStrategy: o.scoringStrategy ?? 'LeastAllocated',
    percentageOfNodesToScore: pct,
    initialBackoffMs: (o.podInitialBackoffSeconds ?? 1) * 1000,
    maxBackoffMs: (o.podMaxBackoffSeconds ?? 10) * 1000,
    maxInUnschedulableMs: (o.podMaxInUnschedulablePodsDurationSeconds ?? 300) * 1000,
  };
}
