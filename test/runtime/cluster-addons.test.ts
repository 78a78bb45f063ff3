import { describe, expect, it } from 'vitest';
import { clusterAddons, installClusterAddons } from '../../src/runtime/index.js';
import { harness } from '../api/harness.js';

describe('cluster add-ons', () => {
  it('installs the default StorageClass and the provisioner account and binding, once', async () => {
    const { api, store } = await harness();
    await installClusterAddons(api);
    const rev = store.rev;
    expect(api.get({ group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses', name: 'standard' }).metadata.annotations?.['storageclass.kubernetes.io/is-default-class']).toBe('true');
    expect(api.get({ group: '', version: 'v1', resource: 'serviceaccounts', namespace: 'kube-system', name: 'sim-provisioner' }).metadata.name).toBe('sim-provisioner');
    expect(api.get({ group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterrolebindings', name: 'chronokube:sim-provisioner' })['roleRef']).toMatchObject({ name: 'system:persistent-volume-provisioner' });
    await installClusterAddons(api);
    expect(store.rev).toBe(rev);
    expect(clusterAddons().map((o) => o.kind)).toEqual(['StorageClass', 'ServiceAccount', 'ClusterRoleBinding']);
  });
});
