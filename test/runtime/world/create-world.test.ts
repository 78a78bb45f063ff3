import { describe, expect, it } from 'vitest';
import { createWorld } from '../../../src/runtime/world/create-world.js';

const pod = (labels: Record<string, string>) => ({ namespace: 'default', name: 'p', labels });

describe('createWorld', () => {
  it('gives each pod the lowest free address after the gateway, idempotently, IPv4 first', () => {
    const w = createWorld();
    const cidrs = ['fd00:10:244:1::/64', '10.244.1.0/24'];
    expect(w.podIPs('n1', 'k/a', 'u1', cidrs)).toEqual(['10.244.1.2', 'fd00:10:244:1::2']);
    expect(w.podIPs('n1', 'k/b', 'u2', cidrs)).toEqual(['10.244.1.3', 'fd00:10:244:1::3']);
    expect(w.podIPs('n1', 'k/a', 'u1', cidrs)).toEqual(['10.244.1.2', 'fd00:10:244:1::2']);
    w.releasePodIPs('n1', 'k/a');
    w.releasePodIPs('n1', 'k/a');
    expect(w.podIPs('n1', 'k/c', 'u3', cidrs)[0]).toBe('10.244.1.2');
    // A recreated pod (new uid, same key) gets fresh addresses; other nodes are independent.
    expect(w.podIPs('n1', 'k/b', 'u4', cidrs)[0]).toBe('10.244.1.3');
    expect(w.podIPs('n2', 'k/b', 'u4', ['10.244.2.0/24'])).toEqual(['10.244.2.2']);
  });

  it('refuses an exhausted CIDR (a /30 has one pod address after network, gateway, broadcast)', () => {
    const w = createWorld();
    expect(w.podIPs('n', 'a', 'u', ['10.0.0.0/30'])).toEqual(['10.0.0.2']);
    expect(() => w.podIPs('n', 'b', 'u', ['10.0.0.0/30'])).toThrow(/exhausted/);
  });

  it('matches behaviour rules in order, by labels and container', () => {
    const w = createWorld({
      behaviours: [
        { matchLabels: { app: 'web' }, container: 'sidecar', behaviour: { neverReady: true } },
        { matchLabels: { app: 'web' }, behaviour: { startDelayMs: 2000 } },
      ],
    });
    expect(w.behaviour(pod({ app: 'web' }), 'sidecar')).toEqual({ neverReady: true });
    expect(w.behaviour(pod({ app: 'web' }), 'main')).toEqual({ startDelayMs: 2000 });
    expect(w.behaviour(pod({ app: 'db' }), 'main')).toBeUndefined();
  });

  it('turns fault records into node state and crashes', () => {
    const w = createWorld();
    expect(w.node('n1')).toEqual({ down: false, partitioned: false, kubeletStartedAt: 0 });
    w.applyFault({ kind: 'node-down', node: 'n1' }, 1000);
    expect(w.node('n1')).toMatchObject({ down: true, lastDownAt: 1000 });
    w.applyFault({ kind: 'node-up', node: 'n1' }, 5000);
    expect(w.node('n1')).toMatchObject({ down: false, kubeletStartedAt: 5000, lastDownAt: 1000 });
    w.applyFault({ kind: 'partition', node: 'n1' }, 6000);
    expect(w.node('n1').partitioned).toBe(true);
    w.applyFault({ kind: 'heal', node: 'n1' }, 7000);
    expect(w.node('n1').partitioned).toBe(false);
    w.applyFault({ kind: 'kubelet-restart', node: 'n1' }, 8000);
    expect(w.node('n1').kubeletStartedAt).toBe(8000);
    w.applyFault({ kind: 'container-crash', pod: 'ns/p', container: 'c' }, 9000);
    w.applyFault({ kind: 'container-crash', pod: 'ns/p', container: 'c', exitCode: 137 }, 9500);
    expect(w.crashes('ns', 'p', 'c').map((c) => [c.at, c.exitCode])).toEqual([
      [9000, 1],
      [9500, 137],
    ]);
    expect(w.crashesSince(9200).map((c) => c.at)).toEqual([9500]);
    expect(() => w.crashContainer('ns', 'p', 'c', 1, 100)).toThrow(/time order/);
  });
});

describe('createWorld: usage and loads', () => {
  const pod = { namespace: 'default', name: 'web-1', labels: { app: 'web' } };
  it('gives constant usage from the first matching rule that has usage, separately from behaviour', () => {
    const w = createWorld({
      behaviours: [
        { matchLabels: { app: 'web' }, usage: { cpuMillis: 250 } },
        { matchLabels: { app: 'web' }, behaviour: { readyAfterMs: 5000 }, usage: { cpuMillis: 900 } },
      ],
    });
    expect(w.usage(pod, 'app', 0)).toEqual({ cpuMillis: 250 });
    expect(w.behaviour(pod, 'app')).toEqual({ readyAfterMs: 5000 });
    expect(w.usage({ ...pod, labels: {} }, 'app', 0)).toBeUndefined();
  });

  it('keeps loads per namespace and selector, as of a time; a later one replaces, zero ends it', () => {
    const w = createWorld();
    w.applyFault({ kind: 'load', namespace: 'default', matchLabels: { app: 'web' }, cpu: '2' }, 1000);
    w.applyFault({ kind: 'load', namespace: 'default', matchLabels: { tier: 'fe' }, memory: '1Ki' }, 2000);
    w.applyFault({ kind: 'load', namespace: 'other', matchLabels: { app: 'web' }, cpu: '1' }, 2500);
    w.applyFault({ kind: 'load', namespace: 'default', matchLabels: { app: 'web' }, cpu: '500m' }, 3000);
    expect(w.loads('default', 500)).toEqual([]);
    expect(w.loads('default', 1500).map((l) => l.cpuMillis)).toEqual([2000]);
    expect(w.loads('default', 3000).map((l) => [l.matchLabels, l.cpuMillis, l.memoryBytes, l.since])).toEqual([
      [{ tier: 'fe' }, undefined, 1024, 2000],
      [{ app: 'web' }, 500, undefined, 3000],
    ]);
    w.applyFault({ kind: 'load', namespace: 'default', matchLabels: { app: 'web' }, cpu: '0' }, 4000);
    expect(w.loads('default', 4000).map((l) => l.matchLabels)).toEqual([{ tier: 'fe' }]);
    expect(() => w.applyFault({ kind: 'load', namespace: 'default', matchLabels: { app: 'web' }, cpu: '1' }, 100)).toThrow(/earlier than the last one/);
  });
});
