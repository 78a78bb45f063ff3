/**
 * Whether a pod answers a request sent to its IP at this moment — the
 * truth behind the endpoints: the pod exists (the same pod: uid and IP
 * match), its node is not down, every container is running, and it is
 * Ready. A pod being deleted keeps serving while its containers run (the
 * simulated kubelet stops them at the end of the grace period, then the
 * pod is gone), which is what makes graceful termination show up as
 * served requests. A partitioned node still serves: the partition cuts
 * the kubelet from the API, not the pods from their clients.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import { objectKey } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import type { Backend } from './service-backends.js';

export type NotServing = 'PodGone' | 'NodeDown' | 'ContainerNotRunning' | 'PodNotReady';

export function podServing(view: StateView, b: Backend, downNodes: ReadonlySet<string>): NotServing | undefined {
  if (b.pod === undefined) return undefined; // an endpoint without a pod (hand-made): assume it answers
  const pod = view.get(objectKey({ group: '', resource: 'pods', namespace: b.pod.namespace, name: b.pod.name })) as unknown as Pod | undefined;
  if (pod === undefined) return 'PodGone';
  if (b.pod.uid !== undefined && pod.metadata?.uid !== b.pod.uid) return 'PodGone';
  const ips = [pod.status?.podIP, ...(pod.status?.podIPs ?? []).map((p) => p.ip)];
  if (!ips.includes(b.ip)) return 'PodGone';
  if (downNodes.has(pod.spec?.nodeName ?? '')) return 'NodeDown';
  const statuses = pod.status?.containerStatuses ?? [];
  if (pod.status?.phase !== 'Running' || statuses.length === 0 || statuses.some((c) => c.state?.running === undefined)) return 'ContainerNotRunning';
  if (!(pod.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True')) return 'PodNotReady';
  return undefined;
}
