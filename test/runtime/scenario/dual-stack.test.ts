/**
 * fixtures/dual-stack.yaml: the Service address allocation on a dual-stack
 * cluster (10.96.0.0/16 + fd00:10:96::/112) run with the built-in control
 * plane, checked at its end and along the way, and replayed.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/model/index.js';
import { replayFixture, runFixture } from './run-fixture.js';

interface ServiceSpec {
  clusterIP?: string;
  clusterIPs?: string[];
  ipFamilies?: string[];
  ipFamilyPolicy?: string;
  ports?: { nodePort?: number }[];
}
const spec = (o: KubeObject | undefined): ServiceSpec => (o?.['spec'] as ServiceSpec | undefined) ?? {};

describe('fixtures/dual-stack.yaml', () => {
  it('allocates each Service the families its policy asks for, upgrades one, refuses a taken IP, and replays without divergence', async () => {
    const run = await runFixture('fixtures/dual-stack.yaml');
    expect(run.result.stable).toBe(true);
    const head = run.store.head();
    const svc = (name: string): ServiceSpec => spec(head.get(`core/services/default/${name}`));
    const summary = (name: string) => {
      const s = svc(name);
      return [s.ipFamilyPolicy, s.ipFamilies, s.clusterIPs];
    };
    // Dynamic allocations start at the first address above the static band (offset 256 in both CIDRs).
    expect(summary('web-prefer')).toEqual(['PreferDualStack', ['IPv4', 'IPv6'], ['10.96.1.2', 'fd00:10:96::101']]);
    expect(summary('web-v6')).toEqual(['SingleStack', ['IPv6'], ['fd00:10:96::102']]);
    expect(summary('web-require')).toEqual(['RequireDualStack', ['IPv6', 'IPv4'], ['fd00:10:96::103', '10.96.1.3']]);
    expect(summary('web-headless')).toEqual(['PreferDualStack', ['IPv4', 'IPv6'], ['None']]);
    expect(summary('web-nodeport')).toEqual(['RequireDualStack', ['IPv4', 'IPv6'], ['10.96.1.4', 'fd00:10:96::104']]);
    expect(svc('web-nodeport').ports?.[0]?.nodePort).toBe(30086);
    expect(summary('dns')).toEqual(['PreferDualStack', ['IPv4', 'IPv6'], ['10.96.0.10', 'fd00:10:96::105']]);
    // web-single started IPv4-only and gained an IPv6 address when upgraded at 2m, keeping its IPv4 one.
    const writes = run.records.flatMap((r) => (r.type === 'write' && r.key === 'core/services/default/web-single' ? [r] : []));
    expect(spec(run.store.at(writes[0]!.rev).get('core/services/default/web-single')).clusterIPs).toEqual(['10.96.1.1']);
    expect(summary('web-single')).toEqual(['PreferDualStack', ['IPv4', 'IPv6'], ['10.96.1.1', 'fd00:10:96::106']]);
    // The copy asking for the same address was refused and never written.
    expect(head.get('core/services/default/dns-copy')).toBeUndefined();
    expect(run.result.warnings).toEqual([
      'apply Service/dns-copy: Service "dns-copy" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated',
    ]);
    // No two Services share an address.
    const all = head.list({ group: '', resource: 'services' }).flatMap((s) => spec(s).clusterIPs ?? []).filter((ip) => ip !== 'None');
    expect(new Set(all).size).toBe(all.length);
    // Pods on dual-stack nodes get an address of each family.
    for (const p of head.list({ group: '', resource: 'pods', namespace: 'default' })) {
      const ips = ((p['status'] as { podIPs?: { ip: string }[] }).podIPs ?? []).map((x) => x.ip);
      expect(ips).toHaveLength(2);
      expect(ips[1]).toMatch(/^fd00:10:244:/);
    }
    const report = await replayFixture(run);
    expect(report.divergence).toBeUndefined();
  });
});
