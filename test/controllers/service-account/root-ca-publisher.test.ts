import { describe, expect, it } from 'vitest';
import {
  createRootCaPublisher,
  DESCRIPTION_ANNOTATION,
  ROOT_CA_CONFIG_MAP,
  ROOT_CA_DESCRIPTION,
  rootCaPublisherController,
  SIMULATED_ROOT_CA,
} from '../../../src/controllers/service-account/root-ca-publisher.js';
import type { HistoryRecord } from '../../../src/model/index.js';
import { testEngine, type TestEngine } from '../../runtime/engine.js';

const user = { actor: 'user:alice' };
const namespaces = (name?: string) => ({ group: '', version: 'v1', resource: 'namespaces', ...(name === undefined ? {} : { name }) });
const rootCa = (namespace: string) => ({ group: '', version: 'v1', resource: 'configmaps', namespace, name: ROOT_CA_CONFIG_MAP });

/** Runs 30 s of virtual time: bounded, so a controller that keeps retrying fails the test instead of hanging it. */
const settle = (e: TestEngine): Promise<number> => e.scheduler.run(e.clock.now() + 30_000);

describe('rootCaPublisherController', () => {
  it('publishes kube-root-ca.crt with ca.crt and the description in every namespace', async () => {
    const e = await testEngine();
    e.manager.add(rootCaPublisherController);
    await e.api.create(namespaces(), { metadata: { name: 'team' } }, user);
    await settle(e);
    for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system', 'team']) {
      const cm = e.api.get(rootCa(ns));
      expect(cm['data']).toEqual({ 'ca.crt': SIMULATED_ROOT_CA });
      expect(cm.metadata.annotations).toEqual({ [DESCRIPTION_ANNOTATION]: ROOT_CA_DESCRIPTION });
    }
    expect(SIMULATED_ROOT_CA).toMatch(/^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=]+\n-----END CERTIFICATE-----\n$/);
  });

  it('puts back an edited or deleted bundle, and ignores other configmaps', async () => {
    const e = await testEngine();
    e.manager.add(createRootCaPublisher({ rootCa: 'PEM' }));
    await settle(e);
    await e.api.patch(rootCa('default'), 'merge', { data: { 'ca.crt': 'tampered', extra: 'x' }, metadata: { labels: { keep: 'me' } } }, user);
    await settle(e);
    const fixed = e.api.get(rootCa('default'));
    expect(fixed['data']).toEqual({ 'ca.crt': 'PEM' });
    expect(fixed.metadata.labels).toEqual({ keep: 'me' });
    await e.api.delete(rootCa('default'), user);
    await settle(e);
    expect(e.api.get(rootCa('default'))['data']).toEqual({ 'ca.crt': 'PEM' });
    const writes = e.store.writes({ actor: 'controller:root-ca-cert-publisher' }).length;
    await e.api.create({ group: '', version: 'v1', resource: 'configmaps', namespace: 'default' }, { metadata: { name: 'other' }, data: {} }, user);
    await settle(e);
    expect(e.store.writes({ actor: 'controller:root-ca-cert-publisher' })).toHaveLength(writes);
  });

  it('creates nothing in a terminating namespace', async () => {
    const e = await testEngine();
    await e.api.create(namespaces(), { metadata: { name: 'team' } }, user);
    await e.api.delete(namespaces('team'), user);
    e.manager.add(rootCaPublisherController);
    await settle(e);
    expect(() => e.api.get(rootCa('team'))).toThrow();
    expect(e.api.get(rootCa('default'))).toBeDefined();
    // Not even tried: no refused create was recorded.
    const attempts: HistoryRecord[] = [];
    for await (const r of e.log.read()) if (r.type === 'attempt') attempts.push(r);
    expect(attempts).toEqual([]);
  });
});
