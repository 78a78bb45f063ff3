/**
 * The simulated kubelet of one node: two controllers, both acting as
 * `node:NAME` — the node loop (registration, Lease, node status; see
 * node-heartbeat.ts) and the pod loop (pods bound to the node; see
 * pod-worker.ts). The World supplies what the API does not: container
 * behaviour, faults, injected crashes and pod IPs.
 *
 * A kubelet restart is `manager.remove` of both names and `manager.add` of a
 * fresh `nodeAgent(...)`, with `world.restartKubelet(node, at)`: the pods are
 * re-listed from the API and their status continues; the crash back-off
 * memory is lost, as in a real kubelet.
 *
 * @example
 * const world = createWorld({ behaviours });
 * for (const def of nodeAgent('node-1', world, { cpu: '4', memory: '8Gi', podCIDRs: ['10.244.1.0/24'] })) manager.add(def);
 */
import type { World } from '../../model/index.js';
import type { ControllerDefinition } from '../controller.js';
import { nodeHeartbeat } from './node-heartbeat.js';
import type { NodeAgentOptions } from './node-object.js';
import { podWorker } from './pod-worker.js';

export type { NodeAgentOptions } from './node-object.js';

export function nodeAgent(nodeName: string, world: World, options: NodeAgentOptions = {}): readonly ControllerDefinition[] {
  return [nodeHeartbeat(nodeName, world, options), podWorker(nodeName, world)];
}
