/**
 * What the agent reads off its Node object: the pod CIDRs it allocates pod
 * IPs from and the InternalIP it reports as each pod's hostIP.
 */
import type { Node } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../model/index.js';
import { objectKey } from '../../model/index.js';

export function nodeKey(name: string): string {
  return objectKey({ group: '', resource: 'nodes', namespace: '', name });
}

export function podCIDRsOf(node: KubeObject): readonly string[] {
  const spec = (node as unknown as Node).spec ?? {};
  if (spec.podCIDRs !== undefined && spec.podCIDRs.length > 0) return spec.podCIDRs;
  return spec.podCIDR === undefined ? [] : [spec.podCIDR];
}

export function internalIPOf(node: KubeObject): string | undefined {
  return (node as unknown as Node).status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
}
