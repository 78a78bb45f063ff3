/** Ingress matching (Kubernetes' documented rules) as tables, then routing through the Service router. */
import type { HTTPIngressPath } from 'kubernetes-types/networking/v1.js';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/model/index.js';
import type { KubeObject } from '../../../src/model/index.js';
import { createBalancer } from '../../../src/runtime/network/balancer.js';
import { hostMatches, pathMatches, routeIngressRequest } from '../../../src/runtime/network/route-ingress-request.js';
import { add, cluster, pod, service } from './helpers.js';

const path = (p: string, pathType: string, svc: string, port: number | string = 80): HTTPIngressPath => ({
  path: p,
  pathType,
  backend: { service: { name: svc, port: typeof port === 'number' ? { number: port } : { name: port } } },
});

describe('Ingress path and host matching', () => {
  it.each<[string, string, string, boolean]>([
    // Kubernetes docs' examples table
    ['Prefix', '/', '/anything', true],
    ['Exact', '/foo', '/foo', true],
    ['Exact', '/foo', '/bar', false],
    ['Exact', '/foo', '/foo/', false],
    ['Exact', '/foo/', '/foo', false],
    ['Prefix', '/foo', '/foo/', true],
    ['Prefix', '/foo/', '/foo', true],
    ['Prefix', '/aaa/bb', '/aaa/bbb', false],
    ['Prefix', '/aaa/bbb', '/aaa/bbb', true],
    ['Prefix', '/aaa/bbb/', '/aaa/bbb', true],
    ['Prefix', '/aaa/bbb', '/aaa/bbb/', true],
    ['Prefix', '/aaa/bbb', '/aaa/bbb/ccc', true],
    ['Prefix', '/aaa/bbb', '/aaa/bbbxyz', false],
    ['ImplementationSpecific', '/aaa', '/aaa/ccc', true],
  ])('%s %s vs %s → %s', (pathType, rulePath, reqPath, want) => {
    expect(pathMatches(path(rulePath, pathType, 's'), reqPath) >= 0).toBe(want);
  });

  it.each<[string, string, string | undefined]>([
    ['foo.bar.com', 'foo.bar.com', 'exact'],
    ['*.foo.com', 'bar.foo.com', 'wildcard'],
    ['*.foo.com', 'baz.bar.foo.com', undefined],
    ['*.foo.com', 'foo.com', undefined],
    ['foo.bar.com', 'bar.com', undefined],
  ])('host %s vs %s → %s', (rule, host, want) => {
    expect(hostMatches(rule, host)).toBe(want);
  });
});

describe('routeIngressRequest', () => {
  it('picks exact hosts over wildcards over any host, the longest path, Exact over Prefix, the default backend, and the class', async () => {
    const e = await cluster();
    const ingress = (name: string, spec: Record<string, unknown>, cls?: string): KubeObject => ({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name, namespace: 'default' },
      spec: { ...(cls === undefined ? {} : { ingressClassName: cls }), ...spec },
    });
    await add(e, [
      { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx', annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } }, spec: { controller: 'k8s.io/ingress-nginx' } } as KubeObject,
      { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'other' }, spec: { controller: 'example.com/other' } } as KubeObject,
      service('app', { clusterIP: '10.96.0.20', selector: { app: 'app' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] }),
      service('api', { clusterIP: '10.96.0.21', selector: { app: 'api' } }),
      service('fallback', { clusterIP: '10.96.0.22', selector: { app: 'fallback' } }),
      service('down', { clusterIP: '10.96.0.23', selector: { app: 'none' } }),
      pod('app-1', { labels: { app: 'app' }, ips: ['10.244.0.31'] }),
      pod('api-1', { labels: { app: 'api' }, ips: ['10.244.0.32'] }),
      pod('fb-1', { labels: { app: 'fallback' }, ips: ['10.244.0.33'] }),
      ingress('main', {
        defaultBackend: { service: { name: 'fallback', port: { number: 80 } } },
        rules: [
          { host: 'shop.example.com', http: { paths: [path('/', 'Prefix', 'app', 'http'), path('/api', 'Prefix', 'api'), path('/api/v1', 'Exact', 'app'), path('/down', 'Prefix', 'down')] } },
          { host: '*.example.com', http: { paths: [path('/', 'Prefix', 'api')] } },
          { http: { paths: [path('/static', 'Prefix', 'app')] } },
        ],
      }),
      ingress('elsewhere', { rules: [{ host: 'shop.example.com', http: { paths: [path('/api/v1/longer', 'Prefix', 'fallback')] } }] }, 'other'),
    ]);
    const b = createBalancer('round-robin', seededRandom(1));
    const go = (host: string, p: string, ingressClass?: string): string => {
      const r = routeIngressRequest(e.store.head(), { host, path: p, ...(ingressClass === undefined ? {} : { ingressClass }) }, b);
      if (r.status === 'not-found') return '404';
      return `${r.service.name}:${r.port} ${r.status === 'routed' ? (r.route.backend.pod?.name ?? '') : r.route.reason}`;
    };
    expect(go('shop.example.com', '/cart')).toBe('app:80 app-1');
    expect(go('shop.example.com', '/api/orders')).toBe('api:80 api-1');
    expect(go('shop.example.com', '/api/v1')).toBe('app:80 app-1');
    expect(go('shop.example.com', '/api/v1/longer/x')).toBe('api:80 api-1');
    expect(go('shop.example.com', '/api/v1/longer/x', 'other')).toBe('fallback:80 fb-1');
    expect(go('blog.example.com', '/')).toBe('api:80 api-1');
    expect(go('a.b.example.com', '/static/x.css')).toBe('app:80 app-1');
    expect(go('unknown.org', '/nothing')).toBe('fallback:80 fb-1');
    expect(go('shop.example.com:8443', '/down')).toBe('down:80 NoEndpoints');
    expect(go('unknown.org', '/x', 'other')).toBe('404');
  });
});
