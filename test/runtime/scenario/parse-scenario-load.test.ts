import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../src/runtime/scenario/parse-scenario.js';

const base = { apiVersion: 'chronokube.io/v1alpha1', kind: 'Scenario', metadata: { name: 's' } };

describe('parseScenario: usage and load', () => {
  it('reads constant usage on behaviour rules; a usage-only rule gives no behaviour', () => {
    const s = parseScenario({
      ...base,
      spec: {
        behaviours: [
          { matchLabels: { app: 'web' }, cpu: '250m', memory: '100Mi' },
          { matchLabels: { app: 'db' }, readyAfter: '5s', cpu: 1 },
          { matchLabels: { app: 'x' } },
        ],
      },
    });
    expect(s.behaviours[0]).toEqual({ matchLabels: { app: 'web' }, usage: { cpuMillis: 250, memoryBytes: 100 * 1024 * 1024 } });
    expect(s.behaviours[1]).toEqual({ matchLabels: { app: 'db' }, behaviour: { readyAfterMs: 5000 }, usage: { cpuMillis: 1000 } });
    expect(s.behaviours[2]).toEqual({ matchLabels: { app: 'x' }, behaviour: {} });
  });

  it('turns a load step into a recorded load fault with canonical quantities', () => {
    const s = parseScenario({
      ...base,
      spec: {
        timeline: [
          { at: '1m', load: { matchLabels: { app: 'web' }, cpu: '2000m' } },
          { at: '5m', load: { namespace: 'shop', matchLabels: { app: 'web' }, memory: '1Gi', container: 'app' } },
          { at: '6m', fault: { kind: 'load', matchLabels: { app: 'web' }, cpu: 0 } },
        ],
      },
    });
    expect(s.timeline).toEqual([
      { type: 'fault', at: 60_000, fault: { kind: 'load', namespace: 'default', matchLabels: { app: 'web' }, cpu: '2' } },
      { type: 'fault', at: 300_000, fault: { kind: 'load', namespace: 'shop', matchLabels: { app: 'web' }, memory: '1Gi', container: 'app' } },
      { type: 'fault', at: 360_000, fault: { kind: 'load', namespace: 'default', matchLabels: { app: 'web' }, cpu: '0' } },
    ]);
  });

  it('refuses bad loads and usage, naming the field', () => {
    const step = (load: unknown) => ({ ...base, spec: { timeline: [{ at: 0, load }] } });
    expect(() => parseScenario(step({ cpu: '1' }))).toThrow(/spec.timeline\[0\].load.matchLabels: must be a non-empty mapping/);
    expect(() => parseScenario(step({ matchLabels: { a: 'b' } }))).toThrow(/spec.timeline\[0\].load: needs cpu or memory/);
    expect(() => parseScenario(step({ matchLabels: { a: 'b' }, cpu: 'lots' }))).toThrow(/load.cpu: must be a quantity/);
    expect(() => parseScenario(step({ matchLabels: { a: 'b' }, cpu: '-1' }))).toThrow(/load.cpu: must not be negative/);
    expect(() => parseScenario(step({ matchLabels: { a: 'b' }, cpu: '1', rps: 3 }))).toThrow(/load.rps: unknown field/);
    expect(() => parseScenario({ ...base, spec: { behaviours: [{ matchLabels: {}, memory: 'x' }] } })).toThrow(/spec.behaviours\[0\].memory: must be a quantity/);
  });
});
