import { describe, expect, it } from 'vitest';
import { columnNames, obj, row } from '../fixtures.js';

const svc = (spec: Record<string, unknown>, status: Record<string, unknown> = {}) => obj('v1', 'Service', 'web', { spec, status });
const ports = [
  { name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 },
  { name: 'dns', port: 53, protocol: 'UDP' },
];

describe('Service', () => {
  it('has TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, and SELECTOR wide', () => {
    expect(columnNames('', 'Service')).toEqual(['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age', 'Selector*']);
  });

  it('prints a ClusterIP service', () => {
    expect(row('', 'Service', svc({ type: 'ClusterIP', clusterIP: '10.96.0.12', clusterIPs: ['10.96.0.12'], ports, selector: { tier: 'web', app: 'shop' } }))).toEqual({
      Name: 'web',
      Type: 'ClusterIP',
      'Cluster-IP': '10.96.0.12',
      'External-IP': '<none>',
      'Port(s)': '80/TCP,53/UDP',
      Age: '5m',
      Selector: 'app=shop,tier=web',
    });
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>, string, string, string]>([
    ['headless', { type: 'ClusterIP', clusterIPs: ['None'], ports: [] }, {}, 'None', '<none>', '<none>'],
    ['external IPs', { type: 'ClusterIP', clusterIPs: ['10.96.0.5'], externalIPs: ['198.51.100.7', '198.51.100.8'] }, {}, '10.96.0.5', '198.51.100.7,198.51.100.8', '<none>'],
    ['node port', { type: 'NodePort', clusterIPs: ['10.96.0.6'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }] }, {}, '10.96.0.6', '<none>', '80:30080/TCP'],
    ['pending load balancer', { type: 'LoadBalancer', clusterIPs: ['10.96.0.7'], ports: [{ port: 443, nodePort: 31443, protocol: 'TCP' }] }, {}, '10.96.0.7', '<pending>', '443:31443/TCP'],
    [
      'load balancer, sorted and never clipped',
      { type: 'LoadBalancer', clusterIPs: ['10.96.0.8'] },
      { loadBalancer: { ingress: [{ hostname: 'a1b2c3d4e5f6.elb.eu-west-1.amazonaws.com' }, { ip: '203.0.113.10' }, { ip: '203.0.113.10' }] } },
      '10.96.0.8',
      '203.0.113.10,a1b2c3d4e5f6.elb.eu-west-1.amazonaws.com',
      '<none>',
    ],
    [
      'load balancer plus external IPs',
      { type: 'LoadBalancer', clusterIPs: ['10.96.0.9'], externalIPs: ['198.51.100.1'] },
      { loadBalancer: { ingress: [{ ip: '203.0.113.5' }] } },
      '10.96.0.9',
      '203.0.113.5,198.51.100.1',
      '<none>',
    ],
    ['external name', { type: 'ExternalName', externalName: 'db.example.com' }, {}, '<none>', 'db.example.com', '<none>'],
  ])('%s', (_t, spec, status, clusterIP, external, portsCell) => {
    const r = row('', 'Service', svc(spec, status));
    expect([r['Cluster-IP'], r['External-IP'], r['Port(s)']]).toEqual([clusterIP, external, portsCell]);
  });
});

describe('Endpoints', () => {
  const ep = (subsets: unknown[]) => obj('v1', 'Endpoints', 'web', { subsets });

  it('lists up to three ip:port pairs, then how many more', () => {
    expect(columnNames('', 'Endpoints')).toEqual(['Name', 'Endpoints', 'Age']);
    expect(row('', 'Endpoints', ep([]))['Endpoints']).toBe('<none>');
    const two = [{ addresses: [{ ip: '10.244.1.5' }, { ip: '10.244.2.6' }], ports: [{ port: 8080, protocol: 'TCP' }] }];
    expect(row('', 'Endpoints', ep(two))['Endpoints']).toBe('10.244.1.5:8080,10.244.2.6:8080');
    const five = [
      { addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }], ports: [{ port: 80 }, { port: 443 }] },
      { addresses: [{ ip: 'fd00::5' }], ports: [{ port: 80 }] },
    ];
    expect(row('', 'Endpoints', ep(five))['Endpoints']).toBe('10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 2 more...');
    expect(row('', 'Endpoints', ep([{ addresses: [{ ip: 'fd00::5' }], ports: [{ port: 80 }] }]))['Endpoints']).toBe('[fd00::5]:80');
  });

  it('prints bare addresses for a headless service without ports', () => {
    expect(row('', 'Endpoints', ep([{ addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }] }]))['Endpoints']).toBe('10.0.0.1,10.0.0.2');
    expect(row('', 'Endpoints', ep([{ notReadyAddresses: [{ ip: '10.0.0.3' }], ports: [{ port: 80 }] }]))['Endpoints']).toBe('');
  });
});

describe('EndpointSlice', () => {
  it('prints address type, ports and addresses', () => {
    const s = obj('discovery.k8s.io/v1', 'EndpointSlice', 'web-abc12', {
      addressType: 'IPv4',
      ports: [{ name: 'http', port: 80 }, { name: 'metrics' }, {}],
      endpoints: [{ addresses: ['10.0.0.1'] }, { addresses: ['10.0.0.2', '10.0.0.3'] }, { addresses: ['10.0.0.4'] }],
    });
    expect(row('discovery.k8s.io', 'EndpointSlice', s)).toEqual({
      Name: 'web-abc12',
      AddressType: 'IPv4',
      Ports: '80,metrics,*',
      Endpoints: '10.0.0.1,10.0.0.2,10.0.0.3 + 1 more...',
      Age: '5m',
    });
    expect(row('discovery.k8s.io', 'EndpointSlice', obj('discovery.k8s.io/v1', 'EndpointSlice', 'e', { addressType: 'IPv6', endpoints: [] }))).toMatchObject({
      Ports: '<unset>',
      Endpoints: '<unset>',
    });
  });
});
