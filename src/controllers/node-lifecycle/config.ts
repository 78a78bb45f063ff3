/**
 * The node lifecycle, taint eviction and pod GC settings, with
 * kube-controller-manager 1.32's defaults. Every duration is in
 * milliseconds of the run's clock.
 *
 * Sources (Kubernetes 1.32):
 * - `--node-monitor-period` 5s (KubeCloudShared.NodeMonitorPeriod).
 * - `--node-monitor-grace-period` 50s: raised from 40s in 1.32
 *   (kubernetes/kubernetes#126287, "The default value for
 *   node-monitor-grace-period has been increased to 50s").
 * - `--node-startup-grace-period` 60s (nodelifecycle config defaults).
 * - `--node-eviction-rate` 0.1, `--secondary-node-eviction-rate` 0.01,
 *   `--large-cluster-size-threshold` 50, `--unhealthy-zone-threshold` 0.55
 *   (kube-controller-manager flag defaults); the eviction limiter's burst is
 *   1 (scheduler.EvictionRateLimiterBurst).
 * - PodGC: `gcCheckPeriod` 20s and `quarantineTime` 40s (podgc/gc_controller.go).
 */

export interface NodeLifecycleOptions {
  /** How often the monitor pass runs (`--node-monitor-period`). */
  readonly nodeMonitorPeriodMs?: number;
  /** Heartbeat silence after which a node is Unknown (`--node-monitor-grace-period`). */
  readonly nodeMonitorGracePeriodMs?: number;
  /** The same for a node that never posted a Ready condition (`--node-startup-grace-period`). */
  readonly nodeStartupGracePeriodMs?: number;
  /** Nodes per second tainted NoExecute in a healthy zone (`--node-eviction-rate`). */
  readonly evictionLimiterQPS?: number;
  /** The same in a partially disrupted large zone (`--secondary-node-eviction-rate`). */
  readonly secondaryEvictionLimiterQPS?: number;
  /** Zones of at most this many nodes stop tainting when partially disrupted (`--large-cluster-size-threshold`). */
  readonly largeClusterSizeThreshold?: number;
  /** Fraction of not-ready nodes (with more than 2 of them) that makes a zone partially disrupted (`--unhealthy-zone-threshold`). */
  readonly unhealthyZoneThreshold?: number;
}

export type NodeLifecycleConfig = Required<NodeLifecycleOptions>;

export const NODE_LIFECYCLE_DEFAULTS: NodeLifecycleConfig = {
  nodeMonitorPeriodMs: 5_000,
  nodeMonitorGracePeriodMs: 50_000,
  nodeStartupGracePeriodMs: 60_000,
  evictionLimiterQPS: 0.1,
  secondaryEvictionLimiterQPS: 0.01,
  largeClusterSizeThreshold: 50,
  unhealthyZoneThreshold: 0.55,
};

/** Options over the defaults; throws on a setting Kubernetes would refuse to start with. */
export function nodeLifecycleConfig(options: NodeLifecycleOptions = {}): NodeLifecycleConfig {
  const c: NodeLifecycleConfig = { ...NODE_LIFECYCLE_DEFAULTS, ...options };
  for (const [name, v] of Object.entries(c)) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new Error(`node lifecycle option ${name} must be a non-negative number, got ${String(v)}`);
  }
  if (c.nodeMonitorPeriodMs === 0) throw new Error('node lifecycle option nodeMonitorPeriodMs must be positive');
  return c;
}

/** PodGC's orphan quarantine: how long a pod's node may be missing before the pod is force-deleted. */
export const POD_GC_QUARANTINE_MS = 40_000;

/** Controller names, as kube-controller-manager names them (cmd/kube-controller-manager/names). */
export const NODE_LIFECYCLE_CONTROLLER = 'node-lifecycle-controller';
export const TAINT_EVICTION_CONTROLLER = 'taint-eviction-controller';
export const POD_GC_CONTROLLER = 'pod-garbage-collector-controller';
/** The node lifecycle controller's event source (`EventSource{Component: "node-controller"}`). */
export const NODE_CONTROLLER_COMPONENT = 'node-controller';
