/**
 * Which ReplicaSets a Deployment works with: Kubernetes 1.32
 * `getReplicaSetsForDeployment` (`ReplicaSetControllerRefManager.
 * ClaimReplicaSets`). A ReplicaSet it controls that still matches its
 * selector is its own; one that no longer matches is released; an orphan
 * that matches and is not being deleted is adopted (and counts at once).
 * Nothing is adopted or released while the Deployment is being deleted.
 * Both writes are strategic merge patches carrying the ReplicaSet's uid as
 * a precondition, like client-go's.
 *
 * Also the handler that wakes Deployments for orphan ReplicaSets
 * (`addReplicaSet` / `updateReplicaSet` → `getDeploymentsForReplicaSet`).
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Command, KubeObject, LabelSelectorInternal } from '../../model/index.js';
import { fromLabelSelector, matches, objectKey } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import type { Handler } from '../controller.js';
import { controllerOf } from '../handlers.js';

export interface ReplicaSetClaim {
  readonly claimed: ReplicaSet[];
  readonly commands: Command[];
}

const rsRef = (rs: KubeObject) => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', namespace: rs.metadata.namespace ?? '', name: rs.metadata.name ?? '' });

/** The Deployment's selector; an invalid one selects nothing. */
export function deploymentSelector(d: KubeObject): LabelSelectorInternal {
  try {
    return fromLabelSelector((d as Deployment).spec?.selector);
  } catch {
    return 'nothing';
  }
}

export function claimReplicaSets(view: StateView, d: KubeObject): ReplicaSetClaim {
  const ns = d.metadata.namespace ?? '';
  const uid = d.metadata.uid ?? '';
  const deleting = d.metadata.deletionTimestamp !== undefined;
  const selector = deploymentSelector(d);
  const claimed: ReplicaSet[] = [];
  const commands: Command[] = [];
  for (const rs of view.list({ group: 'apps', resource: 'replicasets', namespace: ns })) {
    const ref = controllerOf(rs);
    const match = matches(selector, rs.metadata.labels);
    if (ref !== undefined) {
      if (ref.uid !== uid) continue;
      if (match) claimed.push(structuredClone(rs) as ReplicaSet);
      else if (!deleting) {
        commands.push({ type: 'patch', ref: rsRef(rs), patchType: 'strategic', patch: { metadata: { ownerReferences: [{ $patch: 'delete', uid }], uid: rs.metadata.uid } } });
      }
      continue;
    }
    if (deleting || !match || rs.metadata.deletionTimestamp !== undefined) continue;
    const owner = { apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name ?? '', uid, controller: true, blockOwnerDeletion: true };
    commands.push({ type: 'patch', ref: rsRef(rs), patchType: 'strategic', patch: { metadata: { ownerReferences: [owner], uid: rs.metadata.uid } } });
    const adopted = structuredClone(rs) as ReplicaSet;
    adopted.metadata = { ...adopted.metadata, ownerReferences: [...(adopted.metadata?.ownerReferences ?? []), owner] };
    claimed.push(adopted);
  }
  return { claimed, commands };
}

/** Wakes every Deployment in the namespace whose selector matches an orphan ReplicaSet that appeared or changed labels. */
export const orphanReplicaSetHandler: Handler = (c, view) => {
  const rs = c.object;
  if (c.type === 'DELETED' || controllerOf(rs) !== undefined) return [];
  if (c.type === 'MODIFIED' && c.previous !== undefined) {
    const same = JSON.stringify(c.previous.metadata.labels ?? {}) === JSON.stringify(rs.metadata.labels ?? {}) && controllerOf(c.previous) === undefined;
    if (same) return [];
  }
  const ns = rs.metadata.namespace ?? '';
  return view
    .list({ group: 'apps', resource: 'deployments', namespace: ns })
    .filter((d) => matches(deploymentSelector(d), rs.metadata.labels))
    .map((d) => objectKey({ group: 'apps', resource: 'deployments', namespace: ns, name: d.metadata.name ?? '' }));
};

/** Wakes a Recreate Deployment when one of its ReplicaSets' pods is gone (Kubernetes' `deletePod`). */
export const deletedPodHandler: Handler = (c, view) => {
  if (c.type !== 'DELETED') return [];
  const rsRefOf = controllerOf(c.object);
  if (rsRefOf === undefined || rsRefOf.kind !== 'ReplicaSet') return [];
  const ns = c.object.metadata.namespace ?? '';
  const rs = view.get(objectKey({ group: 'apps', resource: 'replicasets', namespace: ns, name: rsRefOf.name }));
  const dRef = rs === undefined ? undefined : controllerOf(rs);
  if (dRef === undefined || dRef.kind !== 'Deployment') return [];
  const key = objectKey({ group: 'apps', resource: 'deployments', namespace: ns, name: dRef.name });
  const d = view.get(key) as Deployment | undefined;
  return d?.spec?.strategy?.type === 'Recreate' ? [key] : [];
};
