/**
 * fixtures/daemonset-node-join.yaml, run with the built-in control plane,
 * checked over its whole history, and replayed (every recorded reconcile
 * re-fed, no divergence).
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/model/index.js';
import type { StateView } from '../../../src/store/index.js';
import type { FixtureRun } from '../../runtime/scenario/run-fixture.js';
import { replayFixture, runFixture } from '../../runtime/scenario/run-fixture.js';

const PODS = { group: '', resource: 'pods', namespace: 'default' } as const;
const ELIGIBLE = ['node-1', 'node-3', 'node-4'];
const isReady = (p: Pod): boolean => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
const agents = (st: StateView): Pod[] =>
  st.list(PODS).filter((p) => p.metadata.labels?.['app'] === 'log-agent' && p.metadata.deletionTimestamp === undefined) as unknown as Pod[];
const imageOf = (p: Pod): string => p.spec?.containers[0]?.image ?? '';

interface Timeline {
  /** When node-1..3 first all had a bound agent. */
  placed?: number;
  /** When node-4 first had an agent. */
  joined?: number;
  /** When, after node-2 went down, its Node and its agent were both gone. */
  left?: number;
  everOnGpu: boolean;
  /** The most eligible nodes without a ready, non-terminating agent at any revision of the roll (from 4 min). */
  maxUnavailableInRoll: number;
}

/** One walk over every write, recording what the scenario promises. */
function timeline(run: FixtureRun): Timeline {
  const out: Timeline = { everOnGpu: false, maxUnavailableInRoll: 0 };
  const cursor = run.store.cursor(0);
  while (cursor.forward()) {
    const w = cursor.record;
    if (w === undefined || !(w.key.startsWith('core/pods/') || w.key.startsWith('core/nodes/'))) continue;
    const live = agents(cursor.state);
    const on = new Set(live.map((p) => p.spec?.nodeName ?? ''));
    if (out.placed === undefined && ['node-1', 'node-2', 'node-3'].every((n) => on.has(n))) out.placed = w.time;
    if (out.joined === undefined && on.has('node-4')) out.joined = w.time;
    if (out.left === undefined && w.time >= 120_000 && cursor.state.get('core/nodes/_/node-2') === undefined && !on.has('node-2')) out.left = w.time;
    if (on.has('gpu-1')) out.everOnGpu = true;
    if (w.time >= 240_000) {
      const ready = new Set(live.filter(isReady).map((p) => p.spec?.nodeName));
      out.maxUnavailableInRoll = Math.max(out.maxUnavailableInRoll, ELIGIBLE.filter((n) => !ready.has(n)).length);
    }
  }
  return out;
}

describe('fixtures/daemonset-node-join.yaml', () => {
  it('places one pod per eligible node, follows node-4 joining and node-2 leaving, rolls out with at most 1 unavailable, and replays', async () => {
    const run = await runFixture('fixtures/daemonset-node-join.yaml');
    expect(run.result.stable).toBe(true);
    expect(run.result.warnings).toEqual([]);

    const t = timeline(run);
    // node-1..3 at once, never the tainted gpu-1; node-4 as it joins; node-2's pod goes with its Node.
    expect(t.placed).toBeLessThan(5_000);
    expect(t.joined).toBeGreaterThanOrEqual(60_000);
    expect(t.joined).toBeLessThan(65_000);
    expect(t.left).toBeGreaterThanOrEqual(130_000);
    expect(t.left).toBeLessThan(135_000);
    expect(t.everOnGpu).toBe(false);
    // The roll: at no revision more than maxUnavailable (1) eligible node without a ready agent.
    expect(t.maxUnavailableInRoll).toBe(1);

    const head = run.store.head();
    const final = agents(head);
    expect(final.map((p) => p.spec?.nodeName).sort()).toEqual(ELIGIBLE);
    for (const p of final) {
      expect(imageOf(p)).toBe('fluent/fluent-bit:3.1');
      expect(isReady(p)).toBe(true);
    }
    const revisions = head.list({ group: 'apps', resource: 'controllerrevisions', namespace: 'default' });
    const current = revisions.find((r) => r['revision'] === 2) as KubeObject;
    expect(revisions.map((r) => r['revision']).sort()).toEqual([1, 2]);
    expect(final.every((p) => p.metadata?.labels?.['controller-revision-hash'] === current.metadata.labels?.['controller-revision-hash'])).toBe(true);
    expect(head.get('apps/daemonsets/default/log-agent')?.['status']).toMatchObject({
      desiredNumberScheduled: 3,
      currentNumberScheduled: 3,
      numberMisscheduled: 0,
      numberReady: 3,
      updatedNumberScheduled: 3,
      numberAvailable: 3,
      observedGeneration: 2,
    });

    const report = await replayFixture(run);
    expect(report.divergence).toBeUndefined();
    expect(report.checked).toBeGreaterThan(20);
  }, 120_000);
});
