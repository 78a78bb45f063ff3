/** The slice packing decisions (Kubernetes 1.32 reconciler.go) as a table over small cases. */
import type { Endpoint, EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import { describe, expect, it } from 'vitest';
import { reconcileSlices } from '../../../src/controllers/endpoint-slice/reconcile-slices.js';
import type { AddressType, PortGroup } from '../../../src/controllers/endpoint-slice/slice-endpoint.js';
import { portsKey } from '../../../src/controllers/endpoint-slice/slice-endpoint.js';
import type { Command } from '../../../src/model/index.js';

const PORTS = [{ name: '', port: 8080, protocol: 'TCP' }];
const LABELS = { 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' };
const T = { namespace: 'default', generateName: 'web-', labels: LABELS, ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: 'u', controller: true }], triggerTime: undefined, triggerAnnotation: 'x' };

const ep = (n: number, ready = true): Endpoint => ({
  addresses: [`10.0.0.${n}`],
  conditions: { ready, serving: ready, terminating: false },
  targetRef: { kind: 'Pod', namespace: 'default', name: `p${n}`, uid: `u${n}` },
});
const desired = (eps: Endpoint[], type: AddressType = 'IPv4'): Map<AddressType, Map<string, PortGroup>> =>
  new Map([[type, eps.length === 0 ? new Map() : new Map([[portsKey(PORTS), { ports: PORTS, endpoints: eps }]])]]);
const slice = (name: string, eps: Endpoint[], ports = PORTS, type = 'IPv4'): EndpointSlice => ({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name, namespace: 'default', labels: { ...LABELS } },
  addressType: type,
  endpoints: eps,
  ports,
});
const summary = (cs: Command[]): string[] =>
  cs.map((c) => {
    if (c.type === 'delete' || c.type === 'patch') return `${c.type} ${c.ref.name}`;
    const o = c.object as unknown as EndpointSlice;
    return `${c.type} ${o.metadata?.name ?? o.metadata?.generateName ?? ''} ${o.addressType}:${(o.endpoints ?? []).length}`;
  });
const range = (a: number, b: number): Endpoint[] => Array.from({ length: b - a }, (_, i) => ep(a + i));

describe('reconcileSlices', () => {
  it.each<[string, Endpoint[], EndpointSlice[], string[], number?]>([
    ['a new Service with no pods gets a placeholder', [], [], ['create web- IPv4:0']],
    ['the placeholder is kept while there are no pods', [], [slice('web-a', [], [])], []],
    ['the first endpoints reuse the placeholder (create + delete → update)', [ep(1)], [slice('web-a', [], [])], ['update web-a IPv4:1']],
    ['an unchanged slice is left alone', [ep(1)], [slice('web-a', [ep(1)])], []],
    ['a changed endpoint updates its slice in place', [ep(1, false)], [slice('web-a', [ep(1)])], ['update web-a IPv4:1']],
    ['an emptied slice goes, replaced by the placeholder', [], [slice('web-a', [ep(1)])], ['update web-a IPv4:0']],
    ['250 endpoints make three slices of at most 100', range(0, 250), [], ['create web- IPv4:100', 'create web- IPv4:100', 'create web- IPv4:50']],
    ['a few more go into the untouched slice closest to full', [...range(0, 60), ...range(100, 190), 200, 201].map((x) => (typeof x === 'number' ? ep(x) : x)), [slice('web-a', range(0, 60)), slice('web-b', range(100, 190))], ['update web-b IPv4:92']],
    ['a slice of another port set is deleted when a new one is made', [ep(1)], [slice('web-a', [ep(1)], [{ name: '', port: 9090, protocol: 'TCP' }])], ['update web-a IPv4:1']],
    ['a slice of an address type no longer wanted goes', [ep(1)], [slice('web-a', [ep(1)]), slice('web-b', [], PORTS, 'IPv6')], ['delete web-b']],
    ['a small max packs tightly', range(0, 5), [], ['create web- IPv4:2', 'create web- IPv4:2', 'create web- IPv4:1'], 2],
  ])('%s', (_name, want, existing, expected, max) => {
    expect(summary(reconcileSlices(desired(want), existing, T, max))).toEqual(expected);
  });

  it('updates a slice whose labels drifted from the Service’s', () => {
    const drifted = { ...slice('web-a', [ep(1)]), metadata: { name: 'web-a', namespace: 'default', labels: { ...LABELS, team: 'old' } } };
    const cs = reconcileSlices(desired([ep(1)]), [drifted], T);
    expect(summary(cs)).toEqual(['update web-a IPv4:1']);
    expect((cs[0] as unknown as { object: EndpointSlice }).object.metadata?.labels).toEqual(LABELS);
  });

  it('sets the owner, generateName, ports and trigger time on new slices', () => {
    const cs = reconcileSlices(desired([ep(1)]), [], { ...T, triggerTime: '2026-01-01T00:00:05Z' });
    const o = (cs[0] as unknown as { object: EndpointSlice }).object;
    expect(o.metadata).toMatchObject({ generateName: 'web-', namespace: 'default', ownerReferences: T.ownerReferences, annotations: { x: '2026-01-01T00:00:05Z' } });
    expect(o.ports).toEqual(PORTS);
  });
});
