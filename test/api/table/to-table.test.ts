import { describe, expect, it } from 'vitest';
import { toTable } from '../../../src/api/table/index.js';
import { HOUR, MIN, NOW, ago, obj } from './fixtures.js';

const cm = (name: string, ns = 'default') => obj('v1', 'ConfigMap', name, { data: { k: 'v' } }, { namespace: ns, uid: `uid-${name}`, labels: { app: name } });

describe('toTable', () => {
  it('answers a meta.k8s.io/v1 Table with full column definitions', () => {
    const t = toTable({ group: '', kind: 'ConfigMap' }, [cm('a')], { now: NOW, resourceVersion: '42' });
    expect(t).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: { resourceVersion: '42' } });
    expect(t.columnDefinitions[0]).toEqual({
      name: 'Name',
      type: 'string',
      format: 'name',
      description: expect.any(String),
      priority: 0,
    });
    for (const c of t.columnDefinitions) expect(Object.keys(c).sort()).toEqual(['description', 'format', 'name', 'priority', 'type']);
    expect(JSON.parse(JSON.stringify(t)).rows[0].cells).toEqual(['a', 1, '5m']);
  });

  it('carries the object metadata by default, as the server does', () => {
    const t = toTable({ group: '', kind: 'ConfigMap' }, [cm('a', 'shop')], { now: NOW });
    expect(t.rows[0]?.object).toEqual({
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { name: 'a', namespace: 'shop', uid: 'uid-a', labels: { app: 'a' }, creationTimestamp: ago(5 * MIN) },
    });
  });

  it('carries the whole object or nothing on request', () => {
    const o = cm('a');
    expect(toTable({ group: '', kind: 'ConfigMap' }, [o], { now: NOW, includeObject: 'Object' }).rows[0]?.object).toBe(o);
    const none = toTable({ group: '', kind: 'ConfigMap' }, [o], { now: NOW, includeObject: 'None' }).rows[0];
    expect(none).toEqual({ cells: ['a', 1, '5m'] });
  });

  it('keeps the given order and always includes wide cells', () => {
    const pods = ['c', 'a', 'b'].map((n) => obj('v1', 'Pod', n, { spec: { containers: [{ name: 'x' }] }, status: { phase: 'Pending' } }));
    const t = toTable({ group: '', kind: 'Pod' }, pods, { now: NOW, wide: false });
    expect(t.rows.map((r) => r.cells[0])).toEqual(['c', 'a', 'b']);
    expect(t.rows.every((r) => r.cells.length === t.columnDefinitions.length)).toBe(true);
  });

  it('measures ages to opts.now only', () => {
    const o = cm('a');
    expect(toTable({ group: '', kind: 'ConfigMap' }, [o], { now: NOW + HOUR }).rows[0]?.cells[2]).toBe('65m');
    expect(toTable({ group: '', kind: 'ConfigMap' }, [o], { now: NOW - 10 * MIN }).rows[0]?.cells[2]).toBe('<invalid>');
  });

  it('answers an empty table for no objects, and omits an empty continue token', () => {
    const t = toTable({ group: 'apps', kind: 'Deployment' }, [], { now: NOW, continue: '' });
    expect(t.rows).toEqual([]);
    expect(t.metadata).toEqual({});
    expect(t.columnDefinitions.length).toBe(8);
    expect(toTable({ group: 'apps', kind: 'Deployment' }, [], { now: NOW, continue: 'tok' }).metadata).toEqual({ continue: 'tok' });
  });
});
