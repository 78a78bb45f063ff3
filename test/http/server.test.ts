import { afterEach, describe, expect, it } from 'vitest';
import { tokenAuthenticator } from '../../src/http/index.js';
import { call, httpHarness } from './harness.js';
import type { HttpHarness } from './harness.js';

let h: HttpHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('HTTP server: discovery and version', () => {
  it('reports a Kubernetes 1.32 version kubectl accepts, and health', async () => {
    h = await httpHarness();
    const v = await call(h.base, '/version');
    expect(v.code).toBe(200);
    expect(v.body).toMatchObject({ major: '1', minor: '32' });
    expect(v.body['gitVersion']).toMatch(/^v1\.32\.\d+$/);
    expect(v.body['platform']).toMatch(/^[a-z0-9]+\/[a-z0-9]+$/);
    for (const p of ['/healthz', '/livez', '/readyz']) {
      const r = await fetch(`${h.base}${p}`);
      expect([r.status, await r.text()]).toEqual([200, 'ok']);
    }
  });

  it('serves /api, /apis, /apis/GROUP and resource lists with verbs, short names, categories and subresources', async () => {
    h = await httpHarness();
    const core = await call(h.base, '/api', { headers: { host: 'example:6443' } });
    expect(core.body).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    const groups = await call(h.base, '/apis');
    const names = (groups.body['groups'] as { name: string }[]).map((g) => g.name);
    // kube-apiserver's group priority order, not alphabetical: apps before autoscaling before batch.
    expect(names.indexOf('apps')).toBeLessThan(names.indexOf('autoscaling'));
    expect(names.indexOf('autoscaling')).toBeLessThan(names.indexOf('batch'));
    expect(names).not.toContain('');
    const apps = await call(h.base, '/apis/apps');
    expect(apps.body).toMatchObject({ kind: 'APIGroup', name: 'apps', preferredVersion: { groupVersion: 'apps/v1', version: 'v1' } });
    const v1 = await call(h.base, '/api/v1');
    const pods = (v1.body['resources'] as { name: string }[]).find((r) => r.name === 'pods');
    expect(pods).toMatchObject({ namespaced: true, kind: 'Pod', shortNames: ['po'], categories: ['all'] });
    expect((pods as unknown as { verbs: string[] }).verbs).toContain('watch');
    const appsV1 = await call(h.base, '/apis/apps/v1');
    const scale = (appsV1.body['resources'] as { name: string }[]).find((r) => r.name === 'deployments/scale');
    expect(scale).toMatchObject({ group: 'autoscaling', version: 'v1', kind: 'Scale' });
    const status = (appsV1.body['resources'] as { name: string }[]).find((r) => r.name === 'deployments/status');
    expect(status).toMatchObject({ kind: 'Deployment', verbs: ['get', 'patch', 'update'] });
  });

  it('answers unknown groups, versions and paths with a 404 Status', async () => {
    h = await httpHarness();
    for (const p of ['/apis/nope.example.com', '/apis/apps/v9', '/metrics', '/apis/apps/v1/namespaces/default/widgets', '/openapi/v2']) {
      const r = await call(h.base, p);
      expect([p, r.code, r.body.kind, r.body.reason]).toEqual([p, 404, 'Status', 'NotFound']);
    }
  });

  it('generates an OpenAPI v3 document whose PATCH operations take fieldValidation, per group version', async () => {
    h = await httpHarness();
    const root = await call(h.base, '/openapi/v3');
    const paths = root.body['paths'] as Record<string, { serverRelativeURL: string }>;
    expect(paths['apis/apps/v1']?.serverRelativeURL).toMatch(/^\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]+$/);
    const doc = await call(h.base, paths['apis/apps/v1']?.serverRelativeURL ?? '');
    const item = (doc.body['paths'] as Record<string, Record<string, { parameters: { name: string }[]; 'x-kubernetes-group-version-kind': unknown; requestBody: { content: object } }>>)[
      '/apis/apps/v1/namespaces/{namespace}/deployments/{name}'
    ];
    expect(item?.['patch']?.['x-kubernetes-group-version-kind']).toEqual({ group: 'apps', version: 'v1', kind: 'Deployment' });
    expect(item?.['patch']?.parameters.map((p) => p.name)).toContain('fieldValidation');
    expect(Object.keys(item?.['patch']?.requestBody.content ?? {})).not.toContain('application/strategic-merge-patch+json');
  });
});

describe('HTTP server: refusals', () => {
  it('401 without the bearer token (version and health stay public)', async () => {
    h = await httpHarness({ authenticate: tokenAuthenticator({ s3cret: 'alice' }) });
    expect((await call(h.base, '/api/v1/namespaces')).code).toBe(401);
    expect((await call(h.base, '/api/v1/namespaces', { headers: { authorization: 'Bearer wrong' } })).body).toMatchObject({ kind: 'Status', reason: 'Unauthorized', code: 401 });
    expect((await call(h.base, '/api/v1/namespaces', { headers: { authorization: 'Bearer s3cret' } })).code).toBe(200);
    expect((await call(h.base, '/version')).code).toBe(200);
    expect((await fetch(`${h.base}/readyz`)).status).toBe(200);
  });

  it('405 for methods a path does not take', async () => {
    h = await httpHarness();
    expect((await call(h.base, '/api/v1', { method: 'POST', json: {} })).body).toMatchObject({ reason: 'MethodNotAllowed', code: 405 });
    expect((await call(h.base, '/api/v1/namespaces/default/configmaps', { method: 'PUT', json: {} })).code).toBe(405);
    expect((await call(h.base, '/api/v1/namespaces/default/configmaps', { method: 'PATCH', json: {} })).code).toBe(405);
  });

  it('400 for malformed JSON and YAML bodies, 415 for unknown media types, 413 past 3 MiB', async () => {
    h = await httpHarness();
    const cms = '/api/v1/namespaces/default/configmaps';
    const bad = await call(h.base, cms, { method: 'POST', body: '{"kind": ', headers: { 'content-type': 'application/json' } });
    expect(bad.body).toMatchObject({ kind: 'Status', reason: 'BadRequest', code: 400 });
    const badYaml = await call(h.base, `${cms}/x?fieldManager=t`, { method: 'PATCH', body: 'a: [1,\n  b: :', headers: { 'content-type': 'application/apply-patch+yaml' } });
    expect(badYaml.code).toBe(400);
    const xml = await call(h.base, cms, { method: 'POST', body: '<cm/>', headers: { 'content-type': 'application/xml' } });
    expect(xml.body).toMatchObject({ reason: 'UnsupportedMediaType', code: 415 });
    const patchType = await call(h.base, `${cms}/x`, { method: 'PATCH', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(patchType.code).toBe(415);
    const big = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big' }, data: { a: 'x'.repeat(3 * 1024 * 1024) } });
    const tooBig = await call(h.base, cms, { method: 'POST', body: big, headers: { 'content-type': 'application/json' } });
    expect(tooBig.body).toMatchObject({ reason: 'RequestEntityTooLarge', code: 413 });
    // The server is still fine afterwards, and nothing was written.
    const list = await call(h.base, cms);
    expect(list.body['items']).toEqual([]);
  });

  it('406 when the client accepts neither JSON nor a v1 Table', async () => {
    h = await httpHarness();
    const r = await call(h.base, '/api/v1/namespaces', { headers: { accept: 'application/vnd.kubernetes.protobuf' } });
    expect(r.body).toMatchObject({ reason: 'NotAcceptable', code: 406 });
  });
});
