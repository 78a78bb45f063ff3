/** Builders for the PersistentVolume tests: volumes, claims, classes, pods, and the binder + provisioner on a test engine. */
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1.js';
import { pvcProtectionController, pvProtectionController } from '../../../src/controllers/index.js';
import { persistentVolumeClaimBinder } from '../../../src/controllers/persistent-volume/claim-binder.js';
import { simProvisioner } from '../../../src/controllers/persistent-volume/sim-provisioner.js';
import { persistentVolumeController } from '../../../src/controllers/persistent-volume/volume-controller.js';
import type { KubeObject } from '../../../src/model/index.js';
import type { TestEngine } from '../../runtime/engine.js';

export const user = { actor: 'user:alice' };
export const PVS = { group: '', version: 'v1', resource: 'persistentvolumes' } as const;
export const PVCS = { group: '', version: 'v1', resource: 'persistentvolumeclaims', namespace: 'default' } as const;
export const CLASSES = { group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses' } as const;
export const PODS = { group: '', version: 'v1', resource: 'pods', namespace: 'default' } as const;
export const EVENTS = { group: '', version: 'v1', resource: 'events', namespace: 'default' } as const;

export interface VolumeSpec {
  size?: string;
  modes?: string[];
  cls?: string;
  labels?: Record<string, string>;
  policy?: string;
  claimRef?: { name: string; namespace?: string; uid?: string };
  hostname?: string;
  mode?: string;
}

export function volume(name: string, s: VolumeSpec = {}): KubeObject & PersistentVolume {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, ...(s.labels === undefined ? {} : { labels: s.labels }) },
    spec: {
      capacity: { storage: s.size ?? '1Gi' },
      accessModes: s.modes ?? ['ReadWriteOnce'],
      ...(s.cls === undefined ? {} : { storageClassName: s.cls }),
      ...(s.policy === undefined ? {} : { persistentVolumeReclaimPolicy: s.policy }),
      ...(s.mode === undefined ? {} : { volumeMode: s.mode }),
      ...(s.claimRef === undefined ? {} : { claimRef: { namespace: 'default', ...s.claimRef } }),
      ...(s.hostname === undefined
        ? {}
        : { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [s.hostname] }] }] } } }),
      hostPath: { path: `/data/${name}` },
    },
  };
}

export interface ClaimSpec {
  size?: string;
  modes?: string[];
  cls?: string | null;
  selector?: Record<string, string>;
  volumeName?: string;
  mode?: string;
}

export function claim(name: string, s: ClaimSpec = {}): KubeObject & PersistentVolumeClaim {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'default' },
    spec: {
      accessModes: s.modes ?? ['ReadWriteOnce'],
      resources: { requests: { storage: s.size ?? '1Gi' } },
      ...(s.cls === undefined || s.cls === null ? {} : { storageClassName: s.cls }),
      ...(s.selector === undefined ? {} : { selector: { matchLabels: s.selector } }),
      ...(s.volumeName === undefined ? {} : { volumeName: s.volumeName }),
      ...(s.mode === undefined ? {} : { volumeMode: s.mode }),
    },
  };
}

export function storageClass(name: string, o: { mode?: string; provisioner?: string; policy?: string; isDefault?: boolean } = {}): KubeObject {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name, ...(o.isDefault === true ? { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } : {}) },
    provisioner: o.provisioner ?? 'chronokube.io/sim',
    ...(o.policy === undefined ? {} : { reclaimPolicy: o.policy }),
    volumeBindingMode: o.mode ?? 'Immediate',
  };
}

export function podWithClaims(name: string, claims: string[], requests?: Record<string, string>, spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: {
      containers: [{ name: 'c', image: 'db:1', ...(requests === undefined ? {} : { resources: { requests } }) }],
      volumes: claims.map((c, i) => ({ name: `v${i}`, persistentVolumeClaim: { claimName: c } })),
      ...spec,
    },
  };
}

/** The binder's two loops and the simulated provisioner. */
export function addStorageControllers(e: TestEngine): void {
  e.manager.add(persistentVolumeClaimBinder());
  e.manager.add(persistentVolumeController());
  for (const d of simProvisioner()) e.manager.add(d);
  // The API puts protection finalizers on claims and volumes; their controllers lift them, as in kube-controller-manager.
  e.manager.add(pvcProtectionController());
  e.manager.add(pvProtectionController());
}

export const getClaim = (e: TestEngine, name: string): KubeObject & PersistentVolumeClaim => e.api.get({ ...PVCS, name }) as KubeObject & PersistentVolumeClaim;
export const getVolume = (e: TestEngine, name: string): KubeObject & PersistentVolume => e.api.get({ ...PVS, name }) as KubeObject & PersistentVolume;
export const eventsOf = (e: TestEngine, object: string, reason?: string): KubeObject[] =>
  e.api
    .list(EVENTS)
    .items.filter((x) => (x['involvedObject'] as { name?: string }).name === object && (reason === undefined || x['reason'] === reason));
