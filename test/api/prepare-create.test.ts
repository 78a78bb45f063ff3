import { describe, expect, it } from 'vitest';
import { alice, harness } from './harness.js';

const services = (name?: string) => ({ group: '', version: 'v1', resource: 'services', namespace: 'default', ...(name === undefined ? {} : { name }) });
const svc = (extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web' },
  spec: { selector: { app: 'web' }, ports: [{ port: 80 }], ...extra },
});
const owned = (o: { metadata: { managedFields?: unknown } }): string => JSON.stringify(o.metadata.managedFields ?? []);

describe('managedFields of a create: tracked before admission and allocation', () => {
  it('the allocated cluster IPs and IP families are no manager’s, the sent and defaulted fields are the creator’s', async () => {
    const { api } = await harness();
    const created = await api.create(services(), svc(), alice);
    const ip = (created['spec'] as { clusterIP: string }).clusterIP;
    expect(ip).toMatch(/^10\.9[6-9]\./);
    expect(created['spec']).toMatchObject({ clusterIPs: [ip], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' });
    const fields = owned(created);
    for (const f of ['f:clusterIP', 'f:clusterIPs', 'f:ipFamilies', 'f:ipFamilyPolicy']) expect(fields).not.toContain(`"${f}"`);
    for (const f of ['f:selector', 'f:ports', 'f:type', 'f:sessionAffinity']) expect(fields).toContain(`"${f}"`);
  });

  it('a cluster IP the client asked for stays the client’s', async () => {
    const { api } = await harness();
    const created = await api.create(services(), svc({ clusterIP: '10.96.0.50' }), alice);
    expect(owned(created)).toContain('"f:clusterIP"');
    expect(owned(created)).not.toContain('"f:clusterIPs"');
  });

  it('an allocated node port is no manager’s, on create and on a type change', async () => {
    const { api } = await harness();
    const created = await api.create(services(), svc({ type: 'NodePort' }), alice);
    const port = (created['spec'] as { ports: { nodePort: number }[] }).ports[0]?.nodePort;
    expect(port).toBeGreaterThanOrEqual(30000);
    expect(owned(created)).not.toContain('f:nodePort');

    const other = await api.create(services(), { ...svc(), metadata: { name: 'other' } }, alice);
    const changed = await api.update(services('other'), { ...other, spec: { ...(other['spec'] as object), type: 'NodePort' } }, { actor: 'user:bob' });
    expect((changed['spec'] as { ports: { nodePort?: number }[] }).ports[0]?.nodePort).toBeGreaterThanOrEqual(30000);
    expect(owned(changed)).toContain('"manager":"bob"');
    expect(owned(changed)).not.toContain('f:nodePort');
  });

  it('a server-side apply re-sent without a cluster IP keeps the allocated one', async () => {
    const { api } = await harness();
    const manifest = svc();
    const first = await api.apply(services('web'), manifest, { actor: 'user:alice', fieldManager: 'kubectl' });
    const ip = (first['spec'] as { clusterIP: string }).clusterIP;
    expect(ip).toMatch(/^10\.9[6-9]\./);
    const again = await api.apply(services('web'), { ...manifest, spec: { ...manifest.spec, ports: [{ port: 8080 }] } }, { actor: 'user:alice', fieldManager: 'kubectl' });
    expect(again['spec']).toMatchObject({ clusterIP: ip, clusterIPs: [ip], ports: [{ port: 8080 }] });
    expect(owned(again)).not.toContain('f:clusterIP');
  });

  it('a client-side create then an update re-sending the manifest keeps the allocated IP and gives nobody its field', async () => {
    const { api } = await harness();
    const created = await api.create(services(), svc(), alice);
    const updated = await api.update(services('web'), { ...svc(), metadata: { name: 'web', resourceVersion: created.metadata.resourceVersion } }, alice);
    expect((updated['spec'] as { clusterIP: string }).clusterIP).toBe((created['spec'] as { clusterIP: string }).clusterIP);
    expect(owned(updated)).not.toContain('f:clusterIP');
  });

  it('fields a mutating admission plugin sets (the default service account of a pod) are no manager’s', async () => {
    const { api } = await harness();
    const created = await api.create(
      { group: '', version: 'v1', resource: 'pods', namespace: 'default' },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
      alice,
    );
    expect((created['spec'] as { serviceAccountName: string }).serviceAccountName).toBe('default');
    expect(owned(created)).not.toContain('f:serviceAccountName');
    expect(owned(created)).toContain('f:containers');
  });
});
