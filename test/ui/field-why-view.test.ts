/**
 * The why of one picked field, as the web debugger's server answers it
 * (`/api/why-field`): the write that set the field's value and its causes —
 * not the object's latest write — for the version the object panel shows
 * (a deleted object's last one), with the field named as the page names it;
 * and the refusals (404 for no such object or field, 400 for a bad request).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/model/index.js';
import { fieldLabel, labelPointer } from '../../src/ui/field-label.js';
import type { FieldWhyView } from '../../src/ui/field-why-view.js';
import { createUiServer } from '../../src/ui/index.js';
import { alice, configMaps, harness, pod, pods } from '../api/harness.js';
import type { Harness } from '../api/harness.js';

let h: Harness;
let server: Server;
let base = '';
const revs: Record<string, number> = {};
const POD = 'core/pods/default/child';
const CM = 'core/configmaps/default/owner';

async function get<T>(path: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${path}`);
  return { status: res.status, body: (await res.json()) as T };
}

const fieldWhy = (key: string, field: string, rev: number): Promise<{ status: number; body: FieldWhyView & { error?: string } }> =>
  get(`/api/why-field?key=${encodeURIComponent(key)}&rev=${rev}&field=${encodeURIComponent(field)}`);

beforeAll(async () => {
  h = await harness();
  const { api, clock } = h;
  const rv = (o: KubeObject): number => Number(o.metadata.resourceVersion);
  clock.advanceTo(1_000);
  const owner = await api.create(configMaps(), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner', labels: { app: 'web', 'app.kubernetes.io/name': 'web' } }, data: { a: '1' } }, alice);
  revs['owner'] = rv(owner);
  clock.advanceTo(2_000);
  revs['child'] = rv(await api.create(pods(), pod('child', { app: 'web' }), { actor: 'controller:maker', cause: [revs['owner']] }));
  clock.advanceTo(3_000);
  revs['bind'] = rv(
    await api.create({ ...pods('default', 'child'), subresource: 'binding' }, { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'child' }, target: { kind: 'Node', name: 'node-1' } }, { actor: 'controller:scheduler', cause: [revs['child']] }),
  );
  clock.advanceTo(4_000);
  revs['running'] = rv(await api.patch({ ...pods('default', 'child'), subresource: 'status' }, 'merge', { status: { phase: 'Running' } }, { actor: 'node:node-1', cause: [revs['bind']] }));
  clock.advanceTo(5_000);
  revs['update'] = rv(await api.patch(configMaps('default', 'owner'), 'merge', { data: { a: '2', b: 'new' } }, { actor: 'user:bob' }));
  revs['label'] = rv(await api.patch(configMaps('default', 'owner'), 'merge', { metadata: { labels: { tier: 'front' } } }, { actor: 'user:carol' }));
  revs['delete'] = rv((await api.delete(configMaps('default', 'owner'), { actor: 'user:bob' })).object);
  server = await createUiServer({ store: h.store, faults: [], epoch: h.log.header.epoch, history: 'fields.ckh', invariants: [] });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('/api/why-field', () => {
  it("explains a pod's spec.nodeName by the scheduler's binding, not by the kubelet's later status write", async () => {
    const { status, body } = await fieldWhy(POD, 'spec.nodeName', h.store.rev);
    expect(status).toBe(200);
    expect(body).toMatchObject({ key: POD, rev: h.store.rev, deleted: false, field: '/spec/nodeName', label: 'spec.nodeName', value: 'node-1', setRev: revs['bind'] });
    expect(body.root).toMatchObject({ rev: revs['bind'], actor: 'controller:scheduler', verb: 'create/binding', key: POD });
    expect(body.root.causes.map((c) => [c.actor, c.rev, c.causes.map((cc) => [cc.actor, cc.rev])])).toEqual([['controller:maker', revs['child'], [['user:alice', revs['owner']]]]]);
    // The whole object's why starts at its latest write instead.
    const whole = await get<{ root: { actor: string; rev: number } }>(`/api/why?key=${POD}&rev=${h.store.rev}`);
    expect([whole.body.root.actor, whole.body.root.rev]).toEqual(['node:node-1', revs['running']]);
    const phase = await fieldWhy(POD, '/status/phase', h.store.rev);
    expect([phase.body.setRev, phase.body.label, phase.body.value]).toEqual([revs['running'], 'status.phase', 'Running']);
  });

  it('takes the field dotted or as a JSON Pointer, and answers at the cursor: before the binding there is no nodeName', async () => {
    const dotted = await fieldWhy(POD, 'spec.nodeName', revs['running'] as number);
    const pointer = await fieldWhy(POD, '/spec/nodeName', revs['running'] as number);
    expect(pointer.body).toEqual(dotted.body);
    const before = await fieldWhy(POD, 'spec.nodeName', revs['child'] as number);
    expect(before.status).toBe(404);
    expect(before.body.error).toBe(`${POD} has no field spec.nodeName at revision ${revs['child']}`);
  });

  it('names each field by the write that last changed it; a mapping by the newest write under it; keys with dots as pointers', async () => {
    const at = revs['label'] as number;
    const setBy = async (field: string): Promise<[number, string, unknown]> => {
      const { status, body } = await fieldWhy(CM, field, at);
      expect(status, field).toBe(200);
      return [body.setRev, body.root.actor, body.value];
    };
    expect(await setBy('data.a')).toEqual([revs['update'], 'user:bob', '2']);
    expect(await setBy('metadata.labels.app')).toEqual([revs['owner'], 'user:alice', 'web']);
    expect(await setBy('metadata.labels.tier')).toEqual([revs['label'], 'user:carol', 'front']);
    expect(await setBy('data')).toEqual([revs['update'], 'user:bob', { a: '2', b: 'new' }]);
    expect(await setBy('metadata.labels')).toEqual([revs['label'], 'user:carol', { app: 'web', 'app.kubernetes.io/name': 'web', tier: 'front' }]);
    const dotted = await fieldWhy(CM, '/metadata/labels/app.kubernetes.io~1name', at);
    expect([dotted.body.label, dotted.body.setRev]).toEqual(['/metadata/labels/app.kubernetes.io~1name', revs['owner']]);
  });

  it('explains a deleted object in its last version, as the object panel shows it', async () => {
    const { status, body } = await fieldWhy(CM, 'data.b', revs['delete'] as number);
    expect(status).toBe(200);
    expect(body).toMatchObject({ deleted: true, versionRev: revs['label'], setRev: revs['update'], value: 'new' });
  });

  it('refuses a missing object or field (404), bookkeeping fields (404), and bad requests (400)', async () => {
    const cases: [string, number, string][] = [
      [`key=${POD}&rev=${revs['owner']}&field=spec.nodeName`, 404, `${POD} does not exist at revision ${revs['owner']}`],
      [`key=${POD}&rev=${h.store.rev}&field=spec.nope`, 404, `${POD} has no field spec.nope at revision ${h.store.rev}`],
      [`key=${POD}&rev=${h.store.rev}&field=metadata.resourceVersion`, 404, 'metadata.resourceVersion is not a field why explains'],
      [`key=${POD}&rev=${h.store.rev}&field=metadata.managedFields.0`, 404, 'metadata.managedFields.0 is not a field why explains'],
      [`key=${POD}&rev=${h.store.rev}&field=${encodeURIComponent('/spec/a~9')}`, 404, 'invalid'],
      [`key=${POD}&rev=${h.store.rev}`, 400, 'field wants a path'],
      [`key=nonsense&rev=1&field=spec`, 400, 'key wants GROUP/RESOURCE/NAMESPACE/NAME'],
      [`key=${POD}&rev=999999&field=spec.nodeName`, 400, 'outside the history'],
    ];
    for (const [query, code, message] of cases) {
      const res = await get<{ error: string }>(`/api/why-field?${query}`);
      expect([res.status, res.body.error], query).toEqual([code, expect.stringContaining(message)]);
    }
  });
});

describe('field labels', () => {
  it('are dotted when that reads back to the same pointer, pointers otherwise', () => {
    expect(fieldLabel('/spec/nodeName')).toBe('spec.nodeName');
    expect(fieldLabel('/spec/containers/0/image')).toBe('spec.containers.0.image');
    expect(fieldLabel('/metadata/labels/app.kubernetes.io~1name')).toBe('/metadata/labels/app.kubernetes.io~1name');
    expect(fieldLabel('/metadata/annotations/a~0b')).toBe('/metadata/annotations/a~0b');
    expect(fieldLabel('/data/')).toBe('/data/');
    for (const p of ['/spec/nodeName', '/spec/containers/0/image', '/metadata/labels/app.kubernetes.io~1name', '/data/', '/a~0b/c']) expect(labelPointer(fieldLabel(p))).toBe(p);
    expect(labelPointer('status.phase')).toBe('/status/phase');
  });
});
