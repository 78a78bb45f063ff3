/**
 * A pod's effective requests and limits, as Kubernetes 1.32's
 * `resourcehelper.PodRequests` / `PodLimits` compute them for quota and
 * LimitRanger: the sum over containers; restartable (sidecar) init
 * containers add to that sum; each ordinary init container needs its own
 * amount plus the sidecars started before it, and the pod needs the larger
 * of the two; `spec.overhead` is added to requests, and to limits only for
 * resources that have a limit. (In-place resize is alpha in 1.32 and off, so
 * container statuses are not consulted.)
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Quantity } from '../../model/index.js';
import { compareQuantities } from '../../model/index.js';
import { addLists, parseResourceList, type ResourceList } from './resource-quota-list.js';

type Which = 'requests' | 'limits';

function maxInto(into: Record<string, Quantity>, list: ResourceList): void {
  for (const [k, v] of Object.entries(list)) {
    const have = into[k];
    if (have === undefined || compareQuantities(v, have) > 0) into[k] = v;
  }
}

function podAmounts(pod: Pod, which: Which): ResourceList {
  const spec = pod.spec;
  let total: ResourceList = {};
  for (const c of spec?.containers ?? []) total = addLists(total, parseResourceList(c.resources?.[which]));
  let sidecars: ResourceList = {};
  const initMax: Record<string, Quantity> = {};
  for (const c of spec?.initContainers ?? []) {
    const own = parseResourceList(c.resources?.[which]);
    if (c.restartPolicy === 'Always') {
      total = addLists(total, own);
      sidecars = addLists(sidecars, own);
      maxInto(initMax, sidecars);
    } else {
      maxInto(initMax, addLists(own, sidecars));
    }
  }
  const out: Record<string, Quantity> = { ...total };
  maxInto(out, initMax);
  const overhead = parseResourceList(spec?.overhead);
  if (which === 'requests') return addLists(out, overhead);
  for (const [k, v] of Object.entries(overhead)) if (out[k] !== undefined) Object.assign(out, addLists({ [k]: out[k] }, { [k]: v }));
  return out;
}

/** The pod's effective requests. */
export const podRequests = (pod: Pod): ResourceList => podAmounts(pod, 'requests');

/** The pod's effective limits. */
export const podLimits = (pod: Pod): ResourceList => podAmounts(pod, 'limits');
