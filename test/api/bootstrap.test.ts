import { describe, expect, it } from 'vitest';
import { harness } from './harness.js';

describe('bootstrap', () => {
  it('creates the system namespaces and the kubernetes Service on the first address of the range, and is idempotent', async () => {
    const { api, store } = await harness();
    const svc = api.get({ group: '', version: 'v1', resource: 'services', namespace: 'default', name: 'kubernetes' });
    expect(svc['spec']).toMatchObject({ clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, targetPort: 6443 }] });
    const rev = store.rev;
    await api.bootstrap();
    await api.bootstrap();
    expect(store.rev).toBe(rev);
  });
});
