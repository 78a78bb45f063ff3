/** kube-proxy's routing as a table: refusals, ready-only, terminating fallback, round robin, random, ClientIP affinity. */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/model/index.js';
import { createBalancer } from '../../../src/runtime/network/balancer.js';
import { routeServiceRequest } from '../../../src/runtime/network/route-service-request.js';
import { add, cluster, pod, PODS, service, user } from './helpers.js';

const rr = (): ReturnType<typeof createBalancer> => createBalancer('round-robin', seededRandom(1));
const web = (n: number, o: Parameters<typeof pod>[1] = {}): ReturnType<typeof pod> => pod(`web-${n}`, { ips: [`10.244.0.${n}`], ports: [{ name: 'http', containerPort: 8080 }], ...o });

describe('routeServiceRequest', () => {
  it('refuses what a user would be refused, with the reason', async () => {
    const e = await cluster();
    await add(e, [
      service('web', { clusterIP: '10.96.0.10', ports: [{ name: 'http', port: 80, targetPort: 'http' }] }),
      service('idle', { clusterIP: '10.96.0.11', selector: { app: 'idle' } }),
      service('db', { clusterIP: 'None' }),
      web(1, { ready: false }),
    ]);
    const v = e.store.head();
    const cases: [Parameters<typeof routeServiceRequest>[1], string][] = [
      [{ service: 'default/nope', port: 80 }, 'NoSuchService'],
      [{ ip: '10.96.9.9', port: 80 }, 'NoSuchService'],
      [{ service: 'web', port: 81 }, 'PortNotExposed'],
      [{ service: 'web', port: 80, protocol: 'UDP' }, 'PortNotExposed'],
      [{ service: 'db', port: 80 }, 'NoClusterIP'],
      [{ service: 'idle', port: 80 }, 'NoEndpoints'],
      [{ ip: '10.96.0.10', port: 80 }, 'NoEndpoints'],
    ];
    for (const [req, reason] of cases) {
      const r = routeServiceRequest(v, req, rr());
      expect(r.routed ? 'routed' : r.reason, JSON.stringify(req)).toBe(reason);
    }
  });

  it('round-robins over ready endpoints only, by cluster IP, to the named target port', async () => {
    const e = await cluster();
    await add(e, [service('web', { clusterIP: '10.96.0.10', ports: [{ name: 'http', port: 80, targetPort: 'http' }] }), web(1), web(2), web(3, { ready: false })]);
    const b = rr();
    const got = Array.from({ length: 4 }, () => routeServiceRequest(e.store.head(), { ip: '10.96.0.10', port: 80 }, b)).map((r) => (r.routed ? `${r.backend.pod?.name}:${r.backend.port}` : r.reason));
    expect(got).toEqual(['web-1:8080', 'web-2:8080', 'web-1:8080', 'web-2:8080']);
  });

  it('falls back to serving terminating endpoints when none is ready', async () => {
    const e = await cluster();
    await add(e, [service('web', { clusterIP: '10.96.0.10' }), web(1), web(2, { ready: false })]);
    await e.api.delete({ ...PODS, name: 'web-1' }, user);
    await e.scheduler.run(e.clock.now() + 1000);
    const r = routeServiceRequest(e.store.head(), { service: 'web', port: 80 }, rr());
    expect(r.routed && r.backend).toMatchObject({ ip: '10.244.0.1', ready: false, serving: true, terminating: true });
  });

  it('picks at random with a seed (every endpoint used, same picks for the same seed)', async () => {
    const e = await cluster();
    await add(e, [service('web', { clusterIP: '10.96.0.10' }), web(1), web(2), web(3)]);
    const picks = (seed: number): string[] => {
      const b = createBalancer('random', seededRandom(seed));
      return Array.from({ length: 60 }, () => routeServiceRequest(e.store.head(), { service: 'web', port: 80 }, b)).map((r) => (r.routed ? r.backend.ip : '-'));
    };
    const a = picks(5);
    expect(new Set(a).size).toBe(3);
    expect(picks(5)).toEqual(a);
  });

  it('keeps a client on its endpoint with ClientIP affinity until the timeout passes', async () => {
    const e = await cluster();
    await add(e, [service('web', { clusterIP: '10.96.0.10', sessionAffinity: 'ClientIP', timeoutSeconds: 60 }), web(1), web(2)]);
    const b = rr();
    const at = (clientIP: string, now: number): string => {
      const r = routeServiceRequest(e.store.head(), { service: 'web', port: 80, clientIP, now }, b);
      return r.routed ? (r.backend.pod?.name ?? '') : r.reason;
    };
    expect([at('1.1.1.1', 0), at('1.1.1.1', 30_000), at('1.1.1.1', 89_000)]).toEqual(['web-1', 'web-1', 'web-1']);
    expect(at('2.2.2.2', 0)).toBe('web-2');
    // Idle for more than 60 s: chosen afresh (the round-robin cursor is at web-1 again).
    expect(at('2.2.2.2', 200_000)).toBe('web-1');
  });
});
