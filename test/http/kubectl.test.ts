/**
 * End to end with the real kubectl against `chronokube up` (in process, on a
 * free loopback port, HTTPS with the generated certificate and token, the
 * kubeconfig it writes). Fails — never skips — when kubectl is missing.
 */
import { execFile } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubectlCluster, Run } from './kubectl-harness.js';
import { startKubectlCluster } from './kubectl-harness.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'web');

let cluster: KubectlCluster;
let dir = '';
let kubeconfig = '';
const kubectl = (...args: string[]): Promise<Run> => cluster.kubectl(...args);
const ok = (...args: string[]): Promise<string> => cluster.ok(...args);

beforeAll(async () => {
  cluster = await startKubectlCluster('chronokube-kubectl-', 2);
  dir = cluster.dir;
  kubeconfig = cluster.kubeconfig;
}, 30_000);

afterAll(async () => {
  expect(await cluster.stop()).toBe(0);
});

describe('kubectl against chronokube up', () => {
  it('finds kubectl on the PATH (the suite fails rather than skips without it)', async () => {
    const r = await kubectl('version', '--client');
    expect(r.code, `kubectl is required on the PATH: ${r.err}`).toBe(0);
  });

  it('cluster-info, version, api-versions, api-resources, get nodes -o wide', async () => {
    expect(await ok('cluster-info')).toMatch(/Kubernetes control plane is running at https:\/\/127\.0\.0\.1:\d+/);
    expect(await ok('version')).toMatch(/Server Version: v1\.32\.\d+/);
    const versions = (await ok('api-versions')).split('\n');
    expect(versions).toEqual(expect.arrayContaining(['v1', 'apps/v1', 'batch/v1', 'autoscaling/v1']));
    const resources = await ok('api-resources');
    expect(resources).toMatch(/^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
    expect(resources).toMatch(/^pods\s+po\s+v1\s+true\s+Pod$/m);
    const nodes = await ok('get', 'nodes', '-o', 'wide');
    expect(nodes.split('\n')[0]).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\s+INTERNAL-IP/);
    expect(nodes).toMatch(/^node-1\s+/m);
    expect(nodes).toMatch(/^node-2\s+/m);
  });

  it('refuses a client without the token (401)', async () => {
    const bad = join(dir, 'bad-kubeconfig');
    writeFileSync(bad, readFileSync(kubeconfig, 'utf8').replace(/token: .*/, 'token: wrong'));
    const r = await new Promise<Run>((resolve) =>
      execFile('kubectl', ['--kubeconfig', bad, '--cache-dir', join(dir, 'bad-cache'), 'get', 'pods'], (error, out, err) =>
        resolve({ code: error === null ? 0 : 1, out, err }),
      ),
    );
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Unauthorized|provide credentials/);
  });

  it('apply -f of a folder, then a changed manifest client-side and --server-side', async () => {
    const manifests = join(dir, 'manifests');
    cpSync(FIXTURES, manifests, { recursive: true });
    const first = await ok('apply', '-f', manifests);
    expect(first.split('\n').sort()).toEqual(['configmap/settings created', 'deployment.apps/web created', 'pod/db created']);
    writeFileSync(join(manifests, 'web.yaml'), readFileSync(join(manifests, 'web.yaml'), 'utf8').replace('replicas: 2', 'replicas: 3'));
    const second = await ok('apply', '-f', manifests);
    expect(second.split('\n').sort()).toEqual(['configmap/settings unchanged', 'deployment.apps/web configured', 'pod/db unchanged']);
    expect(await ok('get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas}')).toBe('3');
    writeFileSync(join(manifests, 'db.yaml'), readFileSync(join(manifests, 'db.yaml'), 'utf8').replace('mode: blue', 'mode: green'));
    // No --force-conflicts: manager `kubectl` takes over the fields of `kubectl-client-side-apply` whose values the last-applied annotation holds.
    const ssa = await ok('apply', '--server-side', '-f', manifests);
    expect(ssa.split('\n').sort()).toEqual(['configmap/settings serverside-applied', 'deployment.apps/web serverside-applied', 'pod/db serverside-applied']);
    expect(await ok('get', 'configmap', 'settings', '-o', 'jsonpath={.data.mode}')).toBe('green');
  });

  it('wait --for=condition=Available, then get pods with a set-based selector', async () => {
    await ok('wait', '--for=condition=Available', 'deployment/web', '--timeout=40s');
    const pods = await ok('get', 'pods', '-l', 'app=web,tier notin (db)', '-o', 'name');
    expect(pods.split('\n')).toHaveLength(3);
    expect(pods).not.toContain('pod/db');
    const wide = await ok('get', 'pods', '-o', 'wide');
    expect(wide.split('\n')[0]).toMatch(/\bIP\s+NODE\b/);
  }, 60_000);

  it('describe deployment, scale, get events', async () => {
    const d = await ok('describe', 'deployment', 'web');
    expect(d).toMatch(/^Name:\s+web$/m);
    expect(d).toMatch(/^Replicas:\s+3 desired/m);
    expect(await ok('scale', 'deployment/web', '--replicas=1')).toBe('deployment.apps/web scaled');
    expect(await ok('get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas}')).toBe('1');
    const events = await ok('get', 'events');
    expect(events.split('\n')[0]).toMatch(/LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE/);
    expect(events).toMatch(/ScalingReplicaSet/);
  }, 30_000);

  it('get --raw lists the past at a resourceVersion with resourceVersionMatch=Exact', async () => {
    const now = JSON.parse(await ok('get', '--raw', '/api/v1/namespaces/default/configmaps')) as { metadata: { resourceVersion: string } };
    // Imperative create: kubectl sends the ConfigMap as protobuf.
    await ok('create', 'configmap', 'later', '--from-literal=k=v');
    const past = JSON.parse(
      await ok('get', '--raw', `/api/v1/namespaces/default/configmaps?resourceVersion=${now.metadata.resourceVersion}&resourceVersionMatch=Exact`),
    ) as { metadata: { resourceVersion: string }; items: { metadata: { name: string } }[] };
    expect(past.metadata.resourceVersion).toBe(now.metadata.resourceVersion);
    expect(past.items.map((i) => i.metadata.name)).not.toContain('later');
    expect(await ok('get', 'configmap', 'later', '-o', 'name')).toBe('configmap/later');
  });

  it('delete --cascade=foreground waits until the deployment and its dependents are gone', async () => {
    expect(await ok('delete', 'deployment', 'web', '--cascade=foreground', '--timeout=40s')).toBe('deployment.apps "web" deleted');
    expect((await kubectl('get', 'deployment', 'web')).code).toBe(1);
    expect(await ok('get', 'replicasets', '-o', 'name')).toBe('');
  }, 60_000);
});
