/**
 * The HPA's decisions, one reconcile at a time over a real store: the
 * first-sync delay, scale-target errors, ScalingDisabled, min/max clamps,
 * a metric-driven rescale through the scale subresource (command, event,
 * status), behaviour policies, missing metrics, and deletion.
 */
import { describe, expect, it } from 'vitest';
import type { HorizontalPodAutoscalerStatus } from 'kubernetes-types/autoscaling/v2.js';
import type { ControllerDefinition, ReconcileResult } from '../../../src/controllers/index.js';
import { HPA_SYNC_PERIOD_MS, hpaController } from '../../../src/controllers/hpa/hpa-controller.js';
import type { Command, KubeObject, LoadDemand, ResourceUsage, UsageSource } from '../../../src/model/index.js';
import { seededRandom } from '../../../src/model/index.js';
import { testEngine } from '../../runtime/engine.js';

const KEY = 'autoscaling/horizontalpodautoscalers/default/web';
const EPOCH = Date.UTC(2026, 0, 1);
const ctxAt = (now: number) => ({ now, epoch: EPOCH, random: seededRandom(1) });
const stamp = (ms: number): string => new Date(EPOCH + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function source(cpuMillis: number): UsageSource {
  return { usage: (): ResourceUsage => ({ cpuMillis }), loads: (): readonly LoadDemand[] => [] };
}

const deployment = (replicas: number): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '200m' } } }] } },
  },
});

const hpa = (spec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
    minReplicas: 1,
    maxReplicas: 10,
    metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
    ...spec,
  },
});

async function setup(objects: KubeObject[], runningPods: number, opts: { running?: boolean } = {}) {
  const e = await testEngine();
  const ctx = { actor: 'user:test' };
  for (const o of objects) await e.api.execute({ type: 'create', object: o }, ctx);
  for (let i = 0; i < runningPods; i++) {
    const pod = await e.api.execute(
      {
        type: 'create',
        object: {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: `web-${i}`, namespace: 'default', labels: { app: 'web' } },
          spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '200m' } } }] },
        },
      },
      ctx,
    );
    const start = stamp(-20 * 60_000);
    const status =
      opts.running === false
        ? { phase: 'Pending' }
        : {
            phase: 'Running',
            startTime: start,
            conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: start }],
            containerStatuses: [{ name: 'c', ready: true, restartCount: 0, image: 'nginx', imageID: '', state: { running: { startedAt: start } } }],
          };
    await e.api.execute({ type: 'update', subresource: 'status', object: { ...pod, status } }, ctx);
  }
  return e;
}

/** The first reconcile only schedules the first sync (the queue's 15 s delay); the second decides. */
function sync(def: ControllerDefinition, view: Parameters<ControllerDefinition['reconcile']>[1], now = 60_000): ReconcileResult {
  expect(def.reconcile(KEY, view, ctxAt(now - HPA_SYNC_PERIOD_MS))).toEqual({ commands: [], requeueAfterMs: HPA_SYNC_PERIOD_MS });
  return def.reconcile(KEY, view, ctxAt(now));
}

const statusOf = (cmds: readonly Command[]): HorizontalPodAutoscalerStatus => {
  const c = cmds.find((x) => x.type === 'update' && x.subresource === 'status');
  return (c as { object: KubeObject } | undefined)?.object['status'] as HorizontalPodAutoscalerStatus;
};
const events = (cmds: readonly Command[]): [unknown, unknown][] =>
  cmds.flatMap((c) => (c.type === 'create' && c.object.kind === 'Event' ? [[c.object['reason'], c.object['message']] as [unknown, unknown]] : []));
const cond = (s: HorizontalPodAutoscalerStatus, type: string) => s.conditions?.find((c) => c.type === type);

describe('hpaController', () => {
  it('scales up through the scale subresource, limited to max(2 × current, 4), with the event and status', async () => {
    const e = await setup([deployment(2), hpa()], 2);
    const r = sync(hpaController(source(400)), e.store.head());
    expect(r.requeueAfterMs).toBe(15_000);
    expect(r.commands[0]).toEqual({
      type: 'patch',
      ref: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' },
      subresource: 'scale',
      patchType: 'merge',
      patch: { spec: { replicas: 4 } },
    });
    expect(events(r.commands)).toEqual([['SuccessfulRescale', 'New size: 4; reason: cpu resource utilization (percentage of request) above target']]);
    const s = statusOf(r.commands);
    expect(s).toMatchObject({
      currentReplicas: 2,
      desiredReplicas: 4,
      lastScaleTime: stamp(60_000),
      currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 200, averageValue: '400m' } } }],
    });
    expect(s.conditions?.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['AbleToScale', 'True', 'SucceededRescale'],
      ['ScalingActive', 'True', 'ValidMetricFound'],
      ['ScalingLimited', 'True', 'ScaleUpLimit'],
    ]);
    // The command goes through the API's scale subresource.
    await e.api.execute(r.commands[0]!, { actor: 'controller:horizontalpodautoscaling' });
    expect((e.store.head().get('apps/deployments/default/web')?.['spec'] as { replicas: number }).replicas).toBe(4);
  });

  it('follows spec.behavior policies (1 pod per minute) and says ScaleUpLimit', async () => {
    const behavior = { scaleUp: { policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }], selectPolicy: 'Max', stabilizationWindowSeconds: 0 } };
    const e = await setup([deployment(2), hpa({ behavior })], 2);
    const def = hpaController(source(400));
    const r = sync(def, e.store.head());
    expect(r.commands[0]).toMatchObject({ patch: { spec: { replicas: 3 } } });
    expect(cond(statusOf(r.commands), 'ScalingLimited')).toMatchObject({ status: 'True', reason: 'ScaleUpLimit' });
    // 15 s later (the target not yet changed in this view), the period's budget is spent.
    const again = def.reconcile(KEY, e.store.head(), ctxAt(75_000));
    expect(again.commands.some((c) => c.type === 'patch')).toBe(false);
  });

  it('keeps the count within the tolerance and reports ReadyForNewScale', async () => {
    const e = await setup([deployment(2), hpa()], 2);
    const r = sync(hpaController(source(105)), e.store.head());
    expect(r.commands.some((c) => c.type === 'patch')).toBe(false);
    const s = statusOf(r.commands);
    expect(s).toMatchObject({ currentReplicas: 2, desiredReplicas: 2 });
    expect(s.lastScaleTime).toBeUndefined();
    expect(cond(s, 'AbleToScale')).toMatchObject({ reason: 'ReadyForNewScale', message: 'recommended size matches current size' });
  });

  it('reports a missing target as FailedGetScale', async () => {
    const e = await setup([hpa()], 0);
    const r = sync(hpaController(source(0)), e.store.head());
    expect(events(r.commands)).toEqual([['FailedGetScale', 'deployments.apps "web" not found']]);
    expect(cond(statusOf(r.commands), 'AbleToScale')).toMatchObject({
      status: 'False',
      reason: 'FailedGetScale',
      message: `the HPA controller was unable to get the target's current scale: deployments.apps "web" not found`,
    });
  });

  it('does not scale a target at zero replicas (ScalingDisabled)', async () => {
    const e = await setup([deployment(0), hpa()], 0);
    const r = sync(hpaController(source(900)), e.store.head());
    expect(r.commands.some((c) => c.type === 'patch')).toBe(false);
    expect(cond(statusOf(r.commands), 'ScalingActive')).toMatchObject({ status: 'False', reason: 'ScalingDisabled' });
  });

  it('clamps a target above maxReplicas without reading metrics', async () => {
    const e = await setup([deployment(12), hpa()], 0);
    const r = sync(hpaController(source(0)), e.store.head());
    expect(r.commands[0]).toMatchObject({ patch: { spec: { replicas: 10 } } });
    expect(events(r.commands)).toEqual([['SuccessfulRescale', 'New size: 10; reason: Current number of replicas above Spec.MaxReplicas']]);
  });

  it('reports pods without metrics as FailedGetResourceMetric and FailedComputeMetricsReplicas', async () => {
    const e = await setup([deployment(2), hpa()], 2, { running: false });
    const r = sync(hpaController(source(400)), e.store.head());
    const err = 'failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API';
    expect(events(r.commands)).toEqual([
      ['FailedGetResourceMetric', err],
      ['FailedComputeMetricsReplicas', `invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: ${err}`],
    ]);
    expect(cond(statusOf(r.commands), 'ScalingActive')).toMatchObject({
      status: 'False',
      reason: 'FailedGetResourceMetric',
      message: `the HPA was unable to compute the replica count: ${err}`,
    });
  });

  it('reads an autoscaling/v1 HPA (targetCPUUtilizationPercentage) and writes its v1 status', async () => {
    const v1: KubeObject = {
      apiVersion: 'autoscaling/v1',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web', namespace: 'default' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 3, targetCPUUtilizationPercentage: 50 },
    };
    const e = await setup([deployment(2), v1], 2);
    const r = sync(hpaController(source(400)), e.store.head());
    expect(r.commands[0]).toMatchObject({ patch: { spec: { replicas: 3 } } });
    expect(statusOf(r.commands)).toEqual({ currentReplicas: 2, desiredReplicas: 3, currentCPUUtilizationPercentage: 200, lastScaleTime: stamp(60_000) });
  });

  it('forgets a deleted HPA, whose next appearance waits one sync period again', async () => {
    const e = await setup([deployment(2)], 2);
    const def = hpaController(source(400));
    expect(def.reconcile(KEY, e.store.head(), ctxAt(0))).toEqual({ commands: [] });
    await e.api.execute({ type: 'create', object: hpa() }, { actor: 'user:test' });
    expect(def.reconcile(KEY, e.store.head(), ctxAt(1000)).commands).toEqual([]);
    expect(def.reconcile(KEY, e.store.head(), ctxAt(16_000)).commands.length).toBeGreaterThan(0);
  });
});
