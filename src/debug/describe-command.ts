/**
 * A command as one line, for divergence reports and listings:
 * `create Pod default/web-*` (a generateName shown as `PREFIX*`),
 * `update/status ReplicaSet default/web`, `patch(merge) Node node-2`,
 * `delete Pod default/web-x (grace 0s)`.
 */
import type { Command, KubeObject, ObjectRef } from '../model/index.js';
import { assertNever } from '../model/index.js';

function objectName(o: KubeObject): string {
  const m = o.metadata;
  const name = m.name ?? (m.generateName === undefined ? '' : `${m.generateName}*`);
  return m.namespace === undefined || m.namespace === '' ? name : `${m.namespace}/${name}`;
}

function refName(r: ObjectRef): string {
  return r.namespace === undefined || r.namespace === '' ? r.name : `${r.namespace}/${r.name}`;
}

export function describeCommand(c: Command): string {
  const sub = (s: string | undefined): string => (s === undefined ? '' : `/${s}`);
  switch (c.type) {
    case 'create':
    case 'update':
      return `${c.type}${sub(c.subresource)} ${c.object.kind} ${objectName(c.object)}`;
    case 'apply':
      return `apply${sub(c.subresource)} ${c.object.kind} ${objectName(c.object)} (manager ${c.fieldManager}${c.force === true ? ', force' : ''})`;
    case 'patch':
      return `patch(${c.patchType})${sub(c.subresource)} ${c.ref.kind} ${refName(c.ref)}`;
    case 'delete': {
      const g = c.options?.gracePeriodSeconds;
      return `delete ${c.ref.kind} ${refName(c.ref)}${g === undefined ? '' : ` (grace ${g}s)`}`;
    }
    default:
      return assertNever(c);
  }
}
