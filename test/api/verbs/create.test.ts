import { describe, expect, it } from 'vitest';
import { alice, configMap, configMaps, deployment, deployments, EPOCH, harness, namespaces, pod, pods, refused } from '../harness.js';

describe('create', () => {
  it('stamps uid, creationTimestamp and resourceVersion from the write revision', async () => {
    const { api, store, clock } = await harness();
    clock.advanceTo(61_000);
    const created = await api.create(configMaps(), configMap('cfg'), alice);
    expect(created.metadata.resourceVersion).toBe(String(store.rev));
    expect(created.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata.creationTimestamp).toBe(new Date(EPOCH + 61_000).toISOString().replace('.000Z', 'Z'));
    expect(created.metadata.namespace).toBe('default');
    const rec = store.write(store.rev);
    expect(rec).toMatchObject({ verb: 'create', actor: 'user:alice', key: 'core/configmaps/default/cfg', prevRev: 0, change: { op: 'put' } });
  });

  it('sets generation 1 on kinds that track it and not on those that do not', async () => {
    const { api } = await harness();
    expect((await api.create(deployments(), deployment('web'), alice)).metadata.generation).toBe(1);
    expect((await api.create(configMaps(), configMap('c'), alice)).metadata.generation).toBeUndefined();
  });

  it('names objects from generateName with a 5-character suffix', async () => {
    const { api } = await harness();
    const a = await api.create(configMaps(), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'web-' } }, alice);
    expect(a.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('answers 409 AlreadyExists for a taken name and appends nothing', async () => {
    const { api, log } = await harness();
    await api.create(configMaps(), configMap('cfg'), alice);
    const before = log.headRev();
    const s = await refused(() => api.create(configMaps(), configMap('cfg'), alice), 'AlreadyExists');
    expect(s.code).toBe(409);
    expect(s.message).toBe('configmaps "cfg" already exists');
    expect(log.headRev()).toBe(before);
  });

  it('answers 422 Invalid naming the field for a bad name', async () => {
    const { api, log } = await harness();
    const before = log.headRev();
    const s = await refused(() => api.create(configMaps(), configMap('Bad_Name'), alice), 'Invalid');
    expect(s.code).toBe(422);
    expect(s.message).toContain('ConfigMap "Bad_Name" is invalid: metadata.name');
    expect(JSON.stringify(s.details)).toContain('metadata.name');
    expect(log.headRev()).toBe(before);
  });

  it('requires a name or generateName', async () => {
    const { api } = await harness();
    const s = await refused(() => api.create(configMaps(), { apiVersion: 'v1', kind: 'ConfigMap', metadata: {} }, alice), 'Invalid');
    expect(s.message).toContain('metadata.name: Required value');
  });

  it('refuses a namespace that does not exist (404) or is terminating (403)', async () => {
    const { api } = await harness();
    const s = await refused(() => api.create(configMaps('nowhere'), configMap('c'), alice), 'NotFound');
    expect(s.message).toBe('namespaces "nowhere" not found');
    await api.create(namespaces(), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'doomed' } }, alice);
    await api.delete(namespaces('doomed'), alice);
    const f = await refused(() => api.create(configMaps('doomed'), configMap('c'), alice), 'Forbidden');
    expect(f.message).toContain('because it is being terminated');
  });

  it('refuses a body of another kind, namespace or with a resourceVersion (400)', async () => {
    const { api } = await harness();
    await refused(() => api.create(configMaps(), pod('p'), alice), 'BadRequest');
    await refused(() => api.create(configMaps(), { ...configMap('c'), metadata: { name: 'c', namespace: 'kube-system' } }, alice), 'BadRequest');
    await refused(() => api.create(configMaps(), { ...configMap('c'), metadata: { name: 'c', resourceVersion: '3' } }, alice), 'BadRequest');
    await refused(() => api.create(configMaps(), 'not an object', alice), 'BadRequest');
  });

  it('refuses an object over 1.5 MiB with 413 and appends nothing', async () => {
    const { api, log } = await harness();
    const before = log.headRev();
    const big = pod('big', {}, { containers: [{ name: 'app', image: 'nginx', args: ['x'.repeat(1600 * 1024)] }] });
    const s = await refused(() => api.create(pods(), big, alice), 'RequestEntityTooLarge');
    expect(s.code).toBe(413);
    expect(log.headRev()).toBe(before);
  });

  it('resets status on create for kinds with a status subresource; pods start Pending with a QoS class', async () => {
    const { api } = await harness();
    const d = await api.create(deployments(), { ...deployment('web'), status: { replicas: 9 } }, alice);
    expect(d['status']).toBeUndefined();
    const p = await api.create(pods(), pod('p'), alice);
    expect(p['status']).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  it('applies defaults and admission: tolerations of 300 s and the default service account', async () => {
    const { api } = await harness();
    const p = await api.create(pods(), pod('p'), alice);
    const spec = p['spec'] as { restartPolicy: string; serviceAccountName: string; tolerations: { key: string; tolerationSeconds: number }[] };
    expect(spec.restartPolicy).toBe('Always');
    expect(spec.serviceAccountName).toBe('default');
    expect(spec.tolerations.map((t) => [t.key, t.tolerationSeconds])).toEqual([
      ['node.kubernetes.io/not-ready', 300],
      ['node.kubernetes.io/unreachable', 300],
    ]);
  });

  it('a dry run answers the object and appends nothing', async () => {
    const { api, log } = await harness();
    const before = log.headRev();
    const d = await api.create(configMaps(), configMap('c'), { ...alice, dryRun: true });
    expect(d.metadata.name).toBe('c');
    expect(log.headRev()).toBe(before);
    await refused(() => Promise.resolve(api.get(configMaps('default', 'c'))), 'NotFound');
  });

  it('records managedFields for the creating manager', async () => {
    const { api } = await harness();
    const c = await api.create(configMaps(), configMap('c'), { actor: 'user:alice', fieldManager: 'kubectl-create' });
    expect(c.metadata.managedFields?.[0]).toMatchObject({ manager: 'kubectl-create', operation: 'Update', apiVersion: 'v1' });
  });
});

describe('create (kind strategies)', () => {
  it("gives a Job a selector on its own uid, as Kubernetes' Job strategy does", async () => {
    const { api } = await harness();
    const job = await api.create(
      { group: 'batch', version: 'v1', resource: 'jobs', namespace: 'default' },
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'once' },
        spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } },
      },
      alice,
    );
    const spec = job['spec'] as { selector: { matchLabels: Record<string, string> }; template: { metadata: { labels: Record<string, string> } } };
    expect(spec.selector.matchLabels['batch.kubernetes.io/controller-uid']).toBe(job.metadata.uid);
    expect(spec.template.metadata.labels['batch.kubernetes.io/job-name']).toBe('once');
  });
});

describe('create (nodes)', () => {
  it('keeps the status a kubelet registers a Node with', async () => {
    const { api } = await harness();
    const n = await api.create(
      { group: '', version: 'v1', resource: 'nodes' },
      { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, status: { capacity: { cpu: '4' }, allocatable: { cpu: '4' } } },
      { actor: 'node:n1' },
    );
    expect(n['status']).toMatchObject({ capacity: { cpu: '4' } });
  });
});
