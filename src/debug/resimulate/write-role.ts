/**
 * What a write of a recorded or imported history is to a re-simulation:
 * an `input` (a person's or an outside program's request, or the API
 * server's own setup: re-made at its recorded time), an `output` (what a
 * component chronokube simulates decided: the control plane's controllers,
 * the scheduler, the kubelets — decided anew by chronokube's own), or
 * `unknown` (the history does not say who wrote it: left out, and counted).
 * The API server's own writes are inputs: a re-simulation runs no bootstrap
 * of its own when the history holds one, so that what the recorded server
 * set up is what the simulation has.
 *
 * Actors come in three shapes: chronokube's own (`controller:X`, `node:N`,
 * `user:U`), the audit importer's (the same names, see `auditActor`), and
 * the recorder's and watch importer's guesses from managedFields
 * (`client:MANAGER`). Kubernetes' components write as the managers
 * `kube-controller-manager`, `kube-scheduler` and `kubelet`; chronokube's
 * own components, recorded through its HTTP API, as their controller or
 * node names (the field manager is the actor's name: `replicaset`,
 * `node-1`).
 *
 * A deletion the recording cannot attribute (`client:unknown`, which is
 * what every watch DELETED event is) of a Node is an input: no simulated
 * component deletes Nodes, so a person or a cloud did.
 */
import { BOOTSTRAP_ACTOR } from '../../api/index.js';
import type { WriteRecord } from '../../model/index.js';
import { parseKey } from '../../model/index.js';

export type WriteRole = 'input' | 'output' | 'unknown';

/** The API server's own writes (its bootstrap: system namespaces, RBAC policy, the `kubernetes` Service): chronokube's, and as a recording names them. */
export function isApiServerActor(actor: string): boolean {
  return actor === BOOTSTRAP_ACTOR || actor === 'client:apiserver' || actor === 'client:kube-apiserver';
}

/** Field managers of the Kubernetes components chronokube simulates. */
export const KUBERNETES_COMPONENT_MANAGERS: readonly string[] = ['kube-controller-manager', 'kube-scheduler', 'kubelet'];

export const UNKNOWN_ACTOR = 'client:unknown';

export interface WriteRoleContext {
  /** chronokube's simulated controllers' names (`replicaset`, `scheduler`, ...): managers of outputs when chronokube was the recorded cluster. */
  readonly controllerNames: ReadonlySet<string>;
  /** Names of the history's nodes: their kubelets' field managers when chronokube was the recorded cluster. */
  readonly nodeNames: ReadonlySet<string>;
}

export function writeRole(w: WriteRecord, ctx: WriteRoleContext): WriteRole {
  const a = w.actor;
  if (isApiServerActor(a)) return 'input';
  if (a.startsWith('controller:') || a.startsWith('node:')) return 'output';
  if (a === UNKNOWN_ACTOR) {
    const k = parseKey(w.key);
    return k.group === '' && k.resource === 'nodes' && w.change.op === 'remove' ? 'input' : 'unknown';
  }
  if (a.startsWith('client:')) {
    const manager = a.slice('client:'.length);
    if (KUBERNETES_COMPONENT_MANAGERS.includes(manager) || ctx.controllerNames.has(manager) || ctx.nodeNames.has(manager)) return 'output';
  }
  return 'input';
}
