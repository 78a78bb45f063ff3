import { describe, expect, it } from 'vitest';
import { matchingTolerations, minTolerationSeconds, toleratesTaint } from '../../../src/controllers/node-lifecycle/tolerations.js';

const unreachable = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };

describe('tolerations', () => {
  it('match by effect, key, and operator (Equal by default, Exists as a wildcard)', () => {
    expect(toleratesTaint({ operator: 'Exists' }, unreachable)).toBe(true);
    expect(toleratesTaint({ key: unreachable.key, operator: 'Exists', effect: 'NoSchedule' }, unreachable)).toBe(false);
    expect(toleratesTaint({ key: 'other', operator: 'Exists' }, unreachable)).toBe(false);
    expect(toleratesTaint({ key: 'k', value: 'v' }, { key: 'k', value: 'v', effect: 'NoExecute' })).toBe(true);
    expect(toleratesTaint({ key: 'k', value: 'w' }, { key: 'k', value: 'v', effect: 'NoExecute' })).toBe(false);
    expect(toleratesTaint({ key: 'k', operator: 'Gt', value: '1' }, { key: 'k', value: '2', effect: 'NoExecute' })).toBe(false);
  });

  it('tolerate all taints only when each has a match, reporting the first match per taint', () => {
    const t1 = { key: 'a', operator: 'Exists', tolerationSeconds: 10 };
    const t2 = { operator: 'Exists' };
    expect(matchingTolerations([{ key: 'a', effect: 'NoExecute' }, { key: 'b', effect: 'NoExecute' }], [t1, t2])).toEqual({ allTolerated: true, used: [t1, t2] });
    expect(matchingTolerations([{ key: 'b', effect: 'NoExecute' }], [t1])).toEqual({ allTolerated: false, used: [] });
  });

  it('allow the smallest tolerationSeconds: 0 or less is at once, none set is forever', () => {
    expect(minTolerationSeconds([{ tolerationSeconds: 300 }, { tolerationSeconds: 60 }, {}])).toBe(60);
    expect(minTolerationSeconds([{ tolerationSeconds: 300 }, { tolerationSeconds: -5 }])).toBe(0);
    expect(minTolerationSeconds([{}, { operator: 'Exists' }])).toBeUndefined();
    expect(minTolerationSeconds([])).toBe(0);
  });
});
