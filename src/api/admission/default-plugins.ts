/**
 * The admission chain an API runs unless told otherwise: Kubernetes 1.32's
 * default plugins that read state, in kube-apiserver's order — LimitRanger
 * and DefaultStorageClass mutate, ResourceQuota comes last so it charges
 * the object every other plugin has finished; StorageObjectInUseProtection
 * gives claims and volumes their protection finalizers. Service address allocation
 * is not an admission plugin in Kubernetes (the Service REST storage
 * allocates); here it runs in the chain, before the quota that counts
 * node ports. Each call makes fresh plugins: the allocator and the quota
 * keep in-flight reservations per API.
 */
import type { Clock } from '../../model/index.js';
import type { Log } from '../../log/index.js';
import type { AdmissionPlugin } from './admission-plugin.js';
import { defaultStorageClassAdmission } from './default-storage-class.js';
import { storageObjectInUseProtectionAdmission } from './storage-object-in-use-protection.js';
import { limitRangerPlugin } from './limit-ranger.js';
import { resourceQuotaPlugin } from './resource-quota.js';
import { serviceAddressAllocation } from '../service-allocation/service-address-allocation.js';

export interface AdmissionConfig {
  /** One CIDR, or one per family (primary first) for a dual-stack cluster; default 10.96.0.0/12. */
  readonly serviceCIDRs?: readonly string[];
  /** `FROM-TO`, default 30000-32767. */
  readonly nodePortRange?: string;
}

export function defaultAdmissionPlugins(deps: { readonly log: Log; readonly clock: Clock; readonly epoch: number }, config: AdmissionConfig = {}): AdmissionPlugin[] {
  return [
    limitRangerPlugin(),
    defaultStorageClassAdmission,
    storageObjectInUseProtectionAdmission,
    serviceAddressAllocation({
      log: deps.log,
      ...(config.serviceCIDRs === undefined ? {} : { serviceCIDRs: config.serviceCIDRs }),
      ...(config.nodePortRange === undefined ? {} : { nodePortRange: config.nodePortRange }),
    }),
    resourceQuotaPlugin({ now: () => deps.epoch + deps.clock.now() }),
  ];
}
