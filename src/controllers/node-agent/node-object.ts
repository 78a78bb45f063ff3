/**
 * The Node the agent registers and the status it posts, as kubelet 1.32:
 * labels kubernetes.io/hostname, os, arch (and their beta twins); capacity
 * cpu, memory, pods (110), ephemeral-storage, hugepages; allocatable minus
 * the default hard eviction thresholds (memory.available < 100Mi,
 * nodefs.available < 10%); addresses InternalIP and Hostname; the kubelet
 * endpoint on 10250; and the four conditions in the kubelet's order with
 * its reasons and messages (pkg/kubelet/nodestatus/setters.go).
 */
import type { Node, NodeCondition, NodeStatus, Taint } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../model/index.js';
import { formatQuantity, parseQuantity, subtractQuantities } from '../../model/index.js';

export const KUBELET_VERSION = 'v1.32.0';

export interface NodeAgentOptions {
  readonly cpu?: string;
  readonly memory?: string;
  /** Max pods (kubelet's --max-pods, default 110). */
  readonly pods?: number;
  readonly ephemeralStorage?: string;
  readonly labels?: Readonly<Record<string, string>>;
  /** Registered with the node (kubelet's --register-with-taints). */
  readonly taints?: readonly Taint[];
  /** IPv4 and optionally IPv6 pod CIDRs. Default: 10.244.N.0/24, N from the name (see `defaultPodCIDR`). */
  readonly podCIDRs?: readonly string[];
  /** Default: 172.18.0.(N + 2), N as for the pod CIDR. */
  readonly internalIP?: string;
  readonly kubeletVersion?: string;
}

/** The number a node's name ends with (node-3 → 3), else a stable hash of it, in 0..253. */
function nodeIndex(name: string): number {
  const m = /(\d+)$/.exec(name);
  if (m?.[1] !== undefined) return Number(m[1]) % 254;
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return h % 254;
}

export function defaultPodCIDR(name: string): string {
  return `10.244.${nodeIndex(name)}.0/24`;
}

/** The Node as the kubelet registers it (the API drops status on create; the first heartbeat posts it). */
export function nodeToRegister(name: string, o: NodeAgentOptions): KubeObject {
  const podCIDRs = o.podCIDRs ?? [defaultPodCIDR(name)];
  const node: Node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        ...o.labels,
      },
      annotations: { 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
    },
    spec: {
      ...(podCIDRs[0] === undefined ? {} : { podCIDR: podCIDRs[0], podCIDRs: [...podCIDRs] }),
      ...(o.taints === undefined || o.taints.length === 0 ? {} : { taints: [...o.taints] }),
    },
  };
  return node as unknown as KubeObject;
}

function resources(o: NodeAgentOptions): { capacity: Record<string, string>; allocatable: Record<string, string> } {
  const memory = parseQuantity(o.memory ?? '8Gi');
  const storage = parseQuantity(o.ephemeralStorage ?? '100Gi');
  const capacity = {
    cpu: o.cpu ?? '4',
    'ephemeral-storage': formatQuantity(storage),
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: formatQuantity(memory),
    pods: String(o.pods ?? 110),
  };
  const allocatable = {
    ...capacity,
    'ephemeral-storage': formatQuantity({ nanos: (storage.nanos * 9n) / 10n / 1_000_000_000n * 1_000_000_000n, format: 'DecimalSI' }),
    memory: formatQuantity(subtractQuantities(memory, parseQuantity('100Mi'))),
  };
  return { capacity, allocatable };
}

/** The kubelet's healthy conditions, without times: [type, status, reason, message]. */
const HEALTHY: readonly (readonly [string, string, string, string])[] = [
  ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
  ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
  ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
  ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
];

/**
 * The status to post: heartbeat times set to `nowStamp`; a condition whose
 * status is unchanged keeps its lastTransitionTime.
 */
export function desiredNodeStatus(name: string, o: NodeAgentOptions, previous: NodeStatus | undefined, nowStamp: string): NodeStatus {
  const old = new Map((previous?.conditions ?? []).map((c) => [c.type, c]));
  const conditions: NodeCondition[] = HEALTHY.map(([type, status, reason, message]) => {
    const before = old.get(type);
    return {
      type,
      status,
      lastHeartbeatTime: nowStamp,
      lastTransitionTime: before?.status === status && before.lastTransitionTime !== undefined ? before.lastTransitionTime : nowStamp,
      reason,
      message,
    };
  });
  const internalIP = o.internalIP ?? `172.18.0.${nodeIndex(name) + 2}`;
  const version = o.kubeletVersion ?? KUBELET_VERSION;
  return {
    ...previous,
    ...resources(o),
    conditions,
    addresses: [
      { type: 'InternalIP', address: internalIP },
      { type: 'Hostname', address: name },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: {
      architecture: 'amd64',
      bootID: '',
      containerRuntimeVersion: 'containerd://1.7.24',
      kernelVersion: '6.1.0-chronokube',
      kubeProxyVersion: '',
      kubeletVersion: version,
      machineID: '',
      operatingSystem: 'linux',
      osImage: 'Debian GNU/Linux 12 (bookworm)',
      systemUUID: '',
    },
  };
}

/** Status with heartbeat times blanked: what "changed" means for the kubelet's decision to post. */
export function withoutHeartbeats(s: NodeStatus | undefined): unknown {
  if (s === undefined) return undefined;
  return { ...s, conditions: (s.conditions ?? []).map(({ lastHeartbeatTime: _h, lastTransitionTime: _t, ...c }) => c) };
}
