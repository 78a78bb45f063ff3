/**
 * fixtures/drain-with-pdb.yaml: a node drained under a PodDisruptionBudget,
 * checked over its whole history (the budget is never violated, evictions
 * go one at a time, the drain finishes) and replayed with no divergence.
 */
import { describe, expect, it } from 'vitest';
import { disruptionController } from '../../../src/controllers/disruption/disruption-controller.js';
import type { KubeObject, WriteRecord } from '../../../src/model/index.js';
import type { FixtureRun } from '../../runtime/scenario/run-fixture.js';
import { replayFixture, runFixture } from '../../runtime/scenario/run-fixture.js';

const FILE = 'fixtures/drain-with-pdb.yaml';

/** True once the scenario parser knows the `drain` step (the lead wires drain-step.ts); until then the test waits. */
const healthy = (p: KubeObject): boolean =>
  p.metadata.deletionTimestamp === undefined &&
  ((p['status'] as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
const nodeOf = (p: KubeObject): string | undefined => (p['spec'] as { nodeName?: string }).nodeName;

/** The budget invariant over a history: the fewest healthy selected pods at any revision from `fromTime` on. */
function fewestHealthy(run: FixtureRun, fromTime: number): number {
  let least = Number.POSITIVE_INFINITY;
  const cursor = run.store.cursor(0);
  while (cursor.forward()) {
    const w = cursor.record;
    if (w === undefined || w.time < fromTime || !w.key.startsWith('core/pods/')) continue;
    least = Math.min(least, cursor.state.list({ group: '', resource: 'pods', namespace: 'default' }).filter((p) => p.metadata.labels?.['app'] === 'web' && healthy(p)).length);
  }
  return least;
}

describe('fixtures/drain-with-pdb.yaml', () => {
  it('drains node-1 one eviction at a time, never below minAvailable 2, refusals as warnings, and replays', async () => {
    const run = await runFixture(FILE, { stable: true }, [disruptionController]);
    expect(run.result.stable).toBe(true);
    const head = run.store.head();

    // The drain finished: node-1 cordoned and empty, three ready pods elsewhere.
    expect(head.get('core/nodes/_/node-1')?.['spec']).toMatchObject({ unschedulable: true });
    const pods = head.list({ group: '', resource: 'pods', namespace: 'default' });
    expect(pods.filter(healthy).map(nodeOf).sort()).toHaveLength(3);
    expect(pods.some((p) => nodeOf(p) === 'node-1')).toBe(false);
    expect(head.get('policy/poddisruptionbudgets/default/web')?.['status']).toMatchObject({ currentHealthy: 3, desiredHealthy: 2, expectedPods: 3, disruptionsAllowed: 1 });

    // Three granted evictions, each spending the budget in its status before marking and deleting its pod.
    const evictionWrites = run.records.filter((r): r is WriteRecord => r.type === 'write' && r.actor === 'user:scenario' && r.time >= 60_000);
    const spends = evictionWrites.filter((w) => w.key === 'policy/poddisruptionbudgets/default/web');
    expect(spends.map((w) => w.subresource)).toEqual(['status', 'status', 'status']);
    expect(new Set(spends.map((w) => w.time)).size).toBe(3);
    expect(spends[0]?.time).toBe(60_000);
    // The later ones wait for a replacement: each is a multiple of 5 s after the first (kubectl's retry).
    for (const w of spends.slice(1)) expect((w.time - 60_000) % 5000).toBe(0);
    expect(evictionWrites.filter((w) => w.verb === 'delete' && w.key.startsWith('core/pods/'))).toHaveLength(3);

    // Refused evictions are not in the history; the run's warnings carry kubectl's lines.
    const refusals = run.result.warnings.filter((l) => l.includes("(will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget."));
    expect(refusals.length).toBeGreaterThanOrEqual(2);
    expect(refusals[0]).toMatch(/^at 60000 ms, drain node-1: error when evicting pods\/"web-[a-z0-9]+-[a-z0-9]{5}" -n "default" \(will retry after 5s\): /);
    expect(run.result.warnings.filter((l) => !refusals.includes(l))).toEqual([]);

    // The budget held throughout.
    expect(fewestHealthy(run, 60_000)).toBe(2);

    const report = await replayFixture(run);
    expect(report.divergence).toBeUndefined();
    expect(report.checked).toBeGreaterThan(20);
  }, 120_000);
});
