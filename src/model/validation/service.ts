/** Service validation (core/v1) and its update rule (the cluster IP never changes once set). */
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
  if (type === 'ExternalName') {
    const en = str(s.externalName);
    if (en === '') out.push(required(child(path, 'externalName')));
    else out.push(...isDns1123Subdomain(en.endsWith('.') ? en.slice(0, -1) : en).map((m) => invalidValue(child(path, 'externalName'), en, m)));
    if (str(s.clusterIP) !== '') out.push(forbidden(child(path, 'clusterIP'), 'may not be set for ExternalName services'));
  }
  out.push(...validateLabels(s.selector, child(path, 'selector')));
  const sa = s.sessionAffinity;
  if (sa === undefined || sa === '') {
    if (type !== 'ExternalName') out.push(required(child(path, 'sessionAffinity')));
  } else if (sa !== 'ClientIP' && sa !== 'None') out.push(notSupported(child(path, 'sessionAffinity'), sa, ['ClientIP', 'None']));
  const etp = s.externalTrafficPolicy;
  if (etp !== undefined && etp !== '') {
    if (type !== 'NodePort' && type !== 'LoadBalancer') {
      out.push(invalidValue(child(path, 'externalTrafficPolicy'), etp, "may only be set when `type` is 'NodePort' or 'LoadBalancer'"));
    } else if (etp !== 'Cluster' && etp !== 'Local') out.push(notSupported(child(path, 'externalTrafficPolicy'), etp, ['Cluster', 'Local']));
  }
  return out;
}

export function validateServiceUpdate(oldObj: Obj, newObj: Obj): StatusCause[] {
  const o = obj(oldObj.spec);
  const n = obj(newObj.spec);
  const oldIP = str(o.clusterIP);
  if (oldIP === '' || n.type === 'ExternalName' || o.type === 'ExternalName') return [];
  return deepEqual(oldIP, n.clusterIP ?? '') ? [] : [invalidValue('spec.clusterIP', n.clusterIP ?? '', 'field is immutable')];
}
