/**
 * Protobuf bodies through the HTTP front (in process): created and updated
 * objects are stored as their JSON would be; refusals are Status objects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpHarness } from '../harness.js';
import { call, httpHarness } from '../harness.js';
import { bytes, entry, envelope, int, msg, str } from './encode.js';

const PROTOBUF = { 'content-type': 'application/vnd.kubernetes.protobuf', accept: 'application/vnd.kubernetes.protobuf,application/json' };
const configMap = (name: string, ...more: Buffer[]): Buffer => envelope('v1', 'ConfigMap', msg(1, str(1, name), str(3, ''), msg(8)), ...more);

let h: HttpHarness;
beforeAll(async () => {
  h = await httpHarness();
});
afterAll(async () => {
  await h.close();
});

const post = (path: string, body: Buffer) => call(h.base, path, { method: 'POST', headers: PROTOBUF, body: new Uint8Array(body) });

describe('protobuf request bodies over HTTP', () => {
  it('creates an object (201, JSON answer) stored as its JSON form would be, with no strict-validation complaint', async () => {
    const r = await post('/api/v1/namespaces/default/configmaps?fieldManager=kubectl-create&fieldValidation=Strict', configMap('cfg', entry(2, 'a', str(2, '1')), entry(3, 'b', bytes(2, Buffer.from([0xff])))));
    expect(r.code).toBe(201);
    expect(r.headers.get('content-type')).toMatch(/application\/json/);
    expect(r.headers.get('warning')).toBeNull();
    const got = await call(h.base, '/api/v1/namespaces/default/configmaps/cfg');
    expect(got.body).toMatchObject({ metadata: { name: 'cfg', namespace: 'default' }, data: { a: '1' }, binaryData: { b: '/w==' } });
  });

  it('replaces an object from a protobuf PUT', async () => {
    const current = await call(h.base, '/api/v1/namespaces/default/configmaps/cfg');
    const rv = (current.body.metadata as { resourceVersion: string }).resourceVersion;
    const body = envelope('v1', 'ConfigMap', msg(1, str(1, 'cfg'), str(6, rv)), entry(2, 'a', str(2, '2')));
    const r = await call(h.base, '/api/v1/namespaces/default/configmaps/cfg', { method: 'PUT', headers: PROTOBUF, body: new Uint8Array(body) });
    expect(r.code).toBe(200);
    expect(r.body).toMatchObject({ data: { a: '2' } });
    expect(r.body).not.toHaveProperty('binaryData');
  });

  it('evicts a pod from a protobuf Eviction whose DeleteOptions carry a grace period', async () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p1' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
    expect((await call(h.base, '/api/v1/namespaces/default/pods', { method: 'POST', json: pod })).code).toBe(201);
    const eviction = envelope('policy/v1', 'Eviction', msg(1, str(1, 'p1'), str(3, 'default')), msg(2, int(1, 0)));
    const r = await post('/api/v1/namespaces/default/pods/p1/eviction', eviction);
    expect(r.code).toBe(201);
    expect(r.body).toMatchObject({ kind: 'Status', status: 'Success' });
    expect((await call(h.base, '/api/v1/namespaces/default/pods/p1')).code).toBe(404);
  });

  it('reads a protobuf DeleteOptions body (dryRun=All deletes nothing; then a real delete does)', async () => {
    expect((await post('/api/v1/namespaces/default/configmaps', configMap('gone'))).code).toBe(201);
    const del = (opts: Buffer) => call(h.base, '/api/v1/namespaces/default/configmaps/gone', { method: 'DELETE', headers: PROTOBUF, body: new Uint8Array(opts) });
    expect((await del(envelope('meta.k8s.io/v1', 'DeleteOptions', str(5, 'All')))).code).toBe(200);
    expect((await call(h.base, '/api/v1/namespaces/default/configmaps/gone')).code).toBe(200);
    expect((await del(envelope('meta.k8s.io/v1', 'DeleteOptions', str(4, 'Background')))).code).toBe(200);
    expect((await call(h.base, '/api/v1/namespaces/default/configmaps/gone')).code).toBe(404);
  });

  it('refuses a field number chronokube has no table entry for with a 415 Status, storing nothing', async () => {
    const r = await post('/api/v1/namespaces/default/configmaps', configMap('odd', str(42, 'x')));
    expect(r.code).toBe(415);
    expect(r.body).toMatchObject({ kind: 'Status', reason: 'UnsupportedMediaType', message: 'chronokube cannot decode field 42 of ConfigMap in protobuf; send JSON' });
    expect((await call(h.base, '/api/v1/namespaces/default/configmaps/odd')).code).toBe(404);
  });

  it('refuses a kind without a table with 415 and malformed bytes with 400', async () => {
    const node = await post('/api/v1/nodes', envelope('v1', 'Node', msg(1, str(1, 'n'))));
    expect(node).toMatchObject({ code: 415, body: { message: 'chronokube cannot decode v1, Kind=Node in protobuf; send JSON' } });
    const whole = configMap('cut', entry(2, 'a', str(2, 'value')));
    const cut = await post('/api/v1/namespaces/default/configmaps', whole.subarray(0, whole.length - 9));
    expect(cut).toMatchObject({ code: 400, body: { kind: 'Status', reason: 'BadRequest', message: expect.stringMatching(/^the protobuf body is malformed: /) } });
    const bare = await post('/api/v1/namespaces/default/configmaps', Buffer.from('{"kind":"ConfigMap"}'));
    expect(bare).toMatchObject({ code: 400, body: { message: 'the protobuf body lacks the k8s envelope' } });
  });
});
