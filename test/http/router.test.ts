import { describe, expect, it } from 'vitest';
import { route } from '../../src/http/router.js';

describe('route', () => {
  it('names discovery, version, health and OpenAPI paths', () => {
    expect(route('/version')).toEqual({ type: 'version' });
    expect(route('/readyz')).toEqual({ type: 'health', check: 'readyz' });
    expect(route('/api')).toEqual({ type: 'coreVersions' });
    expect(route('/api/v1')).toEqual({ type: 'resources', group: '', version: 'v1' });
    expect(route('/apis')).toEqual({ type: 'groups' });
    expect(route('/apis/apps')).toEqual({ type: 'group', group: 'apps' });
    expect(route('/apis/apps/v1/')).toEqual({ type: 'resources', group: 'apps', version: 'v1' });
    expect(route('/openapi/v3')).toEqual({ type: 'openapiV3Root' });
    expect(route('/openapi/v3/apis/apps/v1')).toEqual({ type: 'openapiV3', group: 'apps', version: 'v1' });
    expect(route('/openapi/v3/api/v1')).toEqual({ type: 'openapiV3', group: '', version: 'v1' });
    expect(route('/openapi/v2')).toEqual({ type: 'openapiV2' });
  });

  it('addresses namespaced and cluster-wide collections, objects and subresources', () => {
    expect(route('/api/v1/pods')).toEqual({ type: 'resource', target: { group: '', version: 'v1', resource: 'pods' } });
    expect(route('/api/v1/namespaces/web/pods')).toEqual({ type: 'resource', target: { group: '', version: 'v1', resource: 'pods', namespace: 'web' } });
    expect(route('/apis/apps/v1/namespaces/web/deployments/site/scale')).toEqual({
      type: 'resource',
      target: { group: 'apps', version: 'v1', resource: 'deployments', namespace: 'web', name: 'site', subresource: 'scale' },
    });
    expect(route('/api/v1/nodes/n1/status')).toEqual({ type: 'resource', target: { group: '', version: 'v1', resource: 'nodes', name: 'n1', subresource: 'status' } });
  });

  it('tells a namespace object and its subresources from resources inside a namespace', () => {
    expect(route('/api/v1/namespaces')).toEqual({ type: 'resource', target: { group: '', version: 'v1', resource: 'namespaces' } });
    expect(route('/api/v1/namespaces/web')).toEqual({ type: 'resource', target: { group: '', version: 'v1', resource: 'namespaces', name: 'web' } });
    expect(route('/api/v1/namespaces/web/finalize')).toEqual({
      type: 'resource',
      target: { group: '', version: 'v1', resource: 'namespaces', name: 'web', subresource: 'finalize' },
    });
    expect(route('/api/v1/namespaces/web/status')).toMatchObject({ target: { resource: 'namespaces', name: 'web', subresource: 'status' } });
  });

  it('decodes escaped segments and refuses paths too deep or malformed', () => {
    expect(route('/api/v1/namespaces/a%2Db/configmaps/x')).toMatchObject({ target: { namespace: 'a-b', name: 'x' } });
    expect(route('/api/v1/namespaces/a/pods/p/log/extra')).toEqual({ type: 'notFound' });
    expect(route('/api/v1/namespaces/%E0%A4%A')).toEqual({ type: 'notFound' });
    expect(route('/')).toEqual({ type: 'notFound' });
    expect(route('/metrics')).toEqual({ type: 'notFound' });
  });
});
