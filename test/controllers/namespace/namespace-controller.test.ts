import type { Namespace } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import type { Processed } from '../../../src/controllers/index.js';
import { namespaceController } from '../../../src/controllers/namespace/namespace-controller.js';
import { rootCaPublisherController } from '../../../src/controllers/service-account/root-ca-publisher.js';
import { serviceAccountController } from '../../../src/controllers/service-account/service-account-controller.js';
import type { HistoryRecord, KubeObject } from '../../../src/model/index.js';
import type { StateView } from '../../../src/store/index.js';
import { testEngine, type TestEngine } from '../../runtime/engine.js';

const user = { actor: 'user:alice' };
const NS_KEY = 'core/namespaces/_/team';
const namespaces = (name?: string) => ({ group: '', version: 'v1', resource: 'namespaces', ...(name === undefined ? {} : { name }) });
const cms = (name?: string) => ({ group: '', version: 'v1', resource: 'configmaps', namespace: 'team', ...(name === undefined ? {} : { name }) });
const pods = (name?: string) => ({ group: '', version: 'v1', resource: 'pods', namespace: 'team', ...(name === undefined ? {} : { name }) });
const widgets = (name?: string) => ({ group: 'example.com', version: 'v1', resource: 'widgets', namespace: 'team', ...(name === undefined ? {} : { name }) });
const crdTarget = { group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions' };

const crd: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    scope: 'Namespaced',
    names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
    versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } } } }],
  },
};
const cm = (name: string, finalizers?: string[]): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, ...(finalizers === undefined ? {} : { finalizers }) },
  data: { a: '1' },
});
const pod = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });

async function withTeam(e: TestEngine, spec?: { finalizers: string[] }): Promise<void> {
  await e.api.create(namespaces(), { metadata: { name: 'team' }, ...(spec === undefined ? {} : { spec }) }, user);
}

function exists(e: TestEngine, t: ReturnType<typeof namespaces>): boolean {
  try {
    e.api.get(t);
    return true;
  } catch {
    return false;
  }
}

function conditionsOf(e: TestEngine): Record<string, { status: string; reason: string | undefined; message: string | undefined }> {
  const ns = e.api.get(namespaces('team')) as Namespace;
  return Object.fromEntries((ns.status?.conditions ?? []).map((c) => [c.type, { status: c.status, reason: c.reason, message: c.message }]));
}

/** A view whose `get` passes objects through `fn`. */
function withGet(v: StateView, fn: (o: KubeObject) => KubeObject): StateView {
  return {
    rev: v.rev,
    get: (k) => {
      const o = v.get(k);
      return o === undefined ? undefined : fn(o);
    },
    versionRev: (k) => v.versionRev(k),
    list: (scope, f) => v.list(scope, f),
    count: (scope) => v.count(scope),
    byLabel: (scope, n, val) => v.byLabel(scope, n, val),
    byOwner: (uid) => v.byOwner(uid),
    keys: (scope) => v.keys(scope),
  };
}

async function records(e: TestEngine): Promise<HistoryRecord[]> {
  const out: HistoryRecord[] = [];
  for await (const r of e.log.read()) out.push(r);
  return out;
}

describe('namespaceController', () => {
  it('does nothing while no namespace is being deleted, and ignores updates of Active namespaces', async () => {
    const e = await testEngine();
    await withTeam(e);
    const seen: Processed[] = [];
    e.manager.processed$.subscribe((p) => seen.push(p));
    e.manager.add(namespaceController);
    await e.api.patch(namespaces('team'), 'merge', { metadata: { labels: { tier: 'x' } } }, user);
    const before = e.log.headRev();
    await e.scheduler.run(60_000);
    expect(seen).toEqual([]);
    expect(e.log.headRev()).toBe(before);
  });

  it('deletes configmaps, pods and custom resources, waits 5 s first, then finalizes and the namespace is gone', async () => {
    const e = await testEngine();
    await e.api.create(crdTarget, crd, user);
    await withTeam(e);
    await e.api.create(cms(), cm('one'), user);
    await e.api.create(cms(), cm('two'), user);
    await e.api.create(pods(), pod('p'), user);
    await e.api.create(widgets(), { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 1 } }, user);
    e.manager.add(namespaceController);
    const deletedAt = e.clock.now();
    await e.api.delete(namespaces('team'), user);
    expect((e.api.get(namespaces('team')) as Namespace).status?.phase).toBe('Terminating');

    await e.scheduler.run(deletedAt + 4_999);
    expect(e.api.list(cms()).items).toHaveLength(2);
    await e.scheduler.run(deletedAt + 5_000);
    expect(exists(e, namespaces('team'))).toBe(false);
    expect(e.api.list(cms()).items).toHaveLength(0);
    expect(e.api.list(pods()).items).toHaveLength(0);
    expect(e.api.list(widgets()).items).toHaveLength(0);

    const writes = e.store.writes({ actor: 'controller:namespace' }).map((w) => `${w.verb} ${w.key}`);
    expect(writes).toEqual([
      'delete core/configmaps/team/one',
      'delete core/configmaps/team/two',
      'delete core/pods/team/p',
      'delete example.com/widgets/team/w',
      'update core/namespaces/_/team',
      'update core/namespaces/_/team',
    ]);
    // The last status before finalizing: every condition in its ok variant.
    const statusWrite = e.store.writes({ actor: 'controller:namespace', key: NS_KEY })[0];
    expect(statusWrite).toBeDefined();
    const ns = e.store.at(statusWrite?.rev ?? 0).get(NS_KEY) as Namespace;
    expect(ns.status?.conditions?.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['NamespaceDeletionDiscoveryFailure', 'False', 'ResourcesDiscovered'],
      ['NamespaceDeletionGroupVersionParsingFailure', 'False', 'ParsedGroupVersions'],
      ['NamespaceDeletionContentFailure', 'False', 'ContentDeleted'],
      ['NamespaceContentRemaining', 'False', 'ContentRemoved'],
      ['NamespaceFinalizersRemaining', 'False', 'ContentHasNoFinalizers'],
    ]);
    expect(ns.status?.conditions?.[0]?.lastTransitionTime).toBe('2026-01-01T00:00:05Z');
  });

  it('with the service account controller and root CA publisher: their objects are deleted and not re-created', async () => {
    const e = await testEngine();
    e.manager.add(serviceAccountController);
    e.manager.add(rootCaPublisherController);
    e.manager.add(namespaceController);
    await withTeam(e);
    await e.scheduler.run(1_000);
    expect(e.api.get({ group: '', version: 'v1', resource: 'serviceaccounts', namespace: 'team', name: 'default' })).toBeDefined();
    expect(e.api.get(cms('kube-root-ca.crt'))).toBeDefined();
    await e.api.delete(namespaces('team'), user);
    await e.scheduler.run(60_000);
    expect(exists(e, namespaces('team'))).toBe(false);
    expect(e.api.list({ group: '', version: 'v1', resource: 'serviceaccounts', namespace: 'team' }).items).toEqual([]);
    expect(e.api.list(cms()).items).toEqual([]);
    expect((await records(e)).filter((r) => r.type === 'attempt')).toEqual([]);
  });

  it('keeps the namespace Terminating with NamespaceFinalizersRemaining while a finalizer holds content, re-checking every 8 s', async () => {
    const e = await testEngine();
    await withTeam(e);
    await e.api.create(cms(), cm('held', ['example.com/hold']), user);
    e.manager.add(namespaceController);
    await e.api.delete(namespaces('team'), user);
    await e.scheduler.run(60_000);
    expect(exists(e, namespaces('team'))).toBe(true);
    expect(e.api.get(cms('held')).metadata.deletionTimestamp).toBeDefined();
    expect(conditionsOf(e)).toMatchObject({
      NamespaceContentRemaining: { status: 'True', reason: 'SomeResourcesRemain', message: 'Some resources are remaining: configmaps. has 1 resource instances' },
      NamespaceFinalizersRemaining: {
        status: 'True',
        reason: 'SomeFinalizersRemain',
        message: 'Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances',
      },
      NamespaceDeletionContentFailure: { status: 'False', reason: 'ContentDeleted' },
    });
    // The conditions were written once, not on every re-check.
    expect(e.store.writes({ actor: 'controller:namespace', key: NS_KEY })).toHaveLength(1);
    const rechecks = (await records(e)).filter((r) => r.type === 'reconcile' && r.controller === 'namespace' && r.requeueAfterMs === 8_000);
    // (The status write itself wakes the key once more at the same time: distinct times only.)
    const times = [...new Set(rechecks.map((r) => r.time))];
    expect(times.slice(1).map((t, i) => t - (times[i] ?? 0))).toEqual(times.slice(1).map(() => 8_000));
    expect(times.length).toBeGreaterThanOrEqual(6);

    // A write of new content into the terminating namespace is refused by the API.
    await expect(e.api.create(cms(), cm('late'), user)).rejects.toMatchObject({ status: { reason: 'Forbidden' } });

    const released = e.clock.now();
    await e.api.patch(cms('held'), 'merge', { metadata: { finalizers: null } }, user);
    await e.scheduler.run(released + 8_000);
    expect(exists(e, namespaces('team'))).toBe(false);
  });

  it('removes only its own token: another spec finalizer keeps the namespace until it is finalized too', async () => {
    const e = await testEngine();
    await withTeam(e, { finalizers: ['kubernetes', 'example.com/other'] });
    e.manager.add(namespaceController);
    await e.api.delete(namespaces('team'), user);
    await e.scheduler.run(30_000);
    expect((e.api.get(namespaces('team')) as Namespace).spec?.finalizers).toEqual(['example.com/other']);
    await e.api.update({ ...namespaces('team'), subresource: 'finalize' }, { metadata: { name: 'team' }, spec: { finalizers: [] } }, user);
    expect(exists(e, namespaces('team'))).toBe(false);
  });

  it('waits for scheduled pods: the estimate is their grace period, then unexplained leftovers fail the pass', async () => {
    const e = await testEngine();
    await withTeam(e);
    await e.api.create(pods(), { ...pod('bound'), spec: { nodeName: 'node-1', terminationGracePeriodSeconds: 30, containers: [{ name: 'c', image: 'nginx' }] } }, user);
    const outcomes: Processed[] = [];
    e.manager.processed$.subscribe((p) => outcomes.push(p));
    e.manager.add(namespaceController);
    await e.api.delete(namespaces('team'), user);
    await e.scheduler.run(20_000);
    // Pods still in their grace period: estimate 30 s, re-check after 30/2+1 = 16 s.
    expect(outcomes.map((o) => o.outcome)).toContainEqual({ type: 'requeue-after', ms: 16_000 });
    expect(conditionsOf(e)['NamespaceContentRemaining']?.message).toBe('Some resources are remaining: pods. has 1 resource instances');
    // Past the grace period with no kubelet to confirm: a content failure, retried with backoff.
    await e.scheduler.run(40_000);
    expect(conditionsOf(e)['NamespaceDeletionContentFailure']).toEqual({
      status: 'True',
      reason: 'ContentDeletionFailed',
      message: 'Failed to delete all resource types, 1 remaining: unexpected items still remain in namespace: team for gvr: /v1, Resource=pods',
    });
    expect(outcomes.some((o) => o.outcome.type === 'error' && !o.outcome.terminal)).toBe(true);
    // The kubelet's confirmation (a grace-0 delete) removes the pod; the next retry finalizes.
    await e.api.delete(pods('bound'), { actor: 'node:node-1' }, { gracePeriodSeconds: 0 });
    await e.scheduler.run(e.clock.now() + 10_000);
    expect(exists(e, namespaces('team'))).toBe(false);
  });

  it('recovers from a write conflict (a stale cache) by retrying with backoff', async () => {
    const e = await testEngine();
    await withTeam(e);
    await e.api.create(cms(), cm('held', ['example.com/hold']), user);
    await e.api.delete(namespaces('team'), user);
    await e.api.delete(cms('held'), user);
    await e.scheduler.run(6_000);
    const stale = e.store.head();
    // Another writer changes the namespace after the view the controller is first given.
    await e.api.patch(namespaces('team'), 'merge', { metadata: { labels: { touched: 'yes' } } }, user);
    let calls = 0;
    const outcomes: Processed[] = [];
    e.manager.processed$.subscribe((p) => outcomes.push(p));
    e.manager.add({ ...namespaceController, reconcile: (key, view, ctx) => namespaceController.reconcile(key, calls++ === 0 ? stale : view, ctx) });
    await e.scheduler.run(7_000);
    const attempts = (await records(e)).filter((r) => r.type === 'attempt');
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ actor: 'controller:namespace', status: { reason: 'Conflict' } });
    expect(outcomes.map((o) => o.outcome.type).slice(0, 2)).toEqual(['error', 'requeue-after']);
    const times = (await records(e)).filter((r) => r.type === 'reconcile').map((r) => r.time);
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBe(5); // the work queue's first backoff step
    expect(conditionsOf(e)['NamespaceFinalizersRemaining']?.status).toBe('True');
    expect(e.api.get(namespaces('team')).metadata.labels?.['touched']).toBe('yes');
  });

  it('stops on a terminal error (an unreadable deletionTimestamp) and does not retry', async () => {
    const e = await testEngine();
    await withTeam(e);
    await e.api.delete(namespaces('team'), user);
    let calls = 0;
    e.manager.add({
      ...namespaceController,
      reconcile: (key, view, ctx) => {
        calls++;
        return namespaceController.reconcile(key, withGet(view, (o) => ({ ...o, metadata: { ...o.metadata, deletionTimestamp: 'yesterday' } })), ctx);
      },
    });
    await e.scheduler.run(120_000);
    expect(calls).toBe(1);
    const recs = (await records(e)).filter((r) => r.type === 'reconcile');
    expect(recs).toHaveLength(1);
    expect(recs[0]).toMatchObject({ terminal: true, error: expect.stringContaining('not an RFC 3339 time') });
  });

  it('acts no more once removed (shutdown mid-deletion)', async () => {
    const e = await testEngine();
    await withTeam(e);
    await e.api.create(cms(), cm('one'), user);
    e.manager.add(namespaceController);
    await e.api.delete(namespaces('team'), user);
    await e.scheduler.run(2_000);
    e.manager.remove('namespace');
    await e.scheduler.run(60_000);
    expect(exists(e, namespaces('team'))).toBe(true);
    expect(e.api.list(cms()).items).toHaveLength(1);
    expect(e.store.writes({ actor: 'controller:namespace' })).toHaveLength(0);
  });
});
