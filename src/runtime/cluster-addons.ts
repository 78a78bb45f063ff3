/**
 * What a fresh cluster comes with beyond kube-apiserver's own bootstrap, as
 * kind installs it: the default StorageClass `standard`, provisioned by the
 * simulated provisioner, and the provisioner's RBAC binding (an external
 * provisioner ships its own: system:persistent-volume-provisioner for its
 * ServiceAccount). Idempotent: what exists is left alone.
 */
import type { Api } from '../api/index.js';
import { BOOTSTRAP_ACTOR, controllerServiceAccount } from '../api/index.js';
import { DEFAULT_STORAGE_CLASS } from '../controllers/index.js';
import type { KubeObject } from '../model/index.js';
import { isAlreadyExists } from '../model/index.js';

/** The simulated provisioner's controller name (its actor is `controller:sim-provisioner`). */
const PROVISIONER = 'sim-provisioner';

export function clusterAddons(): KubeObject[] {
  return [
    DEFAULT_STORAGE_CLASS,
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: `chronokube:${PROVISIONER}` },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:persistent-volume-provisioner' },
      subjects: [{ kind: 'ServiceAccount', name: controllerServiceAccount(PROVISIONER), namespace: 'kube-system' }],
    },
  ];
}

export async function installClusterAddons(api: Api): Promise<void> {
  for (const obj of clusterAddons()) {
    try {
      const { info } = api.resolveObject(obj);
      await api.create({ group: info.group, version: info.version, resource: info.plural }, obj, { actor: BOOTSTRAP_ACTOR });
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
    }
  }
}
