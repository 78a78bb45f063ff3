import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../src/runtime/scenario/parse-scenario.js';

const base = { apiVersion: 'chronokube.io/v1alpha1', kind: 'Scenario', metadata: { name: 's' } };

describe('parseScenario', () => {
  it('expands a node count from a template with pod CIDRs, and orders the timeline', () => {
    const s = parseScenario({
      ...base,
      spec: {
        seed: 9,
        nodes: { count: 2, template: { cpu: '2', memory: '4Gi', labels: { zone: 'a' } } },
        manifests: [{ object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } } }],
        behaviours: [{ matchLabels: { app: 'x' }, crashAfter: '30s', exitCode: 2 }],
        timeline: [
          { at: '2m', fault: { kind: 'node-down', node: 'node-2' } },
          { at: '1m', scale: { kind: 'ReplicaSet', name: 'web', replicas: 3 } },
          { after: '30s', delete: { kind: 'Node', name: 'node-2' } },
        ],
      },
    });
    expect(s.seed).toBe(9);
    expect(s.nodes.map((n) => [n.name, n.cpu, n.podCIDRs[0], n.labels['zone']])).toEqual([
      ['node-1', '2', '10.244.0.0/24', 'a'],
      ['node-2', '2', '10.244.1.0/24', 'a'],
    ]);
    expect(s.behaviours[0]?.behaviour).toEqual({ crashAfterMs: 30_000, exitCode: 2 });
    expect(s.timeline.map((t) => [t.type, t.at])).toEqual([
      ['scale', 60_000],
      ['delete', 90_000],
      ['fault', 120_000],
    ]);
  });

  it('names the file and field of every mistake', () => {
    expect(() => parseScenario({ ...base, apiVersion: 'chronokube.io/v9' }, 'x.yaml')).toThrow(/scenario x.yaml: apiVersion: must be chronokube.io\/v1alpha1/);
    expect(() => parseScenario({ ...base, spec: { nodez: 1 } }, 'x.yaml')).toThrow(/spec.nodez: unknown field/);
    expect(() => parseScenario({ ...base, spec: { nodes: { count: 0 } } })).toThrow(/spec.nodes.count: must be an integer ≥ 1/);
    expect(() => parseScenario({ ...base, spec: { nodes: { count: 1 }, timeline: [{ at: '1m', fault: { kind: 'node-down', node: 'node-9' } }] } })).toThrow(
      /spec.timeline\[0\].fault.node: no node "node-9"/,
    );
    expect(() => parseScenario({ ...base, spec: { timeline: [{ at: 'soon', wait: '1m' }] } })).toThrow(/spec.timeline\[0\].at/);
    expect(() => parseScenario({ ...base, spec: { timeline: [{ at: '1m' }] } })).toThrow(/needs exactly one of/);
    expect(() => parseScenario({ ...base, spec: { manifests: [{ path: 'no/such/file.yaml' }] } })).toThrow(/spec.manifests\[0\].path/);
  });

  it('reads the service ranges and refuses more than two CIDRs or unknown fields', () => {
    expect(parseScenario({ ...base, spec: { network: { serviceCIDRs: ['10.96.0.0/16', 'fd00:10:96::/112'], nodePortRange: '30000-30100' } } }).network).toEqual({
      serviceCIDRs: ['10.96.0.0/16', 'fd00:10:96::/112'],
      nodePortRange: '30000-30100',
    });
    expect(parseScenario(base).network).toBeUndefined();
    expect(() => parseScenario({ ...base, spec: { network: { serviceCIDRs: ['a', 'b', 'c'] } } })).toThrow(/spec.network.serviceCIDRs: must list one CIDR, or an IPv4 and an IPv6 CIDR/);
    expect(() => parseScenario({ ...base, spec: { network: { podCIDR: '10.0.0.0/8' } } })).toThrow(/spec.network.podCIDR: unknown field/);
  });

  it('reads rollout steps and refuses a bad action or a revision for pause', () => {
    const s = parseScenario({
      ...base,
      spec: {
        timeline: [
          { at: '1m', rollout: { action: 'undo', deployment: 'web', toRevision: 2 } },
          { at: '2m', rollout: { action: 'pause', deployment: 'web', namespace: 'shop' } },
        ],
      },
    });
    expect(s.timeline).toEqual([
      { type: 'rollout', at: 60_000, action: 'undo', name: 'web', toRevision: 2 },
      { type: 'rollout', at: 120_000, action: 'pause', name: 'web', namespace: 'shop' },
    ]);
    expect(() => parseScenario({ ...base, spec: { timeline: [{ at: '1m', rollout: { action: 'rewind', deployment: 'web' } }] } })).toThrow(
      /spec.timeline\[0\].rollout.action: must be undo, pause or resume/,
    );
    expect(() => parseScenario({ ...base, spec: { timeline: [{ at: '1m', rollout: { action: 'pause', deployment: 'web', toRevision: 1 } }] } })).toThrow(
      /spec.timeline\[0\].rollout.toRevision: is for undo only/,
    );
    expect(() => parseScenario({ ...base, spec: { timeline: [{ at: '1m', rollout: { action: 'undo' } }] } })).toThrow(/spec.timeline\[0\].rollout.deployment/);
  });
});
