import { describe, expect, it } from 'vitest';
import { DAY, ago, columnNames, obj, row } from '../fixtures.js';

describe('Namespace, ConfigMap, Secret, ServiceAccount', () => {
  it('have their 1.32 columns', () => {
    expect(columnNames('', 'Namespace')).toEqual(['Name', 'Status', 'Age']);
    expect(columnNames('', 'ConfigMap')).toEqual(['Name', 'Data', 'Age']);
    expect(columnNames('', 'Secret')).toEqual(['Name', 'Type', 'Data', 'Age']);
    expect(columnNames('', 'ServiceAccount')).toEqual(['Name', 'Secrets', 'Age']);
  });

  it('print namespace phase', () => {
    const ns = obj('v1', 'Namespace', 'kube-system', { status: { phase: 'Active' } }, { namespace: undefined, creationTimestamp: ago(90 * DAY) });
    expect(row('', 'Namespace', ns)).toEqual({ Name: 'kube-system', Status: 'Active', Age: '90d' });
    expect(row('', 'Namespace', obj('v1', 'Namespace', 'gone', { status: { phase: 'Terminating' } }))['Status']).toBe('Terminating');
  });

  it('count data and binaryData keys of a config map', () => {
    expect(row('', 'ConfigMap', obj('v1', 'ConfigMap', 'cfg', { data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } }))['Data']).toBe(3);
    expect(row('', 'ConfigMap', obj('v1', 'ConfigMap', 'empty'))['Data']).toBe(0);
  });

  it('print secret type and key count', () => {
    const s = obj('v1', 'Secret', 'tls', { type: 'kubernetes.io/tls', data: { 'tls.crt': 'Yw==', 'tls.key': 'aw==' } });
    expect(row('', 'Secret', s)).toEqual({ Name: 'tls', Type: 'kubernetes.io/tls', Data: 2, Age: '5m' });
  });

  it('count the secrets a service account lists', () => {
    expect(row('', 'ServiceAccount', obj('v1', 'ServiceAccount', 'default'))['Secrets']).toBe(0);
    expect(row('', 'ServiceAccount', obj('v1', 'ServiceAccount', 'builder', { secrets: [{ name: 'builder-token' }] }))['Secrets']).toBe(1);
  });
});
