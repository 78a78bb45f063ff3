import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/model/index.js';
import { alice, harness, refused } from './harness.js';

const crd: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    scope: 'Namespaced',
    names: { plural: 'widgets', singular: 'widget', kind: 'Widget', shortNames: ['wd'], listKind: 'WidgetList' },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        subresources: { status: {} },
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: { type: 'object', required: ['size'], properties: { size: { type: 'integer', minimum: 1 } } },
              status: { type: 'object', properties: { ready: { type: 'boolean' } } },
            },
          },
        },
      },
    ],
  },
};

const widgets = (name?: string) => ({ group: 'example.com', version: 'v1', resource: 'widgets', namespace: 'default', ...(name === undefined ? {} : { name }) });
const widget = (name: string, size: unknown): KubeObject => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name }, spec: { size } });

describe('custom resources', () => {
  it('are served once their CRD exists, with CRUD, generation and a status subresource', async () => {
    const { api } = await harness();
    await refused(() => Promise.resolve(api.list(widgets())), 'NotFound');
    await api.create({ group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions' }, crd, alice);
    const w = await api.create(widgets(), widget('w1', 3), alice);
    expect(w.metadata.generation).toBe(1);
    const st = await api.patch({ ...widgets('w1'), subresource: 'status' }, 'merge', { status: { ready: true } }, alice);
    expect(st['status']).toEqual({ ready: true });
    expect(st.metadata.generation).toBe(1);
    const grown = await api.patch(widgets('w1'), 'merge', { spec: { size: 4 } }, alice);
    expect(grown.metadata.generation).toBe(2);
    expect(api.list(widgets()).kind).toBe('WidgetList');
  });

  it('validates against the openAPIV3Schema with 422 and refuses strategic merge patch with 415', async () => {
    const { api, log } = await harness();
    await api.create({ group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions' }, crd, alice);
    const before = log.headRev();
    const s = await refused(() => api.create(widgets(), widget('bad', 0), alice), 'Invalid');
    expect(s.message).toContain('spec.size');
    await refused(() => api.create(widgets(), { ...widget('bad', 2), spec: {} }, alice), 'Invalid');
    expect(log.headRev()).toBe(before);
    await api.create(widgets(), widget('w', 2), alice);
    await refused(() => api.patch(widgets('w'), 'strategic', { spec: { size: 3 } }, alice), 'UnsupportedMediaType');
  });

  it('prunes fields the schema does not know', async () => {
    const { api } = await harness();
    await api.create({ group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions' }, crd, alice);
    const w = await api.create(widgets(), { ...widget('w', 2), spec: { size: 2, extra: 'dropped' } }, alice);
    expect(w['spec']).toEqual({ size: 2 });
  });
});
