/** A StateView over a fixed list of objects, for the node agent's pure decisions. */
import type { KubeObject } from '../../../src/model/index.js';
import { objectKey } from '../../../src/model/index.js';
import type { StateView } from '../../../src/store/index.js';

const RESOURCE: Record<string, string> = { ConfigMap: 'configmaps', Secret: 'secrets', Pod: 'pods', Event: 'events', Service: 'services' };

export function keyOf(o: KubeObject): string {
  return objectKey({ group: '', resource: RESOURCE[o.kind] ?? `${o.kind.toLowerCase()}s`, namespace: o.metadata.namespace ?? '', name: o.metadata.name ?? '' });
}

export function viewOf(objects: readonly KubeObject[]): StateView {
  const byKey = new Map(objects.map((o) => [keyOf(o), o]));
  const unsupported = (): never => {
    throw new Error('not in the fake view');
  };
  return {
    rev: 1,
    get: (key) => byKey.get(key),
    versionRev: (key) => (byKey.has(key) ? 1 : 0),
    list: (scope) =>
      [...byKey.entries()]
        .filter(([k]) => k.startsWith(`core/${scope.resource}/${scope.namespace === undefined ? '' : `${scope.namespace}/`}`))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([, o]) => o),
    count: () => byKey.size,
    byLabel: unsupported,
    byOwner: unsupported,
    keys: () => [...byKey.keys()].sort(),
  };
}

export function configMap(name: string, data: Record<string, string>, extra: { binaryData?: Record<string, string>; namespace?: string } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: extra.namespace ?? 'default' },
    data,
    ...(extra.binaryData === undefined ? {} : { binaryData: extra.binaryData }),
  };
}

export function secret(name: string, plain: Record<string, string>): KubeObject {
  const data: Record<string, string> = {};
  for (const [k, v] of Object.entries(plain)) data[k] = Buffer.from(v, 'utf8').toString('base64');
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: 'default' }, type: 'Opaque', data };
}
