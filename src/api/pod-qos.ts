/**
 * A pod's QoS class, as the API server sets it on create (Kubernetes'
 * `GetPodQOS`): Guaranteed when every container sets cpu and memory limits
 * equal to its requests, BestEffort when none sets any request or limit,
 * Burstable otherwise. Init containers count like containers.
 */
import type { KubeObject } from '../model/index.js';
import { compareQuantities, parseQuantity } from '../model/index.js';

type Resources = { requests?: Record<string, string>; limits?: Record<string, string> };
type Container = { resources?: Resources };

const TRACKED = ['cpu', 'memory'];

export function podQosClass(pod: KubeObject): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const spec = pod['spec'] as { containers?: Container[]; initContainers?: Container[] } | undefined;
  const containers = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const requests = c.resources?.requests ?? {};
    const limits = c.resources?.limits ?? {};
    for (const r of TRACKED) {
      const req = requests[r];
      const lim = limits[r];
      if (req !== undefined || lim !== undefined) any = true;
      if (lim === undefined) {
        guaranteed = false;
        continue;
      }
      // A missing request defaults to the limit, so it is equal.
      if (req !== undefined && compareQuantities(parseQuantity(req), parseQuantity(lim)) !== 0) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
