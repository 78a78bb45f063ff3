import type { Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { amount, podRequests } from '../../../src/controllers/scheduler/resources.js';

const c = (requests?: Record<string, string>, restartPolicy?: string) => ({ name: 'c', image: 'i', ...(requests === undefined ? {} : { resources: { requests } }), ...(restartPolicy === undefined ? {} : { restartPolicy }) });

describe('podRequests', () => {
  it('sums containers and takes the largest init container', () => {
    const pod = { spec: { containers: [c({ cpu: '100m', memory: '1Gi' }), c({ cpu: '200m' })], initContainers: [c({ cpu: '500m', memory: '10Mi' }), c({ cpu: '50m' })] } } as Pod;
    expect(podRequests(pod)).toMatchObject({ cpu: 500, memory: 1024 ** 3 });
  });

  it('adds sidecars (restartable init containers) to both sides, then the overhead', () => {
    const pod = {
      spec: {
        containers: [c({ cpu: '100m' })],
        initContainers: [c({ cpu: '200m' }, 'Always'), c({ cpu: '250m' })],
        overhead: { cpu: '10m' },
      },
    } as Pod;
    // regular 100 + sidecar 200 = 300; init 250 + sidecar 200 = 450 → max 450, + 10 overhead
    expect(podRequests(pod).cpu).toBe(460);
  });

  it('applies the scoring defaults only to containers that set no request', () => {
    const pod = { spec: { containers: [c(), c({ cpu: '0', memory: '1Mi' })] } } as Pod;
    expect(podRequests(pod, true)).toMatchObject({ cpu: 100, memory: 200 * 1024 * 1024 + 1024 * 1024 });
    expect(podRequests(pod)).toMatchObject({ cpu: 0, memory: 1024 * 1024 });
  });

  it('rounds quantities up like MilliValue and Value', () => {
    expect(amount('cpu', '1.0001')).toBe(1001);
    expect(amount('memory', '1.5')).toBe(2);
    expect(amount('memory', 'nonsense')).toBe(0);
  });
});
