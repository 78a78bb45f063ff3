/**
 * A running control plane: the built-in controllers of kube-controller-manager
 * and kube-scheduler, plus a simulated kubelet per node, on one controller
 * manager, against one API. Faults go through here so each is both recorded
 * (a `fault` history record) and applied to the simulated world at the same
 * virtual time.
 */
import type { Api } from '../api/index.js';
import type { ControllerDefinition } from '../controllers/index.js';
import {
  createRootCaPublisher,
  createServiceAccountController,
  cronJobController,
  daemonSetController,
  deploymentController,
  disruptionController,
  endpointSliceController,
  endpointsController,
  garbageCollector,
  hpaController,
  jobController,
  namespaceController,
  nodeAgent,
  pvcProtectionController,
  pvProtectionController,
  stalePodDisruptionController,
  persistentVolumeClaimBinder,
  persistentVolumeController,
  resourceQuotaController,
  simProvisioner,
  nodeLifecycleController,
  podGCController,
  replicaSetController,
  replicationControllerController,
  schedulerController,
  statefulSetController,
  taintEvictionController,
  ttlAfterFinishedController,
} from '../controllers/index.js';
import type { Log } from '../log/index.js';
import type { Fault, UsageSource } from '../model/index.js';
import type { Store } from '../store/index.js';
import { ControllerManager } from './controller-manager.js';
import type { ControllerSettings } from './controller-settings.js';
import { controllerOptions } from './controller-settings.js';
import type { SimScheduler } from './sim-scheduler.js';
import type { SimWorld } from './world/index.js';

export interface ClusterNode {
  readonly name: string;
  readonly cpu?: string;
  readonly memory?: string;
  readonly pods?: number;
  readonly labels?: Readonly<Record<string, string>>;
  readonly taints?: readonly { readonly key: string; readonly value?: string; readonly effect: string }[];
  readonly podCIDRs?: readonly string[];
}

export interface ClusterOptions {
  readonly api: Api;
  readonly store: Store;
  readonly log: Log;
  readonly scheduler: SimScheduler;
  readonly world: SimWorld;
  readonly seed: number;
  /** kube-controller-manager flags that differ from 1.32's defaults (controller-settings.ts); absent: the defaults. */
  readonly settings?: ControllerSettings;
}

/**
 * The control-plane controllers, in the order they start. The
 * HorizontalPodAutoscaler reads resource usage from the simulated world
 * (what metrics-server would serve): it runs when `world` is given.
 * `settings` (kube-controller-manager flags) configure the controllers that
 * have them; absent, every controller runs with Kubernetes 1.32's defaults.
 */
export function controlPlaneControllers(world?: UsageSource, settings?: ControllerSettings): ControllerDefinition[] {
  const options = controllerOptions(settings);
  return [
    createServiceAccountController(),
    createRootCaPublisher(),
    namespaceController,
    garbageCollector(),
    deploymentController,
    replicaSetController,
    replicationControllerController,
    statefulSetController,
    daemonSetController,
    jobController,
    ttlAfterFinishedController,
    cronJobController,
    endpointsController,
    endpointSliceController,
    disruptionController,
    stalePodDisruptionController,
    resourceQuotaController,
    persistentVolumeClaimBinder(options.claimBinder),
    persistentVolumeController(),
    ...simProvisioner(),
    pvcProtectionController(),
    pvProtectionController(),
    ...(world === undefined ? [] : [hpaController(world, options.hpa)]),
    nodeLifecycleController(options.nodeLifecycle),
    taintEvictionController(),
    podGCController(),
    schedulerController(),
  ];
}

export class Cluster {
  readonly manager: ControllerManager;
  private readonly agents = new Map<string, { node: ClusterNode; names: string[] }>();

  constructor(private readonly opts: ClusterOptions) {
    this.manager = new ControllerManager({ api: opts.api, store: opts.store, log: opts.log, scheduler: opts.scheduler, seed: opts.seed });
  }

  /** Starts every control-plane controller (plus any extra, e.g. a user's). */
  start(extra: readonly ControllerDefinition[] = []): void {
    const builtIn = controlPlaneControllers(this.opts.world, this.opts.settings);
    // A built-in passed again (the same definition) is not started twice; another controller under a built-in's name is an error.
    for (const def of [...builtIn, ...extra.filter((d) => !builtIn.includes(d))]) this.manager.add(def);
  }

  /** Starts the simulated kubelet of a node (it registers the Node object itself). */
  addNode(node: ClusterNode): void {
    if (this.agents.has(node.name)) throw new Error(`node "${node.name}" already has an agent`);
    const defs = nodeAgent(node.name, this.opts.world, {
      ...(node.cpu === undefined ? {} : { cpu: node.cpu }),
      ...(node.memory === undefined ? {} : { memory: node.memory }),
      ...(node.pods === undefined ? {} : { pods: node.pods }),
      ...(node.labels === undefined ? {} : { labels: node.labels }),
      ...(node.taints === undefined ? {} : { taints: node.taints.map((t) => ({ ...t })) }),
      ...(node.podCIDRs === undefined ? {} : { podCIDRs: node.podCIDRs }),
    });
    for (const d of defs) this.manager.add(d);
    this.agents.set(node.name, { node, names: defs.map((d) => d.name) });
  }

  /** Records a fault and applies it to the world now; a kubelet restart also restarts the node's agent. */
  async fault(fault: Fault, actor = 'user:scenario'): Promise<void> {
    const at = this.opts.scheduler.now();
    await this.opts.log.append([{ type: 'fault', time: at, actor, fault }]);
    this.opts.world.applyFault(fault, at);
    if (fault.kind === 'kubelet-restart') {
      const agent = this.agents.get(fault.node);
      if (agent !== undefined) {
        for (const n of agent.names) this.manager.remove(n);
        this.agents.delete(fault.node);
        this.addNode(agent.node);
      }
    }
  }

  stop(): void {
    this.manager.stop();
  }
}
