/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read into untyped JSON results */
import { describe, expect, it } from 'vitest';
import { managedFieldsErrors, sentManagers } from '../../../src/api/apply/sent-managed-fields.js';
import { updateManagedFields } from '../../../src/api/apply/update-managed-fields.js';
import { asStatus, type KubeObject, type ManagedFieldsEntry } from '../../../src/model/index.js';
import { deepFreeze } from '../patch/freeze.js';

const T0 = Date.UTC(2025, 0, 1, 10, 0, 0);
const good: ManagedFieldsEntry = { manager: 'kubectl', operation: 'Apply', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { 'f:a': {} } } };
const cm = (managedFields?: ManagedFieldsEntry[], data: Record<string, string> = { a: '1' }): KubeObject =>
  ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default', ...(managedFields === undefined ? {} : { managedFields }) }, data }) as KubeObject;
const live = deepFreeze(updateManagedFields(undefined, cm(), 'kubectl-create', 'Update', T0)) as KubeObject;
const managers = (o: KubeObject): string[] => (o.metadata.managedFields ?? []).map((e) => `${e.manager}/${e.operation}`);

describe('sentManagers', () => {
  it('takes decodable entries, clears on [] or [{}], and falls back (undefined) on anything else', () => {
    expect([...(sentManagers([good])?.values() ?? [])].map((m) => m.manager)).toEqual(['kubectl']);
    expect(sentManagers([])?.size).toBe(0);
    expect(sentManagers([{}])?.size).toBe(0);
    expect(sentManagers(undefined)).toBeUndefined();
    expect(sentManagers([{ ...good, operation: 'Patch' }])).toBeUndefined();
    expect(sentManagers([{ ...good, apiVersion: '' }])).toBeUndefined();
    const { fieldsType: _t, ...untyped } = good;
    expect(sentManagers([untyped])).toBeUndefined();
    expect(sentManagers([{ ...good, fieldsType: 'FieldsV2' }])).toBeUndefined();
    expect(sentManagers([good, {}])).toBeUndefined();
  });
});

describe('managedFieldsErrors', () => {
  it('words the limits as ValidateManagedFields does', () => {
    expect(managedFieldsErrors([good])).toEqual([]);
    expect(managedFieldsErrors([{ ...good, manager: 'm'.repeat(129) }, { ...good, manager: 'a\u0007b', subresource: 's'.repeat(257) }])).toEqual([
      { reason: 'FieldValueTooLong', field: 'metadata.managedFields[0].manager', message: 'Too long: may not be more than 128 bytes' },
      { reason: 'FieldValueInvalid', field: 'metadata.managedFields[1].manager', message: 'Invalid value: "a\\u0007b": invalid character U+0007 (at position 1)' },
      { reason: 'FieldValueTooLong', field: 'metadata.managedFields[1].subresource', message: 'Too long: may not be more than 256 bytes' },
    ]);
    // Positions count bytes, as Go's range over a string does; 128 bytes of two-byte letters is fine, 130 is not.
    expect(managedFieldsErrors([{ ...good, manager: 'é\u00a0' }])[0]?.message).toBe('Invalid value: "é\u00a0": invalid character U+00A0 (at position 2)');
    expect(managedFieldsErrors([{ ...good, manager: 'é'.repeat(64) }])).toEqual([]);
    expect(managedFieldsErrors([{ ...good, manager: 'é'.repeat(65) }])).toHaveLength(1);
  });
});

describe('managedFields written by the client (updateManagedFields)', () => {
  it('stores the sent entries, merged and sorted as the API server encodes them', () => {
    const sent = [{ ...good, time: '2025-01-01T09:00:00Z' }];
    const out = updateManagedFields(live, cm(sent), 'kubectl', 'Update', T0 + 1000);
    expect(out.metadata.managedFields).toEqual(sent);
  });

  it('clears them with an empty list', () => {
    expect(updateManagedFields(live, cm([]), 'x', 'Update', T0 + 1000).metadata.managedFields).toBeUndefined();
    expect(updateManagedFields(live, cm([{}]), 'x', 'Update', T0 + 1000).metadata.managedFields).toBeUndefined();
    // The writer still owns what the same write changed.
    expect(managers(updateManagedFields(live, cm([], { a: '2' }), 'x', 'Update', T0 + 1000))).toEqual(['x/Update']);
  });

  it('ignores entries that do not decode, keeping the stored ones', () => {
    const out = updateManagedFields(live, cm([{ ...good, operation: 'Bogus' }]), 'x', 'Update', T0 + 1000);
    expect(managers(out)).toEqual(['kubectl-create/Update']);
    expect(updateManagedFields(live, cm([{ ...good, fieldsV1: { 'x:bad': 1 } as any }]), 'x', 'Update', T0 + 1000).metadata.managedFields).toEqual(live.metadata.managedFields);
  });

  it('refuses a manager name past 128 bytes with 422 Invalid', () => {
    try {
      updateManagedFields(live, cm([{ ...good, manager: 'm'.repeat(129) }]), 'x', 'Update', T0 + 1000);
      expect.unreachable();
    } catch (e) {
      const s = asStatus(e);
      expect(s?.code).toBe(422);
      expect(s?.message).toBe('ConfigMap "c" is invalid: metadata.managedFields[0].manager: Too long: may not be more than 128 bytes');
    }
  });

  it('ignores what a subresource write sends', () => {
    const out = updateManagedFields(live, cm([]), 'x', 'Update', T0 + 1000, 'status');
    expect(out.metadata.managedFields).toEqual(live.metadata.managedFields);
  });
});
