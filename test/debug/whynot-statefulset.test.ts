import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { whyNot } from '../../src/debug/index.js';
import { whyNotStatefulSet } from '../../src/debug/whynot-statefulset.js';
import type { Log } from '../../src/log/index.js';
import { openFileLog } from '../../src/log/index.js';
import type { KubeObject } from '../../src/model/index.js';
import type { Store } from '../../src/store/index.js';
import { openStore } from '../../src/store/index.js';
import { alice, harness } from '../api/harness.js';

const STS = 'apps/statefulsets/default/web';
const statefulSets = { group: 'apps', version: 'v1', resource: 'statefulsets', namespace: 'default' };

function statefulSet(extra: Record<string, unknown>): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web' },
    spec: {
      replicas: 2,
      serviceName: 'web',
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'db:1' }] } },
      ...extra,
    },
  };
}

describe('whyNotStatefulSet on the statefulset-wedged incident', () => {
  let log: Log;
  let store: Store;
  beforeAll(async () => {
    log = await openFileLog('replays/statefulset-wedged.ckh', { mode: 'read' });
    store = await openStore(log);
  });
  afterAll(async () => {
    await log.close();
  });

  it('names the lowest unready ordinal as the pod holding the StatefulSet, its stale revision, and answers for it', () => {
    const a = whyNot(store, [], STS);
    expect(a.question).toBe('why is statefulset default/web not ready?');
    expect(a.ok).toBe(false);
    expect(a.findings[0]?.summary).toBe('wants 3, has 3, 2 ready, 2 available, 2 at the update revision');
    const held = a.findings.find((f) => f.summary.startsWith('OrderedReady:'));
    expect(held?.summary).toMatch(/^OrderedReady: the controller waits on web-2 \(ordinal 2\), the lowest pod not Running and Ready — web-2 is Running but not Ready;/);
    expect(held?.details?.[0]).toMatch(/^web-2 runs revision web-[a-z0-9]+, not the update revision web-[a-z0-9]+:/);
    expect(a.related?.map((r) => r.key)).toEqual(['core/pods/default/web-2']);
    expect(a.related?.[0]?.ok).toBe(false);
  });

  it('before the broken template, the StatefulSet is ready and the answer says so', () => {
    const applied = store.writes({ key: STS }).filter((w) => w.verb === 'apply');
    const before = (applied[1]?.rev ?? 0) - 1;
    const a = whyNotStatefulSet(store, [], STS, before);
    expect(a.ok).toBe(true);
    expect(a.related).toBeUndefined();
    expect(a.findings.some((f) => f.summary.startsWith('OrderedReady'))).toBe(false);
  });

  it('a StatefulSet that does not exist is answered as such', () => {
    const a = whyNot(store, [], 'apps/statefulsets/default/nope');
    expect(a.ok).toBe(false);
    expect(a.findings[0]?.summary).toBe(`nope does not exist at revision ${store.rev}`);
  });
});

describe('whyNotStatefulSet without pods', () => {
  it('OrderedReady waits on the first ordinal that does not exist', async () => {
    const { api, store } = await harness();
    await api.create(statefulSets, statefulSet({}), alice);
    const a = whyNotStatefulSet(store, [], STS, store.rev);
    expect(a.ok).toBe(false);
    expect(a.findings.map((f) => f.summary)).toContainEqual(expect.stringMatching(/^OrderedReady: the controller waits on web-0 \(ordinal 0\), the lowest pod not Running and Ready — web-0 does not exist;/));
    expect(a.related).toBeUndefined();
  });

  it('Parallel holds nothing back but lists what is missing; OnDelete and a partition are named', async () => {
    const { api, store } = await harness();
    await api.create(statefulSets, statefulSet({ podManagementPolicy: 'Parallel', ordinals: { start: 3 }, updateStrategy: { type: 'OnDelete' } }), alice);
    const lines = whyNotStatefulSet(store, [], STS, store.rev).findings.map((f) => f.summary);
    expect(lines).toContain('podManagementPolicy Parallel: no pod waits on another; web-3 does not exist; web-4 does not exist');
    expect(lines).toContain('updateStrategy OnDelete: a pod moves to the update revision only when it is deleted');
    expect(lines.some((l) => l.startsWith('OrderedReady'))).toBe(false);

    const other = await harness();
    await other.api.create(statefulSets, statefulSet({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } }), alice);
    expect(whyNotStatefulSet(other.store, [], STS, other.store.rev).findings.map((f) => f.summary)).toContain(
      'rolling update partition 1: pods with a lower ordinal stay at the current revision',
    );
  });
});
