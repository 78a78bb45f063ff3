/**
 * The real kubectl moving an object from client-side to server-side apply
 * and back, against `chronokube up`: `apply` → `apply --server-side` of a
 * changed manifest without `--force-conflicts` (kube-apiserver forces the
 * conflicts with what `kubectl apply` recorded; kubectl then moves the
 * client-side manager's fields to its Apply entry with a JSON patch and
 * applies again, which removes what the manifest dropped) → `apply` again
 * (the three-way patch works from the annotation the server kept up to
 * date) → a true conflict, which is still refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubectlCluster } from './kubectl-harness.js';
import { startKubectlCluster } from './kubectl-harness.js';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

let cluster: KubectlCluster;

beforeAll(async () => {
  cluster = await startKubectlCluster('chronokube-kubectl-migration-', 1);
}, 30_000);

afterAll(async () => {
  expect(await cluster.stop()).toBe(0);
});

function web(replicas: number, image: string, labels: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {${labels}}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: ${image}
`;
}

interface Entry {
  manager: string;
  operation: string;
  subresource?: string;
  fieldsV1: { 'f:spec'?: Record<string, unknown>; 'f:metadata'?: Record<string, Record<string, unknown>> };
}
interface Deployment {
  metadata: { labels: Record<string, string>; annotations: Record<string, string>; managedFields: Entry[] };
  spec: { replicas: number; template: { spec: { containers: { image: string }[] } } };
}

async function live(): Promise<Deployment> {
  return JSON.parse(await cluster.ok('get', 'deployment', 'web', '-o', 'json', '--show-managed-fields')) as Deployment;
}
const entry = (d: Deployment, manager: string): Entry | undefined => d.metadata.managedFields.find((e) => e.manager === manager && e.subresource === undefined);

describe('kubectl apply: client-side to server-side and back', () => {
  const path = (): string => `${cluster.dir}/web.yaml`;

  it('apply, then apply --server-side of a changed manifest without --force-conflicts', async () => {
    cluster.manifest('web', web(2, 'nginx:1.27', 'app: web, tier: front'));
    expect(await cluster.ok('apply', '-f', path())).toBe('deployment.apps/web created');
    expect(entry(await live(), 'kubectl-client-side-apply')?.operation).toBe('Update');

    cluster.manifest('web', web(3, 'nginx:1.28', 'app: web, release: r2'));
    const r = await cluster.kubectl('apply', '--server-side', '-f', path());
    expect(r).toEqual({ code: 0, out: 'deployment.apps/web serverside-applied', err: '' });

    const d = await live();
    expect(d.spec.replicas).toBe(3);
    expect(d.spec.template.spec.containers[0]?.image).toBe('nginx:1.28');
    // The label the manifest dropped is gone (kubectl re-applied after taking over the client-side manager's fields).
    expect(d.metadata.labels).toEqual({ app: 'web', release: 'r2' });
    expect(entry(d, 'kubectl-client-side-apply')).toBeUndefined();
    const kubectl = entry(d, 'kubectl');
    expect(kubectl?.operation).toBe('Apply');
    expect(kubectl?.fieldsV1['f:spec']?.['f:replicas']).toEqual({});
    expect(JSON.stringify(kubectl?.fieldsV1['f:spec']?.['f:template'])).toContain('"f:image":{}');
    expect(kubectl?.fieldsV1['f:metadata']?.['f:labels']).toEqual({ 'f:app': {}, 'f:release': {} });
    // The annotation now records the server-side applied manifest, kept by kubectl-last-applied.
    expect(JSON.parse(d.metadata.annotations[LAST_APPLIED] ?? '')).toMatchObject({ metadata: { labels: { app: 'web', release: 'r2' } }, spec: { replicas: 3 } });
    expect(entry(d, 'kubectl-last-applied')?.fieldsV1['f:metadata']?.['f:annotations']).toEqual({ [`f:${LAST_APPLIED}`]: {} });
  }, 60_000);

  it('apply (client-side) again: the three-way patch starts from what was applied server-side', async () => {
    cluster.manifest('web', web(4, 'nginx:1.29', 'app: web'));
    const r = await cluster.kubectl('apply', '-f', path());
    // No "missing the last-applied-configuration annotation" warning.
    expect(r).toEqual({ code: 0, out: 'deployment.apps/web configured', err: '' });
    const d = await live();
    expect(d.spec.replicas).toBe(4);
    expect(d.spec.template.spec.containers[0]?.image).toBe('nginx:1.29');
    // `release` was only ever in the server-side applied manifest: removed because the server recorded it.
    expect(d.metadata.labels).toEqual({ app: 'web' });
    expect(entry(d, 'kubectl-client-side-apply')?.fieldsV1['f:spec']?.['f:replicas']).toEqual({});
    expect(JSON.parse(d.metadata.annotations[LAST_APPLIED] ?? '')).toMatchObject({ spec: { replicas: 4 } });
  }, 60_000);

  it('still refuses a server-side apply over a field another manager changed, with the API server message', async () => {
    expect(await cluster.ok('patch', 'deployment', 'web', '--type=merge', '-p', '{"spec":{"replicas":5}}')).toBe('deployment.apps/web patched');
    cluster.manifest('web', web(6, 'nginx:1.30', 'app: web'));
    const r = await cluster.kubectl('apply', '--server-side', '-f', path());
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error: Apply failed with 1 conflict: conflict with "kubectl-patch" using apps\/v1: \.spec\.replicas$/m);
    expect(r.err).toMatch(/re-run the apply\s+command with the `--force-conflicts` flag/);
    const d = await live();
    expect(d.spec.replicas).toBe(5);
    expect(d.spec.template.spec.containers[0]?.image).toBe('nginx:1.29');
  }, 60_000);

  it('apply (client-side) of an object only ever server-side applied: kubectl warns, patches and adds the annotation, which the server then keeps', async () => {
    const cm = (mode: string): string => cluster.manifest('settings', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: ${mode}\n`);
    expect(await cluster.ok('apply', '--server-side', '-f', cm('blue'))).toBe('configmap/settings serverside-applied');
    const get = async (): Promise<{ data: Record<string, string>; metadata: { annotations?: Record<string, string> } }> =>
      JSON.parse(await cluster.ok('get', 'configmap', 'settings', '-o', 'json')) as { data: Record<string, string>; metadata: { annotations?: Record<string, string> } };
    expect((await get()).metadata.annotations).toBeUndefined();

    const r = await cluster.kubectl('apply', '-f', cm('green'));
    expect(r.code).toBe(0);
    expect(r.out).toBe('configmap/settings configured');
    expect(r.err).toMatch(/^Warning: resource configmaps\/settings is missing the kubectl\.kubernetes\.io\/last-applied-configuration annotation/);
    const after = await get();
    expect(after.data).toEqual({ mode: 'green' });
    expect(JSON.parse(after.metadata.annotations?.[LAST_APPLIED] ?? '')).toMatchObject({ data: { mode: 'green' } });

    expect(await cluster.ok('apply', '--server-side', '-f', cm('red'))).toBe('configmap/settings serverside-applied');
    const last = await get();
    expect(last.data).toEqual({ mode: 'red' });
    expect(last.metadata.annotations?.[LAST_APPLIED]).toBe('{"apiVersion":"v1","data":{"mode":"red"},"kind":"ConfigMap","metadata":{"name":"settings","namespace":"default"}}\n');
  }, 60_000);
});
