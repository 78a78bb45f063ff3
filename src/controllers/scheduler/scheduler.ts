/**
 * The scheduler (kube-scheduler 1.32's default profile) as a controller for
 * pods: each reconcile is one scheduling cycle for one pending pod whose
 * `spec.schedulerName` is ours.
 *
 * Decisions, in order:
 * 1. A pod that is gone, bound, being deleted, finished, gated, or another
 *    scheduler's: nothing to do.
 * 2. A pod that failed before waits (queueing.ts): until its backoff ends if
 *    a cluster event may have helped since, else until the 5-minute flush.
 * 3. Filter and score the nodes (schedule-pod.ts) on the cache of node
 *    usage at this view (cluster-cache.ts).
 * 4. A node found: VolumeBinding's PreBind first — reserve matched volumes
 *    and mark WaitForFirstConsumer claims with the node, then wait (no
 *    write) until the binder and the provisioner have bound every claim;
 *    then bind through a `Binding` (the API sets `spec.nodeName` and
 *    PodScheduled=True) and record a `Scheduled` Event.
 * 5. None: set PodScheduled=False/Unschedulable with kube-scheduler's
 *    message (only when it changed, as kube-scheduler's `updatePod`), record
 *    a `FailedScheduling` Warning, and come back at the flush.
 *
 * Level-triggered: for a given view, time and random source it returns the
 * same commands. Node changes and pods freeing resources wake the waiting
 * pods through the watches, as do changes of the claims a pending pod uses
 * and of their volumes; the pod's own status writes do not wake it.
 *
 * @example
 * manager.add(schedulerController());                                  // spread (LeastAllocated)
 * manager.add(schedulerController({ scoringStrategy: 'MostAllocated' })); // bin-packing
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Command } from '../../model/index.js';
import { assertNever } from '../../model/index.js';
import type { ControllerDefinition, Predicate, ReconcileContext } from '../controller.js';
import { done } from '../controller.js';
import { recordEvent } from '../events.js';
import { ClusterCache } from './cluster-cache.js';
import { truncateMessage } from './fit-error.js';
import { DEFAULT_FILTERS } from './filters/default-filters.js';
import type { Profile, SchedulerOptions } from './options.js';
import { profileOf } from './options.js';
import { findPodVolumes, preBindCommands } from './filters/volume-binding.js';
import { podFactsOf } from './pod-facts.js';
import { flushDelayAfterAttempt, lastAttemptOf, retryAt, unschedulableCondition } from './queueing.js';
import type { Framework } from './schedule-pod.js';
import { schedulePod } from './schedule-pod.js';
import { defaultScores } from './scores/default-scores.js';
import { pendingPodsUsingClaimsOf } from './volume-watch.js';
import { volumeBindingPreFilter, volumesRev } from './volume-claims.js';

/** A pending pod this scheduler should place. */
export function isSchedulable(pod: Pod | undefined, profile: Pick<Profile, 'schedulerName'>): pod is Pod {
  if (pod === undefined) return false;
  const spec = pod.spec;
  const phase = pod.status?.phase;
  return (
    (spec?.nodeName ?? '') === '' &&
    (spec?.schedulerName ?? 'default-scheduler') === profile.schedulerName &&
    pod.metadata?.deletionTimestamp === undefined &&
    (spec?.schedulingGates ?? []).length === 0 &&
    phase !== 'Succeeded' &&
    phase !== 'Failed'
  );
}

/** Passes new pending pods and updates of anything but their status (kube-scheduler's `isPodUpdated`). */
export function pendingPodChanged(profile: Pick<Profile, 'schedulerName'>): Predicate {
  return (c) => {
    if (c.type === 'DELETED' || !isSchedulable(c.object as Pod, profile)) return false;
    if (c.type === 'ADDED' || c.previous === undefined) return true;
    const strip = (o: Pod): string => JSON.stringify([o.spec, o.metadata?.labels ?? {}, o.metadata?.annotations ?? {}]);
    return strip(c.previous as Pod) !== strip(c.object as Pod);
  };
}

const rfc3339 = (ctx: Pick<ReconcileContext, 'now' | 'epoch'>): string => new Date(ctx.epoch + ctx.now).toISOString().replace(/\.\d{3}Z$/, 'Z');

function bind(pod: Pod, node: string): Command {
  return {
    type: 'create',
    object: {
      apiVersion: 'v1',
      kind: 'Binding',
      metadata: { name: pod.metadata?.name ?? '', namespace: pod.metadata?.namespace ?? 'default' },
      target: { apiVersion: 'v1', kind: 'Node', name: node },
    },
  };
}

/** The status patch setting PodScheduled=False, or undefined when the condition already says so (no write, as `UpdatePodCondition`). */
function markUnschedulable(pod: Pod, message: string, ctx: Pick<ReconcileContext, 'now' | 'epoch'>): Command | undefined {
  const previous = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  if (unschedulableCondition(pod)?.message === message) return undefined;
  const lastTransitionTime = previous?.status === 'False' ? (previous.lastTransitionTime ?? rfc3339(ctx)) : rfc3339(ctx);
  return {
    type: 'patch',
    ref: { apiVersion: 'v1', kind: 'Pod', namespace: pod.metadata?.namespace ?? 'default', name: pod.metadata?.name ?? '' },
    patchType: 'strategic',
    subresource: 'status',
    patch: { status: { conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message, lastProbeTime: null, lastTransitionTime }] } },
  };
}

/** The definition, plus its cache for inspection (tests, the debugger): derived data, never a source of truth. */
export type SchedulerDefinition = ControllerDefinition & { readonly cache: ClusterCache };

export function schedulerController(options: SchedulerOptions = {}): SchedulerDefinition {
  const profile = profileOf(options);
  const component = profile.schedulerName;
  const framework: Framework = { filters: DEFAULT_FILTERS, scores: defaultScores(profile.scoringStrategy), percentageOfNodesToScore: profile.percentageOfNodesToScore };
  const cache = new ClusterCache((pod) => isSchedulable(pod, profile) && unschedulableCondition(pod) !== undefined);
  return {
    cache,
    name: profile.name,
    for: { group: '', kind: 'Pod' },
    predicates: [pendingPodChanged(profile)],
    watches: [
      { kind: { group: '', kind: 'Node' }, handler: (c, view) => cache.observeNode(c, view) },
      { kind: { group: '', kind: 'Pod' }, handler: (c, view) => cache.observePod(c, view) },
      { kind: { group: '', kind: 'PersistentVolumeClaim' }, handler: (c, view) => pendingPodsUsingClaimsOf(c, view, (p) => isSchedulable(p, profile)) },
      { kind: { group: '', kind: 'PersistentVolume' }, handler: (c, view) => pendingPodsUsingClaimsOf(c, view, (p) => isSchedulable(p, profile)) },
    ],
    reconcile(key, view, ctx) {
      const object = view.get(key);
      const pod = object as Pod | undefined;
      if (object === undefined || !isSchedulable(pod, profile)) return done();
      cache.sync(view);

      const last = lastAttemptOf(view, ctx, pod, component);
      if (last !== undefined) {
        const moved = cache.moveRev > last.rev || view.versionRev(key) > last.rev || volumesRev(view, pod) > last.rev;
        const at = retryAt(last, moved, profile);
        if (ctx.now < at) return { commands: [], requeueAfterMs: at - ctx.now };
      }

      const facts = podFactsOf(pod, volumeBindingPreFilter(view, pod));
      const result = schedulePod(facts, cache, framework, ctx.random);
      const name = pod.metadata?.name ?? '';
      const namespace = pod.metadata?.namespace ?? 'default';
      switch (result.type) {
        case 'scheduled': {
          const node = cache.node(result.node);
          if (facts.volumes?.type === 'claims' && node !== undefined) {
            const preBind = preBindCommands(findPodVolumes(facts.volumes.claims, node), result.node);
            if (preBind.length > 0) return { commands: preBind };
            // PreBind waits until the binder (and provisioner) bound every claim; their writes wake the pod.
            if (facts.volumes.claims.delayed.length > 0) return done();
          }
          return {
            commands: [
              bind(pod, result.node),
              recordEvent(view, ctx, { object, type: 'Normal', reason: 'Scheduled', message: `Successfully assigned ${namespace}/${name} to ${result.node}`, component }),
            ],
          };
        }
        case 'unschedulable': {
          const status = markUnschedulable(pod, result.message, ctx);
          const event = recordEvent(view, ctx, { object, type: 'Warning', reason: 'FailedScheduling', message: truncateMessage(result.message), component });
          // Back at the leftover flush unless a cluster event wakes it sooner.
          return { commands: status === undefined ? [event] : [status, event], requeueAfterMs: flushDelayAfterAttempt(ctx, profile) };
        }
        default:
          return assertNever(result, 'schedule result');
      }
    },
  };
}
