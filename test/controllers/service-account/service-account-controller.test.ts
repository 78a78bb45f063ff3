import { describe, expect, it } from 'vitest';
import type { Processed } from '../../../src/controllers/index.js';
import { createServiceAccountController, serviceAccountController } from '../../../src/controllers/service-account/service-account-controller.js';
import type { HistoryRecord } from '../../../src/model/index.js';
import { testEngine, type TestEngine } from '../../runtime/engine.js';

const user = { actor: 'user:alice' };
const namespaces = (name?: string) => ({ group: '', version: 'v1', resource: 'namespaces', ...(name === undefined ? {} : { name }) });
const sas = (namespace: string, name?: string) => ({ group: '', version: 'v1', resource: 'serviceaccounts', namespace, ...(name === undefined ? {} : { name }) });

const accounts = (e: TestEngine): string[] =>
  e.api
    .list({ group: '', version: 'v1', resource: 'serviceaccounts' })
    .items.map((s) => `${s.metadata.namespace ?? ''}/${s.metadata.name ?? ''}`);

/** Runs 30 s of virtual time: bounded, so a controller that keeps retrying fails the test instead of hanging it. */
const settle = (e: TestEngine): Promise<number> => e.scheduler.run(e.clock.now() + 30_000);

async function records(e: TestEngine): Promise<HistoryRecord[]> {
  const out: HistoryRecord[] = [];
  for await (const r of e.log.read()) out.push(r);
  return out;
}

describe('serviceAccountController', () => {
  it('creates default in every system namespace at start, and nothing more after', async () => {
    const e = await testEngine();
    e.manager.add(serviceAccountController);
    await settle(e);
    expect(accounts(e)).toEqual(['default/default', 'kube-node-lease/default', 'kube-public/default', 'kube-system/default']);
    const sa = e.api.get(sas('kube-system', 'default'));
    expect(sa).toMatchObject({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'kube-system' } });
    const rev = e.log.headRev();
    await e.scheduler.run(60_000);
    expect(e.log.headRev()).toBe(rev);
  });

  it('creates default in a new namespace, leaves an edited one alone, and re-creates it when deleted', async () => {
    const e = await testEngine();
    e.manager.add(serviceAccountController);
    await e.api.create(namespaces(), { metadata: { name: 'team' } }, user);
    await settle(e);
    expect(accounts(e)).toContain('team/default');
    // An update of the account is not the controller's business.
    await e.api.patch(sas('team', 'default'), 'merge', { automountServiceAccountToken: false }, user);
    const before = e.store.writes({ actor: 'controller:serviceaccount' }).length;
    await settle(e);
    expect(e.store.writes({ actor: 'controller:serviceaccount' })).toHaveLength(before);
    await e.api.delete(sas('team', 'default'), user);
    await settle(e);
    const back = e.api.get(sas('team', 'default'));
    expect(back['automountServiceAccountToken']).toBeUndefined();
    expect(e.store.writes({ actor: 'controller:serviceaccount', key: 'core/serviceaccounts/team/default' }).map((w) => w.verb)).toEqual(['create', 'create']);
  });

  it('ensures the configured accounts and does nothing in a terminating namespace', async () => {
    const e = await testEngine();
    await e.api.create(namespaces(), { metadata: { name: 'team' } }, user);
    await e.api.delete(namespaces('team'), user); // Terminating: no namespace controller runs to finish it
    e.manager.add(createServiceAccountController({ serviceAccounts: ['default', 'builder'], name: 'sa' }));
    await settle(e);
    expect(accounts(e).filter((a) => a.startsWith('default/'))).toEqual(['default/builder', 'default/default']);
    expect(accounts(e).filter((a) => a.startsWith('team/'))).toEqual([]);
    expect((await records(e)).filter((r) => r.type === 'attempt')).toEqual([]);
  });

  it('recovers from a stale cache: the refused create is retried with backoff and then seen as done', async () => {
    const e = await testEngine();
    await e.api.create(namespaces(), { metadata: { name: 'team' } }, user);
    const stale = e.store.head();
    await e.api.create(sas('team'), { metadata: { name: 'default' } }, user);
    const outcomes: Processed[] = [];
    e.manager.processed$.subscribe((p) => outcomes.push(p));
    let first = true;
    e.manager.add({
      ...serviceAccountController,
      reconcile: (key, view, ctx) => {
        const v = key === 'core/namespaces/_/team' && first ? stale : view;
        if (v === stale) first = false;
        return serviceAccountController.reconcile(key, v, ctx);
      },
    });
    await e.scheduler.run(1_000);
    const attempts = (await records(e)).filter((r) => r.type === 'attempt');
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ actor: 'controller:serviceaccount', status: { reason: 'AlreadyExists' } });
    const team = outcomes.filter((o) => o.key === 'core/namespaces/_/team').map((o) => o.outcome.type);
    expect(team).toEqual(['error', 'done']);
  });

  it('acts no more once removed', async () => {
    const e = await testEngine();
    e.manager.add(serviceAccountController);
    e.manager.remove('serviceaccount');
    await e.api.create(namespaces(), { metadata: { name: 'team' } }, user);
    await settle(e);
    expect(accounts(e)).toEqual([]);
  });
});
