/**
 * The real kubectl against `chronokube up`: `cordon`, `uncordon` and
 * `drain --ignore-daemonsets`, with a PodDisruptionBudget that blocks the
 * drain (kubectl's retry line, then its global timeout) and one that lets
 * it complete. Runs on the wall clock (kubectl retries every 5 s).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubectlCluster, Run } from './kubectl-harness.js';
import { startKubectlCluster } from './kubectl-harness.js';

let cluster: KubectlCluster;
const kubectl = (...args: string[]): Promise<Run> => cluster.kubectl(...args);
const ok = (...args: string[]): Promise<string> => cluster.ok(...args);

beforeAll(async () => {
  cluster = await startKubectlCluster('chronokube-kubectl-drain-', 2);
}, 30_000);

afterAll(async () => {
  expect(await cluster.stop()).toBe(0);
});

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      terminationGracePeriodSeconds: 1
      containers:
        - name: web
          image: nginx:1.27
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 2
  selector:
    matchLabels: {app: web}
`;

describe('kubectl cordon, uncordon and drain against chronokube up', () => {
  it('cordon marks a node unschedulable and uncordon clears it', async () => {
    // On a loaded machine the kubelets may not have reported Ready yet.
    await ok('wait', '--for=condition=Ready', 'node/node-1', 'node/node-2', '--timeout=30s');
    expect(await ok('cordon', 'node-2')).toBe('node/node-2 cordoned');
    expect(await ok('get', 'node', 'node-2', '-o', 'jsonpath={.spec.unschedulable}')).toBe('true');
    expect(await ok('get', 'nodes', 'node-2')).toMatch(/node-2\s+Ready,SchedulingDisabled/);
    expect(await ok('cordon', 'node-2')).toBe('node/node-2 already cordoned');
    expect(await ok('uncordon', 'node-2')).toBe('node/node-2 uncordoned');
    expect(await ok('get', 'node', 'node-2', '-o', 'jsonpath={.spec.unschedulable}')).toBe('');
  }, 60_000);

  it('drain retries while the budget refuses, times out, then completes once the budget allows it', async () => {
    await ok('apply', '-f', cluster.manifest('web', WEB));
    await ok('rollout', 'status', 'deployment/web', '--timeout=40s');
    const node = (await ok('get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[0].spec.nodeName}')).trim();
    // The budget's status says no disruption is allowed (2 healthy, 2 needed).
    const end = Date.now() + 20_000;
    while ((await ok('get', 'pdb', 'web', '-o', 'jsonpath={.status.currentHealthy}/{.status.disruptionsAllowed}')) !== '2/0') {
      if (Date.now() > end) throw new Error('the budget never showed 2 healthy pods');
      await new Promise((r) => setTimeout(r, 200));
    }

    const blocked = await kubectl('drain', node, '--ignore-daemonsets', '--timeout=7s');
    expect(blocked.code).toBe(1);
    expect(blocked.out).toMatch(new RegExp(`^node/${node} cordoned$`, 'm'));
    expect(blocked.err).toMatch(
      /error when evicting pods\/"web-[a-z0-9]+-[a-z0-9]{5}" -n "default" \(will retry after 5s\): Cannot evict pod as it would violate the pod's disruption budget\./,
    );
    expect(blocked.err).toMatch(/global timeout reached: 7s/);
    expect(await ok('get', 'pods', '-l', 'app=web', '--field-selector', `spec.nodeName=${node}`, '-o', 'name')).not.toBe('');

    await ok('patch', 'pdb', 'web', '--type=merge', '-p', '{"spec":{"minAvailable":1}}');
    const drained = await kubectl('drain', node, '--ignore-daemonsets', '--timeout=90s');
    expect(drained.err).not.toMatch(/^error:/m);
    expect(drained.code).toBe(0);
    expect(drained.out).toMatch(new RegExp(`^node/${node} already cordoned$`, 'm'));
    expect(drained.out).toMatch(/^evicting pod default\/web-[a-z0-9]+-[a-z0-9]{5}$/m);
    expect(drained.out).toMatch(/^pod\/web-[a-z0-9]+-[a-z0-9]{5} evicted$/m);
    expect(drained.out).toMatch(new RegExp(`node/${node} drained$`));
    expect(await ok('get', 'pods', '-l', 'app=web', '--field-selector', `spec.nodeName=${node}`, '-o', 'name')).toBe('');
    expect(await ok('uncordon', node)).toBe(`node/${node} uncordoned`);
  }, 150_000);
});
