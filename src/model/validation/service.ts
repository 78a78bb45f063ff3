/**
 * Service validation (core/v1) as Kubernetes 1.32's ValidateService and
 * ValidateServiceUpdate: ports, type-dependent fields, the linked
 * clusterIP/clusterIPs/ipFamilies/ipFamilyPolicy fields, and the update
 * rules (a cluster IP or IP family never changes once set; a secondary one
 * may be added, or released with `SingleStack`).
 */
import ipaddr from 'ipaddr.js';
import type { StatusCause } from '../status.js';
import { validateLabels } from '../labels/label-selector.js';
import { arr, deepEqual, isInt, obj, str, type Obj } from './access.js';
import { child, duplicate, forbidden, index, invalidValue, notSupported, required } from './field-errors.js';
import { isDns1123Label, isDns1123Subdomain, isValidPortName, isValidPortNum } from './identifiers.js';

const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

export function validateServiceSpec(spec: unknown, path = 'spec'): StatusCause[] {
  const s = obj(spec);
  const out: StatusCause[] = [];
  const type = s.type === undefined ? 'ClusterIP' : str(s.type);
  if (!TYPES.includes(type)) out.push(notSupported(child(path, 'type'), s.type, TYPES));
  const headless = s.clusterIP === 'None';
  const ports = arr(s.ports);
  if (ports.length === 0 && !headless && type !== 'ExternalName') out.push(required(child(path, 'ports')));
  const names = new Set<string>();
  const seen = new Set<string>();
  ports.forEach((raw, i) => {
    const p = index(child(path, 'ports'), i);
    const port = obj(raw);
    const name = str(port.name);
    if (ports.length > 1 && name === '') out.push(required(child(p, 'name')));
    else if (name !== '') {
      out.push(...isDns1123Label(name).map((m) => invalidValue(child(p, 'name'), name, m)));
      if (names.has(name)) out.push(duplicate(child(p, 'name'), name));
      names.add(name);
    }
    if (!isInt(port.port) || port.port === 0) out.push(required(child(p, 'port')));
    else out.push(...isValidPortNum(port.port).map((m) => invalidValue(child(p, 'port'), port.port, m)));
    const proto = port.protocol === undefined ? 'TCP' : str(port.protocol);
    if (!PROTOCOLS.includes(proto)) out.push(notSupported(child(p, 'protocol'), port.protocol, PROTOCOLS));
    const key = `${String(port.port)}/${proto}`;
    if (seen.has(key)) out.push(duplicate(p, { port: port.port, protocol: proto }));
    seen.add(key);
    const tp = port.targetPort;
    if (typeof tp === 'string') out.push(...isValidPortName(tp).map((m) => invalidValue(child(p, 'targetPort'), tp, m)));
    else if (tp !== undefined && tp !== 0) out.push(...(isInt(tp) ? isValidPortNum(tp) : ['must be an integer or a port name']).map((m) => invalidValue(child(p, 'targetPort'), tp, m)));
    if (port.nodePort !== undefined && port.nodePort !== 0) {
      if (type !== 'NodePort' && type !== 'LoadBalancer') out.push(forbidden(child(p, 'nodePort'), `may not be used when \`type\` is '${type}'`));
      else out.push(...(isInt(port.nodePort) ? isValidPortNum(port.nodePort) : ['must be an integer']).map((m) => invalidValue(child(p, 'nodePort'), port.nodePort, m)));
    }
  });
  const clusterIPs = arr(s.clusterIPs);
  if (type === 'ExternalName') {
    const en = str(s.externalName);
    if (en === '') out.push(required(child(path, 'externalName')));
    else out.push(...isDns1123Subdomain(en.endsWith('.') ? en.slice(0, -1) : en).map((m) => invalidValue(child(path, 'externalName'), en, m)));
    if (clusterIPs.length > 0) out.push(forbidden(child(path, 'clusterIPs'), 'may not be set for ExternalName services'));
    else if (str(s.clusterIP) !== '') out.push(forbidden(child(path, 'clusterIP'), 'may not be set for ExternalName services'));
    if (arr(s.ipFamilies).length > 0) out.push(forbidden(child(path, 'ipFamilies'), 'may not be set for ExternalName services'));
    if (s.ipFamilyPolicy !== undefined && s.ipFamilyPolicy !== null) out.push(forbidden(child(path, 'ipFamilyPolicy'), 'may not be set for ExternalName services'));
  } else if ((type === 'NodePort' || type === 'LoadBalancer') && isHeadless(s)) {
    out.push(invalidValue(index(child(path, 'clusterIPs'), 0), 'None', `may not be set to 'None' for ${type} services`));
  }
  out.push(...validateServiceClusterIPsRelatedFields(s, path));
  out.push(...validateLabels(s.selector, child(path, 'selector')));
  const sa = s.sessionAffinity;
  if (sa === undefined || sa === '') {
    if (type !== 'ExternalName') out.push(required(child(path, 'sessionAffinity')));
  } else if (sa !== 'ClientIP' && sa !== 'None') out.push(notSupported(child(path, 'sessionAffinity'), sa, ['ClientIP', 'None']));
  const etp = s.externalTrafficPolicy;
  const externallyAccessible = type === 'NodePort' || type === 'LoadBalancer' || (type === 'ClusterIP' && arr(s.externalIPs).length > 0);
  if (!externallyAccessible) {
    if (etp !== undefined && etp !== '') out.push(invalidValue(child(path, 'externalTrafficPolicy'), etp, 'may only be set for externally-accessible services'));
  } else if (etp === undefined || etp === '') out.push(required(child(path, 'externalTrafficPolicy')));
  else if (etp !== 'Cluster' && etp !== 'Local') out.push(notSupported(child(path, 'externalTrafficPolicy'), etp, ['Cluster', 'Local']));
  // healthCheckNodePort: refused where it does not apply; where it does, the allocation admission fills it in.
  const hc = s.healthCheckNodePort;
  if (hc !== undefined && hc !== 0) {
    if (!(type === 'LoadBalancer' && etp === 'Local')) {
      out.push(invalidValue(child(path, 'healthCheckNodePort'), hc, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
    } else out.push(...(isInt(hc) ? isValidPortNum(hc) : ['must be an integer']).map((m) => invalidValue(child(path, 'healthCheckNodePort'), hc, m)));
  }
  return out;
}

/**
 * The update rules: with `clusterIPs` filled (what the allocation admission
 * writes), Kubernetes' upgrade/downgrade checks; for an object that only
 * ever carried the singular `clusterIP`, that field is immutable.
 */
export function validateServiceUpdate(oldObj: Obj, newObj: Obj): StatusCause[] {
  const o = obj(oldObj.spec);
  const n = obj(newObj.spec);
  if (n.type === 'ExternalName' || o.type === 'ExternalName') return [];
  if (arr(o.clusterIPs).length === 0 && arr(n.clusterIPs).length === 0) {
    const oldIP = str(o.clusterIP);
    if (oldIP === '') return [];
    return deepEqual(oldIP, n.clusterIP ?? '') ? [] : [invalidValue('spec.clusterIP', n.clusterIP ?? '', 'field is immutable')];
  }
  return [...upgradeDowngradeClusterIPs(o, n), ...upgradeDowngradeIPFamilies(o, n)];
}

const IP_FAMILIES = ['IPv4', 'IPv6'];
const IP_FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];

/** Go's `ParseIPSloppy`: dotted-quad IPv4 (leading zeros allowed) or IPv6; an IPv4-mapped IPv6 address counts as IPv4. */
export function parseIpSloppy(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  if (!text.includes(':')) {
    // Decimal only (ipaddr.js would also read `10.1`, hex and octal, which Go refuses or reads as decimal).
    if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) return undefined;
    const octets = text.split('.').map(Number);
    return octets.every((o) => o <= 255) ? new ipaddr.IPv4(octets) : undefined;
  }
  if (text.includes('%') || !ipaddr.IPv6.isValid(text)) return undefined;
  const addr = ipaddr.IPv6.parse(text);
  return addr.isIPv4MappedAddress() ? addr.toIPv4Address() : addr;
}

export type IpFamily = 'IPv4' | 'IPv6';

/** `IPv4` or `IPv6` for a valid IP, undefined otherwise. */
export function ipFamilyOf(text: string): IpFamily | undefined {
  const a = parseIpSloppy(text);
  return a === undefined ? undefined : a.kind() === 'ipv4' ? 'IPv4' : 'IPv6';
}

/** `clusterIPs: ["None"]`, the headless form (after `clusterIP` and `clusterIPs` are synced). */
export function isHeadless(spec: Obj): boolean {
  const ips = arr(spec.clusterIPs);
  return ips.length === 0 ? spec.clusterIP === 'None' : ips.length === 1 && ips[0] === 'None';
}

/**
 * ValidateServiceClusterIPsRelatedFields: `clusterIP` and `clusterIPs[0]`
 * agree, families and policy are known values, addresses are valid and at
 * most one per family, and each matches its `ipFamilies` entry. A `clusterIP`
 * without `clusterIPs` counts as `clusterIPs: [clusterIP]` (what the API
 * fills in before validating).
 */
export function validateServiceClusterIPsRelatedFields(spec: unknown, path = 'spec'): StatusCause[] {
  const s = obj(spec);
  if (s.type === 'ExternalName') return [];
  const out: StatusCause[] = [];
  const ipsField = child(path, 'clusterIPs');
  const familiesField = child(path, 'ipFamilies');
  const clusterIP = str(s.clusterIP);
  const given = arr(s.clusterIPs);
  const ips = given.length === 0 && clusterIP !== '' ? [clusterIP] : given.map(str);
  if (clusterIP !== '') {
    if (ips[0] !== clusterIP) out.push(invalidValue(ipsField, ips, 'first value must match `clusterIP`'));
  } else if (ips.length !== 0) out.push(invalidValue(ipsField, ips, 'must be empty when `clusterIP` is not specified'));
  const families = arr(s.ipFamilies);
  const seen = new Set<unknown>();
  families.forEach((f, i) => {
    if (!IP_FAMILIES.includes(str(f))) out.push(notSupported(index(familiesField, i), f, IP_FAMILIES));
    if (seen.has(f)) out.push(duplicate(index(familiesField, i), f));
    seen.add(f);
  });
  const policy = s.ipFamilyPolicy;
  if (policy !== undefined && policy !== null && !IP_FAMILY_POLICIES.includes(str(policy))) {
    out.push(notSupported(child(path, 'ipFamilyPolicy'), policy, IP_FAMILY_POLICIES));
  }
  let badIPs = false;
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) {
        badIPs = true;
        out.push(invalidValue(ipsField, ips, "'None' must be the first and only value"));
      }
      return;
    }
    if (parseIpSloppy(ip) === undefined) {
      badIPs = true;
      out.push(invalidValue(index(ipsField, i), ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
    }
  });
  if (ips.length > 2) out.push(invalidValue(ipsField, ips, 'may only hold up to 2 values'));
  if (badIPs) return out;
  if (ips.length > 1 && (ips.length !== 2 || ipFamilyOf(ips[0] ?? '') === ipFamilyOf(ips[1] ?? ''))) {
    out.push(invalidValue(ipsField, ips, 'may specify no more than one IP for each IP family'));
  }
  if (!(ips.length === 1 && ips[0] === 'None')) {
    ips.forEach((ip, i) => {
      const want = families[i];
      if (want === undefined) return;
      const got = ipFamilyOf(ip);
      if (want === 'IPv4' && got === 'IPv6') out.push(invalidValue(index(ipsField, i), ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      if (want === 'IPv6' && got !== 'IPv6') out.push(invalidValue(index(ipsField, i), ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
    });
  }
  return out;
}

function upgradeDowngradeClusterIPs(o: Obj, n: Obj): StatusCause[] {
  if (isHeadless(o) && isHeadless(n)) return [];
  const oldIPs = arr(o.clusterIPs);
  const ips = arr(n.clusterIPs);
  const out: StatusCause[] = [];
  const first = 'spec.clusterIPs[0]';
  if (oldIPs.length === ips.length) {
    oldIPs.forEach((ip, i) => {
      if (ip !== ips[i]) out.push(invalidValue(`spec.clusterIPs[${i}]`, ips, 'may not change once set'));
    });
  } else if (oldIPs.length > ips.length) {
    if (ips.length === 0) out.push(invalidValue(first, ips, 'primary clusterIP can not be unset'));
    if (ips.length > 0 && ips[0] !== oldIPs[0]) out.push(invalidValue(first, ips, 'may not change once set'));
    if (ips.length === 1 && n.ipFamilyPolicy !== 'SingleStack') {
      out.push(invalidValue('spec.ipFamilyPolicy', n.ipFamilyPolicy ?? null, "must be set to 'SingleStack' when releasing the secondary clusterIP"));
    }
  } else if (oldIPs.length > 0 && ips[0] !== oldIPs[0]) {
    out.push(invalidValue(first, ips, 'may not change once set'));
  }
  return out;
}

/** Go renders a `[]core.IPFamily` with its type: `[]core.IPFamily{"IPv4", "IPv6"}`. */
function familiesCause(field: string, families: readonly unknown[], detail: string): StatusCause {
  return { reason: 'FieldValueInvalid', field, message: `Invalid value: []core.IPFamily{${families.map((f) => JSON.stringify(f)).join(', ')}}: ${detail}` };
}

function upgradeDowngradeIPFamilies(o: Obj, n: Obj): StatusCause[] {
  if (isHeadless(o) !== isHeadless(n) || isHeadless(n)) return [];
  const oldFamilies = arr(o.ipFamilies);
  const families = arr(n.ipFamilies);
  const out: StatusCause[] = [];
  const first = 'spec.ipFamilies[0]';
  if (oldFamilies.length === families.length) {
    oldFamilies.forEach((f, i) => {
      if (f !== families[i]) out.push(familiesCause(first, families, 'may not change once set'));
    });
  } else if (oldFamilies.length > families.length) {
    if (arr(n.clusterIPs).length === 0) out.push(familiesCause(first, families, 'primary ipFamily can not be unset'));
    if (families.length > 0 && families[0] !== oldFamilies[0]) out.push(invalidValue(first, arr(n.clusterIPs), 'may not change once set'));
    if (families.length === 1 && n.ipFamilyPolicy !== 'SingleStack') {
      out.push(invalidValue('spec.ipFamilyPolicy', n.ipFamilyPolicy ?? null, "must be set to 'SingleStack' when releasing the secondary ipFamily"));
    }
  } else if (oldFamilies.length > 0 && families.length > 0 && families[0] !== oldFamilies[0]) {
    out.push(invalidValue(first, arr(n.clusterIPs), 'may not change once set'));
  }
  return out;
}
