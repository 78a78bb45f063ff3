/**
 * Why the kubelet cannot set up a pod's claim-backed volume yet (kubelet
 * 1.32, the volume manager's desired-state populator): the claim must exist,
 * not be being deleted, be Bound, and its volume must exist. The scheduler
 * binds pods only after their claims are bound, so this matters for pods
 * placed by `spec.nodeName` and for claims that change under a running pod.
 * The kubelet reports it at once as a Warning `FailedMount` (the pod stays
 * ContainerCreating):
 *
 *   Unable to attach or mount volumes: unmounted volumes=[data], unattached
 *   volumes=[data], failed to process volumes=[data]: error processing PVC
 *   default/data: PVC is not bound
 *
 * Pure; for the node agent (which owns mounting) and `whynot`.
 *
 * @example
 * const problem = claimVolumeProblem(view, pod, volume); // 'error processing PVC default/data: PVC is not bound'
 */
import type { PersistentVolumeClaim, Pod, Volume } from 'kubernetes-types/core/v1.js';
import type { StateView } from '../../store/index.js';
import { pvKey, pvcKey } from './storage-facts.js';

/** The claim a volume uses (a generic ephemeral volume's is `POD-VOLUME`), or undefined for other volume types. */
export function volumeClaimName(pod: Pod, v: Volume): string | undefined {
  if (v.persistentVolumeClaim !== undefined) return v.persistentVolumeClaim.claimName;
  if (v.ephemeral !== undefined) return `${pod.metadata?.name ?? ''}-${v.name}`;
  return undefined;
}

/** The populator's error for this volume, or undefined when it can be set up (or is not claim-backed). */
export function claimVolumeProblem(view: StateView, pod: Pod, v: Volume): string | undefined {
  const name = volumeClaimName(pod, v);
  if (name === undefined) return undefined;
  const ns = pod.metadata?.namespace ?? 'default';
  const prefix = `error processing PVC ${ns}/${name}: `;
  const claim = view.get(pvcKey(ns, name)) as PersistentVolumeClaim | undefined;
  if (claim === undefined) return `${prefix}failed to fetch PVC from API server: persistentvolumeclaims "${name}" not found`;
  if (claim.metadata?.deletionTimestamp !== undefined) return `${prefix}PVC is being deleted`;
  if (claim.status?.phase !== 'Bound' || (claim.spec?.volumeName ?? '') === '') return `${prefix}PVC is not bound`;
  const volumeName = claim.spec?.volumeName ?? '';
  if (view.get(pvKey(volumeName)) === undefined) return `${prefix}failed to fetch PV ${volumeName} from API server: persistentvolumes "${volumeName}" not found`;
  return undefined;
}

/** The FailedMount message for the volumes that could not be processed, with their errors ("; "-joined, as the kubelet does). */
export function unableToMountMessage(volumes: readonly string[], problems: readonly string[]): string {
  const list = `[${volumes.join(' ')}]`;
  return `Unable to attach or mount volumes: unmounted volumes=${list}, unattached volumes=${list}, failed to process volumes=${list}: ${problems.join('; ')}`;
}

/** Every claim-backed volume of the pod that cannot be set up yet, with the FailedMount message; undefined when none. */
export function podClaimVolumeProblems(view: StateView, pod: Pod): { readonly volumes: readonly string[]; readonly message: string } | undefined {
  const volumes: string[] = [];
  const problems: string[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    const p = claimVolumeProblem(view, pod, v);
    if (p === undefined) continue;
    volumes.push(v.name);
    problems.push(p);
  }
  if (volumes.length === 0) return undefined;
  return { volumes, message: unableToMountMessage([...volumes].sort(), problems) };
}
