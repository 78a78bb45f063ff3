import { describe, expect, it } from 'vitest';
import { ipFamilyOf, parseIpSloppy, validateServiceClusterIPsRelatedFields, validateServiceSpec, validateServiceUpdate } from '../../../src/model/validation/service.js';

const lines = (cs: readonly { field?: string; message: string }[]) => cs.map((c) => (c.field === undefined ? c.message : `${c.field}: ${c.message}`));
const base = { sessionAffinity: 'None', selector: { app: 'a' }, ports: [{ port: 80 }] };

describe('IP parsing as Go sloppy-parses', () => {
  it.each([
    ['10.96.0.1', 'IPv4'],
    ['010.096.000.001', 'IPv4'],
    ['fd00:10:96::1', 'IPv6'],
    ['::ffff:10.0.0.1', 'IPv4'],
    ['10.1', undefined],
    ['0x0a.0.0.1', undefined],
    ['256.0.0.1', undefined],
    ['fe80::1%eth0', undefined],
    ['', undefined],
  ])('%s → %s', (text, family) => {
    expect(ipFamilyOf(text)).toBe(family);
  });
  it('reads leading zeros as decimal', () => {
    expect(parseIpSloppy('010.096.000.010')?.toString()).toBe('10.96.0.10');
  });
});

describe('validateServiceClusterIPsRelatedFields', () => {
  it.each([
    [{ clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1', 'fd00::1'], ipFamilies: ['IPv4', 'IPv6'], ipFamilyPolicy: 'RequireDualStack' }, []],
    [{ clusterIP: '10.0.0.1' }, []],
    [{ clusterIPs: ['10.0.0.1'] }, ['spec.clusterIPs: Invalid value: []string{"10.0.0.1"}: must be empty when `clusterIP` is not specified']],
    [{ clusterIP: 'None', clusterIPs: ['None', '10.0.0.1'] }, ['spec.clusterIPs: Invalid value: []string{"None", "10.0.0.1"}: \'None\' must be the first and only value']],
    [{ clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1', '10.0.0.2'] }, ['spec.clusterIPs: Invalid value: []string{"10.0.0.1", "10.0.0.2"}: may specify no more than one IP for each IP family']],
    [
      { clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1', 'fd00::1', '10.0.0.2'] },
      ['spec.clusterIPs: Invalid value: []string{"10.0.0.1", "fd00::1", "10.0.0.2"}: may only hold up to 2 values', 'spec.clusterIPs: Invalid value: []string{"10.0.0.1", "fd00::1", "10.0.0.2"}: may specify no more than one IP for each IP family'],
    ],
    [{ ipFamilies: ['IPv4', 'IPv4'] }, ['spec.ipFamilies[1]: Duplicate value: "IPv4"']],
    [{ ipFamilies: ['IPv5'] }, ['spec.ipFamilies[0]: Unsupported value: "IPv5": supported values: "IPv4", "IPv6"']],
    [{ ipFamilyPolicy: 'Dual' }, ['spec.ipFamilyPolicy: Unsupported value: "Dual": supported values: "PreferDualStack", "RequireDualStack", "SingleStack"']],
    [{ clusterIP: 'fd00::1', ipFamilies: ['IPv4'] }, ['spec.clusterIPs[0]: Invalid value: "fd00::1": expected an IPv4 value as indicated by `ipFamilies[0]`']],
    [{ clusterIP: '10.0.0.1', ipFamilies: ['IPv6'] }, ['spec.clusterIPs[0]: Invalid value: "10.0.0.1": expected an IPv6 value as indicated by `ipFamilies[0]`']],
    [{ type: 'ExternalName', clusterIPs: ['junk'] }, []],
  ])('%j', (spec, expected) => {
    expect(lines(validateServiceClusterIPsRelatedFields(spec))).toEqual(expected);
  });
});

describe('validateServiceSpec', () => {
  it('refuses cluster IP fields on ExternalName and None on NodePort/LoadBalancer', () => {
    expect(lines(validateServiceSpec({ type: 'ExternalName', externalName: 'x.example', clusterIPs: ['10.0.0.1'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' }))).toEqual([
      'spec.clusterIPs: Forbidden: may not be set for ExternalName services',
      'spec.ipFamilies: Forbidden: may not be set for ExternalName services',
      'spec.ipFamilyPolicy: Forbidden: may not be set for ExternalName services',
    ]);
    expect(lines(validateServiceSpec({ ...base, type: 'LoadBalancer', externalTrafficPolicy: 'Cluster', clusterIP: 'None' }))).toEqual([
      "spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for LoadBalancer services",
    ]);
  });

  it('allows externalTrafficPolicy only on externally-accessible Services and a health-check port only for Local load balancers', () => {
    expect(lines(validateServiceSpec({ ...base, externalTrafficPolicy: 'Local' }))).toEqual([
      'spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services',
    ]);
    expect(validateServiceSpec({ ...base, externalIPs: ['198.51.100.1'], externalTrafficPolicy: 'Local' })).toEqual([]);
    expect(lines(validateServiceSpec({ ...base, type: 'NodePort' }))).toEqual(['spec.externalTrafficPolicy: Required value']);
    expect(lines(validateServiceSpec({ ...base, type: 'NodePort', externalTrafficPolicy: 'Cluster', healthCheckNodePort: 30100 }))).toEqual([
      "spec.healthCheckNodePort: Invalid value: 30100: may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
    ]);
    expect(validateServiceSpec({ ...base, type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 30100 })).toEqual([]);
  });
});

describe('validateServiceUpdate', () => {
  const svc = (spec: Record<string, unknown>) => ({ spec: { ...base, ...spec } });
  const v4 = { clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' };
  const dual = { clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1', 'fd00::1'], ipFamilies: ['IPv4', 'IPv6'], ipFamilyPolicy: 'PreferDualStack' };
  it.each([
    ['unchanged', v4, v4, []],
    ['upgrade', v4, dual, []],
    ['downgrade with SingleStack', dual, { ...v4 }, []],
    ['changed primary', v4, { ...v4, clusterIP: '10.0.0.2', clusterIPs: ['10.0.0.2'] }, ['spec.clusterIPs[0]: Invalid value: []string{"10.0.0.2"}: may not change once set']],
    [
      'downgrade without SingleStack',
      dual,
      { ...dual, clusterIPs: ['10.0.0.1'], ipFamilies: ['IPv4'] },
      [
        'spec.ipFamilyPolicy: Invalid value: "PreferDualStack": must be set to \'SingleStack\' when releasing the secondary clusterIP',
        'spec.ipFamilyPolicy: Invalid value: "PreferDualStack": must be set to \'SingleStack\' when releasing the secondary ipFamily',
      ],
    ],
    ['changed family', v4, { ...v4, clusterIP: 'fd00::1', clusterIPs: ['fd00::1'], ipFamilies: ['IPv6'] }, [
      'spec.clusterIPs[0]: Invalid value: []string{"fd00::1"}: may not change once set',
      'spec.ipFamilies[0]: Invalid value: []core.IPFamily{"IPv6"}: may not change once set',
    ]],
    ['to ExternalName', v4, { type: 'ExternalName', externalName: 'x.example' }, []],
    ['legacy singular field', { clusterIP: '10.0.0.1' }, { clusterIP: '10.0.0.2' }, ['spec.clusterIP: Invalid value: "10.0.0.2": field is immutable']],
  ])('%s', (_name, a, b, expected) => {
    expect(lines(validateServiceUpdate(svc(a), svc(b)))).toEqual(expected);
  });
});
