/**
 * The ServiceAccount admission plugin, on pod create: default
 * `spec.serviceAccountName` to `default` (mirrored into the deprecated
 * `spec.serviceAccount`, as the v1 API shows it), refuse pods whose service
 * account does not exist, and — unless `automountServiceAccountToken` is
 * false on the pod (or, when the pod says nothing, on the service account) —
 * add the projected `kube-api-access-XXXXX` token volume of 1.32 and mount
 * it read-only at `/var/run/secrets/kubernetes.io/serviceaccount` in every
 * container and init container that has nothing mounted there.
 *
 * Skipped: mirror (static) pods are left alone entirely; image pull secrets
 * of the service account are not copied; ephemeral containers get no mount.
 * The five-character volume suffix comes from the caller (the API's seeded
 * random source), so the function stays pure.
 *
 * @example
 * const r = admitServiceAccount(pod, { serviceAccount: sa, volumeSuffix: 'x7k2p' });
 * if ('error' in r) throw r.error; else pod = r.pod;
 */
import type { Container, Pod, ServiceAccount, Volume, VolumeMount } from 'kubernetes-types/core/v1.js';
import { forbidden, type StatusError } from '../../model/index.js';

export const DEFAULT_SERVICE_ACCOUNT = 'default';
export const SERVICE_ACCOUNT_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
export const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';
/** The characters Kubernetes' `utilrand.String` draws from. */
export const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export interface ServiceAccountAdmissionOptions {
  /** The pod's service account as stored, or undefined when it does not exist. */
  readonly serviceAccount: ServiceAccount | undefined;
  /** Five characters from `SUFFIX_ALPHABET` for the volume name. */
  readonly volumeSuffix: string;
}

export type AdmissionResult<P> = { readonly pod: P } | { readonly error: StatusError };

function tokenVolume(name: string): Volume {
  return {
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
      ],
    },
  };
}

function withMount(c: Container, mount: VolumeMount): Container {
  const mounts = c.volumeMounts ?? [];
  if (mounts.some((m) => m.mountPath === SERVICE_ACCOUNT_MOUNT_PATH)) return c;
  return { ...c, volumeMounts: [...mounts, mount] };
}

export function admitServiceAccount<P extends Pod>(pod: P, opts: ServiceAccountAdmissionOptions): AdmissionResult<P> {
  if (pod.metadata?.annotations?.[MIRROR_POD_ANNOTATION] !== undefined) return { pod };
  const spec = pod.spec ?? { containers: [] };
  const saName = spec.serviceAccountName !== undefined && spec.serviceAccountName !== '' ? spec.serviceAccountName : DEFAULT_SERVICE_ACCOUNT;
  const namespace = pod.metadata?.namespace ?? '';
  if (opts.serviceAccount === undefined) {
    return {
      error: forbidden(
        { group: '', resource: 'pods' },
        pod.metadata?.name ?? pod.metadata?.generateName ?? '',
        `error looking up service account ${namespace}/${saName}: serviceaccount "${saName}" not found`,
      ),
    };
  }
  let next = { ...spec, serviceAccountName: saName, serviceAccount: saName };
  const automount = spec.automountServiceAccountToken ?? opts.serviceAccount.automountServiceAccountToken ?? true;
  const alreadyMounted = (spec.volumes ?? []).some((v) => v.name.startsWith('kube-api-access-'));
  if (automount && !alreadyMounted) {
    const volumeName = `kube-api-access-${opts.volumeSuffix}`;
    const mount: VolumeMount = { name: volumeName, readOnly: true, mountPath: SERVICE_ACCOUNT_MOUNT_PATH };
    next = {
      ...next,
      volumes: [...(spec.volumes ?? []), tokenVolume(volumeName)],
      containers: spec.containers.map((c) => withMount(c, mount)),
      ...(spec.initContainers === undefined ? {} : { initContainers: spec.initContainers.map((c) => withMount(c, mount)) }),
    };
  }
  return { pod: { ...pod, spec: next } };
}
