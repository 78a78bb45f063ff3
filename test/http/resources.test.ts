import { afterEach, describe, expect, it } from 'vitest';
import type { HistoryRecord } from '../../src/model/index.js';
import { configMap, deployment, pod } from '../api/harness.js';
import { call, httpHarness } from './harness.js';
import type { HttpHarness } from './harness.js';

let h: HttpHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const CMS = '/api/v1/namespaces/default/configmaps';

async function writes(hh: HttpHarness): Promise<HistoryRecord[]> {
  const out: HistoryRecord[] = [];
  for await (const r of hh.log.read()) if (r.type === 'write') out.push(r);
  return out;
}

describe('HTTP resources: writes', () => {
  it('creates (201), reads, updates, and refuses a stale update with 409', async () => {
    h = await httpHarness();
    const created = await call(h.base, CMS, { method: 'POST', json: configMap('a') });
    expect(created.code).toBe(201);
    const rv = (created.body['metadata'] as { resourceVersion: string }).resourceVersion;
    const dup = await call(h.base, CMS, { method: 'POST', json: configMap('a') });
    expect(dup.body).toMatchObject({ reason: 'AlreadyExists', code: 409 });
    const got = await call(h.base, `${CMS}/a`);
    expect(got.body).toMatchObject({ kind: 'ConfigMap', data: { a: '1' } });
    const updated = await call(h.base, `${CMS}/a`, { method: 'PUT', json: { ...configMap('a', { a: '2' }), metadata: { name: 'a', resourceVersion: rv } } });
    expect([updated.code, updated.body['data']]).toEqual([200, { a: '2' }]);
    const stale = await call(h.base, `${CMS}/a`, { method: 'PUT', json: { ...configMap('a', { a: '3' }), metadata: { name: 'a', resourceVersion: rv } } });
    expect(stale.body).toMatchObject({ reason: 'Conflict', code: 409 });
    const missing = await call(h.base, `${CMS}/nope`);
    expect(missing.body).toMatchObject({ kind: 'Status', reason: 'NotFound', code: 404, message: 'configmaps "nope" not found' });
    const invalid = await call(h.base, CMS, { method: 'POST', json: configMap('Bad_Name') });
    expect(invalid.body).toMatchObject({ reason: 'Invalid', code: 422 });
  });

  it('serves the scale subresource as an autoscaling/v1 Scale (GET, merge PATCH, PUT)', async () => {
    h = await httpHarness();
    await call(h.base, '/apis/apps/v1/namespaces/default/deployments', { method: 'POST', json: deployment('web', 2) });
    const path = '/apis/apps/v1/namespaces/default/deployments/web/scale';
    const got = await call(h.base, path);
    expect(got.body).toMatchObject({ apiVersion: 'autoscaling/v1', kind: 'Scale', spec: { replicas: 2 }, status: { selector: 'app=web' } });
    const patched = await call(h.base, path, { method: 'PATCH', body: JSON.stringify({ spec: { replicas: 4 } }), headers: { 'content-type': 'application/merge-patch+json' } });
    expect([patched.code, patched.body['kind'], patched.body['spec']]).toEqual([200, 'Scale', { replicas: 4 }]);
    const put = await call(h.base, path, { method: 'PUT', json: { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'web' }, spec: { replicas: -1 } } });
    expect(put.body).toMatchObject({ kind: 'Status', reason: 'Invalid', code: 422 });
    const d = await call(h.base, '/apis/apps/v1/namespaces/default/deployments/web');
    expect((d.body['spec'] as { replicas: number }).replicas).toBe(4);
  });

  it('speaks all four patch media types', async () => {
    h = await httpHarness();
    await call(h.base, '/apis/apps/v1/namespaces/default/deployments', { method: 'POST', json: deployment('web') });
    const path = '/apis/apps/v1/namespaces/default/deployments/web';
    const patch = (type: string, body: unknown, query = ''): Promise<Awaited<ReturnType<typeof call>>> =>
      call(h?.base ?? '', `${path}${query}`, { method: 'PATCH', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': type } });
    expect((await patch('application/json-patch+json', [{ op: 'replace', path: '/spec/replicas', value: 3 }])).body).toMatchObject({ spec: { replicas: 3 } });
    expect((await patch('application/merge-patch+json', { metadata: { labels: { tier: 'front' } } })).body).toMatchObject({ metadata: { labels: { tier: 'front' } } });
    // Strategic merge: the containers list merges by name, so the existing container keeps its image.
    const smp = await patch('application/strategic-merge-patch+json', { spec: { template: { spec: { containers: [{ name: 'side', image: 'busybox' }] } } } });
    expect((smp.body['spec'] as { template: { spec: { containers: { name: string }[] } } }).template.spec.containers.map((c) => c.name).sort()).toEqual(['app', 'side']);
    const applied = await patch('application/apply-patch+yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 5\n', '?fieldManager=me&force=true');
    expect([applied.code, (applied.body['spec'] as { replicas: number }).replicas]).toEqual([200, 5]);
    const conflict = await patch('application/apply-patch+yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 6\n', '?fieldManager=other');
    expect(conflict.body).toMatchObject({ reason: 'Conflict', code: 409 });
    const forced = await patch('application/apply-patch+yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 6\n', '?fieldManager=other&force=true');
    expect((forced.body['spec'] as { replicas: number }).replicas).toBe(6);
    const created = await call(h.base, `${CMS}/fresh?fieldManager=me`, {
      method: 'PATCH',
      body: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fresh\ndata:\n  k: v\n',
      headers: { 'content-type': 'application/apply-patch+yaml' },
    });
    expect(created.code).toBe(201);
    const notApply = await patch('application/merge-patch+json', {}, '?force=true');
    expect(notApply.code).toBe(400);
  });

  it('dryRun=All answers without writing; a bad dryRun is 400', async () => {
    h = await httpHarness();
    const before = h.store.rev;
    const dry = await call(h.base, `${CMS}?dryRun=All`, { method: 'POST', json: configMap('a') });
    expect(dry.code).toBe(201);
    expect(h.store.rev).toBe(before);
    expect((await call(h.base, `${CMS}/a`)).code).toBe(404);
    expect((await call(h.base, `${CMS}?dryRun=Some`, { method: 'POST', json: configMap('a') })).code).toBe(400);
  });

  it('delete: preconditions give 409, propagationPolicy reaches the object, a plain delete answers a Success Status', async () => {
    h = await httpHarness();
    await call(h.base, CMS, { method: 'POST', json: configMap('a') });
    const pre = await call(h.base, `${CMS}/a`, { method: 'DELETE', json: { kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { uid: 'not-it' } } });
    expect(pre.body).toMatchObject({ reason: 'Conflict', code: 409 });
    const fg = await call(h.base, `${CMS}/a`, { method: 'DELETE', json: { propagationPolicy: 'Foreground' } });
    expect(fg.code).toBe(200);
    expect(fg.body).toMatchObject({ metadata: { finalizers: ['foregroundDeletion'] } });
    expect((fg.body['metadata'] as { deletionTimestamp?: string }).deletionTimestamp).toBeDefined();
    await call(h.base, CMS, { method: 'POST', json: configMap('b') });
    const plain = await call(h.base, `${CMS}/b`, { method: 'DELETE' });
    expect(plain.body).toMatchObject({ kind: 'Status', status: 'Success', details: { name: 'b', kind: 'configmaps' } });
    expect((await call(h.base, `${CMS}/b`, { method: 'DELETE', json: { propagationPolicy: 'Sideways' } })).code).toBe(400);
  });

  it('deletes a collection by label selector', async () => {
    h = await httpHarness();
    await call(h.base, CMS, { method: 'POST', json: configMap('a', {}, { app: 'web' }) });
    await call(h.base, CMS, { method: 'POST', json: configMap('b', {}, { app: 'db' }) });
    const r = await call(h.base, `${CMS}?labelSelector=app%3Dweb`, { method: 'DELETE' });
    expect(r.body).toMatchObject({ kind: 'ConfigMapList' });
    expect((await call(h.base, CMS)).body['items']).toHaveLength(1);
  });

  it('binds a pod through pods/NAME/binding', async () => {
    h = await httpHarness();
    await call(h.base, '/api/v1/namespaces/default/pods', { method: 'POST', json: pod('p') });
    const r = await call(h.base, '/api/v1/namespaces/default/pods/p/binding', { method: 'POST', json: { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'p' }, target: { kind: 'Node', name: 'n1' } } });
    expect(r.body).toMatchObject({ kind: 'Status', status: 'Success', code: 201 });
    expect((await call(h.base, '/api/v1/namespaces/default/pods/p')).body).toMatchObject({ spec: { nodeName: 'n1' } });
    expect((await call(h.base, '/api/v1/namespaces/default/pods/p', { method: 'POST', json: {} })).code).toBe(405);
  });

  it('records writes as client:USER with the revision last delivered to that user and the causes it names', async () => {
    h = await httpHarness({ anonymousUser: 'ctl' });
    await call(h.base, CMS, { method: 'POST', json: configMap('a'), headers: { 'user-agent': 'my-operator/1.0' } });
    const list = await call(h.base, CMS);
    const listed = Number((list.body['metadata'] as { resourceVersion: string }).resourceVersion);
    await call(h.base, `${CMS}/a`, { method: 'PATCH', body: '{"data":{"a":"2"}}', headers: { 'content-type': 'application/merge-patch+json', 'x-chronokube-cause': '3, 2' } });
    const ws = await writes(h);
    const last = ws[ws.length - 1];
    const first = ws[ws.length - 2];
    expect(first).toMatchObject({ actor: 'client:ctl' });
    expect(last).toMatchObject({ actor: 'client:ctl', observedRev: listed, cause: [2, 3] });
    const managers = ((await call(h.base, `${CMS}/a`)).body['metadata'] as { managedFields: { manager: string }[] }).managedFields.map((m) => m.manager);
    expect(managers).toContain('my-operator');
    const badCause = await call(h.base, CMS, { method: 'POST', json: configMap('b'), headers: { 'x-chronokube-cause': 'soon' } });
    expect(badCause.code).toBe(400);
  });
});

describe('HTTP resources: reads', () => {
  it('lists with label and field selectors, across namespaces, and in pages from one snapshot', async () => {
    h = await httpHarness();
    for (const [n, labels] of [['a', { app: 'web', tier: 'front' }], ['b', { app: 'web', tier: 'db' }], ['c', { app: 'web' }]] as const) {
      await call(h.base, CMS, { method: 'POST', json: configMap(n, {}, labels) });
    }
    const sel = await call(h.base, `${CMS}?labelSelector=${encodeURIComponent('app=web,tier notin (db)')}`);
    expect((sel.body['items'] as { metadata: { name: string } }[]).map((i) => i.metadata.name)).toEqual(['a', 'c']);
    const field = await call(h.base, `/api/v1/configmaps?fieldSelector=metadata.name%3Db`);
    expect((field.body['items'] as unknown[]).length).toBe(1);
    const badSel = await call(h.base, `${CMS}?labelSelector=${encodeURIComponent('app in (')}`);
    expect(badSel.code).toBe(400);
    const page1 = await call(h.base, `${CMS}?limit=2`);
    const meta = page1.body['metadata'] as { continue: string; remainingItemCount: number };
    expect([(page1.body['items'] as unknown[]).length, meta.remainingItemCount]).toEqual([2, 1]);
    await call(h.base, CMS, { method: 'POST', json: configMap('d') });
    const page2 = await call(h.base, `${CMS}?limit=2&continue=${encodeURIComponent(meta.continue)}`);
    expect((page2.body['items'] as { metadata: { name: string } }[]).map((i) => i.metadata.name)).toEqual(['c']);
  });

  it('lists the past with resourceVersionMatch=Exact; a GET resourceVersion means not older than', async () => {
    h = await httpHarness();
    await call(h.base, CMS, { method: 'POST', json: configMap('a') });
    const past = h.store.rev;
    await call(h.base, `${CMS}/a`, { method: 'PATCH', body: '{"data":{"a":"2"}}', headers: { 'content-type': 'application/merge-patch+json' } });
    await call(h.base, CMS, { method: 'POST', json: configMap('b') });
    const then = await call(h.base, `${CMS}?resourceVersion=${past}&resourceVersionMatch=Exact`);
    expect(then.body['metadata']).toEqual({ resourceVersion: String(past) });
    expect(then.body['items']).toMatchObject([{ metadata: { name: 'a' }, data: { a: '1' } }]);
    const now = await call(h.base, `${CMS}/a?resourceVersion=${past}`);
    expect(now.body).toMatchObject({ data: { a: '2' } });
    const future = await call(h.base, `${CMS}?resourceVersion=${h.store.rev + 100}&resourceVersionMatch=Exact`);
    expect(future.code).toBe(504);
  });

  it('answers a meta.k8s.io/v1 Table when asked, for lists and single objects', async () => {
    h = await httpHarness();
    await call(h.base, '/api/v1/namespaces/default/pods', { method: 'POST', json: pod('p') });
    const accept = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
    const t = await call(h.base, '/api/v1/namespaces/default/pods', { headers: { accept } });
    expect(t.body).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1' });
    const cols = (t.body['columnDefinitions'] as { name: string }[]).map((c) => c.name);
    expect(cols).toEqual(expect.arrayContaining(['Name', 'Ready', 'Status', 'IP', 'Node']));
    const rows = t.body['rows'] as { cells: unknown[]; object: { kind: string } }[];
    expect(rows[0]?.cells[0]).toBe('p');
    expect(rows[0]?.object.kind).toBe('PartialObjectMetadata');
    const one = await call(h.base, '/api/v1/namespaces/default/pods/p?includeObject=Object', { headers: { accept } });
    expect((one.body['rows'] as { object: { kind: string } }[])[0]?.object.kind).toBe('Pod');
  });
});
