/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read into untyped JSON results */
import { describe, expect, it } from 'vitest';
import { applyObject } from '../../../src/api/apply/apply-object.js';
import { FieldSet } from '../../../src/api/apply/field-set.js';
import { encodeLastApplied, LAST_APPLIED_ANNOTATION } from '../../../src/api/apply/last-applied.js';
import { allowedConflictsFromLastApplied, conflictsNotAllowed } from '../../../src/api/apply/last-applied-manager.js';
import type { Manager } from '../../../src/api/apply/managed-fields.js';
import { fieldEl } from '../../../src/api/apply/path-element.js';
import { updateManagedFields } from '../../../src/api/apply/update-managed-fields.js';
import { asStatus, type KubeObject } from '../../../src/model/index.js';
import { deepFreeze } from '../patch/freeze.js';

const T0 = Date.UTC(2025, 0, 1, 10, 0, 0);
const CSA = 'kubectl-client-side-apply';

function manifest(replicas: number, image: string, labels: Record<string, string> = { app: 'web', tier: 'front' }): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image }] } },
    },
  };
}

/** What `kubectl apply` (client-side) creates: the manifest with its annotation, owned by the CSA Update manager. */
function csaCreated(m: KubeObject, annotationApiVersion = m.apiVersion): KubeObject {
  const recorded = encodeLastApplied({ ...m, apiVersion: annotationApiVersion, metadata: { ...m.metadata, annotations: {} } });
  const obj = { ...m, metadata: { ...m.metadata, annotations: { [LAST_APPLIED_ANNOTATION]: recorded } } };
  return deepFreeze(updateManagedFields(undefined, obj, CSA, 'Update', T0)) as KubeObject;
}

/** An Update by `manager` setting spec.replicas. */
function scaled(live: KubeObject, manager: string, replicas: number): KubeObject {
  return deepFreeze(updateManagedFields(live, { ...live, spec: { ...(live['spec'] as object), replicas } } as KubeObject, manager, 'Update', T0 + 1000)) as KubeObject;
}

const ssa = (live: KubeObject, m: KubeObject, manager = 'kubectl', force = false): KubeObject => applyObject(live, m, manager, { force, time: T0 + 2000 });
const entry = (o: KubeObject, manager: string): any => o.metadata.managedFields?.find((e) => e.manager === manager);
const spec = (o: KubeObject): any => o['spec'];

function status(f: () => unknown): ReturnType<typeof asStatus> {
  try {
    f();
  } catch (e) {
    return asStatus(e);
  }
  throw new Error('expected a failure');
}

describe('the client-side → server-side apply upgrade (lastAppliedManager)', () => {
  const live = csaCreated(manifest(2, 'nginx:1.27'));
  const next = manifest(3, 'nginx:1.28', { app: 'web' });

  it('forces the conflicts with fields kubectl apply recorded and nobody changed, for manager kubectl', () => {
    const out = ssa(live, next);
    expect(spec(out).replicas).toBe(3);
    expect(spec(out).template.spec.containers[0].image).toBe('nginx:1.28');
    expect(entry(out, 'kubectl').operation).toBe('Apply');
    expect(entry(out, 'kubectl').fieldsV1['f:spec']['f:replicas']).toEqual({});
    // The client-side manager lost what the apply took over, and keeps the rest (the label kubectl no longer applies among it).
    expect(entry(out, CSA).fieldsV1['f:spec']['f:replicas']).toBeUndefined();
    expect(entry(out, CSA).fieldsV1['f:spec']['f:template']['f:spec']['f:containers']['k:{"name":"web"}']['f:image']).toBeUndefined();
    expect(entry(out, CSA).fieldsV1['f:metadata']['f:labels']['f:tier']).toEqual({});
    expect(out.metadata.labels).toEqual({ app: 'web', tier: 'front' });
  });

  it('refuses the same apply under another field manager (the upgrade is kubectl-only)', () => {
    const s = status(() => ssa(live, next, 'my-tool'));
    expect(s?.code).toBe(409);
    expect(s?.message).toBe(
      'Apply failed with 2 conflicts: conflicts with "kubectl-client-side-apply" using apps/v1:\n- .spec.replicas\n- .spec.template.spec.containers[name="web"].image',
    );
  });

  it('still refuses a true conflict: another manager changed spec.replicas, and only that conflict is reported', () => {
    const hpa = scaled(live, 'hpa', 5);
    const s = status(() => ssa(hpa, next));
    expect(s?.code).toBe(409);
    expect(s?.reason).toBe('Conflict');
    expect(s?.message).toBe('Apply failed with 1 conflict: conflict with "hpa" using apps/v1: .spec.replicas');
    expect(s?.details?.causes).toEqual([{ reason: 'FieldManagerConflict', message: 'conflict with "hpa" using apps/v1', field: '.spec.replicas' }]);
    // With --force-conflicts it goes through.
    expect(spec(ssa(hpa, next, 'kubectl', true)).replicas).toBe(3);
  });

  it('refuses a conflict with the client-side manager itself when the live value no longer matches the annotation', () => {
    const edited = scaled(live, CSA, 4);
    const s = status(() => ssa(edited, next));
    expect(s?.message).toBe('Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas');
  });

  it('does not upgrade from an annotation written for another version, an unreadable one, or none', () => {
    expect(status(() => ssa(csaCreated(manifest(2, 'nginx:1.27'), 'apps/v1beta2'), next))?.code).toBe(409);
    const garbled = deepFreeze({ ...live, metadata: { ...live.metadata, annotations: { [LAST_APPLIED_ANNOTATION]: '{not json' } } }) as KubeObject;
    expect(status(() => ssa(garbled, next))?.code).toBe(409);
    const { annotations: _a, ...bare } = live.metadata;
    expect(status(() => ssa(deepFreeze({ ...live, metadata: bare }) as KubeObject, next))?.code).toBe(409);
  });

  it('lets an apply without conflicts through unchanged by the upgrade', () => {
    const same = manifest(2, 'nginx:1.27');
    const out = ssa(live, same);
    expect(spec(out).replicas).toBe(2);
    // Equal values: shared ownership, the client-side manager keeps its fields.
    expect(entry(out, CSA).fieldsV1['f:spec']['f:replicas']).toEqual({});
  });
});

describe('allowedConflictsFromLastApplied', () => {
  const live = csaCreated(manifest(2, 'nginx:1.27'));

  it('holds the recorded fields whose live values are still the recorded ones', () => {
    const allowed = allowedConflictsFromLastApplied(scaled(live, 'hpa', 5), 'apps/v1');
    expect(allowed?.has([fieldEl('spec'), fieldEl('replicas')])).toBe(false);
    expect(allowed?.has([fieldEl('metadata'), fieldEl('labels'), fieldEl('tier')])).toBe(true);
    expect(allowedConflictsFromLastApplied(live, 'apps/v1')?.has([fieldEl('spec'), fieldEl('replicas')])).toBe(true);
  });

  it('is undefined for another version or kind', () => {
    expect(allowedConflictsFromLastApplied(live, 'apps/v1beta2')).toBeUndefined();
    const wrongKind = { ...live, kind: 'StatefulSet' } as KubeObject;
    expect(allowedConflictsFromLastApplied(wrongKind, 'apps/v1')).toBeUndefined();
  });

  it('conflictsNotAllowed keeps only the fields outside the allowed set, dropping managers left with none', () => {
    const m = (manager: string): Manager => ({ manager, operation: 'Update', apiVersion: 'apps/v1', subresource: '', time: undefined, set: FieldSet.empty });
    const replicas = FieldSet.of([[fieldEl('spec'), fieldEl('replicas')]]);
    const both = replicas.insert([fieldEl('spec'), fieldEl('paused')]);
    const left = conflictsNotAllowed([{ manager: m('a'), fields: replicas }, { manager: m('b'), fields: both }], replicas);
    expect(left.map((c) => [c.manager.manager, c.fields.paths().length])).toEqual([['b', 1]]);
  });
});
