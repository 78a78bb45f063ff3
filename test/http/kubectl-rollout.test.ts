/**
 * The real kubectl against `chronokube up`, second part: `rollout status`
 * (which watches), `rollout history`, `rollout undo` and `logs` (current,
 * previous, follow, tail, timestamps, several containers). Fails — never
 * skips — when kubectl is missing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubectlCluster, Run } from './kubectl-harness.js';
import { startKubectlCluster } from './kubectl-harness.js';

let cluster: KubectlCluster;
const kubectl = (...args: string[]): Promise<Run> => cluster.kubectl(...args);
const ok = (...args: string[]): Promise<string> => cluster.ok(...args);
const manifest = (name: string, text: string): string => cluster.manifest(name, text);

async function until<T>(f: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`not reached within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  cluster = await startKubectlCluster('chronokube-kubectl-rollout-', 1);
}, 30_000);

afterAll(async () => {
  expect(await cluster.stop()).toBe(0);
});

const DEPLOYMENT = `apiVersion: apps/v1
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
`;

describe('kubectl rollout and logs against chronokube up', () => {
  it('rollout status watches a rollout to its end; history lists revisions; undo rolls back', async () => {
    await ok('apply', '-f', manifest('web', DEPLOYMENT));
    expect(await ok('rollout', 'status', 'deployment/web', '--timeout=40s')).toMatch(/deployment "web" successfully rolled out$/);
    expect(await ok('set', 'image', 'deployment/web', 'web=nginx:1.28')).toBe('deployment.apps/web image updated');
    const status = await ok('rollout', 'status', 'deployment/web', '--timeout=40s');
    // It watched: the progress lines came before the end.
    expect(status).toMatch(/^Waiting for deployment "web" rollout to finish: /m);
    expect(status).toMatch(/deployment "web" successfully rolled out$/);
    expect(await ok('get', 'deploy', 'web', '-o', 'jsonpath={.status.updatedReplicas}/{.status.availableReplicas}')).toBe('2/2');

    const history = await ok('rollout', 'history', 'deployment/web');
    expect(history.split('\n').slice(1)).toEqual(['REVISION  CHANGE-CAUSE', '1         <none>', '2         <none>']);
    expect(await ok('rollout', 'history', 'deployment/web', '--revision=1')).toMatch(/Image:\s+nginx:1\.27/);
    expect(await ok('rollout', 'history', 'deployment/web', '--revision=2')).toMatch(/Image:\s+nginx:1\.28/);
    expect((await kubectl('rollout', 'history', 'deployment/web', '--revision=9')).err).toMatch(/unable to find the specified revision/);

    expect(await ok('rollout', 'undo', 'deployment/web')).toBe('deployment.apps/web rolled back');
    await ok('rollout', 'status', 'deployment/web', '--timeout=40s');
    expect(await ok('get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image}')).toBe('nginx:1.27');
    // Revision 1's template came back as revision 3.
    expect((await ok('rollout', 'history', 'deployment/web')).split('\n').slice(2)).toEqual(['2         <none>', '3         <none>']);
    expect(await ok('rollout', 'undo', 'deployment/web', '--to-revision=2')).toBe('deployment.apps/web rolled back');
    expect(await ok('get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image}')).toBe('nginx:1.28');
  }, 120_000);

  it('logs: current, --timestamps, --tail, and a multi-container pod (kubectl defaults; the raw API answers 400)', async () => {
    await ok(
      'apply',
      '-f',
      manifest(
        'two',
        `apiVersion: v1
kind: Pod
metadata:
  name: two
spec:
  containers:
    - {name: main, image: nginx:1.27}
    - {name: side, image: busybox:1.36}
`,
      ),
    );
    await ok('wait', '--for=condition=Ready', 'pod/two', '--timeout=30s');
    const main = await kubectl('logs', 'pod/two');
    expect(main.code).toBe(0);
    expect(main.err).toMatch(/Defaulted container "main" out of: main, side/);
    expect(main.out.split('\n')).toEqual(['chronokube: container main started (image docker.io/library/nginx:1.27, restart 0)', 'chronokube: container main is ready']);
    expect(await ok('logs', 'two', '-c', 'side', '--tail=1')).toBe('chronokube: container side is ready');
    expect(await ok('logs', 'two', '-c', 'side', '--timestamps', '--tail=1')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z chronokube: container side is ready$/);
    const raw = await kubectl('get', '--raw', '/api/v1/namespaces/default/pods/two/log');
    expect(raw.code).toBe(1);
    expect(raw.err).toMatch(/a container name must be specified for pod two, choose one of: \[main side\]/);
    const none = await kubectl('logs', 'two', '-c', 'main', '--previous');
    expect(none.err).toBe('Error from server (BadRequest): previous terminated container "main" in pod "two" not found');
  }, 60_000);

  it('logs --previous shows the crashed instance with its exit code', async () => {
    await ok(
      'apply',
      '-f',
      manifest(
        'crashy',
        `apiVersion: v1
kind: Pod
metadata:
  name: crashy
  annotations:
    chronokube.io/crash-after: 1s
    chronokube.io/exit-code: "3"
spec:
  containers:
    - {name: app, image: busybox:1.36}
`,
      ),
    );
    const previous = await until(async () => {
      const r = await kubectl('logs', 'crashy', '--previous');
      return r.code === 0 ? r.out : undefined;
    });
    expect(previous.split('\n')).toEqual([
      'chronokube: container app started (image docker.io/library/busybox:1.36, restart 0)',
      'chronokube: container app is ready',
      'chronokube: container app exited with code 3 (Error)',
    ]);
    expect(await ok('get', 'pod', 'crashy', '-o', 'jsonpath={.status.containerStatuses[0].lastState.terminated.exitCode}')).toBe('3');
  }, 60_000);

  it('logs -f follows a container until it completes', async () => {
    await ok(
      'apply',
      '-f',
      manifest(
        'task',
        `apiVersion: v1
kind: Pod
metadata:
  name: task
  annotations:
    chronokube.io/complete-after: 2s
spec:
  restartPolicy: Never
  containers:
    - {name: app, image: busybox:1.36}
`,
      ),
    );
    await ok('wait', '--for=condition=Ready', 'pod/task', '--timeout=30s');
    const started = Date.now();
    const followed = await ok('logs', '-f', 'task');
    expect(followed.split('\n').at(-1)).toBe('chronokube: container app exited with code 0 (Completed)');
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(await ok('get', 'pod', 'task', '-o', 'jsonpath={.status.phase}')).toBe('Succeeded');
  }, 60_000);
});
