import type { Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { podMetrics } from '../../../src/controllers/hpa/pod-metrics.js';
import { createWorld } from '../../../src/runtime/world/create-world.js';
import { testEngine } from '../../runtime/engine.js';

const EPOCH = Date.UTC(2026, 0, 1);

async function pods(specs: { name: string; labels: Record<string, string>; ready: boolean; phase?: string; containers?: string[] }[]) {
  const e = await testEngine();
  const ctx = { actor: 'user:test' };
  for (const s of specs) {
    const names = s.containers ?? ['c'];
    const created = await e.api.execute(
      {
        type: 'create',
        object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: s.name, namespace: 'default', labels: s.labels }, spec: { containers: names.map((n) => ({ name: n, image: 'x' })) } },
      },
      ctx,
    );
    const status = {
      phase: s.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: s.ready ? 'True' : 'False' }],
      containerStatuses: names.map((n) => ({ name: n, ready: s.ready, restartCount: 0, image: 'x', imageID: '', state: s.phase === 'Pending' ? { waiting: {} } : { running: {} } })),
    };
    await e.api.execute({ type: 'update', subresource: 'status', object: { ...created, status } }, ctx);
  }
  const view = e.store.head();
  return { view, list: view.list({ group: '', resource: 'pods', namespace: 'default' }) as unknown as Pod[] };
}

const values = (m: Map<string, { value: number }>): Record<string, number> => Object.fromEntries([...m].map(([k, v]) => [k, v.value]));

describe('podMetrics', () => {
  it('splits a load among the serving pods it matches (all of them, not only the HPA’s), adding constant usage', async () => {
    const { view, list } = await pods([
      { name: 'a', labels: { app: 'web', hpa: 'yes' }, ready: true },
      { name: 'b', labels: { app: 'web', hpa: 'yes' }, ready: false },
      { name: 'c', labels: { app: 'web' }, ready: true },
      { name: 'd', labels: { app: 'web', hpa: 'yes' }, ready: false, phase: 'Pending' },
    ]);
    const world = createWorld({ behaviours: [{ matchLabels: { app: 'web' }, usage: { cpuMillis: 50 } }] });
    world.applyFault({ kind: 'load', namespace: 'default', matchLabels: { app: 'web' }, cpu: '601m' }, 1000);
    const mine = list.filter((p) => p.metadata?.labels?.['hpa'] === 'yes');
    // 601m over a and c (b is not ready, d not running): ⌈300.5⌉ + 50 each; b only its own 50; d has no metric.
    expect(values(podMetrics(view, world, mine, 'cpu', 2000, EPOCH))).toEqual({ a: 351, b: 50 });
    // Before the load, only the constant usage.
    expect(values(podMetrics(view, world, mine, 'cpu', 500, EPOCH))).toEqual({ a: 50, b: 50 });
    expect(podMetrics(view, world, mine, 'cpu', 2000, EPOCH).get('a')).toEqual({ value: 351, timestamp: EPOCH + 2000, windowMs: 15_000 });
  });

  it('splits a pod’s share among its containers, or gives it to the named one; memory in milli-bytes', async () => {
    const { view, list } = await pods([{ name: 'a', labels: { app: 'web' }, ready: true, containers: ['app', 'side'] }]);
    const world = createWorld();
    world.applyFault({ kind: 'load', namespace: 'default', matchLabels: { app: 'web' }, cpu: '1', memory: '1Ki', container: 'app' }, 0);
    world.applyFault({ kind: 'load', namespace: 'default', matchLabels: { app: 'web', tier: 'x' }, cpu: '5' }, 0);
    expect(values(podMetrics(view, world, list, 'cpu', 0, EPOCH, 'side'))).toEqual({ a: 0 });
    expect(values(podMetrics(view, world, list, 'cpu', 0, EPOCH, 'app'))).toEqual({ a: 1000 });
    expect(values(podMetrics(view, world, list, 'memory', 0, EPOCH))).toEqual({ a: 1024 * 1000 });
    const w2 = createWorld();
    w2.applyFault({ kind: 'load', namespace: 'default', matchLabels: { app: 'web' }, cpu: '1' }, 0);
    expect(values(podMetrics(view, w2, list, 'cpu', 0, EPOCH, 'side'))).toEqual({ a: 500 });
  });
});

