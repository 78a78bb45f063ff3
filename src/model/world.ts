/**
 * The simulated world a node agent observes beyond the API: how each
 * container behaves, the node's fault state, the injected container
 * crashes, and the node's pod network (the CNI's IP allocations, which a
 * real node keeps on its own disk, not in the API).
 *
 * The runtime provides the implementation (runtime/world) and turns scenario
 * faults and `fault` history records into world changes at their virtual
 * times, so a history with faults replays exactly. The agent only reads it,
 * except for IP allocation, which is idempotent per pod uid (a repeated
 * reconcile gets the same addresses).
 *
 * Precedence of behaviour: a scenario rule returned by `behaviour` wins over
 * the pod's `chronokube.io/*` annotations, which win over the default
 * (start at once, ready at once, run forever).
 */

/** How one container behaves once its pod is on a node. Durations in ms. */
export interface ContainerBehaviour {
  /** ContainerCreating → Running. */
  readonly startDelayMs?: number;
  /** Running → Ready (what a readiness probe would decide). */
  readonly readyAfterMs?: number;
  /** Never Ready (a failing readiness probe). */
  readonly neverReady?: boolean;
  /** Exits after running this long, with `exitCode` (default 1). */
  readonly crashAfterMs?: number;
  readonly exitCode?: number;
  /** Exits with code 0 after running this long (a Job's work). */
  readonly completeAfterMs?: number;
}

/** The identity of a pod as behaviour rules see it. */
export interface WorldPod {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** A node's fault state, as its agent sees it. Times are ms on the run's clock. */
export interface NodeWorldState {
  /** The node (its kubelet) is down: the agent does nothing at all. */
  readonly down: boolean;
  /** The node cannot reach the API: the agent writes nothing; containers keep running. */
  readonly partitioned: boolean;
  /** When the current kubelet process started (0 at the start of the run); a restart loses its in-memory crash back-off. */
  readonly kubeletStartedAt: number;
  /** When the node last went down (undefined if never): the kubelet restarted nothing in [downAt, kubeletStartedAt). */
  readonly lastDownAt?: number;
}

/** A `container-crash` fault: the container exits at `at` with `exitCode`. */
export interface ContainerCrash {
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
  readonly at: number;
  readonly exitCode: number;
}

/** Resource usage of one container at a time: CPU in millicores, memory in bytes. */
export interface ResourceUsage {
  readonly cpuMillis?: number;
  readonly memoryBytes?: number;
}

/**
 * A `load` fault in force: the TOTAL demand of the pods of `namespace`
 * matching `matchLabels`. The world keeps the demand; who serves it is
 * decided by the reader from the pods it sees (see
 * `controllers/hpa/pod-metrics.ts`): split equally among the matching pods
 * that are Running, Ready and not being deleted.
 */
export interface LoadDemand {
  readonly namespace: string;
  readonly matchLabels: Readonly<Record<string, string>>;
  readonly cpuMillis?: number;
  readonly memoryBytes?: number;
  /** Only this container of each serving pod takes the share; all its containers equally when absent. */
  readonly container?: string;
  /** When it was set (ms on the run's clock). */
  readonly since: number;
}

/**
 * What a metrics pipeline (metrics-server, as the HPA reads it) needs from
 * the world: per-container constant usage and the loads in force. Pure
 * reads at a given time, so a reader passes its `ctx.now`.
 */
export interface UsageSource {
  /** The container's constant usage from the scenario's behaviour rules (the first matching rule that gives usage). */
  usage(pod: WorldPod, container: string, now: number): ResourceUsage | undefined;
  /** The loads of `namespace` in force at `now`, oldest first (one per distinct selector). */
  loads(namespace: string, now: number): readonly LoadDemand[];
}

export interface World extends UsageSource {
  /** Fault state of a node (never throws: an unknown node is up, reachable, started at 0). */
  node(name: string): NodeWorldState;
  /** The scenario's behaviour for this container, if a rule matches (the first matching rule wins). */
  behaviour(pod: WorldPod, container: string): ContainerBehaviour | undefined;
  /** Injected crashes of one container, oldest first. */
  crashes(namespace: string, pod: string, container: string): readonly ContainerCrash[];
  /** Injected crashes at or after `since`, oldest first (the agent's relist of what changed). */
  crashesSince(since: number): readonly ContainerCrash[];
  /**
   * The pod's IPs on `node`: one per pod CIDR (IPv4 first), the lowest free
   * address after the gateway (network + 1). Idempotent per (node, podKey,
   * uid); a new uid for the same key frees the old addresses first.
   */
  podIPs(node: string, podKey: string, uid: string, podCIDRs: readonly string[]): readonly string[];
  /** Frees a pod's addresses (its sandbox is gone). Idempotent. */
  releasePodIPs(node: string, podKey: string): void;
}
