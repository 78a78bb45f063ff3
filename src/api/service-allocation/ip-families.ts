/**
 * `ipFamilyPolicy` and `ipFamilies` defaulting, as Kubernetes 1.32's Service
 * storage does it before allocating (initIPFamilyFields in
 * pkg/registry/core/service/storage/alloc.go). It depends on the cluster:
 * a cluster is dual-stack only when both an IPv4 and an IPv6 service CIDR
 * are configured, and the first CIDR's family is the default.
 *
 * - No policy: the old object's on update; `RequireDualStack` for a
 *   headless Service without selector; `SingleStack` otherwise.
 * - Families are inferred from given cluster IPs, the cluster default fills
 *   an empty list, and a non-SingleStack Service on a dual-stack cluster gets
 *   the other family appended.
 * - Refused (422): `RequireDualStack` on a single-stack cluster, a family or
 *   IP of a family the cluster has no CIDR for, two families or IPs with
 *   `SingleStack`, or reducing a dual-stack Service without `SingleStack`.
 *
 * Mutates `spec` (a private copy) and returns the causes of a refusal.
 *
 * @example
 * const spec = { type: 'ClusterIP', selector: { app: 'a' }, ipFamilyPolicy: 'PreferDualStack' };
 * initIpFamilies(spec, undefined, ['IPv4', 'IPv6']); // []
 * spec.ipFamilies; // ['IPv4', 'IPv6']
 */
import { fieldErrors, ipFamilyOf, validateServiceClusterIPsRelatedFields } from '../../model/index.js';
import type { IpFamily, StatusCause } from '../../model/index.js';

export type ServiceSpec = Record<string, unknown>;

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const sameList = (a: unknown, b: unknown): boolean => JSON.stringify(strings(a)) === JSON.stringify(strings(b));
const hasSelector = (spec: ServiceSpec): boolean =>
  typeof spec['selector'] === 'object' && spec['selector'] !== null && Object.keys(spec['selector']).length > 0;
const other = (f: IpFamily): IpFamily => (f === 'IPv4' ? 'IPv6' : 'IPv4');

/**
 * A PreferDualStack Service is not upgraded or downgraded when the cluster
 * changes stack: an update that keeps its policy, IPs and families is left
 * alone (isMatchingPreferDualStackClusterIPFields).
 */
function untouchedPreferDualStack(spec: ServiceSpec, old: ServiceSpec | undefined): boolean {
  if (old === undefined) return false;
  return (
    spec['ipFamilyPolicy'] === 'PreferDualStack' &&
    old['ipFamilyPolicy'] === 'PreferDualStack' &&
    sameList(spec['clusterIPs'], old['clusterIPs']) &&
    sameList(spec['ipFamilies'], old['ipFamilies'])
  );
}

export function initIpFamilies(spec: ServiceSpec, old: ServiceSpec | undefined, cluster: readonly IpFamily[]): StatusCause[] {
  if (spec['type'] === 'ExternalName') return [];
  if (untouchedPreferDualStack(spec, old)) return [];
  const headlessNoSelector = spec['clusterIP'] === 'None' && !hasSelector(spec);
  if (spec['ipFamilyPolicy'] === undefined || spec['ipFamilyPolicy'] === null) {
    if (old !== undefined && typeof old['ipFamilyPolicy'] === 'string') spec['ipFamilyPolicy'] = old['ipFamilyPolicy'];
    else spec['ipFamilyPolicy'] = headlessNoSelector ? 'RequireDualStack' : 'SingleStack';
  }
  const loose = validateServiceClusterIPsRelatedFields(spec);
  if (loose.length > 0) return loose;

  const out: StatusCause[] = [];
  const policyCause = (detail: string): StatusCause => fieldErrors.invalidValue('spec.ipFamilyPolicy', spec['ipFamilyPolicy'], detail);
  if (old !== undefined) {
    if (spec['ipFamilyPolicy'] === 'SingleStack') {
      // Setting SingleStack while leaving the two IPs or families alone is clear intent to release the secondary.
      if (sameList(spec['clusterIPs'], old['clusterIPs']) && strings(spec['clusterIPs']).length > 1) spec['clusterIPs'] = strings(spec['clusterIPs']).slice(0, 1);
      if (sameList(spec['ipFamilies'], old['ipFamilies']) && strings(spec['ipFamilies']).length > 1) spec['ipFamilies'] = strings(spec['ipFamilies']).slice(0, 1);
    } else {
      // Reduced only when given: an absent list is filled in from the old object elsewhere.
      const fewer = (k: string): boolean => strings(spec[k]).length > 0 && strings(spec[k]).length < strings(old[k]).length;
      if (fewer('clusterIPs')) out.push(policyCause("must be 'SingleStack' to release the secondary cluster IP"));
      if (fewer('ipFamilies')) out.push(policyCause("must be 'SingleStack' to release the secondary IP family"));
    }
  }
  if (spec['ipFamilyPolicy'] === 'SingleStack') {
    if (strings(spec['clusterIPs']).length === 2) out.push(policyCause("must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified"));
    if (strings(spec['ipFamilies']).length === 2) out.push(policyCause("must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified"));
  }
  const ips = strings(spec['clusterIPs']);
  const families = strings(spec['ipFamilies']) as IpFamily[];
  for (let i = 0; i < ips.length; i++) {
    const ip = ips[i] as string;
    if (ip === 'None') break;
    const fam = ipFamilyOf(ip) as IpFamily;
    if (i >= families.length) {
      if (!cluster.includes(fam)) out.push(fieldErrors.invalidValue(`spec.clusterIPs[${i}]`, ips, `${fam} is not configured on this cluster`));
      else families.push(fam);
    }
  }
  if (families.length > 0 || spec['ipFamilies'] !== undefined) spec['ipFamilies'] = families;
  if (out.length > 0) return out;

  const primary = cluster[0] ?? 'IPv4';
  if (headlessNoSelector) {
    if (families.length === 0) families.push(primary);
    if (families.length < 2 && spec['ipFamilyPolicy'] !== 'SingleStack') families.push(other(families[0] as IpFamily));
    spec['ipFamilies'] = families;
    return [];
  }
  if (spec['ipFamilyPolicy'] === 'RequireDualStack' && cluster.length < 2) out.push(policyCause('this cluster is not configured for dual-stack services'));
  families.forEach((f, i) => {
    if (!cluster.includes(f)) out.push(fieldErrors.invalidValue(`spec.ipFamilies[${i}]`, f, 'not configured on this cluster'));
  });
  if (out.length > 0) return out;
  if (families.length === 0) families.push(primary);
  if (spec['ipFamilyPolicy'] !== 'SingleStack' && families.length === 1 && cluster.length === 2) families.push(other(families[0] as IpFamily));
  spec['ipFamilies'] = families;
  return [];
}
