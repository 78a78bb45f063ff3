/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read into untyped JSON results */
import { describe, expect, it } from 'vitest';
import { applyObject } from '../../../src/api/apply/apply-object.js';
import { LAST_APPLIED_ANNOTATION, TOTAL_ANNOTATION_SIZE_LIMIT } from '../../../src/api/apply/last-applied.js';
import { syncLastApplied } from '../../../src/api/apply/last-applied-updater.js';
import { updateManagedFields } from '../../../src/api/apply/update-managed-fields.js';
import type { KubeObject } from '../../../src/model/index.js';
import { deepFreeze } from '../patch/freeze.js';

const T0 = Date.UTC(2025, 0, 1, 10, 0, 0);

const cm = (data: Record<string, string>, annotations?: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'settings', namespace: 'default', ...(annotations === undefined ? {} : { annotations }) },
  data,
});

const OLD = '{"apiVersion":"v1","data":{"mode":"blue"},"kind":"ConfigMap","metadata":{"annotations":{},"name":"settings","namespace":"default"}}\n';
const csaLive = deepFreeze(updateManagedFields(undefined, cm({ mode: 'blue' }, { [LAST_APPLIED_ANNOTATION]: OLD }), 'kubectl-client-side-apply', 'Update', T0)) as KubeObject;
const annotation = (o: KubeObject): string | undefined => o.metadata.annotations?.[LAST_APPLIED_ANNOTATION];
const entry = (o: KubeObject, manager: string): any => o.metadata.managedFields?.find((e) => e.manager === manager);

describe('the last-applied annotation after a server-side apply (lastAppliedUpdater)', () => {
  it('rewrites it to the applied configuration, Go-encoded, for manager kubectl', () => {
    const out = applyObject(csaLive, cm({ mode: 'green', extra: 'x' }), 'kubectl', { force: false, time: T0 + 1000 });
    expect(annotation(out)).toBe('{"apiVersion":"v1","data":{"extra":"x","mode":"green"},"kind":"ConfigMap","metadata":{"name":"settings","namespace":"default"}}\n');
    // The rewrite is not a field change of anyone's: the annotation stays with its owner.
    expect(entry(out, 'kubectl-client-side-apply').fieldsV1['f:metadata']['f:annotations']).toEqual({ '.': {}, [`f:${LAST_APPLIED_ANNOTATION}`]: {} });
    expect(entry(out, 'kubectl').fieldsV1['f:metadata']).toBeUndefined();
  });

  it('records the configuration without any last-applied annotation it carries itself', () => {
    const out = applyObject(csaLive, cm({ mode: 'blue' }, { [LAST_APPLIED_ANNOTATION]: OLD, note: 'n' }), 'kubectl', { force: true, time: T0 + 1000 });
    expect(annotation(out)).toBe('{"apiVersion":"v1","data":{"mode":"blue"},"kind":"ConfigMap","metadata":{"annotations":{"note":"n"},"name":"settings","namespace":"default"}}\n');
  });

  it('adds no annotation to an object that never had one, and leaves it alone for other managers', () => {
    const ssaOnly = applyObject(undefined, cm({ mode: 'blue' }), 'kubectl', { force: false, time: T0 });
    expect(ssaOnly.metadata.annotations).toBeUndefined();
    expect(annotation(applyObject(ssaOnly, cm({ mode: 'green' }), 'kubectl', { force: false, time: T0 + 1000 }))).toBeUndefined();
    const other = applyObject(csaLive, cm({ mode: 'blue', extra: 'x' }), 'my-tool', { force: false, time: T0 + 1000 });
    expect(annotation(other)).toBe(OLD);
  });

  it('drops the annotation when the new value would take the annotations past 256 KiB', () => {
    const huge = cm({ mode: 'x'.repeat(TOTAL_ANNOTATION_SIZE_LIMIT) });
    const out = syncLastApplied(csaLive, huge, 'kubectl');
    expect(out.metadata.annotations).toBeUndefined();
    expect(out.metadata.managedFields).toBe(csaLive.metadata.managedFields);
  });

  it('returns the object itself when there is nothing to do', () => {
    expect(syncLastApplied(csaLive, cm({}), 'someone-else')).toBe(csaLive);
  });
});
