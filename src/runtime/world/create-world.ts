/**
 * The runtime's World: container behaviours from the scenario, node fault
 * state, injected container crashes and each node's pod IPAM. Deterministic
 * (no clock of its own: every change names its virtual time) and plain
 * (changes apply immediately; the caller applies them at the right time).
 *
 * How the runtime drives it — one call per fault, at the fault's time:
 * | fault (model/history.ts) | call                                        | the agent then                                  |
 * | node-down                | `setNodeDown(node, true, at)`               | does nothing: no heartbeats, no pod updates     |
 * | node-up                  | `setNodeDown(node, false, at)`              | resumes as a freshly started kubelet            |
 * | partition / heal         | `setPartitioned(node, true / false)`        | writes nothing; containers keep running         |
 * | kubelet-restart          | `restartKubelet(node, at)`, and remove/re-add the agent's controllers | re-lists its pods; crash back-off memory is lost, restart counts stay |
 * | container-crash          | `crashContainer(ns, pod, container, exitCode ?? 1, at)` | reports the exit within one heartbeat (10 s) |
 * | load                     | `setLoad(fault, at)`                        | (the HPA's metrics read the new demand)         |
 * `applyFault(fault, at)` does the table's world part for a `Fault` value.
 *
 * @example
 * const world = createWorld({ behaviours: scenario.behaviours });
 * world.applyFault({ kind: 'node-down', node: 'node-2' }, 60_000);
 */
import type { ContainerBehaviour, ContainerCrash, Fault, NodeWorldState, ResourceUsage, World, WorldPod } from '../../model/index.js';
import { assertNever } from '../../model/index.js';
import type { BehaviourRule } from './behaviour-rules.js';
import { matchBehaviour, matchUsage } from './behaviour-rules.js';
import { LoadBook } from './load-book.js';
import { PodIpam } from './pod-ipam.js';

export interface WorldOptions {
  /** Scenario behaviour rules, first match wins. */
  readonly behaviours?: readonly BehaviourRule[];
}

export interface SimWorld extends World {
  setNodeDown(node: string, down: boolean, at: number): void;
  setPartitioned(node: string, partitioned: boolean): void;
  restartKubelet(node: string, at: number): void;
  crashContainer(namespace: string, pod: string, container: string, exitCode: number, at: number): void;
  /** Sets the total demand of the matching pods from `at` on (a `load` fault). */
  setLoad(fault: Extract<Fault, { kind: 'load' }>, at: number): void;
  /** Adds a behaviour rule after the existing ones. */
  addBehaviour(rule: BehaviourRule): void;
  /** The world part of a history `fault` record (`container-crash` names its pod `NAMESPACE/NAME`). */
  applyFault(fault: Fault, at: number): void;
}

const UP: NodeWorldState = Object.freeze({ down: false, partitioned: false, kubeletStartedAt: 0 });

export function createWorld(options: WorldOptions = {}): SimWorld {
  const rules: BehaviourRule[] = [...(options.behaviours ?? [])];
  const nodes = new Map<string, NodeWorldState>();
  const crashes: ContainerCrash[] = [];
  const byContainer = new Map<string, ContainerCrash[]>();
  const ipams = new Map<string, PodIpam>();
  const loads = new LoadBook();

  const setNode = (name: string, change: Partial<NodeWorldState>): void => {
    nodes.set(name, Object.freeze({ ...(nodes.get(name) ?? UP), ...change }));
  };
  const ipam = (node: string): PodIpam => {
    let p = ipams.get(node);
    if (p === undefined) {
      p = new PodIpam();
      ipams.set(node, p);
    }
    return p;
  };

  const world: SimWorld = {
    node: (name) => nodes.get(name) ?? UP,
    behaviour: (pod: WorldPod, container: string): ContainerBehaviour | undefined => matchBehaviour(rules, pod, container),
    usage: (pod: WorldPod, container: string): ResourceUsage | undefined => matchUsage(rules, pod, container),
    loads: (namespace, now) => loads.at(namespace, now),
    crashes: (namespace, pod, container) => byContainer.get(`${namespace}/${pod}/${container}`) ?? [],
    crashesSince(since) {
      // Crashes are appended in time order; scan back from the newest.
      let i = crashes.length;
      while (i > 0 && (crashes[i - 1]?.at ?? -Infinity) >= since) i--;
      return crashes.slice(i);
    },
    podIPs: (node, podKey, uid, cidrs) => ipam(node).allocate(podKey, uid, cidrs),
    releasePodIPs: (node, podKey) => ipam(node).release(podKey),

    setNodeDown(node, down, at) {
      const cur = world.node(node);
      if (cur.down === down) return;
      // Coming up starts a new kubelet process.
      setNode(node, down ? { down, lastDownAt: at } : { down, kubeletStartedAt: at });
    },
    setPartitioned: (node, partitioned) => setNode(node, { partitioned }),
    restartKubelet: (node, at) => setNode(node, { kubeletStartedAt: at }),
    crashContainer(namespace, pod, container, exitCode, at) {
      const last = crashes[crashes.length - 1];
      if (last !== undefined && last.at > at) throw new Error(`crash at ${at} is earlier than the last one (${last.at}): apply faults in time order`);
      const c: ContainerCrash = Object.freeze({ namespace, pod, container, at, exitCode });
      crashes.push(c);
      const k = `${namespace}/${pod}/${container}`;
      byContainer.set(k, [...(byContainer.get(k) ?? []), c]);
    },
    setLoad: (fault, at) => loads.set(fault, at),
    addBehaviour: (rule) => void rules.push(rule),
    applyFault(fault, at) {
      switch (fault.kind) {
        case 'node-down':
          return world.setNodeDown(fault.node, true, at);
        case 'node-up':
          return world.setNodeDown(fault.node, false, at);
        case 'partition':
          return world.setPartitioned(fault.node, true);
        case 'heal':
          return world.setPartitioned(fault.node, false);
        case 'kubelet-restart':
          return world.restartKubelet(fault.node, at);
        case 'container-crash': {
          const slash = fault.pod.indexOf('/');
          const [ns, name] = slash < 0 ? ['default', fault.pod] : [fault.pod.slice(0, slash), fault.pod.slice(slash + 1)];
          return world.crashContainer(ns, name, fault.container, fault.exitCode ?? 1, at);
        }
        case 'load':
          return world.setLoad(fault, at);
        default:
          return assertNever(fault);
      }
    },
  };
  return world;
}
