/**
 * The scenario format (`kind: Scenario`, `apiVersion: chronokube.io/v1alpha1`):
 * nodes, manifests, container behaviours and a timeline of steps at virtual
 * times. The schema is documented in fixtures/SCENARIOS.md; later work
 * extends it (resource usage, perturbations, forks), so unknown fields are
 * refused rather than ignored, and the apiVersion names its version.
 */
import type { KubeObject } from '../../model/index.js';
import type { Fault } from '../../model/index.js';
import type { ControllerSettings } from '../controller-settings.js';
import type { BehaviourRule } from '../world/behaviour-rules.js';
import type { TrafficSpec } from '../network/traffic-spec.js';
import type { DrainStep } from './drain-step.js';

export const SCENARIO_API_VERSION = 'chronokube.io/v1alpha1';

export interface ScenarioNode {
  readonly name: string;
  readonly cpu: string;
  readonly memory: string;
  readonly pods: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly { readonly key: string; readonly value?: string; readonly effect: string }[];
  /** IPv4 and optionally IPv6 pod CIDRs. */
  readonly podCIDRs: readonly string[];
}

/** Behaviour rules: the first whose labels (and container) match a container gives its behaviour; they win over pod annotations. */
export type { BehaviourRule } from '../world/behaviour-rules.js';

export type Step =
  | { readonly type: 'apply'; readonly at: number; readonly objects: readonly KubeObject[] }
  | {
      readonly type: 'delete';
      readonly at: number;
      readonly kind: string;
      readonly name: string;
      readonly namespace?: string;
      readonly propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
    }
  | { readonly type: 'scale'; readonly at: number; readonly kind: string; readonly name: string; readonly namespace?: string; readonly replicas: number }
  /** `kubectl rollout undo|pause|resume deployment/NAME` (undo: to `toRevision`, or the previous revision). */
  | { readonly type: 'rollout'; readonly at: number; readonly action: 'undo' | 'pause' | 'resume'; readonly name: string; readonly namespace?: string; readonly toRevision?: number }
  | { readonly type: 'fault'; readonly at: number; readonly fault: Fault }
  | { readonly type: 'add-node'; readonly at: number; readonly node: ScenarioNode }
  /** `kubectl drain NODE` (drain-step.ts). */
  | DrainStep;

export interface Scenario {
  readonly name: string;
  readonly seed: number;
  /** Unix ms of virtual time 0 (the history header's epoch). */
  readonly epoch: number;
  readonly nodes: readonly ScenarioNode[];
  readonly manifests: readonly KubeObject[];
  readonly behaviours: readonly BehaviourRule[];
  /** Steps ordered by time (stable for equal times). */
  readonly timeline: readonly Step[];
  /** Request streams the run's traffic report evaluates (absent: none). */
  readonly traffic?: readonly TrafficSpec[];
  /** The API server's service address ranges (`--service-cluster-ip-range`, `--service-node-port-range`); absent: 10.96.0.0/12 and 30000-32767. */
  readonly network?: ScenarioNetwork;
  /** kube-controller-manager flags that differ from 1.32's defaults (`spec.controllerManager`); absent: the defaults. Recorded in the history header (`settingsMeta`). */
  readonly controllerManager?: ControllerSettings;
}

export interface ScenarioNetwork {
  /** One CIDR, or an IPv4 and an IPv6 CIDR (primary first) for a dual-stack cluster. */
  readonly serviceCIDRs?: readonly string[];
  readonly nodePortRange?: string;
}
