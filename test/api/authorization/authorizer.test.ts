import { describe, expect, it } from 'vitest';
import type { AuthorizationRequest, Authorizer } from '../../../src/api/index.js';
import { asStatus, forbidden } from '../../../src/model/index.js';
import { alice, configMaps, harness, pod, pods } from '../harness.js';

/** Lets alice do anything but write pods; records what it was asked. */
function noPodWrites(asked: AuthorizationRequest[]): Authorizer {
  return (ctx, req) => {
    asked.push(req);
    if (ctx.actor === 'user:alice' && req.resource === 'pods' && req.verb !== 'get' && req.verb !== 'list' && req.verb !== 'watch') {
      throw forbidden({ group: '', resource: 'pods' }, req.name, `User "alice" cannot ${req.verb} resource "pods"`);
    }
  };
}

describe('the authorization hook', () => {
  it('is asked for every request with a context, with its verb, resource, namespace and name', async () => {
    const asked: AuthorizationRequest[] = [];
    const { api } = await harness(1, { authorizer: noPodWrites(asked) });
    await api.create(configMaps(), { metadata: { name: 'c' } }, alice);
    api.get(configMaps('default', 'c'), {}, alice);
    api.list(configMaps(), {}, alice);
    await api.patch(configMaps('default', 'c'), 'merge', { data: { a: 'b' } }, alice);
    await api.delete(configMaps('default', 'c'), alice);
    expect(asked.filter((r) => r.resource === 'configmaps').map((r) => `${r.verb} ${r.namespace}/${r.name}`)).toEqual([
      'create default/',
      'get default/c',
      'list default/',
      'patch default/c',
      'delete default/c',
    ]);
  });

  it('a denied write is 403 and appends nothing; library reads without a context are not asked', async () => {
    const asked: AuthorizationRequest[] = [];
    const { api, store } = await harness(1, { authorizer: noPodWrites(asked) });
    const before = store.rev;
    const err = await api.create(pods(), pod('p'), alice).catch((e: unknown) => e);
    expect(asStatus(err)?.code).toBe(403);
    expect(store.rev).toBe(before);
    const n = asked.length;
    api.list(pods());
    expect(asked.length).toBe(n);
  });

  it('commands from controllers are authorized too, binding as create on bindings', async () => {
    const asked: AuthorizationRequest[] = [];
    const { api } = await harness(1, { authorizer: noPodWrites(asked) });
    await api.create(pods(), pod('q'), { actor: 'user:bob' });
    await api.execute(
      { type: 'create', object: { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'q', namespace: 'default' }, target: { kind: 'Node', name: 'n1' } } },
      { actor: 'controller:scheduler' },
    );
    expect(asked.at(-1)).toMatchObject({ verb: 'create', resource: 'bindings', name: 'q' });
    expect(api.get(pods('default', 'q'))['spec']).toMatchObject({ nodeName: 'n1' });
  });
});
