/**
 * A simulated CSI driver with its external-provisioner sidecar
 * (kubernetes-csi/external-provisioner's behaviour as of Kubernetes 1.32),
 * provisioning for one provisioner name, by default `chronokube.io/sim`.
 *
 * Provisioning: a claim the binder handed to this provisioner
 * (`volume.kubernetes.io/storage-provisioner`), not yet bound, whose class
 * names it — and, for WaitForFirstConsumer, once the scheduler chose a node
 * (`volume.kubernetes.io/selected-node`) — gets a volume `pvc-<claim uid>`:
 * the requested size and access modes, the class's reclaim policy (default
 * Delete) and mount options, a claimRef to the claim (the binder completes
 * the binding), `pv.kubernetes.io/provisioned-by`, and, when a node was
 * selected, node affinity to that node's `kubernetes.io/hostname` (the
 * simulated storage is node-local, like kind's local-path). Events: Normal
 * `Provisioning` then `ProvisioningSucceeded`. A selected node that does not
 * exist fails (Warning `ProvisioningFailed`) and hands the claim back to the
 * scheduler by removing the annotation.
 *
 * Deleting: a Released volume it provisioned, with reclaim policy Delete,
 * whose claim is gone, is deleted.
 *
 * Provisioning is instantaneous in virtual time.
 */
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1.js';
import type { StorageClass } from 'kubernetes-types/storage/v1.js';
import type { Command, KubeObject } from '../../model/index.js';
import { objectKey } from '../../model/index.js';
import type { ControllerDefinition } from '../controller.js';
import { done } from '../controller.js';
import { recordEvent } from '../events.js';
import { claimReference, updateOf, withAnnotations } from './bind-commands.js';
import {
  ANN_BETA_STORAGE_PROVISIONER,
  ANN_BIND_COMPLETED,
  ANN_DYNAMICALLY_PROVISIONED,
  ANN_IS_DEFAULT_CLASS,
  ANN_SELECTED_NODE,
  ANN_STORAGE_PROVISIONER,
  SIM_PROVISIONER,
  annotation,
  claimClassName,
  hasAnnotation,
  pvKey,
  pvcKey,
  storageClassOf,
} from './storage-facts.js';

/** The node label the simulated storage's topology is keyed on. */
export const SIM_TOPOLOGY_KEY = 'kubernetes.io/hostname';

/**
 * The default StorageClass a scenario cluster starts with, as kind's
 * `standard` (there `rancher.io/local-path`): node-local volumes provisioned
 * for the first consumer's node, deleted with their claim.
 */
export const DEFAULT_STORAGE_CLASS: StorageClass & KubeObject = {
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name: 'standard', annotations: { [ANN_IS_DEFAULT_CLASS]: 'true' } },
  provisioner: SIM_PROVISIONER,
  reclaimPolicy: 'Delete',
  volumeBindingMode: 'WaitForFirstConsumer',
};

/**
 * What a CSI driver's deployment brings for its provisioner's RBAC: the
 * ServiceAccount `kube-system/sim-provisioner` (the actor
 * `controller:sim-provisioner` runs as) bound to Kubernetes' bootstrap
 * ClusterRole `system:persistent-volume-provisioner` (volumes create and
 * delete, claims update, events). Create them with the default class.
 */
export const SIM_PROVISIONER_RBAC: readonly KubeObject[] = [
  { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'sim-provisioner', namespace: 'kube-system' } },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'chronokube:sim-provisioner' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:persistent-volume-provisioner' },
    subjects: [{ kind: 'ServiceAccount', name: 'sim-provisioner', namespace: 'kube-system' }],
  },
];

/** The provisioned volume's name (external-provisioner's default `pvc-<uid>`). */
export const provisionedVolumeName = (claim: PersistentVolumeClaim): string => `pvc-${claim.metadata?.uid ?? ''}`;

/** The PersistentVolume this provisioner makes for a claim of a class, on a node (WaitForFirstConsumer) or none. */
export function provisionedVolume(claim: PersistentVolumeClaim, cls: StorageClass, node: string | undefined): PersistentVolume & KubeObject {
  const name = provisionedVolumeName(claim);
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, annotations: { [ANN_DYNAMICALLY_PROVISIONED]: cls.provisioner } },
    spec: {
      accessModes: [...(claim.spec?.accessModes ?? [])],
      capacity: { storage: String(claim.spec?.resources?.requests?.['storage'] ?? '0') },
      persistentVolumeReclaimPolicy: cls.reclaimPolicy ?? 'Delete',
      storageClassName: cls.metadata?.name ?? '',
      volumeMode: claim.spec?.volumeMode ?? 'Filesystem',
      ...(cls.mountOptions === undefined ? {} : { mountOptions: [...cls.mountOptions] }),
      claimRef: claimReference(claim),
      csi: { driver: cls.provisioner, volumeHandle: name, fsType: 'ext4' },
      ...(node === undefined
        ? {}
        : { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: SIM_TOPOLOGY_KEY, operator: 'In', values: [node] }] }] } } }),
    },
  };
}

export interface SimProvisionerOptions {
  /** The provisioner name StorageClasses use (default `chronokube.io/sim`). */
  readonly provisioner?: string;
}

/** The provisioner's two loops: claims to provision, volumes to delete. */
export function simProvisioner(options: SimProvisionerOptions = {}): ControllerDefinition[] {
  const provisioner = options.provisioner ?? SIM_PROVISIONER;
  const name = provisioner === SIM_PROVISIONER ? 'sim-provisioner' : `sim-provisioner/${provisioner}`;
  const actor = `controller:${name}`;
  const component = provisioner;
  const claims: ControllerDefinition = {
    name,
    actor,
    for: { group: '', kind: 'PersistentVolumeClaim' },
    reconcile(key, view, ctx) {
      const claim = view.get(key) as PersistentVolumeClaim | undefined;
      if (claim === undefined || claim.metadata?.deletionTimestamp !== undefined) return done();
      if ((claim.spec?.volumeName ?? '') !== '' || hasAnnotation(claim, ANN_BIND_COMPLETED)) return done();
      const asked = annotation(claim, ANN_STORAGE_PROVISIONER) ?? annotation(claim, ANN_BETA_STORAGE_PROVISIONER);
      const cls = storageClassOf(view, claimClassName(claim));
      if (asked !== provisioner || cls === undefined || cls.provisioner !== provisioner) return done();
      const delayed = cls.volumeBindingMode === 'WaitForFirstConsumer';
      const node = annotation(claim, ANN_SELECTED_NODE);
      if (delayed && node === undefined) return done();
      if (view.get(pvKey(provisionedVolumeName(claim))) !== undefined) return done();
      const ns = claim.metadata?.namespace ?? 'default';
      const object = claim as KubeObject;
      const ev = (type: 'Normal' | 'Warning', reason: string, message: string): Command => recordEvent(view, ctx, { object, type, reason, message, component });
      const provisioning = ev('Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${ns}/${claim.metadata?.name ?? ''}"`);
      if (node !== undefined && view.get(objectKey({ group: '', resource: 'nodes', namespace: '', name: node })) === undefined) {
        return {
          commands: [
            provisioning,
            ev('Warning', 'ProvisioningFailed', `failed to get target node: node "${node}" not found`),
            updateOf(claim, (c) => withAnnotations(c, { [ANN_SELECTED_NODE]: undefined })),
          ],
        };
      }
      const pv = provisionedVolume(claim, cls, delayed ? node : undefined);
      return { commands: [provisioning, { type: 'create', object: pv }, ev('Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pv.metadata.name ?? ''}`)] };
    },
  };
  const deleter: ControllerDefinition = {
    name: `${name}/deleter`,
    actor,
    for: { group: '', kind: 'PersistentVolume' },
    reconcile(key, view) {
      const pv = view.get(key) as PersistentVolume | undefined;
      if (pv === undefined || pv.metadata?.deletionTimestamp !== undefined) return done();
      if (annotation(pv, ANN_DYNAMICALLY_PROVISIONED) !== provisioner || pv.status?.phase !== 'Released' || pv.spec?.persistentVolumeReclaimPolicy !== 'Delete') return done();
      const ref = pv.spec.claimRef;
      const claim = ref === undefined ? undefined : view.get(pvcKey(ref.namespace ?? 'default', ref.name ?? ''));
      if (claim !== undefined && claim.metadata.uid === ref?.uid) return done();
      return { commands: [{ type: 'delete', ref: { apiVersion: 'v1', kind: 'PersistentVolume', name: pv.metadata?.name ?? '' } }] };
    },
  };
  return [claims, deleter];
}
