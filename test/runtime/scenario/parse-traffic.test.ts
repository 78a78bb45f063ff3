/** The scenario's `traffic` section: what it accepts and the errors it gives. */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../src/runtime/index.js';

const doc = (traffic: unknown): unknown => ({ apiVersion: 'chronokube.io/v1alpha1', kind: 'Scenario', metadata: { name: 't' }, spec: { traffic } });

describe('spec.traffic', () => {
  it('parses service and ingress streams with durations and defaults', () => {
    const s = parseScenario(
      doc([
        { service: 'default/web', port: 80, rps: 20, from: '30s', to: '3m', clients: 4, mode: 'round-robin', proxyDelay: '1s' },
        { name: 'shop', ingress: { host: 'shop.example.com', path: '/cart' }, rps: 5, to: 60_000 },
      ]),
    );
    expect(s.traffic).toEqual([
      { service: 'default/web', port: 80, rps: 20, from: 30_000, to: 180_000, clients: 4, mode: 'round-robin', proxyDelayMs: 1_000 },
      { name: 'shop', ingress: { host: 'shop.example.com', path: '/cart' }, rps: 5, from: 0, to: 60_000 },
    ]);
    expect(parseScenario(doc(undefined)).traffic).toBeUndefined();
  });

  it.each<[unknown, RegExp]>([
    [{ port: 80, rps: 1, to: '1m' }, /spec\.traffic\[0\]: needs exactly one of service, ingress/],
    [{ service: 'web', rps: 1, to: '1m' }, /spec\.traffic\[0\]\.port: must be an integer > 0/],
    [{ service: 'web', port: 80, rps: 0, to: '1m' }, /spec\.traffic\[0\]\.rps: must be an integer > 0/],
    [{ service: 'web', port: 80, rps: 1, from: '2m', to: '1m' }, /spec\.traffic\[0\]\.to: must be after from/],
    [{ service: 'web', port: 80, rps: 1, to: '1m', mode: 'lc' }, /spec\.traffic\[0\]\.mode: must be random or round-robin/],
    [{ service: 'web', port: 80, rps: 1, to: '1m', qps: 3 }, /spec\.traffic\[0\]\.qps: unknown field/],
    [{ ingress: { host: 'a', path: 'x' }, rps: 1, to: '1m' }, /spec\.traffic\[0\]\.ingress\.path: must start with \//],
    [{ ingress: { host: 'a' }, port: 80, rps: 1, to: '1m' }, /port and protocol go with service/],
  ])('refuses %j', (stream, message) => {
    expect(() => parseScenario(doc([stream]))).toThrow(message);
  });
});
