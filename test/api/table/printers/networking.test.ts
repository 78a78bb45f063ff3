import { describe, expect, it } from 'vitest';
import { columnNames, obj, row } from '../fixtures.js';

const rules = (...hosts: (string | undefined)[]) => hosts.map((host) => (host === undefined ? { http: { paths: [] } } : { host, http: { paths: [] } }));

describe('Ingress', () => {
  it('prints CLASS HOSTS ADDRESS PORTS AGE', () => {
    expect(columnNames('networking.k8s.io', 'Ingress')).toEqual(['Name', 'Class', 'Hosts', 'Address', 'Ports', 'Age']);
    const ing = obj('networking.k8s.io/v1', 'Ingress', 'shop', {
      spec: { ingressClassName: 'nginx', rules: rules('shop.example.com', 'api.example.com'), tls: [{ hosts: ['shop.example.com'] }] },
      status: { loadBalancer: { ingress: [{ ip: '203.0.113.9' }] } },
    });
    expect(row('networking.k8s.io', 'Ingress', ing)).toEqual({
      Name: 'shop',
      Class: 'nginx',
      Hosts: 'shop.example.com,api.example.com',
      Address: '203.0.113.9',
      Ports: '80, 443',
      Age: '5m',
    });
  });

  it.each<[string, (string | undefined)[], string]>([
    ['no rules', [], '*'],
    ['only host-less rules', [undefined, undefined], '*'],
    ['three hosts', ['a', 'b', 'c'], 'a,b,c'],
    ['five rules', ['a', undefined, 'b', 'c', 'd'], 'a,b,c + 2 more...'],
  ])('HOSTS with %s', (_t, hosts, expected) => {
    const ing = obj('networking.k8s.io/v1', 'Ingress', 'i', { spec: { rules: rules(...hosts) } });
    expect(row('networking.k8s.io', 'Ingress', ing)).toMatchObject({ Hosts: expected, Class: '<none>', Address: '', Ports: '80' });
  });
});

describe('IngressClass and NetworkPolicy', () => {
  it('print controller, parameters and pod selector', () => {
    const ic = obj('networking.k8s.io/v1', 'IngressClass', 'nginx', {
      spec: { controller: 'k8s.io/ingress-nginx', parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'external-lb' } },
    });
    expect(row('networking.k8s.io', 'IngressClass', ic)).toEqual({
      Name: 'nginx',
      Controller: 'k8s.io/ingress-nginx',
      Parameters: 'IngressParameters.k8s.example.com/external-lb',
      Age: '5m',
    });
    expect(row('networking.k8s.io', 'IngressClass', obj('networking.k8s.io/v1', 'IngressClass', 'x', { spec: { controller: 'c' } }))['Parameters']).toBe('<none>');
    const np = obj('networking.k8s.io/v1', 'NetworkPolicy', 'deny', { spec: { podSelector: {} } });
    expect(row('networking.k8s.io', 'NetworkPolicy', np)['Pod-Selector']).toBe('<none>');
    const np2 = obj('networking.k8s.io/v1', 'NetworkPolicy', 'db', { spec: { podSelector: { matchExpressions: [{ key: 'role', operator: 'Exists' }] } } });
    expect(row('networking.k8s.io', 'NetworkPolicy', np2)['Pod-Selector']).toBe('role');
  });
});
