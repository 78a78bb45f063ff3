/**
 * A stream of requests a scenario sends (its `traffic` section, see
 * fixtures/SCENARIOS.md): to a Service port, or to an Ingress host and
 * path, at a steady rate between two run times. Requests are spread evenly
 * within each second, come from `clients` distinct client IPs in turn (what
 * ClientIP session affinity keys on), and are balanced as kube-proxy's
 * `mode` does (iptables: random; IPVS: round robin).
 */
import type { BalanceMode } from './balancer.js';

export interface TrafficSpec {
  /** A label for the report; default the target. */
  readonly name?: string;
  /** `namespace/name` (or `name` in default) of the Service… */
  readonly service?: string;
  /** …and its port. */
  readonly port?: number;
  readonly protocol?: 'TCP' | 'UDP' | 'SCTP';
  /** Or an HTTP request through the Ingresses. */
  readonly ingress?: { readonly host: string; readonly path: string; readonly ingressClass?: string };
  /** Requests per second (> 0). */
  readonly rps: number;
  /** Run time (ms) of the first request. */
  readonly from: number;
  /** Run time (ms) the stream stops (exclusive). */
  readonly to: number;
  /** Distinct client IPs (192.168.x.y), used in turn; default 1. */
  readonly clients?: number;
  /** Default `random` (kube-proxy's iptables mode). */
  readonly mode?: BalanceMode;
  /** How far kube-proxy's rules lag behind the API for this stream (ms); default the report's option, else 0. */
  readonly proxyDelayMs?: number;
}

export function trafficName(s: TrafficSpec): string {
  if (s.name !== undefined) return s.name;
  if (s.ingress !== undefined) return `ingress ${s.ingress.host}${s.ingress.path}`;
  return `service ${s.service ?? '?'}:${s.port ?? 0}`;
}

/** The n-th client IP (0-based): 192.168.0.1, 192.168.0.2, … */
export function clientIP(n: number): string {
  return `192.168.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;
}
