/**
 * The kubelet's wait for a pod's volumes before it creates the sandbox
 * (SyncPod → volumeManager.WaitForAttachAndMount): while any configMap,
 * secret or projected volume cannot be set up, the pod has no sandbox, no
 * IP, and its containers wait in ContainerCreating. Each failing volume is
 * retried on the reconciler's exponential back-off, each failure recorded
 * as the `FailedMount` event `MountVolume.SetUp failed for volume "v" :
 * <error>` (its count bumped on a repeat). The 2m3s wait that times out
 * records nothing of its own in 1.32 (a timeout is an interruption).
 *
 * The back-off is paced from the event already recorded for the same
 * failure (its count and lastTimestamp), so the decision reads only the
 * view. A volume that starts working is picked up by the next sync of the
 * pod (the pod worker does not watch ConfigMaps and Secrets; its next wake
 * is the retry this gate asked for).
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import { mountBackoffMs } from './config-retry.js';
import type { Spec } from './kubelet-events.js';
import { failedMountEvent, recordedEvent } from './kubelet-events.js';
import { parseStamp } from './times.js';
import { mountFailedMessage, mountVolume } from './volume-mount.js';

export type VolumeGate =
  | { readonly mounted: true }
  | { readonly mounted: false; readonly events: readonly Spec[]; readonly nextAt: number; readonly failing: readonly string[] };

export interface GateContext {
  readonly now: number;
  readonly epoch: number;
  readonly node: string;
}

/** Whether every volume of `pod` can be set up now; if not, the FailedMount events due and when to look again. */
export function volumeGate(view: StateView, obj: KubeObject, c: GateContext): VolumeGate {
  const pod = obj as unknown as Pod;
  const events: Spec[] = [];
  const failing: string[] = [];
  let nextAt = Infinity;
  for (const volume of pod.spec?.volumes ?? []) {
    const m = mountVolume(view, pod, volume);
    if (m.ok) continue;
    failing.push(volume.name);
    const spec = failedMountEvent(mountFailedMessage(volume.name, m.message));
    const seen = recordedEvent(view, obj, c.node, spec);
    const count = typeof seen?.['count'] === 'number' ? seen['count'] : 0;
    const last = parseStamp(c.epoch, seen?.['lastTimestamp']);
    const due = last === undefined ? c.now : last + mountBackoffMs(count);
    if (due <= c.now) {
      events.push(spec);
      nextAt = Math.min(nextAt, c.now + mountBackoffMs(count + 1));
    } else nextAt = Math.min(nextAt, due);
  }
  if (failing.length === 0) return { mounted: true };
  return { mounted: false, events, nextAt, failing };
}
