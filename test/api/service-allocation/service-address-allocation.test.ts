/**
 * The Service address allocation plugin through the API: defaulting of IP
 * families, cluster IP and node port allocation, the refusals with
 * Kubernetes' messages, updates, release on delete, and concurrent creates.
 */
import { describe, expect, it } from 'vitest';
import { serviceAddressAllocation, type ServiceAllocationOptions } from '../../../src/api/service-allocation/service-address-allocation.js';
import type { KubeObject } from '../../../src/model/index.js';
import { alice, harness, type Harness } from '../harness.js';

const services = (namespace = 'default', name?: string) => ({
  group: '',
  version: 'v1',
  resource: 'services',
  namespace,
  ...(name === undefined ? {} : { name }),
});
const DUAL = ['10.96.0.0/12', 'fd00:10:96::/112'];

async function cluster(opts: Omit<ServiceAllocationOptions, 'log'> = {}): Promise<Harness> {
  const ref: { h?: Harness } = {};
  const plugin = serviceAddressAllocation({ ...opts, log: { keyRev: (k) => ref.h?.log.keyRev(k) ?? 0 } });
  ref.h = await harness(1, { admission: [plugin] });
  return ref.h;
}

function svc(name: string, spec: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: name }, ports: [{ port: 80 }], ...spec } };
}
const specOf = (o: KubeObject): Record<string, unknown> => o['spec'] as Record<string, unknown>;
const create = (h: Harness, o: KubeObject) => h.api.create(services(), o, alice).then(specOf);
const messageOf = (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'no error',
    (e: unknown) => `${(e as { status: { code: number } }).status.code} ${(e as Error).message}`,
  );

describe('cluster IPs', () => {
  it('allocates from the dynamic band of 10.96.0.0/12, one after the other, single-stack by default', async () => {
    const h = await cluster();
    const a = await create(h, svc('a'));
    expect(a).toMatchObject({ clusterIP: '10.96.1.1', clusterIPs: ['10.96.1.1'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' });
    expect((await create(h, svc('b')))['clusterIP']).toBe('10.96.1.2');
  });

  it('honours a requested IP and refuses one already allocated or out of range, with Kubernetes\' messages', async () => {
    const h = await cluster();
    expect(await create(h, svc('dns', { clusterIP: '10.96.0.10' }))).toMatchObject({ clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'] });
    expect(await messageOf(create(h, svc('b', { clusterIP: '10.96.0.10' })))).toBe(
      '422 Service "b" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated',
    );
    expect(await messageOf(create(h, svc('c', { clusterIP: '10.200.0.1' })))).toBe(
      '422 Service "c" is invalid: spec.clusterIPs: Invalid value: []string{"10.200.0.1"}: failed to allocate IP 10.200.0.1: the provided IP (10.200.0.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    );
    expect(await messageOf(create(h, svc('d', { clusterIP: '10.96.0.0' })))).toMatch(/not in the valid range/);
    // Nothing was written for the refusals.
    // (`kubernetes` is the Service the API's bootstrap creates.)
    expect(h.store.head().list({ group: '', resource: 'services' }).map((s) => s.metadata.name)).toEqual(['dns', 'kubernetes']);
  });

  it('gives headless and ExternalName Services no address', async () => {
    const h = await cluster();
    expect(await create(h, svc('h', { clusterIP: 'None' }))).toMatchObject({ clusterIP: 'None', clusterIPs: ['None'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' });
    // Headless without a selector defaults to RequireDualStack and both families, even on a single-stack cluster.
    const bare = await create(h, { ...svc('bare', { clusterIP: 'None' }), spec: { clusterIP: 'None', ports: [{ port: 80 }] } });
    expect(bare).toMatchObject({ clusterIPs: ['None'], ipFamilies: ['IPv4', 'IPv6'], ipFamilyPolicy: 'RequireDualStack' });
    const ext = await create(h, { ...svc('ext'), spec: { type: 'ExternalName', externalName: 'db.example.com' } });
    expect([ext['clusterIP'], ext['clusterIPs'], ext['ipFamilies'], ext['ipFamilyPolicy']]).toEqual([undefined, undefined, undefined, undefined]);
    expect((await create(h, svc('next')))['clusterIP']).toBe('10.96.1.1');
  });

  it('refuses malformed cluster IP fields through validation first', async () => {
    const h = await cluster();
    expect(await messageOf(create(h, svc('x', { clusterIP: '10.96.0.300' })))).toBe(
      '422 Service "x" is invalid: spec.clusterIPs[0]: Invalid value: "10.96.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    );
    expect(await messageOf(create(h, svc('y', { clusterIP: '10.96.0.5', clusterIPs: ['10.96.0.6'] })))).toBe(
      '422 Service "y" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.6"}: first value must match `clusterIP`',
    );
    expect(await messageOf(create(h, svc('z', { type: 'NodePort', clusterIP: 'None' })))).toBe(
      '422 Service "z" is invalid: spec.clusterIPs[0]: Invalid value: "None": may not be set to \'None\' for NodePort services',
    );
  });

  it('fails with 500 when the range is full (the first address stays for the kubernetes Service)', async () => {
    const h = await cluster({ serviceCIDRs: ['10.0.0.0/29'] });
    const got = [];
    for (const n of ['a', 'b', 'c', 'd', 'e']) got.push((await create(h, svc(n)))['clusterIP']);
    expect(got).toEqual(['10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5', '10.0.0.6']);
    expect(await messageOf(create(h, svc('f')))).toBe('500 Internal error occurred: failed to allocate a serviceIP: range is full');
    expect(specOf(h.api.get(services('default', 'kubernetes')))['clusterIP']).toBe('10.0.0.1');
  });

  it('releases an address when its Service is deleted', async () => {
    const h = await cluster();
    await create(h, svc('a', { clusterIP: '10.96.0.10' }));
    await h.api.delete(services('default', 'a'), alice);
    expect((await create(h, svc('b', { clusterIP: '10.96.0.10' })))['clusterIP']).toBe('10.96.0.10');
  });

  it('shows the network address and holds nothing on a dry run', async () => {
    const h = await cluster();
    const dry = specOf(await h.api.create(services(), svc('a'), { ...alice, dryRun: true }));
    expect(dry['clusterIPs']).toEqual(['10.96.0.0']);
    expect((await create(h, svc('a')))['clusterIP']).toBe('10.96.1.1');
  });
});

type Row = [policy: string | undefined, families: string[] | undefined, expected: string[] | string];
const FAMILY_CAUSE = 'spec.ipFamilies[0]: Invalid value: "IPv6": not configured on this cluster';
const DUAL_CAUSE = 'spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services';
const MULTI_CAUSE = 'spec.ipFamilyPolicy: Invalid value: "SingleStack": must be \'RequireDualStack\' or \'PreferDualStack\' when multiple IP families are specified';

describe('ipFamilyPolicy × ipFamilies × cluster stack', () => {
  const singleStack: Row[] = [
    [undefined, undefined, ['SingleStack', 'IPv4']],
    [undefined, ['IPv4'], ['SingleStack', 'IPv4']],
    [undefined, ['IPv6'], FAMILY_CAUSE],
    [undefined, ['IPv6', 'IPv4'], MULTI_CAUSE],
    ['SingleStack', undefined, ['SingleStack', 'IPv4']],
    ['SingleStack', ['IPv4'], ['SingleStack', 'IPv4']],
    ['SingleStack', ['IPv6'], FAMILY_CAUSE],
    ['SingleStack', ['IPv6', 'IPv4'], MULTI_CAUSE],
    ['PreferDualStack', undefined, ['PreferDualStack', 'IPv4']],
    ['PreferDualStack', ['IPv4'], ['PreferDualStack', 'IPv4']],
    ['PreferDualStack', ['IPv6'], FAMILY_CAUSE],
    ['PreferDualStack', ['IPv6', 'IPv4'], FAMILY_CAUSE],
    ['RequireDualStack', undefined, DUAL_CAUSE],
    ['RequireDualStack', ['IPv4'], DUAL_CAUSE],
    ['RequireDualStack', ['IPv6'], `[${DUAL_CAUSE}, ${FAMILY_CAUSE}]`],
    ['RequireDualStack', ['IPv4', 'IPv6'], `[${DUAL_CAUSE}, spec.ipFamilies[1]: Invalid value: "IPv6": not configured on this cluster]`],
  ];
  const dualStack: Row[] = [
    [undefined, undefined, ['SingleStack', 'IPv4', '10.96.1.1']],
    [undefined, ['IPv4'], ['SingleStack', 'IPv4', '10.96.1.1']],
    [undefined, ['IPv6'], ['SingleStack', 'IPv6', 'fd00:10:96::101']],
    [undefined, ['IPv6', 'IPv4'], MULTI_CAUSE],
    ['SingleStack', ['IPv6'], ['SingleStack', 'IPv6', 'fd00:10:96::101']],
    ['SingleStack', ['IPv4', 'IPv6'], MULTI_CAUSE],
    ['PreferDualStack', undefined, ['PreferDualStack', 'IPv4', 'IPv6', '10.96.1.1', 'fd00:10:96::101']],
    ['PreferDualStack', ['IPv6'], ['PreferDualStack', 'IPv6', 'IPv4', 'fd00:10:96::101', '10.96.1.1']],
    ['PreferDualStack', ['IPv6', 'IPv4'], ['PreferDualStack', 'IPv6', 'IPv4', 'fd00:10:96::101', '10.96.1.1']],
    ['RequireDualStack', undefined, ['RequireDualStack', 'IPv4', 'IPv6', '10.96.1.1', 'fd00:10:96::101']],
    ['RequireDualStack', ['IPv4'], ['RequireDualStack', 'IPv4', 'IPv6', '10.96.1.1', 'fd00:10:96::101']],
    ['RequireDualStack', ['IPv6', 'IPv4'], ['RequireDualStack', 'IPv6', 'IPv4', 'fd00:10:96::101', '10.96.1.1']],
  ];
  const run = async (cidrs: string[], [policy, families, expected]: Row) => {
    const h = await cluster({ serviceCIDRs: cidrs });
    const body = svc('s', { ...(policy === undefined ? {} : { ipFamilyPolicy: policy }), ...(families === undefined ? {} : { ipFamilies: families }) });
    if (typeof expected === 'string') {
      expect(await messageOf(create(h, body))).toBe(`422 Service "s" is invalid: ${expected}`);
      return;
    }
    const s = await create(h, body);
    const fams = s['ipFamilies'] as string[];
    const got = [s['ipFamilyPolicy'] as string, ...fams];
    expect(expected.length > 1 + fams.length ? [...got, ...(s['clusterIPs'] as string[])] : got).toEqual(expected);
  };
  it.each(singleStack)('single-stack IPv4: policy %s, families %j', async (...row) => run(['10.96.0.0/12'], row));
  it.each(dualStack)('dual-stack IPv4/IPv6: policy %s, families %j', async (...row) => run(DUAL, row));

  it('takes the primary family from the first CIDR (IPv6-primary dual stack)', async () => {
    const h = await cluster({ serviceCIDRs: ['fd00:10:96::/112', '10.96.0.0/16'] });
    expect(await create(h, svc('a', { ipFamilyPolicy: 'PreferDualStack' }))).toMatchObject({
      ipFamilies: ['IPv6', 'IPv4'],
      clusterIPs: ['fd00:10:96::101', '10.96.1.1'],
    });
    expect(await messageOf(create(h, svc('b', { clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10', '10.96.0.11'], ipFamilyPolicy: 'RequireDualStack' })))).toBe(
      '422 Service "b" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10", "10.96.0.11"}: may specify no more than one IP for each IP family',
    );
  });

  it('infers families from requested IPs and refuses a family the cluster lacks', async () => {
    const h = await cluster();
    expect(await messageOf(create(h, svc('a', { clusterIP: 'fd00::10' })))).toBe(
      '422 Service "a" is invalid: spec.clusterIPs[0]: Invalid value: []string{"fd00::10"}: IPv6 is not configured on this cluster',
    );
    const d = await cluster({ serviceCIDRs: DUAL });
    expect(await create(d, svc('b', { clusterIP: 'fd00:10:96::10', ipFamilyPolicy: 'PreferDualStack' }))).toMatchObject({
      ipFamilies: ['IPv6', 'IPv4'],
      clusterIPs: ['fd00:10:96::10', '10.96.1.1'],
    });
    expect(await messageOf(create(d, svc('c', { clusterIP: 'fd00:10:96::10', ipFamilyPolicy: 'PreferDualStack' })))).toBe(
      '422 Service "c" is invalid: spec.clusterIPs: Invalid value: []string{"fd00:10:96::10", ""}: failed to allocate IP fd00:10:96::10: provided IP is already allocated',
    );
  });
});
