/**
 * The official JavaScript client (@kubernetes/client-node 1.4) against
 * `chronokube up` run as a child process: typed CRUD, a list-watch informer
 * that resumes from its last resourceVersion across a server restart, and a
 * small custom controller reconciling a custom resource of a CRD.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubernetesObject, V1ConfigMap } from '@kubernetes/client-node';
import { ApiException, AppsV1Api, CoreV1Api, CustomObjectsApi, KubeConfig, makeInformer, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import { createApi } from '../../src/api/index.js';
import { CAUSE_HEADER, createHttpServer } from '../../src/http/index.js';
import { seededIds, seededRandom } from '../../src/model/index.js';
import { virtualClock } from '../../src/runtime/index.js';
import { checkpointOf, openStore } from '../../src/store/index.js';
import { harness } from '../api/harness.js';
import type { UpProcess } from './up-process.js';
import { freePort, startUp, stopAll } from './up-process.js';

let dir = '';
let port = 0;
let up: UpProcess;
let kc: KubeConfig;

function clients(): { core: CoreV1Api; apps: AppsV1Api; custom: CustomObjectsApi } {
  kc = new KubeConfig();
  kc.loadFromFile(up.kubeconfig);
  return { core: kc.makeApiClient(CoreV1Api), apps: kc.makeApiClient(AppsV1Api), custom: kc.makeApiClient(CustomObjectsApi) };
}

/** Polls until `check` returns a value (not undefined), failing with the last error after `ms`. */
async function eventually<T>(check: () => Promise<T | undefined> | T | undefined, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > until) throw new Error(`condition not reached within ${ms} ms${last === undefined ? '' : `: ${String(last)}`}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function refusedWith(p: Promise<unknown>): Promise<{ code: number; reason?: string }> {
  try {
    await p;
  } catch (e) {
    if (!(e instanceof ApiException)) throw e;
    const body = (typeof e.body === 'string' ? JSON.parse(e.body) : e.body) as { reason?: string };
    return { code: e.code, ...(body.reason === undefined ? {} : { reason: body.reason }) };
  }
  throw new Error('the request succeeded');
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chronokube-client-node-'));
  port = await freePort();
  up = await startUp(join(dir, 'data'), port);
}, 40_000);

afterAll(async () => {
  const code = await up.stop();
  await stopAll();
  expect(code).toBe(0);
}, 20_000);

describe('@kubernetes/client-node against chronokube up', () => {
  it('typed CRUD with CoreV1Api: create, read, replace (409 on a stale resourceVersion), patch, list by label, delete (404 after)', async () => {
    const { core } = clients();
    await core.createNamespace({ body: { metadata: { name: 'typed' } } });
    const created = await core.createNamespacedConfigMap({
      namespace: 'typed',
      body: { metadata: { name: 'settings', labels: { app: 'web' } }, data: { mode: 'blue' } },
    });
    expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    const read = await core.readNamespacedConfigMap({ namespace: 'typed', name: 'settings' });
    expect(read.data).toEqual({ mode: 'blue' });
    const replaced = await core.replaceNamespacedConfigMap({ namespace: 'typed', name: 'settings', body: { ...read, data: { mode: 'green' } } });
    expect(Number(replaced.metadata?.resourceVersion)).toBeGreaterThan(Number(read.metadata?.resourceVersion));
    expect(await refusedWith(core.replaceNamespacedConfigMap({ namespace: 'typed', name: 'settings', body: { ...read, data: { mode: 'red' } } }))).toEqual({
      code: 409,
      reason: 'Conflict',
    });
    // The generated client sends JSON Patch by default; merge patch is asked for with a header option.
    await core.patchNamespacedConfigMap({ namespace: 'typed', name: 'settings', body: [{ op: 'add', path: '/data/size', value: 'L' }] });
    const merged = await core.patchNamespacedConfigMap(
      { namespace: 'typed', name: 'settings', body: { data: { mode: 'amber' } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(merged.data).toEqual({ mode: 'amber', size: 'L' });
    await core.createNamespacedConfigMap({ namespace: 'typed', body: { metadata: { name: 'other', labels: { app: 'db' } } } });
    const web = await core.listNamespacedConfigMap({ namespace: 'typed', labelSelector: 'app in (web)' });
    expect(web.items.map((c) => c.metadata?.name)).toEqual(['settings']);
    await core.deleteNamespacedConfigMap({ namespace: 'typed', name: 'settings' });
    expect(await refusedWith(core.readNamespacedConfigMap({ namespace: 'typed', name: 'settings' }))).toEqual({ code: 404, reason: 'NotFound' });
    expect(await refusedWith(core.createNamespacedConfigMap({ namespace: 'typed', body: { metadata: { name: 'other' } } }))).toEqual({
      code: 409,
      reason: 'AlreadyExists',
    });
  });

  it('typed CRUD with AppsV1Api: a Deployment scaled through its scale subresource gets its pods scheduled', async () => {
    const { core, apps } = clients();
    await apps.createNamespacedDeployment({
      namespace: 'typed',
      body: {
        metadata: { name: 'web' },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: 'web' } },
          // A short grace period: the simulated container takes all of it to stop, and a foreground delete waits for the pods.
          template: { metadata: { labels: { app: 'web' } }, spec: { terminationGracePeriodSeconds: 1, containers: [{ name: 'web', image: 'nginx:1.27' }] } },
        },
      },
    });
    const scale = await apps.readNamespacedDeploymentScale({ namespace: 'typed', name: 'web' });
    expect(scale.spec?.replicas).toBe(1);
    // The Deployment controller writes its status meanwhile: a replace carrying the read resourceVersion may conflict.
    const replace = apps.replaceNamespacedDeploymentScale({ namespace: 'typed', name: 'web', body: { ...scale, spec: { replicas: 2 } } });
    const outcome = await replace.then(
      () => 'replaced',
      (e: unknown) => (e instanceof ApiException && e.code === 409 ? 'conflict' : Promise.reject(e)),
    );
    if (outcome === 'conflict') {
      await apps.patchNamespacedDeploymentScale(
        { namespace: 'typed', name: 'web', body: { spec: { replicas: 2 } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
    }
    expect((await apps.readNamespacedDeploymentScale({ namespace: 'typed', name: 'web' })).spec?.replicas).toBe(2);
    const ready = await eventually(async () => {
      const d = await apps.readNamespacedDeployment({ namespace: 'typed', name: 'web' });
      if (d.status?.readyReplicas !== 2) throw new Error(`status ${JSON.stringify(d.status)}; spec.replicas ${String(d.spec?.replicas)}`);
      return d;
    });
    expect(ready.spec?.replicas).toBe(2);
    const pods = await core.listNamespacedPod({ namespace: 'typed', labelSelector: 'app=web' });
    expect(pods.items).toHaveLength(2);
    expect(pods.items.map((p) => p.spec?.nodeName)).toEqual(['node-1', 'node-1']);
    await apps.deleteNamespacedDeployment({ namespace: 'typed', name: 'web', body: { propagationPolicy: 'Foreground' } });
    // Foreground: the Deployment stays (with a deletionTimestamp) until its ReplicaSet and pods are gone.
    const deleting = await apps.readNamespacedDeployment({ namespace: 'typed', name: 'web' });
    expect(deleting.metadata?.finalizers).toContain('foregroundDeletion');
    await eventually(async () => ((await refusedWith(apps.readNamespacedDeployment({ namespace: 'typed', name: 'web' }))).code === 404 ? true : undefined));
    expect((await core.listNamespacedPod({ namespace: 'typed', labelSelector: 'app=web' })).items).toEqual([]);
  }, 30_000);

  it('an informer sees every change in order across a server restart, resuming from its last resourceVersion', async () => {
    const { core } = clients();
    await core.createNamespace({ body: { metadata: { name: 'informed' } } });
    let lists = 0;
    // Selected by label: the root-CA publisher adds its own ConfigMap to every namespace.
    const informer = makeInformer<V1ConfigMap>(
      kc,
      '/api/v1/namespaces/informed/configmaps',
      () => {
        lists += 1;
        return core.listNamespacedConfigMap({ namespace: 'informed', labelSelector: 'test=informer' });
      },
      'test=informer',
    );
    const seen: string[] = [];
    const record = (verb: string) => (o: KubernetesObject) => seen.push(`${verb} ${o.metadata?.name ?? ''} ${o.metadata?.resourceVersion ?? ''}`);
    informer.on('add', record('add'));
    informer.on('update', record('update'));
    informer.on('delete', record('delete'));
    let stopped = false;
    let errors = 0;
    // client-node's informer stops on a connection error; the documented pattern is to start it again.
    informer.on('error', () => {
      errors += 1;
      if (!stopped) setTimeout(() => void informer.start().catch(() => undefined), 100);
    });
    await informer.start();
    try {
      const expected: string[] = [];
      const rv = (o: KubernetesObject): string => o.metadata?.resourceVersion ?? '';
      const a = await core.createNamespacedConfigMap({ namespace: 'informed', body: { metadata: { name: 'a', labels: { test: 'informer' } }, data: { n: '1' } } });
      expected.push(`add a ${rv(a)}`);
      const b = await core.createNamespacedConfigMap({ namespace: 'informed', body: { metadata: { name: 'b', labels: { test: 'informer' } } } });
      expected.push(`add b ${rv(b)}`);
      const a2 = await core.patchNamespacedConfigMap({ namespace: 'informed', name: 'a', body: [{ op: 'replace', path: '/data/n', value: '2' }] });
      expected.push(`update a ${rv(a2)}`);
      const bDeleted = await core.deleteNamespacedConfigMap({ namespace: 'informed', name: 'b' });
      expect(bDeleted.details?.name).toBe('b');
      await eventually(() => (seen.length >= 4 ? true : undefined));
      const beforeRestart = seen.slice();

      // Stop the server; a manifest dropped into the inbox meanwhile is applied when it starts again.
      expect(await up.stop()).toBe(0);
      mkdirSync(join(dir, 'data', 'inbox'), { recursive: true });
      writeFileSync(join(dir, 'data', 'inbox', 'c.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: informed\n  labels:\n    test: informer\ndata:\n  n: "3"\n');
      up = await startUp(join(dir, 'data'), port);
      const c = await eventually(() => core.readNamespacedConfigMap({ namespace: 'informed', name: 'c' }));
      const a3 = await core.patchNamespacedConfigMap({ namespace: 'informed', name: 'a', body: [{ op: 'replace', path: '/data/n', value: '4' }] });
      await core.deleteNamespacedConfigMap({ namespace: 'informed', name: 'c' });
      await eventually(() => (seen.length >= 7 ? true : undefined));

      expect(beforeRestart.slice(0, 3)).toEqual(expected);
      expect(beforeRestart[3]).toMatch(/^delete b \d+$/);
      expect(seen.slice(4, 6)).toEqual([`add c ${rv(c)}`, `update a ${rv(a3)}`]);
      expect(seen[6]).toMatch(/^delete c \d+$/);
      expect(seen).toHaveLength(7);
      const revs = seen.map((s) => Number(s.split(' ')[2]));
      expect(revs).toEqual([...revs].sort((x, y) => x - y));
      expect(new Set(revs).size).toBe(revs.length);
      // It resumed: one list at the start, none after the restart, and the connection errors were the restart's.
      expect(lists).toBe(1);
      expect(errors).toBeGreaterThan(0);
      expect(informer.list('informed').map((o) => [o.metadata?.name, o.data])).toEqual([['a', { n: '4' }]]);
    } finally {
      stopped = true;
      await informer.stop();
    }
  }, 60_000);

  it('a custom controller reconciles Greetings of a CRD into ConfigMaps and reports status', async () => {
    const { core, custom } = clients();
    const apiext = kc.makeApiClient((await import('@kubernetes/client-node')).ApiextensionsV1Api);
    await apiext.createCustomResourceDefinition({
      body: {
        metadata: { name: 'greetings.example.chronokube.io' },
        spec: {
          group: 'example.chronokube.io',
          scope: 'Namespaced',
          names: { plural: 'greetings', singular: 'greeting', kind: 'Greeting', listKind: 'GreetingList' },
          versions: [
            {
              name: 'v1',
              served: true,
              storage: true,
              subresources: { status: {} },
              schema: {
                openAPIV3Schema: {
                  type: 'object',
                  properties: {
                    spec: { type: 'object', properties: { message: { type: 'string' } } },
                    status: { type: 'object', properties: { observedGeneration: { type: 'integer' }, configMap: { type: 'string' } } },
                  },
                },
              },
            },
          ],
        },
      },
    });
    const g = { group: 'example.chronokube.io', version: 'v1', plural: 'greetings' };
    await core.createNamespace({ body: { metadata: { name: 'greet' } } });
    const controller = greetingController(core, custom);
    const informer = makeInformer<Greeting>(kc, '/apis/example.chronokube.io/v1/greetings', () => custom.listClusterCustomObject(g) as Promise<never>);
    const wake = (o: Greeting): void => controller.enqueue(o);
    informer.on('add', wake);
    informer.on('update', wake);
    await informer.start();
    try {
      const created = (await custom.createNamespacedCustomObject({
        ...g,
        namespace: 'greet',
        body: { apiVersion: 'example.chronokube.io/v1', kind: 'Greeting', metadata: { name: 'hello' }, spec: { message: 'hello, world' } },
      })) as Greeting;
      expect(created.metadata?.generation).toBe(1);
      const done1 = await eventually(async () => {
        const cur = (await custom.getNamespacedCustomObject({ ...g, namespace: 'greet', name: 'hello' })) as Greeting;
        return cur.status?.observedGeneration === 1 ? cur : undefined;
      });
      expect(done1.status?.configMap).toBe('greeting-hello');
      const cm = await core.readNamespacedConfigMap({ namespace: 'greet', name: 'greeting-hello' });
      expect(cm.data).toEqual({ message: 'hello, world' });
      expect(cm.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'Greeting', name: 'hello', uid: created.metadata?.uid, controller: true });

      await custom.patchNamespacedCustomObject(
        { ...g, namespace: 'greet', name: 'hello', body: { spec: { message: 'hi again' } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
      await eventually(async () => {
        const cur = (await custom.getNamespacedCustomObject({ ...g, namespace: 'greet', name: 'hello' })) as Greeting;
        return cur.status?.observedGeneration === 2 ? cur : undefined;
      });
      expect((await core.readNamespacedConfigMap({ namespace: 'greet', name: 'greeting-hello' })).data).toEqual({ message: 'hi again' });
      // Status writes do not bump the generation, and a settled controller writes nothing more.
      const settled = (await custom.getNamespacedCustomObject({ ...g, namespace: 'greet', name: 'hello' })) as Greeting;
      expect(settled.metadata?.generation).toBe(2);
      const writes = controller.writes();
      await new Promise((r) => setTimeout(r, 300));
      expect(controller.writes()).toBe(writes);
      expect(controller.failures()).toEqual([]);

      // Deletion waits for the controller's finalizer: it removes the ConfigMap, then lets the Greeting go.
      await custom.deleteNamespacedCustomObject({ ...g, namespace: 'greet', name: 'hello' });
      await eventually(async () => ((await refusedWith(custom.getNamespacedCustomObject({ ...g, namespace: 'greet', name: 'hello' }))).code === 404 ? true : undefined));
      expect((await refusedWith(core.readNamespacedConfigMap({ namespace: 'greet', name: 'greeting-hello' }))).code).toBe(404);
      expect(controller.failures()).toEqual([]);
    } finally {
      await informer.stop();
    }
  }, 40_000);
});

describe('@kubernetes/client-node informer and 410 Gone', () => {
  it('relists when its resourceVersion was compacted while it was away, and ends with the current state', async () => {
    const { api, log, store } = await harness();
    const cms = { group: '', version: 'v1', resource: 'configmaps', namespace: 'default' };
    const cm = (name: string, n: string) => ({ metadata: { name, labels: { t: 'gone' } }, data: { n } });
    let server = createHttpServer({ api });
    const port = await freePort();
    await listen(server, port);
    const local = new KubeConfig();
    local.loadFromOptions({
      clusters: [{ name: 'local', server: `http://127.0.0.1:${port}`, skipTLSVerify: true }],
      users: [{ name: 'u' }],
      contexts: [{ name: 'local', cluster: 'local', user: 'u' }],
      currentContext: 'local',
    });
    const core = local.makeApiClient(CoreV1Api);
    let lists = 0;
    const informer = makeInformer<V1ConfigMap>(
      local,
      '/api/v1/namespaces/default/configmaps',
      () => {
        lists += 1;
        return core.listNamespacedConfigMap({ namespace: 'default', labelSelector: 't=gone' });
      },
      't=gone',
    );
    const seen: string[] = [];
    let lastRv = 0;
    informer.on('change', (o) => (lastRv = Math.max(lastRv, Number(o.metadata?.resourceVersion))));
    informer.on('add', (o) => seen.push(`add ${o.metadata?.name ?? ''} ${JSON.stringify(o.data)}`));
    informer.on('update', (o) => seen.push(`update ${o.metadata?.name ?? ''} ${JSON.stringify(o.data)}`));
    informer.on('delete', (o) => seen.push(`delete ${o.metadata?.name ?? ''}`));
    let stopped = false;
    informer.on('error', () => {
      if (!stopped) setTimeout(() => void informer.start().catch(() => undefined), 50);
    });
    try {
      await informer.start();
      await api.create(cms, cm('a', '1'), { actor: 'user:alice' });
      await api.create(cms, cm('b', '1'), { actor: 'user:alice' });
      await eventually(() => (seen.length === 2 ? true : undefined));
      const lastSeen = lastRv;

      // The server goes away; meanwhile the history moves on and is compacted past the informer's revision.
      await close(server);
      await api.patch({ ...cms, name: 'a' }, 'merge', { data: { n: '2' } }, { actor: 'user:alice' });
      await api.delete({ ...cms, name: 'b' }, { actor: 'user:alice' });
      await api.create(cms, cm('c', '1'), { actor: 'user:alice' });
      await log.compact(checkpointOf(store.at(store.rev)));
      const store2 = await openStore(log);
      expect(store2.compactedRev).toBeGreaterThan(lastSeen);
      const api2 = createApi({ log, store: store2, clock: virtualClock(0), ids: seededIds(seededRandom(7)) });
      server = createHttpServer({ api: api2 });
      await listen(server, port);

      // The resumed watch answers 410 Expired; the informer then lists again and reconciles its cache.
      await eventually(() => (seen.length === 5 ? true : undefined));
      expect(seen.slice(2).sort()).toEqual(['add c {"n":"1"}', 'delete b', 'update a {"n":"2"}']);
      expect(lists).toBe(2);
      expect(lastRv).toBeGreaterThan(lastSeen);
      await api2.patch({ ...cms, name: 'c' }, 'merge', { data: { n: '3' } }, { actor: 'user:alice' });
      await eventually(() => (seen.length === 6 ? true : undefined));
      expect(seen[5]).toBe('update c {"n":"3"}');
    } finally {
      stopped = true;
      await informer.stop();
      await close(server);
    }
  }, 20_000);
});

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
    if (!server.listening) resolve();
  });
}

interface Greeting extends KubernetesObject {
  spec?: { message?: string };
  status?: { observedGeneration?: number; configMap?: string };
}

const FINALIZER = 'example.chronokube.io/cleanup';

/**
 * A level-triggered controller as users write them against client-node: a
 * queue of keys, one reconcile at a time, reading the current object (never
 * the event), writing only what differs, naming the Greeting's revision in
 * the cause header so chronokube's `why` follows the chain. A finalizer lets
 * it remove the ConfigMap before the Greeting goes (chronokube's garbage
 * collector watches only the kinds it started with, so a CRD created later
 * does not wake it when its object is deleted).
 */
function greetingController(core: CoreV1Api, custom: CustomObjectsApi) {
  const g = { group: 'example.chronokube.io', version: 'v1', plural: 'greetings' };
  const queue = new Set<string>();
  let busy = false;
  let writes = 0;
  const failures: string[] = [];

  const reconcile = async (key: string): Promise<void> => {
    const [namespace = '', name = ''] = key.split('/');
    let cur: Greeting;
    try {
      cur = (await custom.getNamespacedCustomObject({ ...g, namespace, name })) as Greeting;
    } catch (e) {
      if (e instanceof ApiException && e.code === 404) return;
      throw e;
    }
    const cause = setHeaderOptions(CAUSE_HEADER, cur.metadata?.resourceVersion ?? '');
    const cmName = `greeting-${name}`;
    const finalizers = cur.metadata?.finalizers ?? [];
    const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
    if (cur.metadata?.deletionTimestamp !== undefined) {
      if (!finalizers.includes(FINALIZER)) return;
      try {
        await core.deleteNamespacedConfigMap({ namespace, name: cmName }, cause);
        writes += 1;
      } catch (e) {
        if (!(e instanceof ApiException && e.code === 404)) throw e;
      }
      const rest = finalizers.filter((f) => f !== FINALIZER);
      await custom.patchNamespacedCustomObject({ ...g, namespace, name, body: { metadata: { finalizers: rest, resourceVersion: cur.metadata.resourceVersion } } }, merge);
      writes += 1;
      return;
    }
    if (!finalizers.includes(FINALIZER)) {
      await custom.patchNamespacedCustomObject({ ...g, namespace, name, body: { metadata: { finalizers: [...finalizers, FINALIZER], resourceVersion: cur.metadata?.resourceVersion } } }, merge);
      writes += 1;
      return; // the update wakes the next reconcile
    }
    const data = { message: cur.spec?.message ?? '' };
    let cm: V1ConfigMap | undefined;
    try {
      cm = await core.readNamespacedConfigMap({ namespace, name: cmName });
    } catch (e) {
      if (!(e instanceof ApiException && e.code === 404)) throw e;
    }
    const owner = { apiVersion: 'example.chronokube.io/v1', kind: 'Greeting', name, uid: cur.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true };
    if (cm === undefined) {
      await core.createNamespacedConfigMap({ namespace, body: { metadata: { name: cmName, ownerReferences: [owner] }, data } }, cause);
      writes += 1;
    } else if (JSON.stringify(cm.data) !== JSON.stringify(data)) {
      await core.replaceNamespacedConfigMap({ namespace, name: cmName, body: { ...cm, data } }, cause);
      writes += 1;
    }
    const generation = cur.metadata?.generation ?? 0;
    if (cur.status?.observedGeneration !== generation || cur.status.configMap !== cmName) {
      await custom.patchNamespacedCustomObjectStatus({ ...g, namespace, name, body: { status: { observedGeneration: generation, configMap: cmName } } }, merge);
      writes += 1;
    }
  };

  const run = async (): Promise<void> => {
    if (busy) return;
    busy = true;
    try {
      for (let key = first(queue); key !== undefined; key = first(queue)) {
        queue.delete(key);
        try {
          await reconcile(key);
        } catch (e) {
          // A conflict means the view was stale: requeue and read again.
          if (e instanceof ApiException && e.code === 409) queue.add(key);
          else failures.push(`${key}: ${String(e)}`);
        }
      }
    } finally {
      busy = false;
    }
  };

  return {
    enqueue(o: KubernetesObject): void {
      queue.add(`${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`);
      void run();
    },
    writes: () => writes,
    failures: () => failures.slice(),
  };
}

function first(s: Set<string>): string | undefined {
  for (const v of s) return v;
  return undefined;
}
