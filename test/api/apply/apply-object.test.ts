/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read into untyped JSON results */
import { describe, expect, it } from 'vitest';
import { applyObject } from '../../../src/api/apply/apply-object.js';
import { updateManagedFields } from '../../../src/api/apply/update-managed-fields.js';
import { asStatus, reasonOf, type KubeObject } from '../../../src/model/index.js';
import { deepFreeze } from '../patch/freeze.js';

const T0 = Date.UTC(2025, 0, 1, 10, 0, 0);
const opts = (t: number, force = false): { force: boolean; time: number } => ({ force, time: T0 + t });

const manifest = (spec: Record<string, unknown>, labels: Record<string, string> = { app: 'web' }): KubeObject =>
  deepFreeze({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', labels }, spec }) as KubeObject;

const containers = (...cs: Record<string, unknown>[]): Record<string, unknown> => ({ template: { spec: { containers: cs } } });
const entry = (o: KubeObject, manager: string): any => o.metadata.managedFields?.find((e) => e.manager === manager);
const spec = (o: KubeObject): any => o['spec'];

function failure(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a failure');
}

describe('applyObject', () => {
  const v1 = manifest({ replicas: 2, ...containers({ name: 'nginx', image: 'nginx:1', ports: [{ containerPort: 80 }] }) });
  const created = deepFreeze(applyObject(undefined, v1, 'alice', opts(0)));

  it('creates the object and records an Apply entry holding exactly the applied fields', () => {
    expect(spec(created).replicas).toBe(2);
    expect(created.metadata.managedFields).toEqual([
      {
        manager: 'alice',
        operation: 'Apply',
        apiVersion: 'apps/v1',
        time: '2025-01-01T10:00:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': {
            'f:replicas': {},
            'f:template': {
              'f:spec': {
                'f:containers': {
                  'k:{"name":"nginx"}': {
                    '.': {},
                    'f:image': {},
                    'f:name': {},
                    'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
                  },
                },
              },
            },
          },
        },
      },
    ]);
  });

  it('removes a field the manager applied before and no longer specifies', () => {
    const next = applyObject(created, manifest({ ...containers({ name: 'nginx', image: 'nginx:1', ports: [{ containerPort: 80 }] }) }), 'alice', opts(60_000));
    expect('replicas' in spec(next)).toBe(false);
    expect(entry(next, 'alice').fieldsV1['f:spec']['f:replicas']).toBeUndefined();
    expect(entry(next, 'alice').time).toBe('2025-01-01T10:01:00Z');
  });

  it('removes a list item the manager no longer applies, keeping the others in place', () => {
    const two = applyObject(created, manifest({ replicas: 2, ...containers({ name: 'nginx', image: 'nginx:1' }, { name: 'log', image: 'busybox' }) }), 'alice', opts(1000));
    expect(spec(two).template.spec.containers.map((c: any) => c.name)).toEqual(['nginx', 'log']);
    expect(spec(two).template.spec.containers[0].ports).toBeUndefined();
    const one = applyObject(two, manifest({ replicas: 2, ...containers({ name: 'log', image: 'busybox' }) }), 'alice', opts(2000));
    expect(spec(one).template.spec.containers.map((c: any) => c.name)).toEqual(['log']);
  });

  it('refuses to change another manager\'s field: 409 naming the field and the manager', () => {
    const bob = applyObject(created, manifest({ replicas: 2 }), 'bob', opts(1000));
    const e = failure(() => applyObject(bob, manifest({ replicas: 5 }), 'carol', opts(2000)));
    const s = asStatus(e);
    expect(s?.code).toBe(409);
    expect(s?.reason).toBe('Conflict');
    expect(s?.message).toBe('Apply failed with 2 conflicts: conflicts with "alice":\n- .spec.replicas\nconflicts with "bob":\n- .spec.replicas');
    expect(s?.details?.causes).toEqual([
      { reason: 'FieldManagerConflict', message: 'conflict with "alice"', field: '.spec.replicas' },
      { reason: 'FieldManagerConflict', message: 'conflict with "bob"', field: '.spec.replicas' },
    ]);
  });

  it('words a conflict with an Update manager as Kubernetes does', () => {
    const scaled = updateManagedFields(created, { ...created, spec: { ...spec(created), replicas: 3 } } as KubeObject, 'kubectl-client-side-apply', 'Update', T0 + 1000);
    const s = asStatus(failure(() => applyObject(scaled, manifest({ replicas: 4 }), 'carol', opts(2000))));
    expect(s?.message).toBe('Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas');
    expect(s?.details?.causes).toEqual([{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using apps/v1', field: '.spec.replicas' }]);
  });

  it('with force takes ownership and applies the value', () => {
    const out = applyObject(created, manifest({ replicas: 5 }), 'carol', opts(2000, true));
    expect(spec(out).replicas).toBe(5);
    expect(entry(out, 'carol').fieldsV1).toEqual({ 'f:metadata': { 'f:labels': { 'f:app': {} } }, 'f:spec': { 'f:replicas': {} } });
    expect(entry(out, 'alice').fieldsV1['f:spec']['f:replicas']).toBeUndefined();
    // labels agreed, so both still own .metadata.labels.app
    expect(entry(out, 'alice').fieldsV1['f:metadata']).toEqual({ 'f:labels': { 'f:app': {} } });
  });

  it('shares ownership when the values agree, and keeps a shared field when one owner drops it', () => {
    const shared = applyObject(created, manifest({ replicas: 2 }), 'bob', opts(1000));
    expect(entry(shared, 'alice').fieldsV1['f:spec']['f:replicas']).toEqual({});
    expect(entry(shared, 'bob').fieldsV1['f:spec']['f:replicas']).toEqual({});
    expect(entry(shared, 'bob').time).toBe('2025-01-01T10:00:01Z');
    const dropped = applyObject(shared, manifest({ ...containers({ name: 'nginx', image: 'nginx:1', ports: [{ containerPort: 80 }] }) }), 'alice', opts(2000));
    expect(spec(dropped).replicas).toBe(2);
    expect(entry(dropped, 'bob').fieldsV1['f:spec']['f:replicas']).toEqual({});
  });

  it('ignores status on the main resource and applies only status on /status', () => {
    const withStatus = deepFreeze({ ...v1, status: { replicas: 9 } }) as KubeObject;
    const main = applyObject(created, withStatus, 'alice', opts(1000));
    expect(main['status']).toBeUndefined();
    expect(entry(main, 'alice').fieldsV1['f:status']).toBeUndefined();

    const status = applyObject(created, deepFreeze({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 100 }, status: { readyReplicas: 1 } }), 'kcm', { ...opts(2000), subresource: 'status' });
    expect(spec(status).replicas).toBe(2);
    expect(status['status']).toEqual({ readyReplicas: 1 });
    const kcm = status.metadata.managedFields?.find((e) => e.manager === 'kcm');
    expect(kcm?.subresource).toBe('status');
    expect(kcm?.fieldsV1).toEqual({ 'f:status': { 'f:readyReplicas': {} } });
  });

  it('merges into live fields nobody applied and leaves them alone', () => {
    const live = updateManagedFields(undefined, deepFreeze({ ...v1, spec: { ...spec(v1), paused: false } }) as KubeObject, 'creator', 'Update', T0);
    const out = applyObject(live, manifest({ replicas: 2 }), 'alice', opts(1000));
    expect(spec(out).paused).toBe(false);
    expect(spec(out).template.spec.containers[0].image).toBe('nginx:1');
  });

  it.each([
    ['managedFields in the configuration', { ...v1, metadata: { name: 'web', managedFields: [{}] } }, /managedFields must be nil/],
    ['no kind', { apiVersion: 'v1', metadata: {} }, /apiVersion and kind/],
    ['another kind', { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web' } }, /does not match/],
    ['a keyed item without its key', manifest(containers({ image: 'x' })), /omits key field "name"/],
  ])('refuses %s with 400', (_n, config, message) => {
    const e = failure(() => applyObject(created, config, 'alice', opts(1)));
    expect(reasonOf(e)).toBe('BadRequest');
    expect(asStatus(e)?.message).toMatch(message);
  });
});
