/**
 * The real kubectl against `chronokube up`: server-side field validation.
 * kubectl 1.32 validates on the server (`fieldValidation=Strict`) because
 * the OpenAPI document's PATCH operations take the parameter;
 * `--validate=warn` asks for warnings and `--validate=false` for none.
 * Fails — never skips — when kubectl is missing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubectlCluster, Run } from './kubectl-harness.js';
import { startKubectlCluster } from './kubectl-harness.js';

let cluster: KubectlCluster;
const kubectl = (...args: string[]): Promise<Run> => cluster.kubectl(...args);
const ok = (...args: string[]): Promise<string> => cluster.ok(...args);

beforeAll(async () => {
  cluster = await startKubectlCluster('chronokube-kubectl-fieldvalidation-', 1);
}, 30_000);

afterAll(async () => {
  expect(await cluster.stop()).toBe(0);
});

const deployment = (name: string, extra = ''): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: 1
${extra}  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

describe('kubectl with server-side field validation', () => {
  it('apply -f of a manifest with a typo fails with the server\'s strict decoding error and creates nothing', async () => {
    const file = cluster.manifest('typo', deployment('typo', '  replicaz: 3\n'));
    const r = await kubectl('apply', '-f', file);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('Error from server (BadRequest)');
    expect(r.err).toContain('Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replicaz"');
    expect((await kubectl('get', 'deployment', 'typo')).code).not.toBe(0);
  });

  it('--validate=warn applies without the unknown field and prints the warning', async () => {
    const file = cluster.manifest('warned', deployment('warned', '  replicaz: 3\n'));
    const r = await kubectl('apply', '--validate=warn', '-f', file);
    expect(r.code).toBe(0);
    expect(r.err).toContain('Warning: unknown field "spec.replicaz"');
    expect(r.out).toContain('deployment.apps/warned created');
    const stored = JSON.parse(await ok('get', 'deployment', 'warned', '-o', 'json')) as { spec: Record<string, unknown> };
    expect(stored.spec['replicaz']).toBeUndefined();
  });

  it('--validate=false applies silently', async () => {
    const file = cluster.manifest('quiet', deployment('quiet', '  replicaz: 3\n'));
    const r = await kubectl('apply', '--validate=false', '-f', file);
    expect(r.code).toBe(0);
    expect(r.err).not.toContain('Warning');
  });

  it('a second apply adding a typo (a strategic merge patch) is refused; the object is unchanged', async () => {
    await ok('apply', '-f', cluster.manifest('second', deployment('second')));
    const file = cluster.manifest('second-typo', deployment('second').replace('image: nginx:1.27', 'image: nginx:1.28\n          imagePullPolicee: Always'));
    const r = await kubectl('apply', '-f', file);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('strict decoding error: unknown field "spec.template.spec.containers[0].imagePullPolicee"');
    expect(await ok('get', 'deployment', 'second', '-o', 'jsonpath={.spec.template.spec.containers[0].image}')).toBe('nginx:1.27');
  });

  it('apply --server-side refuses the typo with structured-merge-diff\'s error', async () => {
    const file = cluster.manifest('ssa', deployment('ssa', '  replicaz: 3\n'));
    const r = await kubectl('apply', '--server-side', '-f', file);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('failed to create typed patch object (default/ssa; apps/v1, Kind=Deployment): .spec.replicaz: field not declared in schema');
  });

  it('create and metadata typos are caught too; valid manifests pass', async () => {
    const r = await kubectl('create', '-f', cluster.manifest('cm', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n  lables: {a: b}\ndata: {k: v}\n'));
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('strict decoding error: unknown field "metadata.lables"');
    expect(await ok('create', '-f', cluster.manifest('cm-ok', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n  labels: {a: b}\ndata: {k: v}\n'))).toContain(
      'configmap/cm created',
    );
  });
});
