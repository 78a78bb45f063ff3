/**
 * `SuccessfulCreate` events ("Created pod: NAME", as RealPodControl records
 * them). The API picks a created pod's name, so the event is recorded by
 * the next sync, once the pod is seen: each pod the DaemonSet created (its
 * `generateName`, created after the DaemonSet) whose event is missing gets
 * one, looked up by the event's deterministic name — the same approach as
 * the ReplicaSet controller's (its helper is private to sync-replicas.ts).
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Command, KubeObject } from '../../model/index.js';
import { objectKey } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import type { ReconcileContext } from '../controller.js';
import type { EventSpec } from '../events.js';
import { eventName, recordEvent } from '../events.js';
import { unixMs } from '../replica-set/pod-state.js';
import { podPrefix } from '../replica-set/pod-template.js';
import { COMPONENT, Reason } from './names.js';

export function createdPodEvents(view: StateView, ctx: ReconcileContext, ds: KubeObject, pods: readonly Pod[]): Command[] {
  const out: Command[] = [];
  const prefix = podPrefix(ds);
  const born = unixMs(ds.metadata.creationTimestamp) ?? 0;
  const ns = ds.metadata.namespace ?? 'default';
  for (const pod of pods) {
    if (pod.metadata?.generateName !== prefix || (unixMs(pod.metadata.creationTimestamp) ?? 0) < born) continue;
    const spec: EventSpec = { object: ds, type: 'Normal', reason: Reason.SuccessfulCreate, message: `Created pod: ${pod.metadata.name ?? ''}`, component: COMPONENT };
    if (view.get(objectKey({ group: '', resource: 'events', namespace: ns, name: eventName(spec) })) === undefined) out.push(recordEvent(view, ctx, spec));
  }
  return out;
}
