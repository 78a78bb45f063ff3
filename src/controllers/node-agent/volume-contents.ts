/**
 * What a running pod sees in its ConfigMap/Secret volumes and environment
 * at a time, given the history — pure functions for the debugger and tests.
 *
 * Kubernetes semantics (1.32):
 * - A mounted configMap/secret/projected volume follows updates, but only
 *   when the kubelet next syncs the pod: every `syncFrequency` (1 min)
 *   jittered by up to 50 % (pod_workers.go workerResyncIntervalJitterFactor)
 *   after the previous sync, the first at the sandbox's creation. The
 *   watch-based ConfigMap/Secret cache adds no delay of its own here. If the
 *   object was deleted or lost a key, the files keep their last content (the
 *   remount fails and leaves them).
 * - A `subPath` mount never updates: it keeps what the volume held when the
 *   container started.
 * - Environment variables never change while a container runs: they are
 *   what its configuration resolved to when it (re)started.
 *
 * `historyAt(time)` gives the state of the cluster at a time on the run's
 * clock (e.g. a debug cursor seeked to the last revision at or before it).
 *
 * @example
 * const files = volumeContents(at => cursor.atTime(at), pod, 'config', now, epoch);
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { StateView } from '../../store/index.js';
import type { EnvResolution } from './container-environment.js';
import { resolveEnvironment } from './container-environment.js';
import { mountVolume } from './volume-mount.js';
import { parseStamp } from './times.js';

export const SYNC_FREQUENCY_MS = 60_000;
export const RESYNC_JITTER_FACTOR = 0.5;

export type HistoryAt = (time: number) => StateView;

function unitHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h / 0x1_0000_0000;
}

/** When the pod's sandbox was created (its volumes first set up), on the run's clock. */
export function sandboxCreatedAt(pod: Pod, epoch: number): number | undefined {
  const c = (pod.status?.conditions ?? []).find((x) => x.type === 'PodReadyToStartContainers');
  if (c === undefined) return parseStamp(epoch, pod.status?.startTime);
  return c.status === 'True' ? parseStamp(epoch, c.lastTransitionTime) : undefined;
}

/** The kubelet's syncs of the pod from its sandbox up to `at`, oldest first. */
export function podSyncTimes(pod: Pod, epoch: number, at: number): number[] {
  const first = sandboxCreatedAt(pod, epoch);
  if (first === undefined || first > at) return [];
  const uid = pod.metadata?.uid ?? '';
  const out = [first];
  for (let k = 0, t = first; ; k++) {
    t += SYNC_FREQUENCY_MS + Math.floor(SYNC_FREQUENCY_MS * RESYNC_JITTER_FACTOR * unitHash(`${uid}#${k}`));
    if (t > at) return out;
    out.push(t);
  }
}

/** The files of volume `volumeName` of `pod` at time `at`; undefined before it is mounted or if it does not exist. */
export function volumeContents(historyAt: HistoryAt, pod: Pod, volumeName: string, at: number, epoch: number): Readonly<Record<string, string>> | undefined {
  const volume = (pod.spec?.volumes ?? []).find((v) => v.name === volumeName);
  if (volume === undefined) return undefined;
  const syncs = podSyncTimes(pod, epoch, at);
  for (let i = syncs.length - 1; i >= 0; i--) {
    const m = mountVolume(historyAt(syncs[i] ?? 0), pod, volume);
    if (m.ok) return m.files;
  }
  return undefined;
}

function startedAt(pod: Pod, container: string, epoch: number): number | undefined {
  const cs = (pod.status?.containerStatuses ?? []).find((s) => s.name === container);
  return parseStamp(epoch, cs?.state?.running?.startedAt);
}

/**
 * What container `mountName`'s mount shows at `at`: the volume's current
 * contents, or — for a `subPath` mount — the part under subPath as it was
 * when the container started. Undefined when the container is not running.
 */
export function mountContents(historyAt: HistoryAt, pod: Pod, container: string, mountPath: string, at: number, epoch: number): Readonly<Record<string, string>> | undefined {
  const c = (pod.spec?.containers ?? []).find((x) => x.name === container);
  const mount = c?.volumeMounts?.find((m) => m.mountPath === mountPath);
  const start = startedAt(pod, container, epoch);
  if (mount === undefined || start === undefined) return undefined;
  if (mount.subPath === undefined || mount.subPath === '') return volumeContents(historyAt, pod, mount.name, at, epoch);
  const files = volumeContents(historyAt, pod, mount.name, start, epoch);
  if (files === undefined) return undefined;
  const prefix = `${mount.subPath}/`;
  const out: Record<string, string> = {};
  for (const [path, value] of Object.entries(files)) if (path === mount.subPath || path.startsWith(prefix)) out[path] = value;
  return out;
}

/** The environment of a running container: resolved when it last started. Undefined when it is not running. */
export function containerEnvironment(historyAt: HistoryAt, pod: Pod, container: string, epoch: number): EnvResolution | undefined {
  const c = (pod.spec?.containers ?? []).find((x) => x.name === container);
  const start = startedAt(pod, container, epoch);
  if (c === undefined || start === undefined) return undefined;
  const podIPs = (pod.status?.podIPs ?? []).map((p) => p.ip ?? '');
  const hostIPs = (pod.status?.hostIPs ?? []).map((h) => h.ip ?? '');
  return resolveEnvironment(historyAt(start), pod, c, { podIPs, hostIPs });
}
