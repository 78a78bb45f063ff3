/**
 * Golden tests of the incident library: each history folds to the state its
 * description tells, and the debugger's answer on its symptom reaches the
 * root cause the description names.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli/capture.js';
import type { WhyTree } from './library.js';
import { chain, incident, incidents, json, REPLAYS, statedRootCause } from './library.js';

interface Obj {
  metadata: { name: string; namespace?: string; deletionTimestamp?: string; finalizers?: string[]; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown> & { conditions?: { type: string; status: string; reason?: string; message?: string }[] };
}
interface WhyNot {
  ok: boolean;
  findings: { summary: string; rev?: number }[];
}

const list = async (h: string, kind: string, ...more: string[]): Promise<Obj[]> => (await json<{ items: Obj[] }>('get', kind, '-o', 'json', '--history', h, ...more)).items;
const get = (h: string, kind: string, name: string, ...more: string[]): Promise<Obj> => json<Obj>('get', kind, name, '-o', 'json', '--history', h, ...more);
const condition = (o: Obj, type: string) => o.status?.conditions?.find((c) => c.type === type);

/** `why` on the symptom: the root-cause write the description names is in the chain, as that actor and verb on that key. */
async function whyReaches(name: string, ref: string, key: string, verb: string, ...more: string[]): Promise<WhyTree> {
  const i = incident(name);
  const rev = statedRootCause(i.description);
  expect(rev, `${name}.md names its root-cause revision`).toBeDefined();
  const tree = await json<WhyTree>('why', ref, '--history', i.history, '-o', 'json', ...more);
  const root = chain(tree).writes.find((w) => w.rev === rev);
  expect(root).toMatchObject({ actor: 'user:scenario', verb, key });
  return tree;
}

describe('the incident library', () => {
  it('has at least eight incidents, each with a description, a source and an index entry', () => {
    const all = incidents();
    expect(all.length).toBeGreaterThanOrEqual(8);
    const index = readFileSync(join(REPLAYS, 'README.md'), 'utf8');
    for (const i of all) {
      expect(existsSync(i.source), i.source).toBe(true);
      expect(i.description).toMatch(/\*\*What happened\.\*\*/);
      expect(i.description).toMatch(/\*\*What to look at\.\*\*/);
      expect(i.description).toMatch(/\*\*Root cause\.\*\*/);
      expect(index).toContain(`(${i.name}.md)`);
    }
  });
});

describe('eviction-storm-partition', () => {
  const h = incident('eviction-storm-partition').history;
  it('ends with node-2 unreachable and tainted, its pods Terminating and replaced', async () => {
    const node = await get(h, 'node', 'node-2');
    expect(condition(node, 'Ready')).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown' });
    expect(node.spec?.['taints']).toContainEqual(expect.objectContaining({ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }));
    const pods = await list(h, 'pods');
    const onNode2 = pods.filter((p) => p.spec?.['nodeName'] === 'node-2');
    expect(onNode2).toHaveLength(2);
    expect(onNode2.every((p) => p.metadata.deletionTimestamp === '2026-01-01T00:07:00Z')).toBe(true);
    expect(pods.filter((p) => p.metadata.deletionTimestamp === undefined)).toHaveLength(6);
    // before the 300 s toleration ran out, nothing was evicted
    const before = await list(h, 'pods', '--at', '2026-01-01T00:06:49Z');
    expect(before.filter((p) => p.metadata.deletionTimestamp !== undefined)).toEqual([]);
  });

  it('why on an evicted pod reaches the taint and the partition fault', async () => {
    const pods = await list(h, 'pods');
    const evicted = pods.find((p) => p.metadata.deletionTimestamp !== undefined)!;
    const { writes, faults } = chain(await json<WhyTree>('why', `pod/${evicted.metadata.name}`, '--history', h, '-o', 'json'));
    expect(writes[0]).toMatchObject({ actor: 'controller:taint-eviction-controller', verb: 'delete' });
    expect(writes.some((w) => w.rev === 232 && w.actor === 'controller:node-lifecycle-controller' && w.key === 'core/nodes/_/node-2')).toBe(true);
    expect(faults).toContainEqual({ kind: 'partition', node: 'node-2' });
  });
});

describe('rollout-stuck-image', () => {
  const h = incident('rollout-stuck-image').history;
  it('ends with ProgressDeadlineExceeded, 3 old ready pods and 2 new unready ones', async () => {
    const d = await get(h, 'deployment', 'api');
    expect(condition(d, 'Progressing')).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded' });
    expect(d.status).toMatchObject({ replicas: 5, readyReplicas: 3, updatedReplicas: 2 });
    const pods = await list(h, 'pods');
    const images = pods.map((p) => (p.spec?.['containers'] as { image: string }[])[0]!.image).sort();
    expect(images).toEqual(['api:1.0', 'api:1.0', 'api:1.0', 'api:2.0', 'api:2.0']);
  });

  it('whynot names the deadline, and why reaches the apply of api:2.0', async () => {
    const wn = await json<WhyNot>('whynot', 'deployment/api', '--history', h, '-o', 'json');
    expect(wn.ok).toBe(false);
    expect(wn.findings.map((f) => f.summary)).toContainEqual(expect.stringContaining('ProgressDeadlineExceeded'));
    await whyReaches('rollout-stuck-image', 'deployment/api', 'apps/deployments/default/api', 'apply');
  });
});

describe('statefulset-wedged', () => {
  const h = incident('statefulset-wedged').history;
  it('ends with web-2 on db:2 and unready although the template was reverted to db:1', async () => {
    const sts = await get(h, 'statefulset', 'web');
    const template = sts.spec?.['template'] as { spec: { containers: { image: string }[] } };
    expect(template.spec.containers[0]!.image).toBe('db:1');
    expect(sts.status).toMatchObject({ replicas: 3, readyReplicas: 2 });
    const web2 = await get(h, 'pod', 'web-2');
    expect((web2.spec?.['containers'] as { image: string }[])[0]!.image).toBe('db:2');
    expect(condition(web2, 'Ready')?.status).toBe('False');
  });

  it('whynot statefulset/web names web-2 as the pod holding the ordered update, at the old revision, and why it is not ready', async () => {
    const wn = await json<WhyNot & { related?: (WhyNot & { key: string })[] }>('whynot', 'statefulset/web', '--history', h, '-o', 'json');
    expect(wn.ok).toBe(false);
    const held = wn.findings.find((f) => f.summary.startsWith('OrderedReady: the controller waits on web-2 (ordinal 2)'));
    expect(held?.summary).toContain('web-2 is Running but not Ready');
    expect(wn.related?.map((r) => r.key)).toEqual(['core/pods/default/web-2']);
    expect(wn.related?.[0]?.findings.map((f) => f.summary)).toContainEqual(expect.stringMatching(/^Ready=False \(ContainersNotReady: /));
    const sts = await get(h, 'statefulset', 'web');
    const web2 = await get(h, 'pod', 'web-2');
    const hash = (web2.metadata as { labels?: Record<string, string> }).labels?.['controller-revision-hash'];
    expect(hash).not.toBe(sts.status?.['updateRevision']);
    expect(JSON.stringify(held)).toContain(`web-2 runs revision ${hash ?? '?'}, not the update revision ${String(sts.status?.['updateRevision'])}`);
  });

  it('why on web-2 reaches the db:2 apply, not the revert', async () => {
    const tree = await whyReaches('statefulset-wedged', 'pod/web-2', 'apps/statefulsets/default/web', 'apply');
    expect(chain(tree).writes.some((w) => w.rev === 219)).toBe(false);
  });
});

describe('namespace-stuck-terminating', () => {
  const h = incident('namespace-stuck-terminating').history;
  it('ends Terminating with content and finalizers remaining', async () => {
    const ns = await get(h, 'namespace', 'team-a');
    expect(ns.status?.['phase']).toBe('Terminating');
    expect(condition(ns, 'NamespaceContentRemaining')).toMatchObject({ status: 'True', reason: 'SomeResourcesRemain' });
    expect(condition(ns, 'NamespaceFinalizersRemaining')?.message).toContain('example.com/protect in 1 resource instances');
    const cms = await list(h, 'configmaps', '-n', 'team-a');
    expect(cms.map((c) => c.metadata.name)).toEqual(['operator-state']);
    expect(cms[0]!.metadata.finalizers).toEqual(['example.com/protect']);
  });

  it('blame puts the finalizer on the stated root cause, and why on the namespace on its delete', async () => {
    const i = incident('namespace-stuck-terminating');
    const blame = await json<{ lines: { path: string; rev: number; actor: string }[] }>('blame', 'configmap/operator-state', '-n', 'team-a', '--history', h, '-o', 'json');
    expect(blame.lines.find((l) => l.path === '/metadata/finalizers/0')).toMatchObject({ rev: statedRootCause(i.description), actor: 'user:scenario' });
    const { writes } = chain(await json<WhyTree>('why', 'namespace/team-a', '--history', h, '-o', 'json'));
    expect(writes).toContainEqual(expect.objectContaining({ rev: 134, verb: 'delete', key: 'core/namespaces/_/team-a' }));
  });
});

describe('service-selector-typo', () => {
  const h = incident('service-selector-typo').history;
  it('ends with three ready pods and an EndpointSlice with no endpoints', async () => {
    const slices = (await list(h, 'endpointslices')).filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'web');
    expect(slices.map((s) => s.metadata.name)).toEqual(['web-fwgqd']);
    expect((slices[0] as unknown as { endpoints?: unknown[] }).endpoints ?? []).toEqual([]);
    const before = await get(h, 'endpointslice', 'web-fwgqd', '--at', '2026-01-01T00:00:59Z');
    expect((before as unknown as { endpoints: unknown[] }).endpoints).toHaveLength(3);
    const pods = await list(h, 'pods');
    expect(pods.filter((p) => condition(p, 'Ready')?.status === 'True')).toHaveLength(3);
  });

  it('whynot shows the selector typo, and why on the slice reaches the Service apply', async () => {
    const wn = await json<WhyNot>('whynot', 'service/web', '--history', h, '-o', 'json');
    expect(wn.findings[0]?.summary).toBe('its selector app=wbe matches no pod in namespace default');
    await whyReaches('service-selector-typo', 'endpointslice/web-fwgqd', 'core/services/default/web', 'apply');
  });
});

describe('pvc-pending-missing-class', () => {
  const h = incident('pvc-pending-missing-class').history;
  it('ends with the claim Pending and the pod unschedulable', async () => {
    // chronokube leaves status.phase unset where Kubernetes defaults it to Pending; never Bound, never a volume
    const claim = await get(h, 'pvc', 'data');
    expect(claim.spec?.['volumeName']).toBeUndefined();
    expect(claim.status?.['phase'] ?? 'Pending').toBe('Pending');
    expect(condition(await get(h, 'pod', 'db'), 'PodScheduled')).toMatchObject({ status: 'False', reason: 'Unschedulable' });
  });

  it('whynot on the pod reaches the missing class, and why on the claim its apply', async () => {
    const wn = await json<WhyNot>('whynot', 'pod/db', '--history', h, '-o', 'json');
    expect(wn.findings.map((f) => f.summary)).toContainEqual('its claim data is not bound: StorageClassNotFound: storageclass.storage.k8s.io "fast-ssd" not found');
    await whyReaches('pvc-pending-missing-class', 'pvc/data', 'core/persistentvolumeclaims/default/data', 'apply');
  });
});

describe('quota-blocks-scale-up', () => {
  const h = incident('quota-blocks-scale-up').history;
  it('ends at 3 of 5 replicas with ReplicaFailure and the quota used up', async () => {
    const d = await get(h, 'deployment', 'web', '-n', 'shop');
    expect(d.status).toMatchObject({ replicas: 3, readyReplicas: 3 });
    expect(condition(d, 'ReplicaFailure')?.message).toContain('exceeded quota: pods-quota, requested: pods=1, used: pods=3, limited: pods=3');
    expect((await get(h, 'resourcequota', 'pods-quota', '-n', 'shop')).status).toMatchObject({ hard: { pods: '3' }, used: { pods: '3' } });
  });

  it('whynot finds the exhausted quota written at the root cause, and why reaches the scale', async () => {
    const i = incident('quota-blocks-scale-up');
    const wn = await json<WhyNot>('whynot', 'deployment/web', '-n', 'shop', '--history', h, '-o', 'json');
    expect(JSON.stringify(wn)).toContain('resourcequota shop/pods-quota is exhausted: pods');
    const blame = await json<{ lines: { path: string; rev: number }[] }>('blame', 'resourcequota/pods-quota', '-n', 'shop', '--history', h, '-o', 'json');
    expect(blame.lines.find((l) => l.path === '/spec/hard/pods')?.rev).toBe(statedRootCause(i.description));
    const { writes } = chain(await json<WhyTree>('why', 'deployment/web', '-n', 'shop', '--history', h, '-o', 'json'));
    expect(writes).toContainEqual(expect.objectContaining({ rev: 176, actor: 'user:scenario', verb: 'patch', subresource: 'scale' }));
  });
});

describe('rbac-denied-controller', () => {
  const h = incident('rbac-denied-controller').history;
  it('ends at 2 of 5 replicas with the ReplicaSet controller forbidden to create pods', async () => {
    const d = await get(h, 'deployment', 'web');
    expect(d.status).toMatchObject({ replicas: 2, readyReplicas: 2 });
    expect(condition(d, 'ReplicaFailure')?.message).toBe('pods is forbidden: User "system:serviceaccount:kube-system:replicaset-controller" cannot create resource "pods" in API group "" in the namespace "default"');
    const role = await get(h, 'clusterrole', 'system:controller:replicaset-controller');
    const podRule = (role as unknown as { rules: { resources: string[]; verbs: string[] }[] }).rules.find((r) => r.resources.includes('pods'));
    expect(podRule?.verbs).not.toContain('create');
  });

  it('whynot lists the refused creates, and why on the role reaches the operator apply', async () => {
    const wn = await json<WhyNot>('whynot', 'deployment/web', '--history', h, '-o', 'json');
    expect(JSON.stringify(wn)).toContain('the API refused');
    await whyReaches('rbac-denied-controller', 'clusterrole/system:controller:replicaset-controller', 'rbac.authorization.k8s.io/clusterroles/_/system:controller:replicaset-controller', 'apply');
  });
});

describe('crashloop-bad-config', () => {
  const h = incident('crashloop-bad-config').history;
  it('ends with the only pod in CrashLoopBackOff and the Deployment unavailable', async () => {
    const d = await get(h, 'deployment', 'worker');
    expect(condition(d, 'Available')).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable' });
    const pods = await list(h, 'pods');
    expect(pods).toHaveLength(1);
    const status = (pods[0]!.status?.['containerStatuses'] as { restartCount: number; state: { waiting?: { reason: string } } }[])[0]!;
    expect(status.state.waiting?.reason).toBe('CrashLoopBackOff');
    expect(status.restartCount).toBeGreaterThanOrEqual(5);
  });

  it('why on the crashing pod reaches the apply of worker:2.0', async () => {
    const pods = await list(h, 'pods');
    await whyReaches('crashloop-bad-config', `pod/${pods[0]!.metadata.name}`, 'apps/deployments/default/worker', 'apply');
  });
});

describe('a missing incident', () => {
  it('is refused by the CLI', async () => {
    const r = await cli('get', 'pods', '--history', join(REPLAYS, 'no-such-incident.ckh'));
    expect(r.code).not.toBe(0);
  });
});

describe('scaled-to-zero (imported from an audit log)', () => {
  const h = incident('scaled-to-zero').history;
  it('ends with no checkout pods, replicas 0, and carol’s refused scale as an attempt', async () => {
    expect(await list(h, 'pods', '-n', 'shop')).toEqual([]);
    expect((await get(h, 'deployment', 'checkout', '-n', 'shop')).spec?.['replicas']).toBe(0);
    const wn = await json<WhyNot>('whynot', 'deployment/checkout', '-n', 'shop', '--history', h, '-o', 'json');
    expect(wn.findings.map((f) => f.summary)).toContainEqual(expect.stringContaining('the API refused 1 command of user:carol@example.com'));
  });

  it('blame names bob for the replicas, and why on a deleted pod reaches his patch', async () => {
    const i = incident('scaled-to-zero');
    const blame = await json<{ lines: { path: string; rev: number; actor: string }[] }>('blame', 'deployment/checkout', '-n', 'shop', '--history', h, '-o', 'json');
    expect(blame.lines.find((l) => l.path === '/spec/replicas')).toMatchObject({ rev: statedRootCause(i.description), actor: 'user:bob@example.com' });
    const { writes } = chain(await json<WhyTree>('why', 'pod/checkout-6f9c8d7b5-4kq2x', '-n', 'shop', '--history', h, '-o', 'json'));
    expect(writes[0]).toMatchObject({ actor: 'node:node-1', verb: 'delete' });
    expect(writes).toContainEqual(expect.objectContaining({ rev: 6, actor: 'user:bob@example.com', verb: 'patch', key: 'apps/deployments/shop/checkout' }));
  });
});
