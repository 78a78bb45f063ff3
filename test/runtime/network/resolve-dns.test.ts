/** Cluster DNS answers (CoreDNS kubernetes plugin semantics) as a table. */
import { describe, expect, it } from 'vitest';
import { endpointHostname, resolveDns } from '../../../src/runtime/network/resolve-dns.js';
import type { DnsType } from '../../../src/runtime/network/resolve-dns.js';
import { add, cluster, pod, service, SVC, user } from './helpers.js';

const Z = 'svc.cluster.local';

describe('resolveDns', () => {
  it('answers services, ports, headless pods and StatefulSet hostnames; NXDOMAIN and NODATA where CoreDNS gives them', async () => {
    const e = await cluster();
    await add(e, [
      service('web', { clusterIP: '10.96.0.10', ports: [{ name: 'http', port: 80, targetPort: 8080 }] }),
      service('dual', { clusterIP: '10.96.0.11,fd00:10:96::11', ipFamilies: ['IPv4', 'IPv6'], selector: { app: 'none' } }),
      service('db', { clusterIP: 'None', selector: { app: 'db' }, ports: [{ name: 'pg', port: 5432, targetPort: 5432 }] }),
      service('empty', { clusterIP: 'None', selector: { app: 'nothing' } }),
      pod('db-0', { labels: { app: 'db' }, ips: ['10.244.0.20'], hostname: 'db-0', subdomain: 'db' }),
      pod('db-1', { labels: { app: 'db' }, ips: ['10.244.0.21'], hostname: 'db-1', subdomain: 'db' }),
      pod('db-x', { labels: { app: 'db' }, ips: ['10.244.0.22'] }),
      pod('db-2', { labels: { app: 'db' }, ips: ['10.244.0.23'], hostname: 'db-2', subdomain: 'db', ready: false }),
    ]);
    await e.api.create(SVC, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext' }, spec: { type: 'ExternalName', externalName: 'db.example.com' } }, user);
    const v = e.store.head();
    const show = (name: string, type: DnsType): string => {
      const a = resolveDns(v, name, type);
      if (a.answers.length === 0) return a.rcode;
      return a.answers.map((r) => (r.type === 'SRV' ? `${r.priority} ${r.weight} ${r.port} ${r.target}` : r.type === 'CNAME' ? `CNAME ${r.target}` : r.address)).join(' | ');
    };
    const table: [string, DnsType, string][] = [
      [`web.default.${Z}`, 'A', '10.96.0.10'],
      [`WEB.default.${Z}.`, 'A', '10.96.0.10'],
      [`web.default.${Z}`, 'AAAA', 'NOERROR'],
      [`dual.default.${Z}`, 'AAAA', 'fd00:10:96::11'],
      [`_http._tcp.web.default.${Z}`, 'SRV', `0 100 80 web.default.${Z}`],
      [`_http._udp.web.default.${Z}`, 'SRV', 'NXDOMAIN'],
      [`_grpc._tcp.web.default.${Z}`, 'SRV', 'NXDOMAIN'],
      [`db.default.${Z}`, 'A', '10.244.0.20 | 10.244.0.21 | 10.244.0.22'],
      [`_pg._tcp.db.default.${Z}`, 'SRV', `0 33 5432 db-0.db.default.${Z} | 0 33 5432 db-1.db.default.${Z} | 0 33 5432 10-244-0-22.db.default.${Z}`],
      [`db-1.db.default.${Z}`, 'A', '10.244.0.21'],
      [`10-244-0-22.db.default.${Z}`, 'A', '10.244.0.22'],
      [`db-2.db.default.${Z}`, 'A', 'NXDOMAIN'],
      [`empty.default.${Z}`, 'A', 'NXDOMAIN'],
      [`ext.default.${Z}`, 'A', 'CNAME db.example.com'],
      [`nope.default.${Z}`, 'A', 'NXDOMAIN'],
      [`web.nowhere.${Z}`, 'A', 'NXDOMAIN'],
      [`default.${Z}`, 'A', 'NOERROR'],
      ['10-244-0-22.default.pod.cluster.local', 'A', '10.244.0.22'],
      ['example.com', 'A', 'SERVFAIL'],
    ];
    for (const [name, type, want] of table) expect(show(name, type), `${type} ${name}`).toBe(want);
    expect(resolveDns(v, `web.default.${Z}`, 'A').answers[0]?.ttl).toBe(30);
  });

  it('names endpoints without hostnames by their dashed IP', () => {
    expect(endpointHostname('10.1.2.3', undefined)).toBe('10-1-2-3');
    expect(endpointHostname('fd00::', undefined)).toBe('fd00--0');
    expect(endpointHostname('10.1.2.3', 'db-0')).toBe('db-0');
  });
});
