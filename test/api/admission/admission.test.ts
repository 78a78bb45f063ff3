import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { admitPriority, admitServiceAccount, defaultTolerationSeconds } from '../../../src/api/admission/index.js';
import { isForbidden } from '../../../src/model/index.js';

const pod = (spec: Partial<Pod['spec']> = {}, meta: Pod['metadata'] = {}): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'team', ...meta },
  spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec },
});

describe('DefaultTolerationSeconds', () => {
  it('adds not-ready and unreachable NoExecute tolerations for 300 s', () => {
    const out = defaultTolerationSeconds(pod({ tolerations: [{ key: 'a', operator: 'Exists' }] }));
    expect(out.spec?.tolerations).toEqual([
      { key: 'a', operator: 'Exists' },
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
  });

  it('leaves pods that already tolerate the taints alone', () => {
    const own = pod({ tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 }] });
    expect(defaultTolerationSeconds(own).spec?.tolerations?.map((t) => t.key)).toEqual(['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']);
    const all = pod({ tolerations: [{ operator: 'Exists' }] });
    expect(defaultTolerationSeconds(all)).toBe(all);
    const noSchedule = pod({ tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoSchedule' }] });
    expect(defaultTolerationSeconds(noSchedule).spec?.tolerations).toHaveLength(3);
  });
});

describe('ServiceAccount admission', () => {
  const sa = { metadata: { name: 'default', namespace: 'team' } };

  it('defaults the service account and projects the token volume', () => {
    const r = admitServiceAccount(pod({ initContainers: [{ name: 'i', image: 'busybox' }] }), { serviceAccount: sa, volumeSuffix: 'x7k2p' });
    if (!('pod' in r)) throw new Error('refused');
    const spec = r.pod.spec!;
    expect(spec.serviceAccountName).toBe('default');
    expect(spec.serviceAccount).toBe('default');
    expect(spec.volumes?.[0]?.name).toBe('kube-api-access-x7k2p');
    expect(spec.volumes?.[0]?.projected?.sources?.[0]).toEqual({ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } });
    const mount = { name: 'kube-api-access-x7k2p', readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' };
    expect(spec.containers[0]?.volumeMounts).toEqual([mount]);
    expect(spec.initContainers?.[0]?.volumeMounts).toEqual([mount]);
  });

  it('does not mount when automount is off on the pod or the service account', () => {
    const off = admitServiceAccount(pod({ automountServiceAccountToken: false }), { serviceAccount: sa, volumeSuffix: 'aaaaa' });
    expect('pod' in off && off.pod.spec?.volumes).toBeUndefined();
    const saOff = admitServiceAccount(pod(), { serviceAccount: { ...sa, automountServiceAccountToken: false }, volumeSuffix: 'aaaaa' });
    expect('pod' in saOff && saOff.pod.spec?.volumes).toBeUndefined();
    const podWins = admitServiceAccount(pod({ automountServiceAccountToken: true }), { serviceAccount: { ...sa, automountServiceAccountToken: false }, volumeSuffix: 'aaaaa' });
    expect('pod' in podWins && podWins.pod.spec?.volumes).toHaveLength(1);
  });

  it('refuses a pod whose service account does not exist, as Kubernetes words it', () => {
    const r = admitServiceAccount(pod({ serviceAccountName: 'robot' }), { serviceAccount: undefined, volumeSuffix: 'aaaaa' });
    if (!('error' in r)) throw new Error('admitted');
    expect(isForbidden(r.error)).toBe(true);
    expect(r.error.status.message).toBe('pods "p" is forbidden: error looking up service account team/robot: serviceaccount "robot" not found');
  });

  it('leaves mirror pods alone', () => {
    const mirror = pod({}, { annotations: { 'kubernetes.io/config.mirror': 'x' } });
    const r = admitServiceAccount(mirror, { serviceAccount: undefined, volumeSuffix: 'aaaaa' });
    expect('pod' in r && r.pod).toBe(mirror);
  });
});

describe('Priority admission', () => {
  it('gives priority 0 without a class and resolves system classes', () => {
    const r = admitPriority(pod(), { lookup: () => undefined });
    expect('pod' in r && r.pod.spec).toMatchObject({ priority: 0, preemptionPolicy: 'PreemptLowerPriority' });
    const sys = admitPriority(pod({ priorityClassName: 'system-node-critical' }), { lookup: () => undefined });
    expect('pod' in sys && sys.pod.spec?.priority).toBe(2000001000);
    const missing = admitPriority(pod({ priorityClassName: 'gold' }), { lookup: () => undefined });
    expect('error' in missing && missing.error.status.message).toBe('pods "p" is forbidden: no PriorityClass with name gold was found');
  });
});

describe('create pipeline', () => {
  it('a defaulted, admitted pod validates', async () => {
    const { KindRegistry, applyDefaults, validate } = await import('../../../src/model/index.js');
    const kind = new KindRegistry().resolve('pods')!;
    let p = applyDefaults(kind, pod({ hostNetwork: true, containers: [{ name: 'c', image: 'nginx:1', ports: [{ containerPort: 8080 }] }] }));
    p = defaultTolerationSeconds(p);
    const r = admitServiceAccount(p, { serviceAccount: { metadata: { name: 'default', namespace: 'team' } }, volumeSuffix: 'b2c4d' });
    if (!('pod' in r)) throw new Error('refused');
    expect(r.pod.spec?.containers[0]?.ports).toEqual([{ containerPort: 8080, hostPort: 8080, protocol: 'TCP' }]);
    expect(validate(kind, r.pod)).toEqual([]);
    const wrong = { ...r.pod, spec: { ...r.pod.spec!, containers: [{ ...r.pod.spec!.containers[0]!, ports: [{ containerPort: 8080, hostPort: 9090, protocol: 'TCP' }] }] } };
    expect(validate(kind, wrong).map((c) => `${c.field}: ${c.message}`)).toEqual([
      'spec.containers[0].ports[0].hostPort: Invalid value: 9090: must match `containerPort` when `hostNetwork` is true',
    ]);
  });
});
