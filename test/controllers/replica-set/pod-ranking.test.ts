import type { Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { deleteBefore, deletionCost, podsToDelete, rankByRelatedPodsOnSameNode } from '../../../src/controllers/replica-set/pod-ranking.js';

const EPOCH = Date.UTC(2026, 0, 1);
const at = (s: number): string => new Date(EPOCH + s * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const NOW = EPOCH + 100_000 * 1000;

function p(name: string, o: { node?: string; phase?: string; readyAt?: number; restarts?: number; created?: number; cost?: string; uid?: string } = {}): Pod {
  return {
    metadata: {
      name,
      uid: o.uid ?? name,
      creationTimestamp: at(o.created ?? 0),
      ...(o.cost === undefined ? {} : { annotations: { 'controller.kubernetes.io/pod-deletion-cost': o.cost } }),
    },
    spec: { containers: [], ...(o.node === undefined ? {} : { nodeName: o.node }) },
    status: {
      phase: o.phase ?? 'Running',
      conditions: o.readyAt === undefined ? [] : [{ type: 'Ready', status: 'True', lastTransitionTime: at(o.readyAt) }],
      containerStatuses: [{ name: 'c', image: 'i', imageID: '', ready: true, restartCount: o.restarts ?? 0 }],
    },
  };
}
const order = (pods: Pod[], related: Pod[] = []): string[] => podsToDelete(pods, related, pods.length - 1, NOW).map((x) => x.metadata?.name ?? '');
const before = (a: Pod, b: Pod, ra = 0, rb = 0): boolean => deleteBefore({ pod: a, rank: ra }, { pod: b, rank: rb }, NOW);

describe('ActivePodsWithRanks order (1.32)', () => {
  it('1. unassigned before assigned', () => {
    expect(before(p('a'), p('b', { node: 'n1' }))).toBe(true);
    expect(before(p('b', { node: 'n1' }), p('a'))).toBe(false);
  });
  it('2. Pending < Unknown < Running', () => {
    const n = { node: 'n' };
    expect(before(p('a', { ...n, phase: 'Pending' }), p('b', { ...n, phase: 'Unknown' }))).toBe(true);
    expect(before(p('a', { ...n, phase: 'Unknown' }), p('b', { ...n, phase: 'Running' }))).toBe(true);
    expect(before(p('a', { ...n, phase: 'Running' }), p('b', { ...n, phase: 'Pending' }))).toBe(false);
  });
  it('3. not ready before ready', () => {
    expect(before(p('a', { node: 'n' }), p('b', { node: 'n', readyAt: 10 }))).toBe(true);
  });
  it('4. lower pod-deletion-cost first; invalid costs read as 0', () => {
    expect(before(p('a', { node: 'n', cost: '-5' }), p('b', { node: 'n' }))).toBe(true);
    expect(before(p('a', { node: 'n', cost: '100' }), p('b', { node: 'n' }))).toBe(false);
    expect(['+1', '007', '', 'x', '3000000000'].map((v) => deletionCost(p('a', { cost: v })))).toEqual([0, 0, 0, 0, 0]);
    expect(['0', '-0', '42', '-7'].map((v) => deletionCost(p('a', { cost: v })))).toEqual([0, -0, 42, -7]);
  });
  it('5. more related pods on the same node first', () => {
    const a = p('a', { node: 'busy' });
    const b = p('b', { node: 'quiet' });
    const ranked = rankByRelatedPodsOnSameNode([a, b], [a, b, p('x', { node: 'busy' }), p('gone', { node: 'quiet', phase: 'Failed' })]);
    expect(ranked.map((r) => r.rank)).toEqual([2, 1]);
    expect(order([b, a], [a, b, p('x', { node: 'busy' })])).toEqual(['a']);
  });
  it('6. ready for less time first, on a log2 scale with uid as the tie-break', () => {
    // 100 s and 10,000 s before now: different log2 ranks, the more recently ready goes first.
    expect(before(p('a', { node: 'n', readyAt: 99_900 }), p('b', { node: 'n', readyAt: 90_000 }))).toBe(true);
    // 1,000 s vs 1,050 s ago: log2(1e12) and log2(1.05e12) floor to 39 both (2^40 ns ≈ 1,099.5 s) — same rank, lower uid first.
    const young = p('young', { node: 'n', readyAt: 99_000, uid: 'z' });
    const old = p('old', { node: 'n', readyAt: 98_950, uid: 'a' });
    expect(before(old, young)).toBe(true);
    expect(before(young, old)).toBe(false);
  });
  it('7. more restarts first, then 8. newer first', () => {
    expect(before(p('a', { node: 'n', restarts: 3 }), p('b', { node: 'n', restarts: 1, created: 99_999 }))).toBe(true);
    expect(before(p('a', { node: 'n', created: 99_990 }), p('b', { node: 'n', created: 10 }))).toBe(true);
    expect(before(p('a', { node: 'n', created: 10 }), p('b', { node: 'n', created: 99_990 }))).toBe(false);
  });
  it('deletes every pod without sorting when all go', () => {
    const pods = [p('a', { node: 'n' }), p('b')];
    expect(podsToDelete(pods, [], 2, NOW)).toEqual(pods);
  });
});
