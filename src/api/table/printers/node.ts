/**
 * Nodes: NAME STATUS ROLES AGE VERSION | INTERNAL-IP EXTERNAL-IP OS-IMAGE
 * KERNEL-VERSION CONTAINER-RUNTIME. STATUS is `Ready`/`NotReady` from the
 * Ready condition (`Unknown` without one) plus `SchedulingDisabled` when
 * cordoned; ROLES come from `node-role.kubernetes.io/<role>` label keys and
 * the `kubernetes.io/role` label value, sorted, `<none>` without any.
 */
import type { Node } from 'kubernetes-types/core/v1.js';
import { AGE_COLUMN, NAME_COLUMN, column, wide } from '../columns.js';
import { since } from '../human-duration.js';
import { printer } from '../printer.js';

const ROLE_PREFIX = 'node-role.kubernetes.io/';
const ROLE_LABEL = 'kubernetes.io/role';

/** The node's roles, sorted and de-duplicated. */
export function nodeRoles(labels: Readonly<Record<string, string>> | undefined): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(labels ?? {})) {
    if (k.startsWith(ROLE_PREFIX)) {
      const role = k.slice(ROLE_PREFIX.length);
      if (role !== '') roles.add(role);
    } else if (k === ROLE_LABEL && v !== '') roles.add(v);
  }
  return [...roles].sort();
}

function nodeStatus(node: Node): string {
  // The last condition of a type wins, as in a map keyed by type.
  const ready = (node.status?.conditions ?? []).filter((c) => c.type === 'Ready').at(-1);
  const status = [ready === undefined ? 'Unknown' : ready.status === 'True' ? 'Ready' : 'NotReady'];
  if (node.spec?.unschedulable === true) status.push('SchedulingDisabled');
  return status.join(',');
}

const address = (node: Node, type: string): string => node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';
const orUnknown = (s: string | undefined): string => (s === undefined || s === '' ? '<unknown>' : s);

export const nodePrinter = printer<Node>(
  [
    NAME_COLUMN,
    column('Status', 'string', 'Whether the node is Ready, and whether scheduling onto it is disabled.'),
    column('Roles', 'string', 'Roles taken from node-role.kubernetes.io/* labels.'),
    AGE_COLUMN,
    column('Version', 'string', 'The kubelet version the node reports.'),
    wide('Internal-IP', 'string', 'The first InternalIP address of the node.'),
    wide('External-IP', 'string', 'The first ExternalIP address of the node.'),
    wide('OS-Image', 'string', 'The operating system image the node reports.'),
    wide('Kernel-Version', 'string', 'The kernel version the node reports.'),
    wide('Container-Runtime', 'string', 'The container runtime and version the node reports.'),
  ],
  (node, now) => {
    const info = node.status?.nodeInfo;
    const roles = nodeRoles(node.metadata?.labels).join(',');
    return [
      node.metadata?.name ?? '',
      nodeStatus(node),
      roles === '' ? '<none>' : roles,
      since(node.metadata?.creationTimestamp, now),
      info?.kubeletVersion ?? '',
      address(node, 'InternalIP'),
      address(node, 'ExternalIP'),
      orUnknown(info?.osImage),
      orUnknown(info?.kernelVersion),
      orUnknown(info?.containerRuntimeVersion),
    ];
  },
);
