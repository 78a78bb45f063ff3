import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { nodeAffinity, nodeAffinityPreFilter } from '../../../src/controllers/scheduler/filters/node-affinity.js';
import { nodeName } from '../../../src/controllers/scheduler/filters/node-name.js';
import { nodeResourcesFit } from '../../../src/controllers/scheduler/filters/node-resources-fit.js';
import { nodeUnschedulable } from '../../../src/controllers/scheduler/filters/node-unschedulable.js';
import { taintToleration, toleratesTaint } from '../../../src/controllers/scheduler/filters/taint-toleration.js';
import type { NodeInfo } from '../../../src/controllers/scheduler/node-info.js';
import { applyUsage, emptyUsage, nodeInfoOf, podUsageOf } from '../../../src/controllers/scheduler/node-info.js';
import { podFactsOf } from '../../../src/controllers/scheduler/pod-facts.js';
import { node, pod } from './fixtures.js';

const info = (n: ReturnType<typeof node>, bound: Pod[] = []): NodeInfo => {
  const usage = emptyUsage();
  for (const p of bound) {
    const u = podUsageOf({ ...p, spec: { ...p.spec, nodeName: n.metadata.name } } as Pod);
    if (u !== undefined) applyUsage(usage, u, 1);
  }
  return nodeInfoOf(n as Node, usage);
};
const facts = (p: ReturnType<typeof pod>) => podFactsOf(p as Pod);
const reasons = (s: { reasons: readonly string[] } | undefined) => s?.reasons;

describe('NodeResourcesFit filter', () => {
  it('fits requests into allocatable minus what bound pods request', () => {
    const n = info(node('a', { cpu: '1', memory: '1Gi' }), [pod('x', { cpu: '600m', memory: '512Mi' }) as Pod]);
    expect(nodeResourcesFit.filter(facts(pod('p', { cpu: '400m', memory: '512Mi' })), n)).toBeUndefined();
    expect(reasons(nodeResourcesFit.filter(facts(pod('p', { cpu: '401m' })), n))).toEqual(['Insufficient cpu']);
    expect(reasons(nodeResourcesFit.filter(facts(pod('p', { cpu: '2', memory: '2Gi', 'ephemeral-storage': '1Gi' })), n))).toEqual([
      'Insufficient cpu',
      'Insufficient memory',
      'Insufficient ephemeral-storage',
    ]);
    expect(nodeResourcesFit.filter(facts(pod('p', { cpu: '2' })), n)?.code).toBe('Unschedulable');
  });

  it('counts pods against allocatable pods, even for pods without requests', () => {
    const n = info(node('a', { pods: '1' }), [pod('x') as Pod]);
    expect(reasons(nodeResourcesFit.filter(facts(pod('p', undefined)), n))).toEqual(['Too many pods']);
    expect(reasons(nodeResourcesFit.filter(facts(pod('p', { cpu: '5' })), n))).toEqual(['Too many pods', 'Insufficient cpu']);
  });

  it('ignores finished pods on the node and checks extended resources', () => {
    const done = { ...pod('x', { cpu: '1' }), status: { phase: 'Succeeded' } } as Pod;
    const n = info(node('a', { cpu: '1' }), [done]);
    expect(nodeResourcesFit.filter(facts(pod('p', { cpu: '1' })), n)).toBeUndefined();
    expect(reasons(nodeResourcesFit.filter(facts(pod('p', { 'example.com/gpu': '1' })), n))).toEqual(['Insufficient example.com/gpu']);
  });
});

describe('TaintToleration filter', () => {
  const tainted = info(node('a', { taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }, { key: 'soft', effect: 'PreferNoSchedule' }] }));
  it('rejects an untolerated NoSchedule or NoExecute taint, naming the first', () => {
    expect(reasons(taintToleration.filter(facts(pod('p')), tainted))).toEqual(['node(s) had untolerated taint {node.kubernetes.io/not-ready: }']);
    const noExec = info(node('b', { taints: [{ key: 'k', value: 'v', effect: 'NoExecute' }] }));
    expect(reasons(taintToleration.filter(facts(pod('p')), noExec))).toEqual(['node(s) had untolerated taint {k: v}']);
    expect(taintToleration.filter(facts(pod('p')), noExec)?.code).toBe('UnschedulableAndUnresolvable');
  });

  it('passes tolerated taints and ignores PreferNoSchedule', () => {
    const tol = pod('p', undefined, { tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' }] });
    expect(taintToleration.filter(facts(tol), tainted)).toBeUndefined();
    expect(taintToleration.filter(facts(pod('p', undefined, { tolerations: [{ operator: 'Exists' }] })), tainted)).toBeUndefined();
  });

  it('matches tolerations as Kubernetes does', () => {
    const taint = { key: 'k', value: 'v', effect: 'NoSchedule' };
    expect(toleratesTaint({ key: 'k', value: 'v' }, taint)).toBe(true);
    expect(toleratesTaint({ key: 'k', operator: 'Equal', value: 'w' }, taint)).toBe(false);
    expect(toleratesTaint({ key: 'k', operator: 'Exists', effect: 'NoExecute' }, taint)).toBe(false);
    expect(toleratesTaint({ operator: 'Exists' }, taint)).toBe(true);
    expect(toleratesTaint({ key: 'k', operator: 'Bogus' }, taint)).toBe(false);
  });
});

describe('NodeUnschedulable filter', () => {
  const cordoned = info(node('a', { unschedulable: true }));
  it('keeps pods off cordoned nodes unless they tolerate the unschedulable taint', () => {
    expect(nodeUnschedulable.filter(facts(pod('p')), cordoned)).toMatchObject({ code: 'UnschedulableAndUnresolvable', reasons: ['node(s) were unschedulable'] });
    const tol = pod('p', undefined, { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] });
    expect(nodeUnschedulable.filter(facts(tol), cordoned)).toBeUndefined();
    expect(nodeUnschedulable.filter(facts(pod('p')), info(node('b')))).toBeUndefined();
  });
});

describe('NodeName filter', () => {
  it('passes pods without a node name and skips itself for them', () => {
    expect(nodeName.skip?.(facts(pod('p')))).toBe(true);
    expect(nodeName.filter(facts(pod('p', undefined, { nodeName: 'b' })), info(node('a')))?.reasons).toEqual(["node(s) didn't match the requested node name"]);
  });
});

describe('NodeAffinity filter', () => {
  const n = info(node('a', { labels: { zone: 'z1', gen: '5', disk: 'ssd' } }));
  const withTerms = (...terms: unknown[]) => facts(pod('p', undefined, { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } }));
  const expr = (key: string, operator: string, values?: string[]) => ({ matchExpressions: [{ key, operator, ...(values === undefined ? {} : { values }) }] });
  const passes = (p: ReturnType<typeof facts>) => nodeAffinity.filter(p, n) === undefined;

  it('matches nodeSelector labels exactly', () => {
    expect(passes(facts(pod('p', undefined, { nodeSelector: { zone: 'z1' } })))).toBe(true);
    expect(nodeAffinity.filter(facts(pod('p', undefined, { nodeSelector: { zone: 'z2' } })), n)?.reasons).toEqual(["node(s) didn't match Pod's node affinity/selector"]);
    expect(nodeAffinity.skip?.(facts(pod('p')))).toBe(true);
  });

  it('supports In, NotIn, Exists, DoesNotExist, Gt and Lt', () => {
    expect(passes(withTerms(expr('zone', 'In', ['z1', 'z2'])))).toBe(true);
    expect(passes(withTerms(expr('zone', 'NotIn', ['z1'])))).toBe(false);
    expect(passes(withTerms(expr('absent', 'NotIn', ['x'])))).toBe(true);
    expect(passes(withTerms(expr('disk', 'Exists')))).toBe(true);
    expect(passes(withTerms(expr('disk', 'DoesNotExist')))).toBe(false);
    expect(passes(withTerms(expr('gen', 'Gt', ['4'])))).toBe(true);
    expect(passes(withTerms(expr('gen', 'Lt', ['5'])))).toBe(false);
    expect(passes(withTerms(expr('zone', 'Gt', ['1'])))).toBe(false); // not an integer label
  });

  it('ORs terms, ANDs requirements, and never matches an empty or invalid term', () => {
    expect(passes(withTerms(expr('zone', 'In', ['z9']), expr('disk', 'Exists')))).toBe(true);
    expect(passes(withTerms({ matchExpressions: [{ key: 'zone', operator: 'In', values: ['z1'] }, { key: 'disk', operator: 'DoesNotExist' }] }))).toBe(false);
    expect(passes(withTerms({}))).toBe(false);
    expect(passes(withTerms(expr('gen', 'Gt', ['1', '2'])))).toBe(false);
  });

  it('matches fields on metadata.name, and its PreFilter pins named nodes', () => {
    const pinned = withTerms({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a'] }] });
    expect(passes(pinned)).toBe(true);
    expect(nodeAffinity.filter(pinned, info(node('b')))).toBeDefined();
    expect(nodeAffinityPreFilter(pinned)).toEqual({ type: 'nodes', names: ['a'], plugin: 'NodeAffinity' });
    expect(nodeAffinityPreFilter(withTerms(expr('zone', 'Exists')))).toEqual({ type: 'all' });
    const conflict = withTerms({
      matchFields: [
        { key: 'metadata.name', operator: 'In', values: ['a'] },
        { key: 'metadata.name', operator: 'In', values: ['b'] },
      ],
    });
    expect(nodeAffinityPreFilter(conflict)).toMatchObject({ type: 'rejected', status: { reasons: ['pod affinity terms conflict'] } });
  });
});
