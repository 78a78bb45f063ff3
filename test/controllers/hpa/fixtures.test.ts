/**
 * fixtures/hpa-scale-up-down.yaml, run with the control plane, checked from
 * its history (scale writes, their times against the sync period and the
 * downscale stabilization window, events, status), and replayed with no
 * divergence.
 */
import type { HorizontalPodAutoscalerStatus } from 'kubernetes-types/autoscaling/v2.js';
import { describe, expect, it } from 'vitest';
import { HPA_CONTROLLER } from '../../../src/controllers/hpa/hpa-controller.js';
import type { WriteRecord } from '../../../src/model/index.js';
import { replayFixture, runFixture } from '../../runtime/scenario/run-fixture.js';

const FILE = 'fixtures/hpa-scale-up-down.yaml';

describe('fixtures/hpa-scale-up-down.yaml', () => {
  it('scales 1 → 4 → 6 on the load, holds 6 for the 5-minute stabilization window after it falls, then scales to 1; replays', async () => {
    const run = await runFixture(FILE);
    expect(run.result.stable).toBe(true);
    const loads = run.records.filter((r) => r.type === 'fault' && r.fault.kind === 'load');
    expect(loads.map((r) => r.time)).toEqual([60_000, 300_000]);

    const scales = run.records.filter(
      (r): r is WriteRecord => r.type === 'write' && r.subresource === 'scale' && r.key === 'apps/deployments/default/web' && r.actor === `controller:${HPA_CONTROLLER}`,
    );
    const sizes = scales.map((w) => run.store.at(w.rev).get(w.key)?.['spec'] as { replicas: number });
    expect(sizes.map((s) => s.replicas)).toEqual([4, 6, 1]);
    const [up1, up2, down] = scales.map((w) => w.time) as [number, number, number];
    // The first sync at or after the rise (every 15 s); the second waits for the new pods' first full metric window.
    expect(up1).toBeGreaterThanOrEqual(60_000);
    expect(up1).toBeLessThan(75_000);
    expect(up2 - up1).toBeGreaterThanOrEqual(15_000);
    expect(up2 - up1).toBeLessThanOrEqual(45_000);
    // The last recommendation of 6 was at the last sync before the fall (≤ 15 s earlier): down comes 5 min after it.
    expect(down).toBeGreaterThan(300_000 + 300_000 - 15_000);
    expect(down).toBeLessThanOrEqual(300_000 + 300_000 + 15_000);

    const head = run.store.head();
    const pods = head.list({ group: '', resource: 'pods', namespace: 'default' }).filter((p) => p.metadata.deletionTimestamp === undefined);
    expect(pods).toHaveLength(1);
    const hpa = head.get('autoscaling/horizontalpodautoscalers/default/web')!;
    const status = hpa['status'] as HorizontalPodAutoscalerStatus;
    expect(status).toMatchObject({
      currentReplicas: 1,
      desiredReplicas: 1,
      currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 50, averageValue: '100m' } } }],
      lastScaleTime: new Date(run.scenario.epoch + Math.floor(down / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
    });
    expect(status.conditions?.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['AbleToScale', 'True', 'ReadyForNewScale'],
      ['ScalingActive', 'True', 'ValidMetricFound'],
      ['ScalingLimited', 'False', 'DesiredWithinRange'],
    ]);

    // While the window held 6 pods, the HPA said so.
    const stabilized = run.records.some((r) => {
      if (r.type !== 'write' || r.key !== 'autoscaling/horizontalpodautoscalers/default/web' || r.time < 300_000 || r.time >= down) return false;
      const s = run.store.at(r.rev).get(r.key)?.['status'] as HorizontalPodAutoscalerStatus | undefined;
      return s?.conditions?.some((c) => c.type === 'AbleToScale' && c.reason === 'ScaleDownStabilized') === true && s.desiredReplicas === 6;
    });
    expect(stabilized).toBe(true);
    const limited = run.records.some((r) => {
      if (r.type !== 'write' || r.key !== 'autoscaling/horizontalpodautoscalers/default/web') return false;
      const s = run.store.at(r.rev).get(r.key)?.['status'] as HorizontalPodAutoscalerStatus | undefined;
      return s?.conditions?.some((c) => c.type === 'ScalingLimited' && c.status === 'True' && c.reason === 'ScaleUpLimit') === true;
    });
    expect(limited).toBe(true);

    const events = head
      .list({ group: '', resource: 'events', namespace: 'default' })
      .filter((e) => e['reason'] === 'SuccessfulRescale')
      .map((e) => e['message']);
    expect(events.sort()).toEqual([
      'New size: 1; reason: All metrics below target',
      'New size: 4; reason: cpu resource utilization (percentage of request) above target',
      'New size: 6; reason: cpu resource utilization (percentage of request) above target',
    ]);

    const report = await replayFixture(run);
    expect(report.divergence).toBeUndefined();
    expect(report.checked).toBeGreaterThan(50);
  }, 120_000);
});
