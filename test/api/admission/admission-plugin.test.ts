import { describe, expect, it } from 'vitest';
import type { AdmissionAttributes, AdmissionPlugin } from '../../../src/api/index.js';
import { asStatus, forbidden } from '../../../src/model/index.js';
import { alice, configMaps, harness } from '../harness.js';

const cm = (name: string, data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });

/** Stamps an annotation on every ConfigMap and refuses any whose `data.size` exceeds the count of ConfigMaps in its namespace. */
function recordingPlugin(seen: string[]): AdmissionPlugin {
  return {
    name: 'Test',
    mutate: (a) => {
      if (a.info.kind !== 'ConfigMap') return a.object;
      seen.push(`mutate ${a.operation} ${a.name}${a.oldObject === undefined ? '' : ' (has old)'}`);
      return { ...a.object, metadata: { ...a.object.metadata, annotations: { ...a.object.metadata.annotations, admitted: a.operation } } };
    },
    validate: (a: AdmissionAttributes) => {
      if (a.info.kind !== 'ConfigMap') return;
      seen.push(`validate ${a.operation} ${a.object.metadata.annotations?.['admitted'] ?? '-'}`);
      if ((a.object['data'] as Record<string, string> | undefined)?.['refuse'] === 'yes') throw forbidden({ group: '', resource: 'configmaps' }, a.name, 'refused by Test');
    },
  };
}

describe('admission plugins', () => {
  it('mutate before validation and validate after it, on create and update, seeing the mutated object', async () => {
    const seen: string[] = [];
    const { api } = await harness(1, { admission: [recordingPlugin(seen)] });
    const created = await api.create(configMaps(), cm('a', { x: '1' }), alice);
    expect(created.metadata.annotations?.['admitted']).toBe('CREATE');
    const updated = await api.update(configMaps('default', 'a'), { ...created, data: { x: '2' } }, alice);
    expect(updated.metadata.annotations?.['admitted']).toBe('UPDATE');
    expect(seen).toEqual(['mutate CREATE a', 'validate CREATE CREATE', 'mutate UPDATE a (has old)', 'validate UPDATE UPDATE']);
  });

  it('a refusal writes nothing', async () => {
    const { api, store } = await harness(1, { admission: [recordingPlugin([])] });
    const before = store.rev;
    const err = await api.create(configMaps(), cm('b', { refuse: 'yes' }), alice).catch((e: unknown) => e);
    expect(asStatus(err)?.code).toBe(403);
    expect(store.rev).toBe(before);
  });
});
