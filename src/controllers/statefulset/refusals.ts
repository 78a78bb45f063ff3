/**
 * A pod create the API refused in the previous sync (quota, admission, a
 * name still taken): Kubernetes' `CreateStatefulPod` reports it as
 * `FailedCreate` "create Pod web-0 in StatefulSet web failed error: …" on
 * the set, then the sync is retried with backoff (the runtime's, after a
 * refused command).
 */
import type { StatefulSet } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Command, Status } from '../../model/index.js';
import { objectKey } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import type { ReconcileContext } from '../controller.js';
import { podEvent } from './pod-control.js';

export function failedCreateEvents(view: StateView, ctx: ReconcileContext, set: StatefulSet, refusal: Status | undefined): Command[] {
  const name = refusal?.details?.name;
  if (refusal === undefined || refusal.details?.kind !== 'pods' || name === undefined || name === '') return [];
  const ns = set.metadata?.namespace ?? 'default';
  if (view.get(objectKey({ group: '', resource: 'pods', namespace: ns, name })) !== undefined) return [];
  const pod: Pod = { metadata: { name, namespace: ns } };
  return [podEvent(view, ctx, set, 'create', pod, refusal.message)];
}
