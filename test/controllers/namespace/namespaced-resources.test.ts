import { describe, expect, it } from 'vitest';
import { deletableNamespacedResources } from '../../../src/controllers/namespace/namespaced-resources.js';
import type { KubeObject } from '../../../src/model/index.js';
import { testEngine } from '../../runtime/engine.js';

const crd = (scope: 'Namespaced' | 'Cluster', plural: string, kind: string, versions: string[]): KubeObject => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: `${plural}.example.com` },
  spec: {
    group: 'example.com',
    scope,
    names: { plural, kind },
    versions: versions.map((name, i) => ({ name, served: true, storage: i === 0, schema: { openAPIV3Schema: { type: 'object' } } })),
  },
});

describe('deletableNamespacedResources', () => {
  it('lists built-in namespaced deletable resources once each, at the preferred version, sorted', async () => {
    const { store } = await testEngine();
    const rs = deletableNamespacedResources(store.head());
    const ids = rs.map((k) => `${k.group}/${k.version}/${k.plural}`);
    expect(ids).toContain('/v1/pods');
    expect(ids).toContain('/v1/configmaps');
    expect(ids).toContain('autoscaling/v2/horizontalpodautoscalers');
    expect(ids).not.toContain('autoscaling/v1/horizontalpodautoscalers');
    expect(ids.some((id) => id.endsWith('/namespaces') || id.endsWith('/nodes'))).toBe(false);
    expect(ids.some((id) => id.endsWith('/bindings'))).toBe(false); // create-only
    expect(rs.every((k) => k.namespaced && k.verbs.includes('delete'))).toBe(true);
    const keys = rs.map((k) => `${k.group}\u0000${k.plural}`);
    expect(keys).toEqual([...keys].sort());
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('adds namespaced custom kinds from the CRDs in the view, preferring the highest version', async () => {
    const { api, store } = await testEngine();
    const target = { group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions' };
    await api.create(target, crd('Namespaced', 'widgets', 'Widget', ['v1beta1', 'v1']), { actor: 'user:alice' });
    await api.create(target, crd('Cluster', 'gadgets', 'Gadget', ['v1']), { actor: 'user:alice' });
    const custom = deletableNamespacedResources(store.head()).filter((k) => k.group === 'example.com');
    expect(custom.map((k) => `${k.version}/${k.plural}`)).toEqual(['v1/widgets']);
  });
});
