/**
 * What a fresh cluster comes with beyond kube-apiserver's own bootstrap, as
 * kind installs it: the default StorageClass `standard`, provisioned by the
 * simulated provisioner, and the provisioner's ServiceAccount and RBAC
 * binding (an external provisioner ships its own:
 * system:persistent-volume-provisioner). Idempotent: what exists is left alone.
 */
import type { Api } from '../api/index.js';
import { BOOTSTRAP_ACTOR } from '../api/index.js';
import { DEFAULT_STORAGE_CLASS, SIM_PROVISIONER_RBAC } from '../controllers/index.js';
import type { KubeObject } from '../model/index.js';
import { isAlreadyExists } from '../model/index.js';

export function clusterAddons(): KubeObject[] {
  return [DEFAULT_STORAGE_CLASS, ...SIM_PROVISIONER_RBAC];
}

export async function installClusterAddons(api: Api): Promise<void> {
  for (const obj of clusterAddons()) {
    try {
      const { info, namespace } = api.resolveObject(obj);
      const target = { group: info.group, version: info.version, resource: info.plural, ...(info.namespaced ? { namespace } : {}) };
      await api.create(target, obj, { actor: BOOTSTRAP_ACTOR });
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
    }
  }
}
