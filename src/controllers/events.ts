/**
 * Kubernetes `Event` objects (core/v1) as commands, for what users look at:
 * Scheduled, FailedScheduling, Killing, BackOff, Evicted, ...
 *
 * Like client-go's event correlator, a repeat of the same event (same
 * object, reason, message and source) is one Event whose `count` and
 * `lastTimestamp` are bumped, not a new object — so a level-triggered
 * controller that reports the same condition on every retry does not flood
 * the cluster. The Event's name is derived from those fields, so the
 * decision is a read of the view.
 *
 * @example
 * return { commands: [recordEvent(view, ctx, { object: pod, type: 'Warning', reason: 'FailedScheduling', message, component: 'default-scheduler' })] };
 */
import type { Command, KubeObject } from '../model/index.js';
import { objectKey } from '../model/index.js';
import type { StateView } from '../store/index.js';
import type { ReconcileContext } from './controller.js';

export interface EventSpec {
  /** The object the event is about. */
  readonly object: KubeObject;
  readonly type: 'Normal' | 'Warning';
  readonly reason: string;
  readonly message: string;
  /** `default-scheduler`, `kubelet`, `replicaset-controller`, ... */
  readonly component: string;
  /** The node, for kubelet events. */
  readonly host?: string;
}

function fnv(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

function stamp(ctx: Pick<ReconcileContext, 'now' | 'epoch'>): string {
  return new Date(ctx.epoch + ctx.now).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The Event's name: the object's name and a hash of what makes two events "the same". */
export function eventName(spec: EventSpec): string {
  const m = spec.object.metadata;
  return `${m.name ?? ''}.${fnv([m.uid ?? '', spec.type, spec.reason, spec.message, spec.component, spec.host ?? ''].join('\u0000'))}`;
}

/** A create for a new event, or a patch bumping count and lastTimestamp of the same event seen before. */
export function recordEvent(view: StateView, ctx: Pick<ReconcileContext, 'now' | 'epoch'>, spec: EventSpec): Command {
  const m = spec.object.metadata;
  const namespace = m.namespace !== undefined && m.namespace !== '' ? m.namespace : 'default';
  const name = eventName(spec);
  const now = stamp(ctx);
  const existing = view.get(objectKey({ group: '', resource: 'events', namespace, name }));
  if (existing !== undefined) {
    const count = typeof existing['count'] === 'number' ? existing['count'] : 1;
    return {
      type: 'patch',
      ref: { apiVersion: 'v1', kind: 'Event', namespace, name },
      patchType: 'merge',
      patch: { count: count + 1, lastTimestamp: now },
    };
  }
  return {
    type: 'create',
    object: {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: {
        apiVersion: spec.object.apiVersion,
        kind: spec.object.kind,
        name: m.name,
        namespace: m.namespace,
        uid: m.uid,
        resourceVersion: m.resourceVersion,
      },
      reason: spec.reason,
      message: spec.message,
      type: spec.type,
      source: { component: spec.component, ...(spec.host === undefined ? {} : { host: spec.host }) },
      reportingComponent: spec.component,
      reportingInstance: spec.host ?? '',
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
    },
  };
}
