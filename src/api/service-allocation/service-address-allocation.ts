/**
 * The Service address allocation admission plugin: what Kubernetes 1.32's
 * Service REST storage does around a create or update
 * (pkg/registry/core/service/storage/alloc.go), as an admission `mutate`.
 *
 * On create: `clusterIP`/`clusterIPs` synced, `ipFamilyPolicy` and
 * `ipFamilies` defaulted for the cluster's stack, one cluster IP per family
 * allocated from the service CIDRs (or the requested one checked: in range,
 * not taken), node ports allocated from the NodePort range for NodePort and
 * LoadBalancer Services (a requested one checked), and a health-check node
 * port for a LoadBalancer with `externalTrafficPolicy: Local`. Headless
 * (`clusterIP: None`) and ExternalName Services get no address.
 * On update: allocated values a client left out are kept, a type change
 * releases or allocates, a secondary family may be added or released.
 *
 * Refusals are Kubernetes' own: 422 with `spec.clusterIPs` or
 * `spec.ports[i].nodePort` causes (`failed to allocate IP 10.96.0.10:
 * provided IP is already allocated`, `provided port is already allocated`),
 * 500 when a range is full (`failed to allocate a serviceIP: range is
 * full`). A Service that fails ordinary validation is passed on unallocated,
 * so validation's causes come first, as in Kubernetes.
 *
 * A dry run shows what would be allocated but holds nothing; a requested IP
 * is then only range-checked and a picked one shows the network address, as
 * Kubernetes' dry-run allocator does.
 *
 * @example
 * const api = createApi({ log, store, clock, ids, admission: [serviceAddressAllocation({ log })] });
 * // dual-stack:
 * serviceAddressAllocation({ log, serviceCIDRs: ['10.96.0.0/16', 'fd00:10:96::/112'] });
 */
import { fieldErrors, internalError, invalid, objectKey, validateServiceSpec, validateServiceUpdate } from '../../model/index.js';
import type { IpFamily, KubeObject, StatusCause } from '../../model/index.js';
import type { AdmissionAttributes, AdmissionPlugin } from '../admission/admission-plugin.js';
import { canonicalIp, takenIn } from './allocated-addresses.js';
import { initIpFamilies, type ServiceSpec } from './ip-families.js';
import { nextFreeOffset, parseIpRange, type IpRange } from './ip-range.js';
import { dropTypeDependentFields, needsHealthCheck, nodePortsOf, normalizeClusterIPs, patchAllocatedValues } from './normalize-service.js';
import { NodePortAllocation } from './node-port-allocation.js';
import { DEFAULT_NODE_PORT_RANGE, parsePortRange } from './port-range.js';
import { Reservations, type AssignedRevisions } from './reservations.js';

/** kubeadm's default `--service-cluster-ip-range` (kind uses 10.96.0.0/16 and fd00:10:96::/112). */
export const DEFAULT_SERVICE_CIDR = '10.96.0.0/12';
/** kind's IPv6 service subnet, the conventional second range of a dual-stack cluster. */
export const DEFAULT_SERVICE_CIDR_V6 = 'fd00:10:96::/112';

export interface ServiceAllocationOptions {
  /** One CIDR, or one per family (primary first) for a dual-stack cluster. Default `10.96.0.0/12`. */
  readonly serviceCIDRs?: readonly string[];
  /** `FROM-TO`, default `30000-32767`. */
  readonly nodePortRange?: string;
  /** The log, asked which writes are still in flight (see `Reservations`); without it a fallback window applies. */
  readonly log?: AssignedRevisions;
}

export interface ServiceAddressAllocation extends AdmissionPlugin {
  /** The configured ranges, primary first. */
  readonly ranges: readonly IpRange[];
  /** The families the cluster serves, primary first (two: dual-stack). */
  readonly families: readonly IpFamily[];
}

type Spec = ServiceSpec;

export function serviceAddressAllocation(opts: ServiceAllocationOptions = {}): ServiceAddressAllocation {
  const cidrs = opts.serviceCIDRs ?? [DEFAULT_SERVICE_CIDR];
  const ranges = cidrs.map(parseIpRange);
  if (ranges.length === 0 || ranges.length > 2 || (ranges.length === 2 && ranges[0]?.family === ranges[1]?.family)) {
    throw new Error(`service CIDRs ${JSON.stringify(cidrs)}: give one CIDR, or one IPv4 and one IPv6 CIDR`);
  }
  const families = ranges.map((r) => r.family);
  const portRange = parsePortRange(opts.nodePortRange ?? DEFAULT_NODE_PORT_RANGE);
  const reservations = new Reservations(opts.log);

  function mutate(a: AdmissionAttributes): KubeObject {
    if (a.info.group !== '' || a.info.kind !== 'Service' || a.subresource !== undefined) return a.object;
    const spec = structuredClone((a.object['spec'] as Spec | undefined) ?? {});
    const old = a.oldObject === undefined ? undefined : ((a.oldObject['spec'] as Spec | undefined) ?? {});
    if (old !== undefined) patchAllocatedValues(spec, old);
    normalizeClusterIPs(spec, old);
    if (old !== undefined) dropTypeDependentFields(spec, old);
    const withSpec = { ...a.object, spec } as KubeObject;
    // Kubernetes validates before it allocates: an invalid Service is refused by validation, with its causes.
    if (validateServiceSpec(spec).length > 0) return withSpec;
    if (old !== undefined && validateServiceUpdate({ spec: old }, { spec }).length > 0) return withSpec;
    const refuse = (causes: StatusCause[]): never => {
      throw invalid('Service', '', a.name, causes);
    };
    const familyCauses = initIpFamilies(spec, old, families);
    if (familyCauses.length > 0) refuse(familyCauses);

    const dryRun = a.ctx.dryRun === true;
    const key = objectKey({ group: '', resource: 'services', namespace: a.namespace, name: a.name });
    const held = reservations.held(a.view);
    const taken = takenIn(a.view);
    const ipTaken = (ip: string): boolean => taken.ips.has(ip) || held.ips.has(ip);
    const newIPs: string[] = [];

    const allocateFamily = (index: number): void => {
      const ips = spec['clusterIPs'] as string[];
      const family = (spec['ipFamilies'] as IpFamily[])[index] as IpFamily;
      const range = ranges.find((r) => r.family === family) as IpRange;
      const requested = ips[index] ?? '';
      if (requested === '') {
        if (dryRun) {
          ips[index] = range.network;
          return;
        }
        const offset = nextFreeOffset(range.size, range.dynamicStart, offsetsTaken(range, taken.ips, held.ips), 1);
        if (offset === undefined) throw internalError('failed to allocate a serviceIP: range is full');
        ips[index] = range.ipAt(offset);
        newIPs.push(canonicalIp(ips[index] as string));
        return;
      }
      const why =
        range.offsetOf(requested) === undefined
          ? `the provided IP (${canonicalIp(requested)}) is not in the valid range. The range of valid IPs is ${range.cidr}`
          : !dryRun && ipTaken(canonicalIp(requested))
            ? 'provided IP is already allocated'
            : undefined;
      // Go renders the whole slice, allocation markers ("") included.
      if (why !== undefined) refuse([fieldErrors.invalidValue('spec.clusterIPs', [...ips], `failed to allocate IP ${requested}: ${why}`)]);
      newIPs.push(canonicalIp(requested));
    };

    const headless = (spec['clusterIPs'] as string[] | undefined)?.[0] === 'None';
    if (spec['type'] !== 'ExternalName' && !headless) {
      const families = spec['ipFamilies'] as IpFamily[];
      const oldFamilies = (old?.['ipFamilies'] as string[] | undefined) ?? [];
      const oldHeadless = (old?.['clusterIPs'] as string[] | undefined)?.[0] === 'None';
      const fresh = old === undefined || old['type'] === 'ExternalName';
      const preferUntouched =
        old !== undefined &&
        spec['ipFamilyPolicy'] === 'PreferDualStack' &&
        old['ipFamilyPolicy'] === 'PreferDualStack' &&
        JSON.stringify(spec['clusterIPs'] ?? []) === JSON.stringify(old['clusterIPs'] ?? []) &&
        JSON.stringify(spec['ipFamilies'] ?? []) === JSON.stringify(old['ipFamilies'] ?? []);
      if (fresh) {
        const ips = [...((spec['clusterIPs'] as string[] | undefined) ?? [])];
        while (ips.length < families.length) ips.push('');
        spec['clusterIPs'] = ips;
        families.forEach((_f, i) => allocateFamily(i));
      } else if (!oldHeadless && !preferUntouched && oldFamilies.length === 1 && families.length === 2) {
        const ips = [...((spec['clusterIPs'] as string[] | undefined) ?? [])];
        if (ips.length < 2) ips.push('');
        spec['clusterIPs'] = ips;
        allocateFamily(1);
      }
      const ips = spec['clusterIPs'] as string[] | undefined;
      if (ips !== undefined && ips.length > 0) spec['clusterIP'] = ips[0];
    }

    const ports = new NodePortAllocation(portRange, (p) => taken.nodePorts.has(p) || held.nodePorts.has(p), dryRun, a.name);
    if (spec['type'] === 'NodePort' || spec['type'] === 'LoadBalancer') {
      if (old === undefined) ports.initNodePorts(spec);
      else ports.updateNodePorts(spec, old);
    }
    if (needsHealthCheck(spec)) ports.healthCheckNodePort(spec, old);

    if (!dryRun) reservations.reserve(key, a.view, newIPs, ports.allocated.filter((p) => !(old !== undefined && nodePortsOf(old).includes(p))));
    return withSpec;
  }

  return { name: 'ServiceAddressAllocation', ranges, families, mutate };
}

function offsetsTaken(range: IpRange, ...sets: ReadonlyMap<string, string>[]): Set<number> {
  const out = new Set<number>();
  for (const set of sets) {
    for (const ip of set.keys()) {
      const o = range.offsetOf(ip);
      if (o !== undefined) out.add(o);
    }
  }
  return out;
}
