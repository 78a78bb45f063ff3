/**
 * A scenario's `traffic` section (fixtures/SCENARIOS.md): a list of request
 * streams the run's traffic report evaluates over the recorded history.
 *
 * ```yaml
 * traffic:
 *   - service: default/web   # or `ingress: { host, path, ingressClass? }`
 *     port: 80
 *     rps: 50
 *     from: 30s
 *     to: 5m
 *     clients: 4             # optional, default 1
 *     mode: round-robin      # optional, default random (iptables)
 *     proxyDelay: 1s         # optional: kube-proxy's lag behind the API, default 0
 * ```
 */
import type { TrafficSpec } from '../network/traffic-spec.js';

type Obj = Record<string, unknown>;
const FIELDS = ['name', 'service', 'port', 'protocol', 'ingress', 'rps', 'from', 'to', 'clients', 'mode', 'proxyDelay'];

export interface TrafficParseTools {
  readonly fail: (path: string, message: string) => never;
  readonly dur: (v: unknown, path: string) => number;
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseTraffic(v: unknown, { fail, dur }: TrafficParseTools): TrafficSpec[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) return fail('spec.traffic', 'must be a list');
  return v.map((raw, i): TrafficSpec => {
    const path = `spec.traffic[${i}]`;
    if (!isObj(raw)) return fail(path, 'must be a mapping');
    for (const k of Object.keys(raw)) if (!FIELDS.includes(k)) fail(`${path}.${k}`, `unknown field (allowed: ${FIELDS.join(', ')})`);
    const str = (x: unknown, p: string): string => (typeof x === 'string' && x !== '' ? x : fail(p, 'must be a non-empty string'));
    const posInt = (x: unknown, p: string): number => (typeof x === 'number' && Number.isInteger(x) && x > 0 ? x : fail(p, 'must be an integer > 0'));
    if ((raw['service'] === undefined) === (raw['ingress'] === undefined)) fail(path, 'needs exactly one of service, ingress');
    let target: Pick<TrafficSpec, 'service' | 'port' | 'protocol' | 'ingress'>;
    if (raw['service'] !== undefined) {
      const protocol = raw['protocol'];
      if (protocol !== undefined && protocol !== 'TCP' && protocol !== 'UDP' && protocol !== 'SCTP') fail(`${path}.protocol`, 'must be TCP, UDP or SCTP');
      target = {
        service: str(raw['service'], `${path}.service`),
        port: posInt(raw['port'], `${path}.port`),
        ...(protocol === undefined ? {} : { protocol: protocol as 'TCP' | 'UDP' | 'SCTP' }),
      };
    } else {
      if (raw['port'] !== undefined || raw['protocol'] !== undefined) fail(path, 'port and protocol go with service, not ingress (the Ingress rule names the port)');
      const ing = raw['ingress'];
      if (!isObj(ing)) return fail(`${path}.ingress`, 'must be a mapping');
      for (const k of Object.keys(ing)) if (!['host', 'path', 'ingressClass'].includes(k)) fail(`${path}.ingress.${k}`, 'unknown field (allowed: host, path, ingressClass)');
      const p = str(ing['path'] ?? '/', `${path}.ingress.path`);
      if (!p.startsWith('/')) fail(`${path}.ingress.path`, 'must start with /');
      target = {
        ingress: { host: str(ing['host'], `${path}.ingress.host`), path: p, ...(ing['ingressClass'] === undefined ? {} : { ingressClass: str(ing['ingressClass'], `${path}.ingress.ingressClass`) }) },
      };
    }
    const from = raw['from'] === undefined ? 0 : dur(raw['from'], `${path}.from`);
    const to = dur(raw['to'], `${path}.to`);
    if (to <= from) fail(`${path}.to`, 'must be after from');
    const mode = raw['mode'];
    if (mode !== undefined && mode !== 'random' && mode !== 'round-robin') fail(`${path}.mode`, 'must be random or round-robin');
    return {
      ...(raw['name'] === undefined ? {} : { name: str(raw['name'], `${path}.name`) }),
      ...target,
      rps: posInt(raw['rps'], `${path}.rps`),
      from,
      to,
      ...(raw['clients'] === undefined ? {} : { clients: posInt(raw['clients'], `${path}.clients`) }),
      ...(mode === undefined ? {} : { mode: mode as 'random' | 'round-robin' }),
      ...(raw['proxyDelay'] === undefined ? {} : { proxyDelayMs: dur(raw['proxyDelay'], `${path}.proxyDelay`) }),
    };
  });
}
