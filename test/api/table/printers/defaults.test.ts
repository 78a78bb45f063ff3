import { describe, expect, it } from 'vitest';
import { rfc3339Utc } from '../../../../src/api/table/printers/defaults.js';
import { DAY, HOUR, ago, columnNames, obj, row } from '../fixtures.js';

describe('kinds without a printer of their own', () => {
  it('CustomResourceDefinitions and printer-less built-ins get NAME and CREATED AT', () => {
    for (const [group, kind] of [
      ['apiextensions.k8s.io', 'CustomResourceDefinition'],
      ['rbac.authorization.k8s.io', 'Role'],
      ['', 'LimitRange'],
    ] as const) {
      expect(columnNames(group, kind)).toEqual(['Name', 'Created At']);
    }
    const crd = obj('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'widgets.example.com', {}, { namespace: undefined, creationTimestamp: '2024-05-30T09:15:00+02:00' });
    expect(row('apiextensions.k8s.io', 'CustomResourceDefinition', crd)).toEqual({ Name: 'widgets.example.com', 'Created At': '2024-05-30T07:15:00Z' });
  });

  it('custom resources get NAME and AGE, AGE typed date with a duration cell', () => {
    expect(columnNames('example.com', 'Widget')).toEqual(['Name', 'Age']);
    const w = obj('example.com/v1', 'Widget', 'w1', { spec: {} }, { creationTimestamp: ago(DAY + 2 * HOUR) });
    expect(row('example.com', 'Widget', w)).toEqual({ Name: 'w1', Age: '26h' });
    expect(row('example.com', 'Widget', obj('example.com/v1', 'Widget', 'w2', {}, { creationTimestamp: undefined }))['Age']).toBeNull();
  });

  it('print Go zero time without a creation timestamp', () => {
    expect(rfc3339Utc(undefined)).toBe('0001-01-01T00:00:00Z');
    expect(rfc3339Utc('2024-06-01T12:00:00.900Z')).toBe('2024-06-01T12:00:00Z');
  });
});
