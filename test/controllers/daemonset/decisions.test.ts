/** Tables of the DaemonSet controller's pure decisions, from Kubernetes 1.32's documented behaviour. */
import type { DaemonSet } from 'kubernetes-types/apps/v1.js';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { addOrUpdateToleration, withDaemonTolerations } from '../../../src/controllers/daemonset/daemon-tolerations.js';
import { daemonPodFor, isPodUpdated, pinToNode, targetNodeName, templateGeneration } from '../../../src/controllers/daemonset/daemon-pod.js';
import { inBackoff, replayBackoff } from '../../../src/controllers/daemonset/failed-pod-backoff.js';
import { revisionData, revisionMatches } from '../../../src/controllers/daemonset/history.js';
import { byCreationTimestampAndPhase, nodesToDaemonPods } from '../../../src/controllers/daemonset/node-pods.js';
import { nodeShouldRunDaemonPod } from '../../../src/controllers/daemonset/node-should-run.js';
import { rollingUpdate } from '../../../src/controllers/daemonset/rolling-update.js';
import { allowsSurge, updateLimits } from '../../../src/controllers/daemonset/update-counts.js';
import type { KubeObject } from '../../../src/model/index.js';

type Taint = { key: string; value?: string; effect: string };
const node = (name: string, labels: Record<string, string> = {}, taints: Taint[] = []): Node => ({ metadata: { name, labels }, spec: { taints } });
const ds = (spec: Record<string, unknown> = {}, template: Record<string, unknown> = {}, annotations?: Record<string, string>): DaemonSet =>
  ({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'default', uid: 'ds-uid', ...(annotations === undefined ? {} : { annotations }) },
    spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'c', image: 'i' }], ...template } }, ...spec },
  }) as DaemonSet;
const rolling = (ru: Record<string, unknown>) => ds({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: ru } });

describe('nodeShouldRunDaemonPod', () => {
  const cases: [string, Node, DaemonSet, boolean, boolean][] = [
    ['plain node', node('a'), ds(), true, true],
    ['nodeSelector matches', node('a', { disk: 'ssd' }), ds({}, { nodeSelector: { disk: 'ssd' } }), true, true],
    ['nodeSelector does not match', node('a'), ds({}, { nodeSelector: { disk: 'ssd' } }), false, false],
    ['template nodeName elsewhere', node('a'), ds({}, { nodeName: 'b' }), false, false],
    ['template nodeName here', node('a'), ds({}, { nodeName: 'a' }), true, true],
    [
      'required affinity NotIn',
      node('a', { zone: 'z1' }),
      ds({}, { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['z1'] }] }] } } } }),
      false,
      false,
    ],
    ['untolerated NoSchedule: keep a running pod', node('a', {}, [{ key: 'gpu', effect: 'NoSchedule' }]), ds(), false, true],
    ['untolerated NoExecute: evict', node('a', {}, [{ key: 'gpu', effect: 'NoExecute' }]), ds(), false, false],
    ['PreferNoSchedule is ignored', node('a', {}, [{ key: 'gpu', effect: 'PreferNoSchedule' }]), ds(), true, true],
    ['tolerated by the template', node('a', {}, [{ key: 'gpu', value: 'x', effect: 'NoSchedule' }]), ds({}, { tolerations: [{ key: 'gpu', operator: 'Equal', value: 'x' }] }), true, true],
    ['cordoned (unschedulable taint)', node('a', {}, [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }]), ds(), true, true],
    ['not-ready NoExecute', node('a', {}, [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }]), ds(), true, true],
    ['unreachable NoExecute', node('a', {}, [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }]), ds(), true, true],
    ['memory-pressure', node('a', {}, [{ key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule' }]), ds(), true, true],
    ['not-ready NoSchedule is not tolerated', node('a', {}, [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }]), ds(), false, true],
    ['network-unavailable without hostNetwork', node('a', {}, [{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }]), ds(), false, true],
    ['network-unavailable with hostNetwork', node('a', {}, [{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }]), ds({}, { hostNetwork: true }), true, true],
  ];
  it.each(cases)('%s', (_name, n, d, shouldRun, shouldContinueRunning) => {
    expect(nodeShouldRunDaemonPod(n, d)).toEqual({ shouldRun, shouldContinueRunning });
  });
});

describe('daemon tolerations', () => {
  it('replaces a toleration with the same key, operator, value and effect; keeps an identical one; appends others', () => {
    const t = { key: 'k', operator: 'Exists', effect: 'NoExecute' };
    expect(addOrUpdateToleration([{ ...t, tolerationSeconds: 5 }], t)).toEqual([t]);
    expect(addOrUpdateToleration([t], t)).toEqual([t]);
    expect(addOrUpdateToleration([{ key: 'k', operator: 'Exists', effect: 'NoSchedule' }], t)).toEqual([{ key: 'k', operator: 'Exists', effect: 'NoSchedule' }, t]);
  });
  it("adds six tolerations, seven with hostNetwork, after the template's own", () => {
    expect(withDaemonTolerations({ containers: [] }).tolerations).toHaveLength(6);
    const spec = withDaemonTolerations({ containers: [], hostNetwork: true, tolerations: [{ key: 'a', operator: 'Exists' }] });
    expect(spec.tolerations?.map((t) => t.key)).toEqual([
      'a',
      'node.kubernetes.io/not-ready',
      'node.kubernetes.io/unreachable',
      'node.kubernetes.io/disk-pressure',
      'node.kubernetes.io/memory-pressure',
      'node.kubernetes.io/pid-pressure',
      'node.kubernetes.io/unschedulable',
      'node.kubernetes.io/network-unavailable',
    ]);
  });
});

describe('the daemon pod and its node', () => {
  it('pins the pod with one matchFields term, replacing required terms and keeping preferred ones', () => {
    const preferred = [{ weight: 1, preference: { matchExpressions: [{ key: 'z', operator: 'Exists' }] } }];
    const a = pinToNode({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'x', operator: 'Exists' }] }] }, preferredDuringSchedulingIgnoredDuringExecution: preferred } }, 'n1');
    expect(a.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms).toEqual([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }]);
    expect(a.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution).toEqual(preferred);
  });
  it('labels the pod with the template generation (when annotated) and the revision hash, owned by the DaemonSet', () => {
    const d = ds({}, {}, { 'deprecated.daemonset.template.generation': '3' });
    expect(templateGeneration(d)).toBe(3);
    expect(templateGeneration(ds())).toBeUndefined();
    const p = daemonPodFor(d as unknown as KubeObject, 'n1', 'h1') as unknown as Pod;
    expect(p.metadata?.labels).toEqual({ app: 'agent', 'pod-template-generation': '3', 'controller-revision-hash': 'h1' });
    expect(p.metadata?.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent', uid: 'ds-uid', controller: true, blockOwnerDeletion: true }]);
    expect(targetNodeName(p)).toBe('n1');
    expect(targetNodeName({ ...p, spec: { ...p.spec!, nodeName: 'n2' } })).toBe('n2');
    expect(targetNodeName({ spec: { containers: [] } })).toBeUndefined();
  });
  it('IsPodUpdated: the hash or the template generation matches', () => {
    const pod = (labels: Record<string, string>): Pod => ({ metadata: { labels } });
    expect(isPodUpdated(pod({ 'controller-revision-hash': 'h' }), 'h', undefined)).toBe(true);
    expect(isPodUpdated(pod({ 'controller-revision-hash': 'old', 'pod-template-generation': '2' }), 'h', 2)).toBe(true);
    expect(isPodUpdated(pod({ 'controller-revision-hash': 'old' }), 'h', 2)).toBe(false);
    expect(isPodUpdated(pod({}), '', undefined)).toBe(false);
  });
  it('groups pods by target node, dropping terminal pods being deleted, and ranks scheduled and older pods first', () => {
    const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
    const p = (name: string, node: string | undefined, created: number, extra: Partial<Pod> = {}): Pod => ({
      metadata: { name, creationTimestamp: at(created), ...extra.metadata },
      spec: { containers: [], ...(node === undefined ? { affinity: pinToNode(undefined, 'n1') } : { nodeName: node }) },
      ...(extra.status === undefined ? {} : { status: extra.status }),
    });
    const gone = p('gone', 'n1', 0, { metadata: { name: 'gone', deletionTimestamp: at(9) }, status: { phase: 'Failed' } });
    const grouped = nodesToDaemonPods([p('b', 'n2', 1), p('a', undefined, 0), p('c', 'n1', 5), gone]);
    expect([...grouped.keys()]).toEqual(['n1', 'n2']);
    expect(grouped.get('n1')!.map((x) => x.metadata?.name)).toEqual(['a', 'c']);
    expect([...grouped.get('n1')!].sort(byCreationTimestampAndPhase).map((x) => x.metadata?.name)).toEqual(['c', 'a']);
    expect(nodesToDaemonPods([gone], true).get('n1')).toHaveLength(1);
  });
});

describe('rolling-update limits (percentages of desiredNumberScheduled, rounded up)', () => {
  const cases: [string, Record<string, unknown>, number, [number, number]][] = [
    ['default 1', { maxUnavailable: 1 }, 10, [0, 1]],
    ['10% of 25 rounds up to 3', { maxUnavailable: '10%' }, 25, [0, 3]],
    ['1% of 5 rounds up to 1', { maxUnavailable: '1%' }, 5, [0, 1]],
    ['maxSurge 20% of 7 is 2', { maxUnavailable: 0, maxSurge: '20%' }, 7, [2, 0]],
    ['both 0 become unavailable 1', { maxUnavailable: 0, maxSurge: 0 }, 3, [0, 1]],
    ['nothing desired stays 0/0', { maxUnavailable: 0, maxSurge: 0 }, 0, [0, 0]],
  ];
  it.each(cases)('%s', (_n, ru, desired, want) => {
    expect(updateLimits(rolling(ru), desired)).toEqual(want);
  });
  it('OnDelete has no limits and never surges', () => {
    expect(updateLimits(ds({ updateStrategy: { type: 'OnDelete' } }), 4)).toEqual([0, 1]);
    expect(allowsSurge(ds({ updateStrategy: { type: 'OnDelete' } }))).toBe(false);
    expect(allowsSurge(rolling({ maxUnavailable: 0, maxSurge: '1%' }))).toBe(true);
  });
});

describe('rollingUpdate decisions', () => {
  const NOW = Date.UTC(2026, 0, 1, 1);
  const ready = [{ type: 'Ready', status: 'True', lastTransitionTime: new Date(NOW - 60_000).toISOString() }];
  const pod = (name: string, node: string, hash: string, isReady = true): Pod => ({
    metadata: { name, labels: { 'controller-revision-hash': hash }, creationTimestamp: new Date(NOW - 120_000).toISOString() },
    spec: { nodeName: node, containers: [] },
    status: { phase: 'Running', conditions: isReady ? ready : [] },
  });
  const nodes = ['n1', 'n2', 'n3', 'n4'].map((n) => node(n));
  const names = (xs: readonly Pod[]) => xs.map((p) => p.metadata?.name);

  it('deletes old available pods up to maxUnavailable, counting nodes being replaced', () => {
    const byNode = nodesToDaemonPods([pod('a', 'n1', 'old'), pod('b', 'n2', 'old'), pod('c', 'n3', 'old'), pod('d', 'n4', 'old')]);
    expect(names(rollingUpdate(rolling({ maxUnavailable: 2 }), nodes, byNode, 'new', NOW).podsToDelete)).toEqual(['a', 'b']);
    const midway = nodesToDaemonPods([pod('a2', 'n1', 'new', false), pod('b', 'n2', 'old'), pod('c', 'n3', 'old'), pod('d', 'n4', 'old')]);
    expect(names(rollingUpdate(rolling({ maxUnavailable: 2 }), nodes, midway, 'new', NOW).podsToDelete)).toEqual(['b']);
    expect(names(rollingUpdate(rolling({ maxUnavailable: 1 }), nodes, midway, 'new', NOW).podsToDelete)).toEqual([]);
  });
  it('always replaces an unavailable old pod, even beyond maxUnavailable; a node without a pod counts as unavailable', () => {
    const byNode = nodesToDaemonPods([pod('a', 'n1', 'old', false), pod('b', 'n2', 'old', false), pod('c', 'n3', 'old')]);
    const plan = rollingUpdate(rolling({ maxUnavailable: 1 }), nodes, byNode, 'new', NOW);
    expect(names(plan.podsToDelete)).toEqual(['a', 'b']);
    expect(plan.nodesToCreate).toEqual([]);
  });
  it('with surge: new pods beside available old ones up to maxSurge; an old pod goes once its new pod is available', () => {
    const byNode = nodesToDaemonPods([pod('a', 'n1', 'old'), pod('a2', 'n1', 'new'), pod('b', 'n2', 'old'), pod('c', 'n3', 'old'), pod('d', 'n4', 'old', false)]);
    const plan = rollingUpdate(rolling({ maxUnavailable: 0, maxSurge: 1 }), nodes, byNode, 'new', NOW);
    expect(names(plan.podsToDelete)).toEqual(['a']);
    expect(plan.nodesToCreate).toEqual(['n4', 'n2']);
  });
  it('respects minReadySeconds for availability', () => {
    const d = { ...rolling({ maxUnavailable: 1 }), spec: { ...rolling({ maxUnavailable: 1 }).spec!, minReadySeconds: 120 } } as DaemonSet;
    const byNode = nodesToDaemonPods([pod('a', 'n1', 'old'), pod('b', 'n2', 'old')]);
    // Ready for 60 s only: both count as unavailable old pods and are replaced at once.
    expect(names(rollingUpdate(d, nodes.slice(0, 2), byNode, 'new', NOW).podsToDelete)).toEqual(['a', 'b']);
  });
});

describe('history data and failed-pod back-off', () => {
  it('a revision matches the template it recorded, whatever the key order', () => {
    const d = ds();
    const cr = { data: JSON.parse(JSON.stringify(revisionData(d))) as unknown, revision: 1 };
    expect(revisionMatches(d, cr as never)).toBe(true);
    expect((revisionData(d) as { spec: { template: Record<string, unknown> } }).spec.template['$patch']).toBe('replace');
    expect(revisionMatches(ds({}, { hostNetwork: true }), cr as never)).toBe(false);
  });
  it('replays flowcontrol.Backoff: 1 s, doubling to 15 min, reset after 30 min idle', () => {
    expect(replayBackoff([])).toEqual({ delayMs: 0, lastUpdateMs: 0 });
    expect(replayBackoff([0, 1000, 3000]).delayMs).toBe(4000);
    const many = Array.from({ length: 20 }, (_, i) => i * 1000);
    expect(replayBackoff(many).delayMs).toBe(15 * 60_000);
    expect(replayBackoff([0, 1000, 1000 + 30 * 60_000 + 1]).delayMs).toBe(1000);
    expect(inBackoff({ delayMs: 2000, lastUpdateMs: 10_000 }, 11_999)).toBe(true);
    expect(inBackoff({ delayMs: 2000, lastUpdateMs: 10_000 }, 12_000)).toBe(false);
    expect(inBackoff({ delayMs: 0, lastUpdateMs: 0 }, 1)).toBe(false);
  });
});
