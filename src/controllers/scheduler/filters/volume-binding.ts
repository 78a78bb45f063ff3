/**
 * VolumeBinding's Filter and PreBind (kube-scheduler 1.32, the volume
 * binder's `FindPodVolumes` / `AssumePodVolumes` / `BindPodVolumes`).
 *
 * On each node: every bound claim's volume must exist ("node(s) unavailable
 * due to one or more pvc(s) bound to non-existent pv(s)") and its node
 * affinity match the node ("node(s) had volume node affinity conflict");
 * every WaitForFirstConsumer claim must either already be provisioning for
 * this node (its `volume.kubernetes.io/selected-node`), or have a matching
 * volume usable from this node (smallest claims first, each volume used
 * once), or be provisionable here: its class has a dynamic provisioner and
 * its allowedTopologies match the node — else "node(s) didn't find
 * available persistent volumes to bind". All are UnschedulableAndUnresolvable.
 *
 * PreBind on the chosen node: reserve each matched volume (claimRef to the
 * claim, as the binder would) and mark each claim to provision with the
 * node; the binder and the provisioner do the rest, and the pod is bound
 * only once every claim is fully bound. Not modelled: CSI storage capacity
 * ("did not have enough free storage"), the 10-minute bind timeout, local
 * volumes' eligible-node PreFilter result.
 */
import type { PersistentVolume, PersistentVolumeClaim, TopologySelectorTerm } from 'kubernetes-types/core/v1.js';
import type { Command } from '../../../model/index.js';
import { bindVolumeToClaim } from '../../persistent-volume/bind-commands.js';
import { ANN_SELECTED_NODE, NO_PROVISIONER, annotation, claimClassName } from '../../persistent-volume/storage-facts.js';
import { compareQuantities } from '../../../model/index.js';
import { findMatchingVolume, requestedStorage, volumeFitsNode } from '../../persistent-volume/volume-match.js';
import type { NodeInfo } from '../node-info.js';
import type { PodVolumeClaims } from '../volume-claims.js';
import type { FilterPlugin } from './filter.js';
import { rejection } from './filter.js';

export const NODE_CONFLICT = 'node(s) had volume node affinity conflict';
export const BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
export const PV_NOT_EXIST = 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';

export interface PodVolumes {
  /** Volumes to reserve for claims. */
  readonly bindings: readonly { readonly pv: PersistentVolume; readonly claim: PersistentVolumeClaim }[];
  /** Claims to provision on this node. */
  readonly provisions: readonly PersistentVolumeClaim[];
  /** Empty when the node fits. */
  readonly reasons: readonly string[];
}

/** `MatchTopologySelectorTerms`: no terms match every node; terms are ORed, their expressions ANDed. */
function topologyMatches(terms: readonly TopologySelectorTerm[] | undefined, labels: Readonly<Record<string, string>>): boolean {
  if (terms === undefined || terms.length === 0) return true;
  return terms.some((t) => (t.matchLabelExpressions ?? []).every((e) => Object.prototype.hasOwnProperty.call(labels, e.key) && e.values.includes(labels[e.key] as string)));
}

/** `FindPodVolumes` for one node. */
export function findPodVolumes(claims: PodVolumeClaims, node: Pick<NodeInfo, 'name' | 'labels'>): PodVolumes {
  let boundOk = true;
  let pvsFound = true;
  let unboundOk = true;
  const bindings: { pv: PersistentVolume; claim: PersistentVolumeClaim }[] = [];
  const provisions: PersistentVolumeClaim[] = [];
  const result = (): PodVolumes => {
    const reasons: string[] = [];
    if (!boundOk) reasons.push(NODE_CONFLICT);
    if (!unboundOk) reasons.push(BIND_CONFLICT);
    if (!pvsFound) reasons.push(PV_NOT_EXIST);
    return { bindings, provisions, reasons };
  };
  for (const b of claims.bound) {
    if (b.pv === undefined) {
      pvsFound = false;
      break;
    }
    if (!volumeFitsNode(b.pv, node.labels)) {
      boundOk = false;
      break;
    }
  }
  if (claims.delayed.length === 0) return result();
  const toMatch: PersistentVolumeClaim[] = [];
  const toProvision: PersistentVolumeClaim[] = [];
  for (const c of claims.delayed) {
    const selected = annotation(c, ANN_SELECTED_NODE);
    if (selected === undefined) toMatch.push(c);
    else if (selected !== node.name) {
      unboundOk = false;
      return result();
    } else toProvision.push(c);
  }
  if (toMatch.length > 0) {
    const chosen = new Set<string>();
    const bySize = [...toMatch].sort((a, b) => compareQuantities(requestedStorage(a), requestedStorage(b)));
    for (const c of bySize) {
      const pv = findMatchingVolume(c, claims.volumesByClass.get(claimClassName(c)) ?? [], { nodeLabels: node.labels, excluded: chosen, delayBinding: true });
      if (pv === undefined) {
        unboundOk = false;
        toProvision.push(c);
      } else {
        chosen.add(pv.metadata?.name ?? '');
        bindings.push({ pv, claim: c });
      }
    }
  }
  if (toProvision.length > 0) {
    for (const c of toProvision) {
      const cls = claims.classes.get(claimClassName(c));
      // A missing class is an error in kube-scheduler (the cycle fails); here the node just does not fit.
      if (cls === undefined || cls.provisioner === '' || cls.provisioner === NO_PROVISIONER || !topologyMatches(cls.allowedTopologies, node.labels)) {
        unboundOk = false;
        provisions.length = 0;
        return result();
      }
      provisions.push(c);
    }
    unboundOk = true;
  }
  return result();
}

/** PreBind's API updates for the chosen node: volumes to reserve, claims to mark with the node. Empty when everything is in place. */
export function preBindCommands(volumes: PodVolumes, node: string): Command[] {
  const out: Command[] = [];
  for (const b of volumes.bindings) {
    const c = bindVolumeToClaim(b.pv, b.claim);
    if (c !== undefined) out.push(c);
  }
  for (const c of volumes.provisions) {
    if (annotation(c, ANN_SELECTED_NODE) === node) continue;
    out.push({
      type: 'patch',
      ref: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: c.metadata?.namespace ?? 'default', name: c.metadata?.name ?? '' },
      patchType: 'merge',
      patch: { metadata: { annotations: { [ANN_SELECTED_NODE]: node } } },
    });
  }
  return out;
}

export const volumeBinding: FilterPlugin = {
  name: 'VolumeBinding',
  skip: (pod) => pod.volumes?.type !== 'claims',
  filter(pod, node) {
    if (pod.volumes?.type !== 'claims') return undefined;
    const { reasons } = findPodVolumes(pod.volumes.claims, node);
    return reasons.length === 0 ? undefined : rejection('VolumeBinding', 'UnschedulableAndUnresolvable', ...reasons);
  },
};
