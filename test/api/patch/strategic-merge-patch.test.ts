/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read into untyped JSON results */
import { describe, expect, it } from 'vitest';
import { applyStrategicMergePatch } from '../../../src/api/patch/strategic-merge-patch.js';
import { reasonOf, type KubeObject } from '../../../src/model/index.js';
import { deepFreeze } from './freeze.js';

/** The patch-demo Deployment of the Kubernetes docs ("Update API Objects in Place Using kubectl patch"). */
const deployment = deepFreeze({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'patch-demo', finalizers: ['a', 'b'], labels: { app: 'nginx', tier: 'web' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'nginx' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    template: {
      metadata: { labels: { app: 'nginx' } },
      spec: {
        containers: [
          {
            name: 'patch-demo-ctr',
            image: 'nginx',
            ports: [{ containerPort: 80 }, { containerPort: 443 }],
            env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }],
          },
          { name: 'sidecar', image: 'busybox' },
        ],
        tolerations: [{ effect: 'NoSchedule', key: 'dedicated', value: 'test-team' }],
      },
    },
  },
}) as KubeObject;

const smp = (patch: unknown): any => applyStrategicMergePatch(deployment, deepFreeze(patch), { builtIn: true });
const podSpec = (o: any): any => o.spec.template.spec;
const names = (list: any[]): string[] => list.map((c) => c.name);

describe('applyStrategicMergePatch', () => {
  it('merges containers by name; a new container goes before the server-only ones (docs example)', () => {
    const out = smp({ spec: { template: { spec: { containers: [{ name: 'patch-demo-ctr-2', image: 'redis' }] } } } });
    expect(names(podSpec(out).containers)).toEqual(['patch-demo-ctr-2', 'patch-demo-ctr', 'sidecar']);
  });

  it('merges inside a matched container, ports by containerPort and env by name', () => {
    const out = smp({
      spec: { template: { spec: { containers: [{ name: 'patch-demo-ctr', image: 'nginx:1.27', ports: [{ containerPort: 8080 }], env: [{ name: 'B', value: '3' }] }] } } },
    });
    const c = podSpec(out).containers[0];
    expect(c.image).toBe('nginx:1.27');
    expect(c.ports).toEqual([{ containerPort: 8080 }, { containerPort: 80 }, { containerPort: 443 }]);
    expect(c.env).toEqual([{ name: 'A', value: '1' }, { name: 'B', value: '3' }]);
    expect(podSpec(out).containers[1]).toEqual({ name: 'sidecar', image: 'busybox' });
  });

  it('replaces lists without a patch strategy (tolerations, docs example)', () => {
    const out = smp({ spec: { template: { spec: { tolerations: [{ effect: 'NoSchedule', key: 'disktype', value: 'ssd' }] } } } });
    expect(podSpec(out).tolerations).toEqual([{ effect: 'NoSchedule', key: 'disktype', value: 'ssd' }]);
  });

  it('deletes a container with $patch: delete', () => {
    const out = smp({ spec: { template: { spec: { containers: [{ name: 'sidecar', $patch: 'delete' }] } } } });
    expect(names(podSpec(out).containers)).toEqual(['patch-demo-ctr']);
  });

  it('replaces the whole list with a {$patch: replace} item', () => {
    const out = smp({ spec: { template: { spec: { containers: [{ name: 'only', image: 'x' }, { $patch: 'replace' }] } } } });
    expect(podSpec(out).containers).toEqual([{ name: 'only', image: 'x' }]);
  });

  it('replaces a map with $patch: replace and empties it with $patch: delete', () => {
    expect(smp({ metadata: { labels: { $patch: 'replace', only: 'me' } } }).metadata.labels).toEqual({ only: 'me' });
    expect(smp({ spec: { strategy: { $patch: 'delete' } } }).spec.strategy).toEqual({});
  });

  it('clears keys not named by $retainKeys (Deployment strategy, docs example)', () => {
    const out = smp({ spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } });
    expect(out.spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('refuses a patch setting a key $retainKeys does not list', () => {
    expect(reasonOf(catchIt(() => smp({ spec: { strategy: { $retainKeys: ['type'], type: 'Recreate', rollingUpdate: {} } } })))).toBe('BadRequest');
  });

  it('merges primitive lists with patchStrategy merge as sets (finalizers)', () => {
    expect(smp({ metadata: { finalizers: ['c', 'a'] } }).metadata.finalizers).toEqual(['c', 'a', 'b']);
    expect(smp({ metadata: { ['$deleteFromPrimitiveList/finalizers']: ['a'] } }).metadata.finalizers).toEqual(['b']);
    expect(smp({ metadata: { ['$deleteFromPrimitiveList/finalizers']: ['a', 'b'] } }).metadata.finalizers).toBeUndefined();
  });

  it('orders a merged list by $setElementOrder', () => {
    const out = smp({
      spec: {
        template: {
          spec: {
            ['$setElementOrder/containers']: [{ name: 'sidecar' }, { name: 'patch-demo-ctr' }],
            containers: [{ name: 'patch-demo-ctr', image: 'nginx:2' }],
          },
        },
      },
    });
    expect(names(podSpec(out).containers)).toEqual(['sidecar', 'patch-demo-ctr']);
    expect(podSpec(out).containers[1].image).toBe('nginx:2');
  });

  it('refuses a patch list that does not follow $setElementOrder', () => {
    const patch = { spec: { template: { spec: { ['$setElementOrder/containers']: [{ name: 'sidecar' }], containers: [{ name: 'patch-demo-ctr', image: 'x' }] } } } };
    expect(reasonOf(catchIt(() => smp(patch)))).toBe('BadRequest');
  });

  it('deletes keys set to null and ignores nulls for absent keys', () => {
    const out = smp({ metadata: { labels: { tier: null, gone: null } }, spec: { replicas: null } });
    expect(out.metadata.labels).toEqual({ app: 'nginx' });
    expect('replicas' in out.spec).toBe(false);
  });

  it('merges ownerReferences by uid', () => {
    const o = deepFreeze({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', ownerReferences: [{ uid: '1', name: 'a', kind: 'ReplicaSet' }] } }) as KubeObject;
    const out: any = applyStrategicMergePatch(o, { metadata: { ownerReferences: [{ uid: '1', controller: true }, { uid: '2', name: 'b' }] } }, { builtIn: true });
    expect(out.metadata.ownerReferences).toEqual([{ uid: '1', name: 'a', kind: 'ReplicaSet', controller: true }, { uid: '2', name: 'b' }]);
  });

  it('refuses an item without its merge key', () => {
    expect(reasonOf(catchIt(() => smp({ spec: { template: { spec: { containers: [{ image: 'x' }] } } } })))).toBe('BadRequest');
  });

  it('refuses custom resources with 415, as Kubernetes does', () => {
    const cr = deepFreeze({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }) as KubeObject;
    expect(reasonOf(catchIt(() => applyStrategicMergePatch(cr, { spec: {} }, { builtIn: false })))).toBe('UnsupportedMediaType');
  });

  it('does not mutate the object or the patch', () => {
    const patch = deepFreeze({ spec: { template: { spec: { containers: [{ name: 'n', env: [{ name: 'X', value: null }] }] } } } });
    const out: any = applyStrategicMergePatch(deployment, patch, { builtIn: true });
    out.spec.template.spec.containers[0].name = 'mutated';
    expect(podSpec(deployment).containers).toHaveLength(2);
  });
});

function catchIt(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}
