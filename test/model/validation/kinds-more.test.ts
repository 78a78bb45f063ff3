import { describe, expect, it } from 'vitest';
import { KindRegistry } from '../../../src/model/kinds/index.js';
import { cronScheduleErrors, timeZoneErrors, validate, validateUpdate } from '../../../src/model/validation/index.js';

const reg = new KindRegistry();
const k = (n: string) => reg.resolve(n)!;
const lines = (cs: readonly { field?: string; message: string }[]) => cs.map((c) => (c.field === undefined ? c.message : `${c.field}: ${c.message}`));
const meta = { name: 'x', namespace: 'd' };
const podSpec = { restartPolicy: 'Never', dnsPolicy: 'ClusterFirst', containers: [{ name: 'c', image: 'i' }] };

describe('services', () => {
  it('requires ports and names when several, forbids nodePort on ClusterIP', () => {
    expect(lines(validate(k('svc'), { metadata: meta, spec: { sessionAffinity: 'None' } }))).toEqual(['spec.ports: Required value']);
    expect(validate(k('svc'), { metadata: meta, spec: { clusterIP: 'None', sessionAffinity: 'None' } })).toEqual([]);
    expect(lines(validate(k('svc'), { metadata: meta, spec: { sessionAffinity: 'None', ports: [{ port: 80, name: 'a' }, { port: 81 }] } }))).toEqual([
      'spec.ports[1].name: Required value',
    ]);
    expect(lines(validate(k('svc'), { metadata: meta, spec: { type: 'ClusterIP', sessionAffinity: 'None', ports: [{ port: 80, nodePort: 30000 }] } }))).toEqual([
      "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
    ]);
    expect(lines(validate(k('svc'), { metadata: meta, spec: { type: 'Magic', sessionAffinity: 'None', ports: [{ port: 80 }] } }))).toEqual([
      'spec.type: Unsupported value: "Magic": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    ]);
  });

  it('keeps the cluster IP', () => {
    const a = { metadata: meta, spec: { clusterIP: '10.0.0.1', sessionAffinity: 'None', ports: [{ port: 80 }] } };
    expect(lines(validateUpdate(k('svc'), a, { ...a, spec: { ...a.spec, clusterIP: '10.0.0.2' } }))).toEqual([
      'spec.clusterIP: Invalid value: "10.0.0.2": field is immutable',
    ]);
  });
});

describe('jobs', () => {
  const job = {
    metadata: meta,
    spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: podSpec } },
  };
  it('refuses restartPolicy Always and keeps the template on update', () => {
    const bad = { ...job, spec: { ...job.spec, template: { ...job.spec.template, spec: { ...podSpec, restartPolicy: 'Always' } } } };
    expect(lines(validate(k('jobs'), bad))).toEqual(['spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"']);
    const changed = { ...job, spec: { ...job.spec, template: { ...job.spec.template, spec: { ...podSpec, containers: [{ name: 'c', image: 'j' }] } } } };
    expect(lines(validateUpdate(k('jobs'), job, changed))[0]).toMatch(/^spec\.template: Invalid value: .*: field is immutable$/);
  });
});

describe('statefulsets', () => {
  it('forbids changes outside the mutable fields', () => {
    const sts = {
      metadata: meta,
      spec: {
        serviceName: 'a',
        podManagementPolicy: 'OrderedReady',
        updateStrategy: { type: 'RollingUpdate' },
        selector: { matchLabels: { a: 'b' } },
        template: { metadata: { labels: { a: 'b' } }, spec: { ...podSpec, restartPolicy: 'Always' } },
      },
    };
    expect(validate(k('sts'), sts)).toEqual([]);
    expect(validateUpdate(k('sts'), sts, { ...sts, spec: { ...sts.spec, replicas: 3 } })).toEqual([]);
    expect(lines(validateUpdate(k('sts'), sts, { ...sts, spec: { ...sts.spec, serviceName: 'b' } }))).toEqual([
      "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ]);
  });
});

describe('statefulset templates', () => {
  const sts = (spec: Record<string, unknown>) => ({
    metadata: meta,
    spec: {
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate' },
      selector: { matchLabels: { a: 'b' } },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'] } }],
      template: { metadata: { labels: { a: 'b' } }, spec },
    },
  });
  it('leave the pod spec unchecked (mounts of claim-template volumes), as Kubernetes 1.32 does', () => {
    const mountsClaim = { ...podSpec, restartPolicy: 'Always', containers: [{ name: 'c', image: 'i', volumeMounts: [{ name: 'data', mountPath: '/data' }] }] };
    expect(validate(k('sts'), sts(mountsClaim))).toEqual([]);
  });
  it('still require restartPolicy Always and refuse activeDeadlineSeconds', () => {
    expect(lines(validate(k('sts'), sts({ ...podSpec, restartPolicy: 'Never' })))).toEqual([
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ]);
    expect(lines(validate(k('sts'), sts({ ...podSpec, restartPolicy: 'Always', activeDeadlineSeconds: 5 })))).toEqual([
      'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported',
    ]);
  });
});

describe('storage', () => {
  it('validates claims and their updates', () => {
    expect(lines(validate(k('pvc'), { metadata: meta, spec: {} }))).toEqual([
      'spec.accessModes: Required value: at least 1 access mode is required',
      'spec.resources[storage]: Required value',
    ]);
    const pvc = { metadata: meta, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } };
    expect(validate(k('pvc'), pvc)).toEqual([]);
    expect(validateUpdate(k('pvc'), pvc, { ...pvc, spec: { ...pvc.spec, resources: { requests: { storage: '2Gi' } } } })).toEqual([]);
    expect(lines(validateUpdate(k('pvc'), pvc, { ...pvc, spec: { ...pvc.spec, resources: { requests: { storage: '512Mi' } } } }))).toEqual([
      'spec.resources.requests.storage: Forbidden: field can not be less than previous value',
    ]);
    // A claim without a class may be given one (RetroactiveDefaultStorageClass, GA in 1.28); a set class never changes.
    expect(validateUpdate(k('pvc'), pvc, { ...pvc, spec: { ...pvc.spec, storageClassName: 'fast' } })).toEqual([]);
    const classed = { ...pvc, spec: { ...pvc.spec, storageClassName: 'standard' } };
    expect(lines(validateUpdate(k('pvc'), classed, { ...classed, spec: { ...classed.spec, storageClassName: 'fast' } }))).toEqual([
      'spec: Forbidden: spec is immutable after creation except resources.requests for bound claims',
    ]);
  });

  it('validates volumes', () => {
    expect(lines(validate(k('pv'), { metadata: { name: 'v' }, spec: {} }))).toEqual([
      'spec.accessModes: Required value',
      'spec.capacity: Required value',
      'spec: Required value: must specify a volume type',
    ]);
    expect(validate(k('pv'), { metadata: { name: 'v' }, spec: { accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' }, hostPath: { path: '/x' } } })).toEqual([]);
  });
});

describe('secrets, ingress, hpa, lease, crd', () => {
  it('requires type-specific secret keys', () => {
    expect(lines(validate(k('secrets'), { metadata: meta, type: 'kubernetes.io/tls', data: {} }))).toEqual(['data[tls.crt]: Required value', 'data[tls.key]: Required value']);
  });

  it('validates ingresses', () => {
    const ing = (path: object) => ({ metadata: meta, spec: { rules: [{ host: 'a.example.com', http: { paths: [path] } }] } });
    expect(validate(k('ing'), ing({ path: '/', pathType: 'Prefix', backend: { service: { name: 's', port: { number: 80 } } } }))).toEqual([]);
    expect(lines(validate(k('ing'), ing({ path: 'x', pathType: 'Exact', backend: { service: { name: 's', port: {} } } })))).toEqual([
      'spec.rules[0].http.paths[0].path: Invalid value: "x": must be an absolute path',
      'spec.rules[0].http.paths[0].backend.service.port: Required value: port name or number is required',
    ]);
  });

  it('validates hpa bounds and leases', () => {
    const hpa = { metadata: meta, spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, minReplicas: 5, maxReplicas: 2 } };
    expect(lines(validate(k('hpa'), hpa))).toEqual(['spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`']);
    expect(lines(validate(k('leases'), { metadata: meta, spec: { leaseDurationSeconds: 0 } }))).toEqual([
      'spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0',
    ]);
  });

  it('validates CRDs', () => {
    const crd = {
      metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com',
        scope: 'Namespaced',
        names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object' } } }],
      },
    };
    expect(validate(k('crd'), crd)).toEqual([]);
    const two = { ...crd, metadata: { name: 'x' }, spec: { ...crd.spec, versions: [...crd.spec.versions, { name: 'v2', served: true, storage: true }] } };
    expect(lines(validate(k('crd'), two))).toEqual([
      'metadata.name: Invalid value: "x": must be spec.names.plural+"."+spec.group',
      'spec.versions[1].schema.openAPIV3Schema: Required value: schemas are required',
      'spec.versions: Invalid value: 2: must have exactly one version marked as storage version',
    ]);
    expect(lines(validateUpdate(k('crd'), crd, { ...crd, spec: { ...crd.spec, scope: 'Cluster' } }))).toEqual(['spec.scope: Invalid value: "Cluster": field is immutable']);
  });
});

describe('cron', () => {
  it('accepts what robfig/cron accepts and refuses the rest', () => {
    for (const ok of ['0 0 * * 1-5', '*/15 * * * *', '0 0 1 JAN *', '@daily', '@every 1h30m', '0 0 30 2 *', '0 0 ? * MON']) expect(cronScheduleErrors(ok), ok).toEqual([]);
    expect(cronScheduleErrors('* * * * * *')).toEqual(['expected exactly 5 fields, found 6: [* * * * * *]']);
    expect(cronScheduleErrors('0 0 L * *')[0]).toMatch(/^failed to parse int from L/);
    expect(cronScheduleErrors('@fortnightly')).toEqual(['unrecognized descriptor: @fortnightly']);
    expect(timeZoneErrors('Europe/Paris')).toEqual([]);
    expect(timeZoneErrors('Mars/Olympus')).toEqual(['unknown time zone Mars/Olympus']);
  });
});

describe('empty selectors', () => {
  it('are refused with each kind\'s wording (ReplicaSet reuses the deployment one, as Kubernetes)', () => {
    const spec = { selector: {}, template: { metadata: { labels: { a: 'b' } }, spec: { ...podSpec, restartPolicy: 'Always' } } };
    const msg = (kind: string, extra: object = {}) =>
      lines(validate(k(kind), { metadata: meta, spec: { ...spec, ...extra } })).find((l) => l.includes('empty selector'));
    expect(msg('rs')).toBe('spec.selector: Invalid value: {}: empty selector is invalid for deployment');
    expect(msg('ds', { updateStrategy: { type: 'OnDelete' } })).toBe('spec.selector: Invalid value: {}: empty selector is invalid for daemonset');
    expect(msg('sts', { podManagementPolicy: 'Parallel', updateStrategy: { type: 'OnDelete' } })).toBe(
      'spec.selector: Invalid value: {}: empty selector is invalid for statefulset',
    );
  });
});
