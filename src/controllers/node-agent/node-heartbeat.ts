/**
 * The agent's node loop: registration, the Lease heartbeat and node status,
 * as kubelet 1.32 with lease-based heartbeats —
 * - registers the Node when it is absent (again if someone deletes it);
 * - renews its Lease every 10 s (nodeLeaseDurationSeconds 40 × 0.25);
 * - posts node status when it differs from what the API holds (ignoring
 *   heartbeat times: e.g. the node lifecycle controller set Ready Unknown),
 *   otherwise every nodeStatusReportFrequency = 5 min;
 * - relists injected container crashes (as the kubelet's PLEG relists the
 *   runtime) and syncs the affected pods of this node, so a crash is
 *   reported within one 10 s period even if nothing else wakes the pod.
 * A down or partitioned node does nothing and looks again in 10 s.
 *
 * Keyed by the Node; woken by its own Node's changes and, to get going
 * before the Node exists, by the kube-node-lease namespace (which the API
 * server creates at start), then by its own requeue.
 */
import type { Node } from 'kubernetes-types/core/v1.js';
import type { Command, World } from '../../model/index.js';
import { objectKey } from '../../model/index.js';
import type { ControllerDefinition } from '../controller.js';
import { leaseKey, LEASE_RENEW_INTERVAL_MS, NODE_LEASE_NAMESPACE, newLease, renewed } from './node-lease.js';
import type { NodeAgentOptions } from './node-object.js';
import { desiredNodeStatus, nodeToRegister, withoutHeartbeats } from './node-object.js';
import { nodeKey } from './node-info.js';
import { OFFLINE_POLL_MS, syncPod } from './pod-sync.js';
import { sameJson } from './same-json.js';
import { parseStamp, stamp } from './times.js';

/** nodeStatusReportFrequency (kubelet config default, 1.32). */
export const NODE_STATUS_REPORT_MS = 5 * 60_000;

export function nodeHeartbeat(nodeName: string, world: World, options: NodeAgentOptions = {}): ControllerDefinition {
  const key = nodeKey(nodeName);
  return {
    name: `kubelet/${nodeName}`,
    actor: `node:${nodeName}`,
    for: { group: '', kind: 'Node' },
    predicates: [(c) => c.key === key],
    watches: [{ kind: { group: '', kind: 'Namespace' }, handler: (c) => (c.object.metadata.name === NODE_LEASE_NAMESPACE ? [key] : []) }],
    reconcile(_key, view, ctx) {
      const { now, epoch } = ctx;
      const fault = world.node(nodeName);
      if (fault.down || fault.partitioned) return { commands: [], requeueAfterMs: OFFLINE_POLL_MS };
      const node = view.get(key);
      if (node === undefined) return { commands: [{ type: 'create', object: nodeToRegister(nodeName, options) }], requeueAfterMs: LEASE_RENEW_INTERVAL_MS };
      const commands: Command[] = [];

      const lease = view.get(leaseKey(nodeName));
      const renewedAt = lease === undefined ? undefined : parseStamp(epoch, (lease['spec'] as { renewTime?: string } | undefined)?.renewTime);
      let nextRenew = (renewedAt ?? now) + LEASE_RENEW_INTERVAL_MS;
      if (lease === undefined) commands.push({ type: 'create', object: newLease(node, epoch, now) });
      else if (renewedAt === undefined || now >= renewedAt + LEASE_RENEW_INTERVAL_MS) {
        commands.push({ type: 'update', object: renewed(lease, epoch, now) });
        nextRenew = now + LEASE_RENEW_INTERVAL_MS;
      }

      const status = (node as unknown as Node).status;
      const desired = desiredNodeStatus(nodeName, options, status, stamp(epoch, now));
      const ready = status?.conditions?.find((c) => c.type === 'Ready');
      const lastReport = parseStamp(epoch, ready?.lastHeartbeatTime);
      let nextReport = (lastReport ?? now) + NODE_STATUS_REPORT_MS;
      if (lastReport === undefined || now >= nextReport || !sameJson(withoutHeartbeats(desired), withoutHeartbeats(status))) {
        commands.push({ type: 'update', subresource: 'status', object: { ...node, status: desired } });
        nextReport = now + NODE_STATUS_REPORT_MS;
      }

      const synced = new Set<string>();
      for (const crash of world.crashesSince(now - 2 * LEASE_RENEW_INTERVAL_MS)) {
        const podKey = objectKey({ group: '', resource: 'pods', namespace: crash.namespace, name: crash.pod });
        const pod = view.get(podKey);
        if (synced.has(podKey) || pod === undefined || (pod['spec'] as { nodeName?: string } | undefined)?.nodeName !== nodeName) continue;
        synced.add(podKey);
        commands.push(...syncPod(podKey, pod, view, ctx, { nodeName, world }).commands);
      }
      return { commands, requeueAfterMs: Math.max(1, Math.min(nextRenew, nextReport, now + LEASE_RENEW_INTERVAL_MS) - now) };
    },
  };
}
