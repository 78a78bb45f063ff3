import type { Pod, Service } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { resolveEnvironment } from '../../../src/controllers/node-agent/container-environment.js';
import { serviceEnvironment, serviceEnvVars } from '../../../src/controllers/node-agent/service-env.js';
import type { KubeObject } from '../../../src/model/index.js';
import { viewOf } from './fake-view.js';

function service(name: string, namespace: string, clusterIP: string, ports: Array<{ name?: string; port: number; protocol?: string }>): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec: { clusterIP, ports } } as unknown as KubeObject;
}

const kubernetes = service('kubernetes', 'default', '10.96.0.1', [{ name: 'https', port: 443 }]);
const redis = service('redis-primary', 'shop', '10.96.0.11', [{ port: 6379 }, { name: 'metrics', port: 9121, protocol: 'TCP' }]);
const headless = service('db', 'shop', 'None', [{ port: 5432 }]);
const pod = (namespace: string, links?: boolean): Pod => ({
  metadata: { name: 'p', namespace },
  spec: { containers: [{ name: 'app' }], ...(links === undefined ? {} : { enableServiceLinks: links }) },
});

describe('service environment variables (pkg/kubelet/envvars)', () => {
  it('gives the docker-link variables of one Service, in the kubelet order', () => {
    expect(serviceEnvVars(redis as unknown as Service)).toEqual([
      ['REDIS_PRIMARY_SERVICE_HOST', '10.96.0.11'],
      ['REDIS_PRIMARY_SERVICE_PORT', '6379'],
      ['REDIS_PRIMARY_SERVICE_PORT_METRICS', '9121'],
      ['REDIS_PRIMARY_PORT', 'tcp://10.96.0.11:6379'],
      ['REDIS_PRIMARY_PORT_6379_TCP', 'tcp://10.96.0.11:6379'],
      ['REDIS_PRIMARY_PORT_6379_TCP_PROTO', 'tcp'],
      ['REDIS_PRIMARY_PORT_6379_TCP_PORT', '6379'],
      ['REDIS_PRIMARY_PORT_6379_TCP_ADDR', '10.96.0.11'],
      ['REDIS_PRIMARY_PORT_9121_TCP', 'tcp://10.96.0.11:9121'],
      ['REDIS_PRIMARY_PORT_9121_TCP_PROTO', 'tcp'],
      ['REDIS_PRIMARY_PORT_9121_TCP_PORT', '9121'],
      ['REDIS_PRIMARY_PORT_9121_TCP_ADDR', '10.96.0.11'],
    ]);
    expect(serviceEnvVars(headless as unknown as Service)).toEqual([]);
    expect(serviceEnvVars(service('v6', 'x', 'fd00::10', [{ port: 80, protocol: 'UDP' }]) as unknown as Service)).toContainEqual(['V6_PORT', 'udp://[fd00::10]:80']);
  });

  it('covers the pod namespace when service links are on, and the kubernetes Service always', () => {
    const view = viewOf([kubernetes, redis, headless, service('other', 'elsewhere', '10.96.0.99', [{ port: 1 }])]);
    const on = serviceEnvironment(view, pod('shop'));
    expect(on.get('KUBERNETES_SERVICE_HOST')).toBe('10.96.0.1');
    expect(on.get('REDIS_PRIMARY_SERVICE_HOST')).toBe('10.96.0.11');
    expect([...on.keys()].some((k) => k.startsWith('DB_') || k.startsWith('OTHER_'))).toBe(false);
    const off = serviceEnvironment(view, pod('shop', false));
    expect([...off.keys()].every((k) => k.startsWith('KUBERNETES_'))).toBe(true);
    expect(off.get('KUBERNETES_SERVICE_PORT_HTTPS')).toBe('443');
  });

  it('feeds $(VAR) expansion and never overrides the container own variables', () => {
    const view = viewOf([kubernetes, redis]);
    const p: Pod = {
      metadata: { name: 'p', namespace: 'shop' },
      spec: {
        containers: [
          {
            name: 'app',
            env: [
              { name: 'REDIS_URL', value: 'redis://$(REDIS_PRIMARY_SERVICE_HOST):$(REDIS_PRIMARY_SERVICE_PORT)' },
              { name: 'KUBERNETES_SERVICE_HOST', value: 'mine' },
            ],
          },
        ],
      },
    };
    const r = resolveEnvironment(view, p, p.spec!.containers[0]!);
    expect(r.ok && r.env['REDIS_URL']).toBe('redis://10.96.0.11:6379');
    expect(r.ok && r.env['KUBERNETES_SERVICE_HOST']).toBe('mine');
    expect(r.ok && r.env['KUBERNETES_PORT']).toBe('tcp://10.96.0.1:443');
  });
});
