import { describe, expect, it } from 'vitest';
import { FINALIZER_ESTIMATE_SECONDS, podEstimateSeconds, tallyContent } from '../../../src/controllers/namespace/namespace-content.js';
import type { KubeObject } from '../../../src/model/index.js';
import { kindInfo } from '../../../src/model/index.js';

const pods = kindInfo({ group: '', version: 'v1', kind: 'Pod', plural: 'pods', namespaced: true });
const cms = kindInfo({ group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true });
const pod = (grace: number | undefined, phase = 'Running'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: `p${String(grace)}` },
  spec: grace === undefined ? {} : { terminationGracePeriodSeconds: grace },
  status: { phase },
});
const cm = (name: string, finalizers?: string[]): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(finalizers === undefined ? {} : { finalizers }) } });

describe('podEstimateSeconds', () => {
  it('is the longest grace period of non-terminal pods, until that long has passed since the deletion', () => {
    const list = [pod(30), pod(60), pod(600, 'Succeeded'), pod(900, 'Failed'), pod(undefined)];
    expect(podEstimateSeconds(list, 0)).toBe(60);
    expect(podEstimateSeconds(list, 59_999)).toBe(60);
    expect(podEstimateSeconds(list, 60_000)).toBe(0);
    expect(podEstimateSeconds([], 0)).toBe(0);
  });
});

describe('tallyContent', () => {
  it('is empty for an empty namespace', () => {
    expect(tallyContent('team', [{ info: cms, items: [] }], 0)).toEqual({ remaining: [], finalizers: [], estimateSeconds: 0, errors: [] });
  });

  it('counts instances and finalizers, with the default 15 s estimate for finalizers', () => {
    const t = tallyContent('team', [{ info: cms, items: [cm('a', ['x.io/f', 'y.io/g']), cm('b', ['x.io/f'])] }], 0);
    expect(t.remaining).toEqual([{ info: cms, count: 2 }]);
    expect(t.finalizers).toEqual([
      ['x.io/f', 2],
      ['y.io/g', 1],
    ]);
    expect(t.estimateSeconds).toBe(FINALIZER_ESTIMATE_SECONDS);
    expect(t.errors).toEqual([]);
  });

  it('uses the pods estimate while it runs, and reports leftovers with neither estimate nor finalizer as errors', () => {
    const items = [pod(30)];
    expect(tallyContent('team', [{ info: pods, items }], 10_000)).toMatchObject({ estimateSeconds: 30, errors: [] });
    expect(tallyContent('team', [{ info: pods, items }, { info: cms, items: [cm('x')] }], 30_000)).toMatchObject({
      estimateSeconds: 0,
      errors: [
        'unexpected items still remain in namespace: team for gvr: /v1, Resource=pods',
        'unexpected items still remain in namespace: team for gvr: /v1, Resource=configmaps',
      ],
    });
  });
});
