import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/model/index.js';
import { limitRangerPlugin, LIMIT_RANGER_ANNOTATION } from '../../../src/api/admission/limit-ranger.js';
import { aggregate, limitRequestRatioConstraint, maxConstraint, minConstraint } from '../../../src/api/admission/limit-ranger-constraints.js';
import { parseResourceList } from '../../../src/api/admission/resource-quota-list.js';
import { parseQuantity } from '../../../src/model/index.js';
import { alice, harness, pods, refused } from '../harness.js';

const LRS = { group: '', version: 'v1', resource: 'limitranges', namespace: 'default' };
const PVCS = { group: '', version: 'v1', resource: 'persistentvolumeclaims', namespace: 'default' };

/** Items as the API stores them after defaulting (max → default → defaultRequest). */
const limitRange = (name: string, limits: unknown[]): KubeObject => ({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name }, spec: { limits } });
type R = { requests?: Record<string, string>; limits?: Record<string, string> };
const podWith = (name: string, ...containers: Array<[string, R]>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: { containers: containers.map(([n, resources]) => ({ name: n, image: 'nginx', resources })) },
});

async function setup(...lrs: KubeObject[]) {
  const h = await harness(1, { admission: [limitRangerPlugin()] });
  for (const lr of lrs) await h.api.create(LRS, lr, alice);
  return h;
}

describe('LimitRanger constraint messages', () => {
  const q = parseQuantity;
  const L = parseResourceList;
  const cases: Array<[string, string | undefined, string | undefined]> = [
    ['max over limit', maxConstraint('Container', 'cpu', q('1'), L({ cpu: '500m' }), L({ cpu: '2' })), 'maximum cpu usage per Container is 1, but limit is 2'],
    ['max over request', maxConstraint('Container', 'cpu', q('1'), L({ cpu: '1500m' }), L({ cpu: '1' })), 'maximum cpu usage per Container is 1, but request is 1500m'],
    ['max without limit', maxConstraint('Pod', 'memory', q('1Gi'), L({}), L({})), 'maximum memory usage per Pod is 1Gi.  No limit is specified'],
    ['min under request', minConstraint('Container', 'cpu', q('100m'), L({ cpu: '50m' }), L({})), 'minimum cpu usage per Container is 100m, but request is 50m'],
    ['min under limit', minConstraint('Container', 'cpu', q('100m'), L({ cpu: '200m' }), L({ cpu: '50m' })), 'minimum cpu usage per Container is 100m, but limit is 50m'],
    ['min without request', minConstraint('Container', 'memory', q('4Mi'), L({}), L({})), 'minimum memory usage per Container is 4Mi.  No request is specified'],
    ['ratio exceeded', limitRequestRatioConstraint('Container', 'cpu', q('2'), L({ cpu: '250m' }), L({ cpu: '1' })), 'cpu max limit to request ratio per Container is 2, but provided ratio is 4.000000'],
    ['ratio without request', limitRequestRatioConstraint('Container', 'cpu', q('2'), L({}), L({ cpu: '1' })), 'cpu max limit to request ratio per Container is 2, but no request is specified or request is 0'],
    ['ratio without limit', limitRequestRatioConstraint('Container', 'cpu', q('2'), L({ cpu: '1' }), L({})), 'cpu max limit to request ratio per Container is 2, but no limit is specified or limit is 0'],
    ['within bounds', maxConstraint('Container', 'cpu', q('1'), L({ cpu: '1' }), L({ cpu: '1000m' })), undefined],
    ['ratio within', limitRequestRatioConstraint('Container', 'cpu', q('2'), L({ cpu: '500m' }), L({ cpu: '1' })), undefined],
  ];
  it.each(cases)('%s', (_t, got, want) => expect(got).toBe(want));

  it('aggregates several messages as Kubernetes does, deduplicated', () => {
    expect(aggregate([])).toBeUndefined();
    expect(aggregate(['a'])).toBe('a');
    expect(aggregate(['a', 'b', 'a'])).toBe('[a, b]');
  });
});

describe('LimitRanger admission', () => {
  it('fills default limits and requests and annotates the pod', async () => {
    const { api } = await setup(
      limitRange('defaults', [{ type: 'Container', default: { cpu: '500m', memory: '256Mi' }, defaultRequest: { cpu: '100m', memory: '128Mi' } }]),
    );
    const p = await api.create(pods(), podWith('p', ['app', { limits: { memory: '512Mi' }, requests: { memory: '512Mi' } }], ['side', {}]), alice);
    const spec = p['spec'] as { containers: { resources: R }[] };
    expect(spec.containers[0]!.resources).toEqual({ limits: { cpu: '500m', memory: '512Mi' }, requests: { cpu: '100m', memory: '512Mi' } });
    expect(spec.containers[1]!.resources).toEqual({ limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } });
    expect(p.metadata.annotations?.[LIMIT_RANGER_ANNOTATION]).toBe(
      'LimitRanger plugin set: cpu request for container app; cpu limit for container app; cpu, memory request for container side; cpu, memory limit for container side',
    );
  });

  it('a LimitRange with only a max is stored with that max as default limit and request, which pods then get', async () => {
    const { api } = await setup(limitRange('max-only', [{ type: 'Container', max: { memory: '1Gi' } }]));
    const stored = api.get({ ...LRS, name: 'max-only' }) as unknown as { spec: { limits: Record<string, unknown>[] } };
    expect(stored.spec.limits[0]).toMatchObject({ default: { memory: '1Gi' }, defaultRequest: { memory: '1Gi' } });
    const p = await api.create(pods(), podWith('p', ['app', {}]), alice);
    expect((p['spec'] as { containers: { resources: R }[] }).containers[0]!.resources).toEqual({ limits: { memory: '1Gi' }, requests: { memory: '1Gi' } });
    expect(p.metadata.annotations?.[LIMIT_RANGER_ANNOTATION]).toBe('LimitRanger plugin set: memory request for container app; memory limit for container app');
  });

  it('refuses a container over the maximum with 403 and the Kubernetes message', async () => {
    const { api } = await setup(limitRange('bounds', [{ type: 'Container', max: { cpu: '1' }, default: { cpu: '1' }, defaultRequest: { cpu: '1' } }]));
    const s = await refused(() => api.create(pods(), podWith('big', ['app', { limits: { cpu: '2' }, requests: { cpu: '500m' } }]), alice), 'Forbidden');
    expect(s.code).toBe(403);
    expect(s.message).toBe('pods "big" is forbidden: maximum cpu usage per Container is 1, but limit is 2');
    // A pod that states nothing gets the defaults and is admitted.
    await api.create(pods(), podWith('small', ['app', {}]), alice);
  });

  it('checks Pod bounds on the sum of containers, and reports several violations at once', async () => {
    const { api } = await setup(
      limitRange('pod', [
        { type: 'Pod', max: { cpu: '1' } },
        { type: 'Container', min: { memory: '64Mi' }, maxLimitRequestRatio: { cpu: '2' } },
      ]),
    );
    const s = await refused(
      () =>
        api.create(
          pods(),
          podWith('two', ['a', { requests: { cpu: '600m', memory: '64Mi' }, limits: { cpu: '600m' } }], ['b', { requests: { cpu: '100m', memory: '32Mi' }, limits: { cpu: '600m' } }]),
          alice,
        ),
      'Forbidden',
    );
    expect(s.message).toBe(
      // Items in their order (the Pod item first), containers in theirs.
      'pods "two" is forbidden: [maximum cpu usage per Pod is 1, but limit is 1200m, minimum memory usage per Container is 64Mi, but request is 32Mi, cpu max limit to request ratio per Container is 2, but provided ratio is 6.000000]',
    );
  });

  it('bounds a claim storage request', async () => {
    const { api } = await setup(limitRange('storage', [{ type: 'PersistentVolumeClaim', min: { storage: '1Gi' }, max: { storage: '10Gi' } }]));
    const claim = (name: string, storage: string) => ({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage } } },
    });
    const big = await refused(() => api.create(PVCS, claim('big', '20Gi'), alice), 'Forbidden');
    expect(big.message).toBe('persistentvolumeclaims "big" is forbidden: maximum storage usage per PersistentVolumeClaim is 10Gi, but request is 20Gi');
    const small = await refused(() => api.create(PVCS, claim('small', '512Mi'), alice), 'Forbidden');
    expect(small.message).toBe('persistentvolumeclaims "small" is forbidden: minimum storage usage per PersistentVolumeClaim is 1Gi, but request is 512Mi');
    await api.create(PVCS, claim('ok', '5Gi'), alice);
  });
});
