/**
 * The requests `kubectl apply --server-side` (1.32) sends to an object it
 * client-side applied before, replayed against the api: the apply as
 * `kubectl`, the apply of the annotation alone as `kubectl-last-applied`,
 * the JSON patch that moves the `kubectl-client-side-apply` entry into the
 * `kubectl` Apply entry (client-go's csaupgrade, re-stated here), and the
 * apply again.
 */
import { describe, expect, it } from 'vitest';
import { decodeFieldsV1, encodeFieldsV1 } from '../../../src/api/apply/field-set.js';
import { LAST_APPLIED_ANNOTATION, encodeLastApplied } from '../../../src/api/apply/last-applied.js';
import type { KubeObject, ManagedFieldsEntry, RequestContext } from '../../../src/model/index.js';
import { harness, refused, type Harness } from '../harness.js';

const REF = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' };
const as = (fieldManager: string): RequestContext => ({ actor: 'user:alice', fieldManager });

function manifest(replicas: number, image: string, labels: Record<string, string>): KubeObject {
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

/** client-go's UpgradeManagedFieldsPatch for one client-side manager; undefined when there is nothing to move. */
function upgradePatch(obj: KubeObject, csa: string, ssa: string): unknown[] | undefined {
  const entries: ManagedFieldsEntry[] = (obj.metadata.managedFields ?? []).map((e) => ({ ...e }));
  const isCsa = (e: ManagedFieldsEntry): boolean => e.manager === csa && e.operation === 'Update' && (e.subresource ?? '') === '';
  let target = entries.findIndex((e) => e.manager === ssa && e.operation === 'Apply' && (e.subresource ?? '') === '');
  if (target < 0) {
    target = entries.findIndex(isCsa);
    if (target < 0) return undefined;
    entries[target] = { ...entries[target], operation: 'Apply', manager: ssa };
  }
  const into = entries[target] as ManagedFieldsEntry;
  const from = entries.find((e) => isCsa(e) && e.apiVersion === into.apiVersion);
  const set = from === undefined ? decodeFieldsV1(into.fieldsV1) : decodeFieldsV1(into.fieldsV1).union(decodeFieldsV1(from.fieldsV1));
  entries[target] = { ...into, fieldsV1: encodeFieldsV1(set) };
  return [
    { op: 'replace', path: '/metadata/managedFields', value: entries.filter((e) => !isCsa(e)) },
    { op: 'replace', path: '/metadata/resourceVersion', value: obj.metadata.resourceVersion },
  ];
}

async function csaCreate(h: Harness, m: KubeObject): Promise<KubeObject> {
  const recorded = encodeLastApplied({ ...m, metadata: { ...m.metadata, annotations: {} } });
  return h.api.execute({ type: 'create', object: { ...m, metadata: { ...m.metadata, annotations: { [LAST_APPLIED_ANNOTATION]: recorded } } } }, as('kubectl-client-side-apply'));
}

const managers = (o: KubeObject): string[] => (o.metadata.managedFields ?? []).map((e) => `${e.manager}/${e.operation}`).sort();

describe("kubectl apply --server-side's migration of a client-side applied object", () => {
  it('applies without --force-conflicts, hands the fields to kubectl, then removes what the manifest dropped', async () => {
    const h = await harness(7);
    await csaCreate(h, manifest(2, 'nginx:1.27', { app: 'web', tier: 'front' }));
    const next = manifest(3, 'nginx:1.28', { app: 'web' });

    // 1. The apply: conflicts only with what kubectl apply recorded, so it goes through.
    const applied = await h.api.applyObject(next, as('kubectl'));
    expect(applied.metadata.annotations?.[LAST_APPLIED_ANNOTATION]).toBe(encodeLastApplied(next));
    expect(applied.metadata.labels).toEqual({ app: 'web', tier: 'front' });

    // 2. The annotation alone, as kubectl-last-applied, so the next apply does not drop it.
    const annotation = applied.metadata.annotations?.[LAST_APPLIED_ANNOTATION] ?? '';
    const kept = await h.api.applyObject({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', annotations: { [LAST_APPLIED_ANNOTATION]: annotation } } }, as('kubectl-last-applied'));
    expect(managers(kept)).toEqual(['kubectl-client-side-apply/Update', 'kubectl-last-applied/Apply', 'kubectl/Apply']);

    // 3. The JSON patch moving the client-side manager's fields into kubectl's Apply entry.
    const patch = upgradePatch(kept, 'kubectl-client-side-apply', 'kubectl');
    const migrated = await h.api.execute({ type: 'patch', ref: REF, patchType: 'json', patch }, as('kubectl'));
    expect(managers(migrated)).toEqual(['kubectl-last-applied/Apply', 'kubectl/Apply']);
    expect(migrated.metadata.managedFields).toEqual((patch?.[0] as { value: ManagedFieldsEntry[] }).value);
    expect(Number(migrated.metadata.resourceVersion)).toBeGreaterThan(Number(kept.metadata.resourceVersion));

    // 4. The apply again: kubectl now owned the label the manifest dropped, so it goes; the annotation stays.
    const done = await h.api.applyObject(next, as('kubectl'));
    expect(done.metadata.labels).toEqual({ app: 'web' });
    expect(done.metadata.annotations?.[LAST_APPLIED_ANNOTATION]).toBe(annotation);
    expect((done['spec'] as { replicas: number }).replicas).toBe(3);
    expect(managers(done)).toEqual(['kubectl-last-applied/Apply', 'kubectl/Apply']);
    // Nothing is left to migrate.
    expect(upgradePatch(done, 'kubectl-client-side-apply', 'kubectl')?.[0]).toEqual({ op: 'replace', path: '/metadata/managedFields', value: done.metadata.managedFields });
  });

  it('refuses the migration patch with 409 when the object changed since kubectl read it', async () => {
    const h = await harness(8);
    const created = await csaCreate(h, manifest(2, 'nginx:1.27', { app: 'web' }));
    const patch = upgradePatch(created, 'kubectl-client-side-apply', 'kubectl');
    await h.api.execute({ type: 'patch', ref: REF, patchType: 'merge', patch: { metadata: { labels: { touched: 'yes' } } } }, as('someone'));
    const s = await refused(() => h.api.execute({ type: 'patch', ref: REF, patchType: 'json', patch }, as('kubectl')), 'Conflict');
    expect(s.code).toBe(409);
    expect(s.message).toMatch(/the object has been modified; please apply your changes to the latest version and try again/);
    expect(managers(h.api.get({ group: 'apps', version: 'v1', resource: 'deployments', namespace: 'default', name: 'web' }))).toEqual([
      'kubectl-client-side-apply/Update',
      'someone/Update',
    ]);
  });

  it('accepts the older form guarded by a test of the resourceVersion, which fails as 422 Invalid once it is stale', async () => {
    const h = await harness(10);
    const created = await csaCreate(h, manifest(2, 'nginx:1.27', { app: 'web' }));
    const [replace] = upgradePatch(created, 'kubectl-client-side-apply', 'kubectl') ?? [];
    const guarded = (rv: string | undefined): unknown[] => [{ op: 'test', path: '/metadata/resourceVersion', value: rv }, replace];
    const stale = await refused(() => h.api.execute({ type: 'patch', ref: REF, patchType: 'json', patch: guarded('1') }, as('kubectl')), 'Invalid');
    expect(stale.code).toBe(422);
    const migrated = await h.api.execute({ type: 'patch', ref: REF, patchType: 'json', patch: guarded(created.metadata.resourceVersion) }, as('kubectl'));
    expect(managers(migrated)).toEqual(['kubectl/Apply']);
  });

  it('still refuses an apply whose field another manager changed, naming only that conflict', async () => {
    const h = await harness(9);
    await csaCreate(h, manifest(2, 'nginx:1.27', { app: 'web' }));
    await h.api.execute({ type: 'patch', ref: REF, patchType: 'merge', patch: { spec: { replicas: 5 } } }, as('kubectl-edit'));
    const s = await refused(() => h.api.applyObject(manifest(3, 'nginx:1.28', { app: 'web' }), as('kubectl')), 'Conflict');
    expect(s.message).toBe('Apply failed with 1 conflict: conflict with "kubectl-edit" using apps/v1: .spec.replicas');
  });
});
