/** Decision table of the Endpoints a Service gets from its pods (Kubernetes 1.32 syncService semantics). */
import { describe, expect, it } from 'vitest';
import { desiredSubsets, MAX_ENDPOINTS_CAPACITY } from '../../../src/controllers/endpoints/desired-endpoints.js';
import { compareIPs } from '../../../src/controllers/endpoints/repack-subsets.js';
import { pod, service } from './helpers.js';

const ips = (xs: { ip: string }[] | undefined): string[] => (xs ?? []).map((a) => a.ip);

describe('desiredSubsets', () => {
  it('puts ready pods in addresses and unready ones in notReadyAddresses, sorted by IP bytes, with nodeName and targetRef', () => {
    const { subsets, truncated } = desiredSubsets(service('web'), [
      pod('a', { ips: ['10.244.0.10'] }),
      pod('b', { ips: ['10.244.0.9'] }),
      pod('c', { ips: ['10.244.1.2'], ready: false, node: 'node-2' }),
    ]);
    expect(truncated).toBe(false);
    expect(subsets).toHaveLength(1);
    expect(ips(subsets[0]?.addresses)).toEqual(['10.244.0.9', '10.244.0.10']);
    expect(subsets[0]?.notReadyAddresses).toEqual([
      { ip: '10.244.1.2', nodeName: 'node-2', targetRef: { kind: 'Pod', namespace: 'default', name: 'c', uid: 'uid-c' } },
    ]);
    expect(subsets[0]?.ports).toEqual([{ port: 8080, protocol: 'TCP' }]);
  });

  it.each([
    ['no IP yet', pod('p', { ips: [] })],
    ['Succeeded', pod('p', { ips: ['10.0.0.1'], phase: 'Succeeded' })],
    ['Failed', pod('p', { ips: ['10.0.0.1'], phase: 'Failed' })],
    ['terminating', pod('p', { ips: ['10.0.0.1'], deleting: true })],
    ['only an IP of the other family', pod('p', { ips: ['fd00::1'] })],
  ])('leaves out a pod that is %s', (_why, p) => {
    expect(desiredSubsets(service('web', { ipFamilies: ['IPv4'] }), [p]).subsets).toEqual([]);
  });

  it('keeps terminating pods, as ready, with publishNotReadyAddresses', () => {
    const { subsets } = desiredSubsets(service('web', { publishNotReadyAddresses: true }), [
      pod('a', { ips: ['10.0.0.1'], deleting: true, ready: false }),
      pod('b', { ips: ['10.0.0.2'], ready: false }),
    ]);
    expect(ips(subsets[0]?.addresses)).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(subsets[0]?.notReadyAddresses).toBeUndefined();
  });

  it('resolves a named targetPort per pod, drops pods without it, and groups ports reaching the same pods', () => {
    const svc = service('web', {
      ports: [
        { name: 'http', port: 80, targetPort: 'web' },
        { name: 'metrics', port: 9090, targetPort: 9090 },
      ],
    });
    const { subsets } = desiredSubsets(svc, [
      pod('a', { ips: ['10.0.0.1'], ports: [{ name: 'web', containerPort: 8080 }] }),
      pod('b', { ips: ['10.0.0.2'], ports: [{ name: 'web', containerPort: 8081 }] }),
      pod('c', { ips: ['10.0.0.3'], ports: [{ name: 'web', containerPort: 8080, protocol: 'UDP' }] }),
    ]);
    const byPorts = subsets.map((s) => ({ ips: ips(s.addresses), ports: (s.ports ?? []).map((p) => `${p.name}:${p.port}`) }));
    expect(byPorts).toEqual([
      { ips: ['10.0.0.1'], ports: ['http:8080'] },
      { ips: ['10.0.0.2'], ports: ['http:8081'] },
      { ips: ['10.0.0.1', '10.0.0.2', '10.0.0.3'], ports: ['metrics:9090'] },
    ]);
  });

  it('uses the Service family: IPv6 first picks the pod IPv6 address; hostnames when the subdomain names the Service', () => {
    const svc = service('db', { clusterIP: 'None', ipFamilies: ['IPv6', 'IPv4'], ports: [] });
    const { subsets } = desiredSubsets(svc, [
      pod('db-0', { ips: ['10.0.0.1', 'fd00::1'], hostname: 'db-0', subdomain: 'db' }),
      pod('x', { ips: ['10.0.0.2', 'fd00::2'], hostname: 'x', subdomain: 'other' }),
    ]);
    expect(subsets).toEqual([
      {
        addresses: [
          { ip: 'fd00::1', hostname: 'db-0', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'db-0', uid: 'uid-db-0' } },
          { ip: 'fd00::2', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'x', uid: 'uid-x' } },
        ],
      },
    ]);
  });

  it('truncates past 1000 addresses, ready ones first', () => {
    const pods = Array.from({ length: 1005 }, (_, i) => pod(`p${i}`, { ips: [`10.1.${Math.floor(i / 250)}.${i % 250}`], ready: i < 990 }));
    const { subsets, truncated } = desiredSubsets(service('web'), pods);
    expect(truncated).toBe(true);
    expect(subsets[0]?.addresses).toHaveLength(990);
    expect(subsets[0]?.notReadyAddresses).toHaveLength(MAX_ENDPOINTS_CAPACITY - 990);
  });

  it('orders IPs by bytes, not as text', () => {
    expect(['10.0.0.10', '9.0.0.1', '10.0.0.9'].sort(compareIPs)).toEqual(['9.0.0.1', '10.0.0.9', '10.0.0.10']);
  });
});
