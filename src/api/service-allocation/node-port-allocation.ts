/**
 * Node port allocation for one Service write, as Kubernetes 1.32's
 * initNodePorts / updateNodePorts / health-check port handling
 * (pkg/registry/core/service/storage/alloc.go) and its port allocation
 * operation do it:
 *
 * - Ports of the same number (e.g. 53/TCP and 53/UDP) share one node port;
 *   a requested one is honoured for all of them.
 * - A LoadBalancer with `allocateLoadBalancerNodePorts: false` gets none,
 *   but a requested one is still reserved.
 * - On update, ports the old version held are kept without a check; others
 *   are allocated.
 * - A requested port out of range or taken: 422 on `spec.ports[i].nodePort`;
 *   a full range: 500 `failed to allocate a nodePort: range is full`.
 * - A dry run reserves nothing: requested ports are checked against what is
 *   taken only, and a picked port is a placeholder one above the highest
 *   this write took (32769 when none), as Kubernetes' dry-run operation
 *   answers.
 */
import { fieldErrors, internalError, invalid } from '../../model/index.js';
import { nextFreeOffset } from './ip-range.js';
import type { ServiceSpec } from './ip-families.js';
import { needsHealthCheck } from './normalize-service.js';
import type { PortRange } from './port-range.js';

type Port = Record<string, unknown>;
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const portsOf = (spec: ServiceSpec): Port[] =>
  Array.isArray(spec['ports']) ? spec['ports'].filter((p): p is Port => typeof p === 'object' && p !== null) : [];
const shouldAllocate = (spec: ServiceSpec): boolean =>
  spec['type'] === 'NodePort' || (spec['type'] === 'LoadBalancer' && spec['allocateLoadBalancerNodePorts'] !== false);

export class NodePortAllocation {
  /** Ports this write takes that it did not hold before, in allocation order. */
  readonly allocated: number[] = [];

  constructor(
    private readonly range: PortRange,
    private readonly taken: (port: number) => boolean,
    private readonly dryRun: boolean,
    private readonly name: string,
  ) {}

  /** Why `port` cannot be taken, or undefined. */
  private refusal(port: number): string | undefined {
    if (this.dryRun) return this.taken(port) || this.allocated.includes(port) ? 'provided port is already allocated' : undefined;
    if (!this.range.contains(port)) return `provided port is not in the valid range. The range of valid ports is ${this.range.text}`;
    if (this.taken(port) || this.allocated.includes(port)) return 'provided port is already allocated';
    return undefined;
  }

  /** Takes a requested port; throws 422 on `spec.ports[i].nodePort` when it cannot. */
  private take(port: number, i: number): void {
    const why = this.refusal(port);
    if (why !== undefined) throw invalid('Service', '', this.name, [fieldErrors.invalidValue(`spec.ports[${i}].nodePort`, port, why)]);
    this.allocated.push(port);
  }

  /** Picks a free port; throws `message(range is full)` as a 500 when none is left. */
  private next(message: (why: string) => string): number {
    if (this.dryRun) {
      // The placeholder follows the highest port this write took, or 32768 when it took none.
      const port = (this.allocated.length === 0 ? 32768 : Math.max(...this.allocated)) + 1;
      this.allocated.push(port);
      return port;
    }
    const used = new Set<number>();
    for (let o = 0; o < this.range.size; o++) if (this.taken(this.range.base + o) || this.allocated.includes(this.range.base + o)) used.add(o);
    const offset = nextFreeOffset(this.range.size, this.range.dynamicStart, used);
    if (offset === undefined) throw internalError(message('range is full'));
    this.allocated.push(this.range.base + offset);
    return this.range.base + offset;
  }

  initNodePorts(spec: ServiceSpec): void {
    const ports = portsOf(spec);
    const byServicePort = new Map<number, number>();
    ports.forEach((p, i) => {
      if (num(p['nodePort']) === 0 && !shouldAllocate(spec)) return;
      const servicePort = num(p['port']);
      const shared = byServicePort.get(servicePort);
      if (shared === undefined) {
        // A later port of the same number may carry the requested value.
        const requested = ports.slice(i).find((q) => num(q['port']) === servicePort && num(q['nodePort']) !== 0);
        const np = requested === undefined ? 0 : num(requested['nodePort']);
        if (np !== 0) this.take(np, i);
        const chosen = np !== 0 ? np : this.next((why) => `failed to allocate a nodePort: ${why}`);
        p['nodePort'] = chosen;
        byServicePort.set(servicePort, chosen);
      } else if (num(p['nodePort']) !== shared) {
        if (num(p['nodePort']) === 0) p['nodePort'] = shared;
        else this.take(num(p['nodePort']), i);
      }
    });
  }

  updateNodePorts(spec: ServiceSpec, old: ServiceSpec): void {
    const held = new Set(portsOf(old).map((p) => num(p['nodePort'])).filter((n) => n !== 0));
    const seen = new Set<string>();
    portsOf(spec).forEach((p, i) => {
      if (num(p['nodePort']) === 0 && !shouldAllocate(spec)) return;
      if (num(p['nodePort']) !== 0) {
        if (!held.has(num(p['nodePort'])) && !this.allocated.includes(num(p['nodePort']))) this.take(num(p['nodePort']), i);
      } else {
        p['nodePort'] = this.next((why) => `failed to allocate a nodePort: ${why}`);
      }
      const id = `${typeof p['protocol'] === 'string' ? p['protocol'] : 'TCP'} ${num(p['nodePort'])}`;
      if (seen.has(id)) throw internalError(`duplicate nodePort: {${id}}`);
      seen.add(id);
    });
  }

  /**
   * The health-check node port of a LoadBalancer with `externalTrafficPolicy:
   * Local`: allocated (or the requested one taken) when the Service starts
   * needing it; once held it may not change (422); allocation failures are
   * 500s, as Kubernetes reports them.
   */
  healthCheckNodePort(spec: ServiceSpec, old: ServiceSpec | undefined): void {
    const requested = num(spec['healthCheckNodePort']);
    if (old !== undefined && needsHealthCheck(old)) {
      if (num(old['healthCheckNodePort']) === requested) return;
      throw invalid('Service', '', this.name, [
        fieldErrors.invalidValue('spec.healthCheckNodePort', requested, 'cannot change healthCheckNodePort on loadBalancer service with externalTraffic=Local during update'),
      ]);
    }
    if (requested !== 0) {
      const why = this.refusal(requested);
      if (why !== undefined) throw internalError(`failed to allocate requested HealthCheck NodePort ${requested}: ${why}`);
      this.allocated.push(requested);
      return;
    }
    spec['healthCheckNodePort'] = this.next((why) => `failed to allocate a HealthCheck NodePort 0: ${why}`);
  }
}
