/**
 * `persistentVolumeClaimRetentionPolicy` (StatefulSetAutoDeletePVC, GA in
 * 1.32; default Retain / Retain): which ownerReferences a pod's claims carry
 * so the garbage collector deletes them, or not (Kubernetes 1.32
 * `isClaimOwnerUpToDate`, `updateClaimOwnerRefForSetAndPod`,
 * `PodClaimIsStale`):
 *
 * | whenScaled / whenDeleted | owner of the claim |
 * | --- | --- |
 * | Retain / Retain | none |
 * | Retain / Delete | the set |
 * | Delete / Retain | the pod, once it is scaled away |
 * | Delete / Delete | the set; the pod instead once it is scaled away |
 *
 * A claim with a stale reference (our set's or pod's name, another uid) is
 * left alone; with whenScaled Delete it blocks re-creating its pod until the
 * garbage collector removed it. Other controllers on a claim are not
 * scrubbed here (Kubernetes removes ours when another controller appears).
 */
import type { StatefulSet } from 'kubernetes-types/apps/v1.js';
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1.js';
import type { Command, KubeObject, OwnerReference } from '../../model/index.js';
import { objectKey } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import { claimsFor, inOrdinalRange, ordinalOf } from './identity.js';

type Policy = 'Retain' | 'Delete';

export function retentionPolicy(set: StatefulSet): { whenScaled: Policy; whenDeleted: Policy } {
  const p = set.spec?.persistentVolumeClaimRetentionPolicy;
  return { whenScaled: p?.whenScaled === 'Delete' ? 'Delete' : 'Retain', whenDeleted: p?.whenDeleted === 'Delete' ? 'Delete' : 'Retain' };
}

export function claimKey(c: PersistentVolumeClaim): string {
  return objectKey({ group: '', resource: 'persistentvolumeclaims', namespace: c.metadata?.namespace ?? '', name: c.metadata?.name ?? '' });
}

const refersTo = (r: OwnerReference, apiVersion: string, kind: string, name: string | undefined): boolean => r.apiVersion === apiVersion && r.kind === kind && r.name === name;
const isSetRef = (r: OwnerReference, set: StatefulSet): boolean => refersTo(r, 'apps/v1', 'StatefulSet', set.metadata?.name);
const isPodRef = (r: OwnerReference, pod: Pod): boolean => refersTo(r, 'v1', 'Pod', pod.metadata?.name);

function staleRef(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): boolean {
  return (claim.metadata?.ownerReferences ?? []).some(
    (r) => (isSetRef(r, set) && r.uid !== set.metadata?.uid) || (isPodRef(r, pod) && r.uid !== (pod.metadata?.uid ?? '')),
  );
}

/** The references to the set and pod the claim should carry under the policy. */
function wantedRefs(set: StatefulSet, pod: Pod): OwnerReference[] {
  const { whenScaled, whenDeleted } = retentionPolicy(set);
  const scaledDown = !inOrdinalRange(pod, set);
  const setRef: OwnerReference = { apiVersion: 'apps/v1', kind: 'StatefulSet', name: set.metadata?.name ?? '', uid: set.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true };
  const podRef: OwnerReference = { apiVersion: 'v1', kind: 'Pod', name: pod.metadata?.name ?? '', uid: pod.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true };
  if (whenScaled === 'Delete' && scaledDown) return [podRef];
  return whenDeleted === 'Delete' ? [setRef] : [];
}

function ownsPart(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): string {
  return JSON.stringify((claim.metadata?.ownerReferences ?? []).filter((r) => isSetRef(r, set) || isPodRef(r, pod)).map((r) => [r.kind, r.uid, r.controller === true]).sort());
}

/** A claim whose references to the set and pod do not follow the policy: the update that fixes it. */
function fixClaim(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): Command | undefined {
  if (staleRef(claim, set, pod)) return undefined;
  const want = wantedRefs(set, pod);
  const wantPart = JSON.stringify(want.map((r) => [r.kind, r.uid, true]).sort());
  if (ownsPart(claim, set, pod) === wantPart) return undefined;
  const others = (claim.metadata?.ownerReferences ?? []).filter((r) => !isSetRef(r, set) && !isPodRef(r, pod));
  const refs = [...others, ...want];
  const metadata = { ...claim.metadata } as NonNullable<PersistentVolumeClaim['metadata']>;
  if (refs.length === 0) delete metadata.ownerReferences;
  else metadata.ownerReferences = refs;
  return { type: 'update', object: { ...claim, metadata } as KubeObject };
}

/** `UpdatePodClaimForRetentionPolicy`: updates for this pod's existing claims that need them. */
export function retentionUpdates(view: StateView, set: StatefulSet, pod: Pod): Command[] {
  const out: Command[] = [];
  for (const c of claimsFor(set, ordinalOf(pod))) {
    const claim = view.get(claimKey(c)) as PersistentVolumeClaim | undefined;
    const fix = claim === undefined ? undefined : fixClaim(claim, set, pod);
    if (fix !== undefined) out.push(fix);
  }
  return out;
}

/** `PodClaimIsStale`: with whenScaled Delete, a claim still owned by an earlier pod of this name blocks the new one. */
export function podClaimIsStale(view: StateView, set: StatefulSet, pod: Pod): boolean {
  if (retentionPolicy(set).whenScaled === 'Retain') return false;
  return claimsFor(set, ordinalOf(pod)).some((c) => {
    const claim = view.get(claimKey(c)) as PersistentVolumeClaim | undefined;
    return claim !== undefined && (claim.metadata?.ownerReferences ?? []).some((r) => isPodRef(r, pod) && r.uid !== (pod.metadata?.uid ?? ''));
  });
}
