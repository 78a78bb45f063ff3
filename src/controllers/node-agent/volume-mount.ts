/**
 * What the kubelet's volume plugins put in a pod's configMap, secret and
 * projected volumes (pkg/volume/configmap, secret, projected; 1.32), as a
 * pure read of a view: the files (path → text), or the error that makes
 * `MountVolume.SetUp` fail.
 *
 * - configMap: every key of `data` and `binaryData`, or only `items`
 *   (key → path). Missing object: `configmap "x" not found`; an item's
 *   missing key: `configmap references non-existent config key: K`.
 * - secret: the same over decoded `data`; `secret "x" not found`,
 *   `references non-existent secret key: K`.
 * - `optional: true`: a missing object is an empty volume, a missing item
 *   key is left out.
 * - projected: the union of its sources; every failing source's error,
 *   aggregated as Kubernetes' `utilerrors.NewAggregate` prints them (one
 *   error alone, several as `[a, b]`). `serviceAccountToken` writes a
 *   placeholder token; `downwardAPI` items support the metadata fields.
 * - Any other volume type (emptyDir, hostPath, persistentVolumeClaim, ...)
 *   mounts empty here; their readiness is other code's concern.
 *
 * @example
 * const m = mountVolume(view, pod, pod.spec.volumes[0]);
 * if (!m.ok) events.push(failedMount(volume.name, m.message));
 */
import type { ConfigMapProjection, DownwardAPIVolumeFile, KeyToPath, Pod, SecretProjection, Volume } from 'kubernetes-types/core/v1.js';
import type { StateView } from '../../store/index.js';
import type { SourceKind } from './config-sources.js';
import { notFoundMessage, readSource } from './config-sources.js';
import { podMetadataField } from './pod-metadata-field.js';

export type MountResult =
  | { readonly ok: true; readonly files: Readonly<Record<string, string>> }
  | { readonly ok: false; readonly message: string };

interface SourceRef {
  readonly name?: string;
  readonly items?: readonly KeyToPath[];
  readonly optional?: boolean;
}

function payload(view: StateView, kind: SourceKind, ns: string, ref: SourceRef): MountResult {
  const name = ref.name ?? '';
  const source = readSource(view, kind, ns, name);
  if (source === undefined) return ref.optional === true ? { ok: true, files: {} } : { ok: false, message: notFoundMessage(kind, name) };
  const all: Record<string, string> = { ...source.binaryData, ...source.data };
  if (ref.items === undefined || ref.items.length === 0) return { ok: true, files: sorted(all) };
  const files: Record<string, string> = {};
  for (const item of ref.items) {
    const value = all[item.key];
    if (value === undefined) {
      if (ref.optional === true) continue;
      const message = kind === 'configmap' ? `configmap references non-existent config key: ${item.key}` : `references non-existent secret key: ${item.key}`;
      return { ok: false, message };
    }
    files[item.path] = value;
  }
  return { ok: true, files: sorted(files) };
}

function sorted(rec: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(rec).sort()) out[k] = rec[k] ?? '';
  return out;
}

function downwardFile(pod: Pod, f: DownwardAPIVolumeFile): string {
  const path = f.fieldRef?.fieldPath;
  return path === undefined ? '' : (podMetadataField(pod, path) ?? '');
}

/** The files of volume `volume` of `pod` as the kubelet would write them now, or why SetUp fails. */
export function mountVolume(view: StateView, pod: Pod, volume: Volume): MountResult {
  const ns = pod.metadata?.namespace ?? '';
  if (volume.configMap !== undefined) return payload(view, 'configmap', ns, volume.configMap);
  if (volume.secret !== undefined) return payload(view, 'secret', ns, { ...volume.secret, name: volume.secret.secretName ?? '' });
  if (volume.projected === undefined) return { ok: true, files: {} };
  const files: Record<string, string> = {};
  const errors: string[] = [];
  for (const s of volume.projected.sources ?? []) {
    const one = projectedSource(view, pod, ns, s.configMap, s.secret);
    if (one !== undefined) {
      if (one.ok) Object.assign(files, one.files);
      else errors.push(one.message);
    }
    if (s.downwardAPI !== undefined) for (const f of s.downwardAPI.items ?? []) files[f.path] = downwardFile(pod, f);
    if (s.serviceAccountToken !== undefined) files[s.serviceAccountToken.path] = `simulated-token:${pod.spec?.serviceAccountName ?? 'default'}`;
  }
  if (errors.length === 1) return { ok: false, message: errors[0] ?? '' };
  if (errors.length > 1) return { ok: false, message: `[${errors.join(', ')}]` };
  return { ok: true, files: sorted(files) };
}

function projectedSource(view: StateView, _pod: Pod, ns: string, cm: ConfigMapProjection | undefined, secret: SecretProjection | undefined): MountResult | undefined {
  if (cm !== undefined) return payload(view, 'configmap', ns, cm);
  if (secret !== undefined) return payload(view, 'secret', ns, secret);
  return undefined;
}

/** The event message of a failed SetUp, in the volume reconciler's words. */
export function mountFailedMessage(volume: string, error: string): string {
  return `MountVolume.SetUp failed for volume "${volume}" : ${error}`;
}
