/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read into untyped JSON results */
import { describe, expect, it } from 'vitest';
import { updateManagedFields } from '../../../src/api/apply/update-managed-fields.js';
import type { KubeObject } from '../../../src/model/index.js';
import { deepFreeze } from '../patch/freeze.js';

const T0 = Date.UTC(2025, 0, 1, 10, 0, 0);
const created = deepFreeze({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', uid: 'u1', labels: { app: 'web' } },
  spec: {
    replicas: 1,
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%' } },
    template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1' }] } },
  },
}) as KubeObject;

const entry = (o: KubeObject, manager: string): any => o.metadata.managedFields?.find((e) => e.manager === manager);

describe('updateManagedFields', () => {
  const afterCreate = deepFreeze(updateManagedFields(undefined, created, 'kubectl-create', 'Update', T0));

  it('on create gives the creator every field it set, `.` for maps it introduced, none for identity', () => {
    expect(afterCreate.metadata.managedFields).toEqual([
      {
        manager: 'kubectl-create',
        operation: 'Update',
        apiVersion: 'apps/v1',
        time: '2025-01-01T10:00:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
          'f:spec': {
            'f:replicas': {},
            'f:strategy': { '.': {}, 'f:rollingUpdate': { '.': {}, 'f:maxSurge': {} }, 'f:type': {} },
            'f:template': {
              '.': {},
              'f:spec': {
                '.': {},
                'f:containers': { '.': {}, 'k:{"name":"nginx"}': { '.': {}, 'f:image': {}, 'f:name': {} } },
              },
            },
          },
        },
      },
    ]);
    expect(created.metadata.managedFields).toBeUndefined();
  });

  it('moves a changed field to the second manager and keeps both entries, sorted by time', () => {
    const scaled = { ...afterCreate, spec: { ...(afterCreate['spec'] as object), replicas: 3 } } as KubeObject;
    const out = updateManagedFields(afterCreate, scaled, 'hpa', 'Update', T0 + 60_000);
    expect(out.metadata.managedFields?.map((e) => e.manager)).toEqual(['kubectl-create', 'hpa']);
    expect(entry(out, 'hpa').fieldsV1).toEqual({ 'f:spec': { 'f:replicas': {} } });
    expect(entry(out, 'kubectl-create').fieldsV1['f:spec']['f:replicas']).toBeUndefined();
    expect(entry(out, 'kubectl-create').time).toBe('2025-01-01T10:00:00Z');
    expect(entry(out, 'hpa').time).toBe('2025-01-01T10:01:00Z');
  });

  it('merges repeated writes by the same manager into one entry with the newer time', () => {
    const a = updateManagedFields(afterCreate, { ...afterCreate, metadata: { ...afterCreate.metadata, labels: { app: 'web', x: '1' } } } as KubeObject, 'ctl', 'Update', T0 + 1000);
    const b = updateManagedFields(a, { ...a, metadata: { ...a.metadata, annotations: { n: 'v' } } } as KubeObject, 'ctl', 'Update', T0 + 2000);
    const ctl = b.metadata.managedFields?.filter((e) => e.manager === 'ctl') ?? [];
    expect(ctl).toHaveLength(1);
    expect(ctl[0]?.time).toBe('2025-01-01T10:00:02Z');
    expect(ctl[0]?.fieldsV1).toEqual({ 'f:metadata': { 'f:annotations': { '.': {}, 'f:n': {} }, 'f:labels': { 'f:x': {} } } });
  });

  it('keeps separate entries per apiVersion and subresource', () => {
    const a = updateManagedFields(afterCreate, { ...afterCreate, status: { replicas: 1 } } as KubeObject, 'kcm', 'Update', T0 + 1000, 'status');
    expect(entry(a, 'kcm').subresource).toBe('status');
    expect(entry(a, 'kcm').fieldsV1).toEqual({ 'f:status': { '.': {}, 'f:replicas': {} } });
  });

  it('removes a deleted field from every manager and drops entries left empty', () => {
    const scaled = updateManagedFields(afterCreate, { ...afterCreate, spec: { ...(afterCreate['spec'] as object), replicas: 3 } } as KubeObject, 'hpa', 'Update', T0 + 1000);
    const { replicas: _r, ...spec } = scaled['spec'] as Record<string, unknown>;
    const out = updateManagedFields(scaled, { ...scaled, spec } as KubeObject, 'editor', 'Update', T0 + 2000);
    expect(out.metadata.managedFields?.map((e) => e.manager)).toEqual(['kubectl-create']);
  });

  it('leaves managedFields alone when nothing changed', () => {
    const out = updateManagedFields(afterCreate, afterCreate, 'someone', 'Update', T0 + 5000);
    expect(out.metadata.managedFields).toEqual(afterCreate.metadata.managedFields);
  });

  it('caps Update entries at 10, folding the oldest into ancient-changes', () => {
    let o: KubeObject = afterCreate;
    for (let i = 0; i < 11; i++) {
      o = updateManagedFields(o, { ...o, metadata: { ...o.metadata, labels: { ...o.metadata.labels, [`l${i}`]: 'v' } } } as KubeObject, `m${i}`, 'Update', T0 + (i + 1) * 1000);
    }
    const names = o.metadata.managedFields?.map((e) => e.manager) ?? [];
    expect(names).toHaveLength(10);
    expect(names).toContain('ancient-changes');
    expect(names).not.toContain('kubectl-create');
    expect(names).not.toContain('m0');
  });
});
