/**
 * The pods of a Job, found through the owner index (its controller
 * ownerReference), and the bookkeeping around them that needs the view:
 * `SuccessfulCreate` events for pods the API has named since, and the
 * orphan clean-up of `batch.kubernetes.io/job-tracking` finalizers once the
 * Job is gone (Kubernetes' `syncOrphanPod`), so the garbage collector's
 * deletes can finish.
 */
import type { Job } from 'kubernetes-types/batch/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Command, KubeObject } from '../../model/index.js';
import { objectKey, parseKey, refOf } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import type { ReconcileContext } from '../controller.js';
import type { EventSpec } from '../events.js';
import { eventName, recordEvent } from '../events.js';
import { controllerOf } from '../handlers.js';
import { JOB_TRACKING_FINALIZER, hasTrackingFinalizer } from './job-pods.js';

export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';

/** Pods whose controller is this Job (by uid), sorted by key. */
export function jobPods(view: StateView, job: Job): Pod[] {
  const uid = job.metadata?.uid ?? '';
  const ns = job.metadata?.namespace ?? '';
  return view
    .byOwner(uid)
    .filter((o) => o.kind === 'Pod' && o.apiVersion === 'v1' && o.metadata.namespace === ns && controllerOf(o)?.uid === uid) as unknown as Pod[];
}

export function removeFinalizerCommand(p: Pod): Command {
  return { type: 'patch', ref: refOf(p as KubeObject), patchType: 'strategic', patch: { metadata: { '$deleteFromPrimitiveList/finalizers': [JOB_TRACKING_FINALIZER] } } };
}

/** For a Job key with no Job: its former pods that still hold the tracking finalizer lose it. */
export function orphanFinalizerRemovals(view: StateView, jobKey: string): Command[] {
  const { namespace, name } = parseKey(jobKey);
  const scope = { group: '', resource: 'pods', namespace };
  return view
    .byLabel(scope, JOB_NAME_LABEL, name)
    .filter((o) => {
      const ref = controllerOf(o);
      return ref?.kind === 'Job' && ref.apiVersion === 'batch/v1' && ref.name === name && hasTrackingFinalizer(o as unknown as Pod);
    })
    .map((o) => removeFinalizerCommand(o as unknown as Pod));
}

/** `SuccessfulCreate` (`Created pod: NAME`) for each of the Job's pods with no such event yet. */
export function createdPodEvents(view: StateView, ctx: ReconcileContext, job: KubeObject, pods: readonly Pod[]): Command[] {
  const out: Command[] = [];
  const ns = job.metadata.namespace ?? 'default';
  for (const pod of pods) {
    const spec: EventSpec = { object: job, type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${pod.metadata?.name ?? ''}`, component: 'job-controller' };
    if (view.get(objectKey({ group: '', resource: 'events', namespace: ns, name: eventName(spec) })) === undefined) out.push(recordEvent(view, ctx, spec));
  }
  return out;
}
