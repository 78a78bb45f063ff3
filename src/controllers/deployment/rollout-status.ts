/**
 * Whether a Deployment's rollout is done, in kubectl's words (kubectl 1.32
 * `DeploymentStatusViewer.Status`): the spec change must be observed, the
 * progress deadline not exceeded, every replica updated, no old replica
 * left, and every updated replica available.
 */
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { KubeObject } from '../../model/index.js';
import { Reason } from './names.js';

export type RolloutStatus =
  | { readonly done: true; readonly message: string }
  | { readonly done: false; readonly message: string }
  /** The rollout failed: kubectl prints `error: MESSAGE` and exits 1. */
  | { readonly done: false; readonly failed: true; readonly message: string };

export function deploymentRolloutStatus(obj: KubeObject): RolloutStatus {
  const d = obj as Deployment;
  const name = obj.metadata.name ?? '';
  const status = d.status ?? {};
  if ((obj.metadata.generation ?? 0) > (status.observedGeneration ?? 0)) {
    return { done: false, message: 'Waiting for deployment spec update to be observed...' };
  }
  const progressing = status.conditions?.find((c) => c.type === 'Progressing');
  if (progressing?.reason === Reason.TimedOut) {
    return { done: false, failed: true, message: `deployment "${name}" exceeded its progress deadline` };
  }
  const replicas = d.spec?.replicas ?? 1;
  const updated = status.updatedReplicas ?? 0;
  const total = status.replicas ?? 0;
  const available = status.availableReplicas ?? 0;
  if (updated < replicas) {
    return { done: false, message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...` };
  }
  if (total > updated) {
    return { done: false, message: `Waiting for deployment "${name}" rollout to finish: ${total - updated} old replicas are pending termination...` };
  }
  if (available < updated) {
    return { done: false, message: `Waiting for deployment "${name}" rollout to finish: ${available} of ${updated} updated replicas are available...` };
  }
  return { done: true, message: `deployment "${name}" successfully rolled out` };
}
