/** The traffic model over a small recorded history: proxy lag, deleted pods, down nodes, refusals, buckets. */
import { describe, expect, it } from 'vitest';
import { trafficReport } from '../../../src/runtime/network/traffic-report.js';
import { add, cluster, pod, PODS, service, user } from './helpers.js';

async function history(): Promise<Awaited<ReturnType<typeof cluster>>> {
  const e = await cluster(31);
  await add(e, [service('web', { clusterIP: '10.96.0.10' }), pod('a', { ips: ['10.244.0.1'] }), pod('b', { ips: ['10.244.0.2'] })]);
  await e.scheduler.run(10_000);
  await e.api.delete({ ...PODS, name: 'a' }, user, { gracePeriodSeconds: 0 });
  await e.scheduler.run(30_000);
  return e;
}

describe('trafficReport', () => {
  it('serves everything when the proxy follows the slices at once, round robin across pods', async () => {
    const e = await history();
    const r = trafficReport(e.store, { service: 'default/web', port: 80, rps: 10, from: 5_000, to: 20_000, mode: 'round-robin' });
    expect(r).toMatchObject({ served: 150, failed: 0, failures: {} });
    expect(r.buckets).toHaveLength(15);
    expect(r.buckets.every((b) => b.served === 10)).toBe(true);
    // Before the delete at 10 s, a and b share the load; after it, b takes all.
    expect(r.servedBy).toEqual({ 'default/a': 25, 'default/b': 125 });
  });

  it('fails requests routed to a pod that is gone while the proxy lags behind (PodGone)', async () => {
    const e = await history();
    const r = trafficReport(e.store, { service: 'default/web', port: 80, rps: 10, from: 5_000, to: 20_000, mode: 'round-robin' }, { proxyDelayMs: 2_000 });
    expect(r.failures).toEqual({ PodGone: 10 });
    // The stream's own lag wins over the report's.
    expect(trafficReport(e.store, { service: 'default/web', port: 80, rps: 10, from: 5_000, to: 20_000, mode: 'round-robin', proxyDelayMs: 1_000 }, { proxyDelayMs: 2_000 }).failures).toEqual({ PodGone: 5 });
    expect(r.buckets.filter((b) => b.failed > 0).map((b) => [b.time, b.failed])).toEqual([
      [10_000, 5],
      [11_000, 5],
    ]);
    expect(r.served + r.failed).toBe(150);
  });

  it('fails requests to pods on a down node, and refusals count with their reason', async () => {
    const e = await history();
    const down = trafficReport(e.store, { service: 'web', port: 80, rps: 4, from: 0, to: 20_000 }, { faults: [{ time: 15_000, fault: { kind: 'node-down', node: 'node-1' } }], bucketMs: 5_000 });
    expect(down.buckets.map((b) => [b.served, b.failed])).toEqual([
      [20, 0],
      [20, 0],
      [20, 0],
      [0, 20],
    ]);
    expect(down.failures).toEqual({ NodeDown: 20 });
    expect(trafficReport(e.store, { service: 'web', port: 81, rps: 1, from: 0, to: 3_000 }).failures).toEqual({ PortNotExposed: 3 });
    expect(trafficReport(e.store, { service: 'nope', port: 80, rps: 1, from: 0, to: 3_000 }).failures).toEqual({ NoSuchService: 3 });
    expect(trafficReport(e.store, { ingress: { host: 'x', path: '/' }, rps: 1, from: 0, to: 2_000 }).failures).toEqual({ NotFound: 2 });
  });

  it('is the same for the same seed, and refuses a bad spec', async () => {
    const e = await history();
    const spec = { service: 'web', port: 80, rps: 7, from: 0, to: 9_000 };
    expect(trafficReport(e.store, spec, { seed: 3 })).toEqual(trafficReport(e.store, spec, { seed: 3 }));
    expect(() => trafficReport(e.store, { ...spec, rps: 0 })).toThrow(/rps must be > 0/);
    expect(() => trafficReport(e.store, { ...spec, to: -1 })).toThrow(/before from/);
  });
});
