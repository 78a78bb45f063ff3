/* eslint-disable @typescript-eslint/no-explicit-any -- defaulted JSON is inspected loosely, field by field */
import { describe, expect, it } from 'vitest';
import { KindRegistry } from '../../../src/model/kinds/index.js';
import { applyDefaults, defaultPullPolicy, generateJobSelector } from '../../../src/model/defaults/index.js';
import { validate } from '../../../src/model/validation/index.js';

const reg = new KindRegistry();
const k = (n: string) => reg.resolve(n)!;
const podSpec = (extra: object = {}) => ({ containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }] }], ...extra });

describe('applyDefaults', () => {
  it('defaults a pod as Kubernetes 1.32 does, without touching the input', () => {
    const input = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'd' }, spec: podSpec() };
    const frozen = JSON.stringify(input);
    const out = applyDefaults(k('po'), input);
    expect(JSON.stringify(input)).toBe(frozen);
    expect(out.spec).toEqual({
      containers: [
        {
          name: 'c',
          image: 'nginx',
          ports: [{ containerPort: 80, protocol: 'TCP' }],
          imagePullPolicy: 'Always',
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
        },
      ],
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      securityContext: {},
      schedulerName: 'default-scheduler',
      enableServiceLinks: true,
    });
    expect(validate(k('po'), out)).toEqual([]);
  });

  it('chooses imagePullPolicy from the tag', () => {
    expect(defaultPullPolicy('nginx')).toBe('Always');
    expect(defaultPullPolicy('nginx:latest')).toBe('Always');
    expect(defaultPullPolicy('nginx:1.25')).toBe('IfNotPresent');
    expect(defaultPullPolicy('localhost:5000/nginx')).toBe('Always');
    expect(defaultPullPolicy('localhost:5000/nginx:1')).toBe('IfNotPresent');
    expect(defaultPullPolicy('nginx@sha256:abc')).toBe('IfNotPresent');
  });

  it('copies limits into missing requests and fills probes and volumes', () => {
    const out = applyDefaults(k('po'), {
      metadata: { name: 'p' },
      spec: {
        containers: [
          {
            name: 'c',
            image: 'x:1',
            resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '100m' } },
            livenessProbe: { httpGet: { port: 80 } },
          },
        ],
        volumes: [{ name: 'a' }, { name: 'b', secret: { secretName: 's' } }],
      },
    });
    const c = out.spec.containers[0] as Record<string, any>;
    expect(c.resources.requests).toEqual({ cpu: '100m', memory: '1Gi' });
    expect(c.livenessProbe).toEqual({ httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    expect(out.spec.volumes).toEqual([{ name: 'a', emptyDir: {} }, { name: 'b', secret: { secretName: 's', defaultMode: 420 } }]);
  });

  it('defaults a deployment: replicas, strategy 25%/25%, history 10, deadline 600, template', () => {
    const out = applyDefaults(k('deploy'), {
      metadata: { name: 'web', namespace: 'd' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: podSpec() } },
    }) as any;
    expect(out.spec).toMatchObject({
      replicas: 1,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    });
    expect(out.spec.template.spec.restartPolicy).toBe('Always');
    expect(validate(k('deploy'), out)).toEqual([]);
    const recreate = applyDefaults(k('deploy'), { metadata: { name: 'x' }, spec: { strategy: { type: 'Recreate' } } }) as any;
    expect(recreate.spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('defaults daemonsets, statefulsets, replication controllers', () => {
    const ds = applyDefaults(k('ds'), { metadata: { name: 'x' }, spec: {} }) as any;
    expect(ds.spec).toMatchObject({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }, revisionHistoryLimit: 10 });
    const sts = applyDefaults(k('sts'), { metadata: { name: 'x' }, spec: { volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: {} }] } }) as any;
    expect(sts.spec).toMatchObject({
      replicas: 1,
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    });
    expect(sts.spec.volumeClaimTemplates[0]).toEqual({ metadata: { name: 'data' }, spec: { volumeMode: 'Filesystem' }, status: { phase: 'Pending' } });
    const rc = applyDefaults(k('rc'), { metadata: { name: 'x' }, spec: { template: { metadata: { labels: { app: 'a' } }, spec: podSpec() } } }) as any;
    expect(rc.spec.selector).toEqual({ app: 'a' });
    expect(rc.metadata.labels).toEqual({ app: 'a' });
    expect(rc.spec.replicas).toBe(1);
  });

  it('defaults jobs and cronjobs', () => {
    const job = applyDefaults(k('jobs'), { metadata: { name: 'j' }, spec: { template: { metadata: { labels: { a: 'b' } }, spec: podSpec({ restartPolicy: 'Never' }) } } }) as any;
    expect(job.spec).toMatchObject({ completions: 1, parallelism: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, podReplacementPolicy: 'TerminatingOrFailed' });
    expect(job.metadata.labels).toEqual({ a: 'b' });
    const par = applyDefaults(k('jobs'), { metadata: { name: 'j' }, spec: { completions: 5 } }) as any;
    expect(par.spec.parallelism).toBe(1);
    generateJobSelector(job, 'uid-1');
    expect(job.spec.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': 'uid-1' } });
    expect(job.spec.template.metadata.labels).toMatchObject({ 'job-name': 'j', 'controller-uid': 'uid-1', 'batch.kubernetes.io/job-name': 'j' });
    expect(validate(k('jobs'), { ...job, metadata: { ...job.metadata, namespace: 'd' } })).toEqual([]);
    const cj = applyDefaults(k('cj'), { metadata: { name: 'c' }, spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: podSpec() } } } } }) as any;
    expect(cj.spec).toMatchObject({ concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
    expect(cj.spec.jobTemplate.spec.backoffLimit).toBeUndefined();
    expect(cj.spec.jobTemplate.spec.template.spec.schedulerName).toBe('default-scheduler');
  });

  it('defaults services, namespaces, secrets, storage, hpa', () => {
    const svc = applyDefaults(k('svc'), { metadata: { name: 's' }, spec: { type: 'NodePort', ports: [{ port: 80 }] } }) as any;
    expect(svc.spec).toEqual({
      type: 'NodePort',
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      sessionAffinity: 'None',
      externalTrafficPolicy: 'Cluster',
      internalTrafficPolicy: 'Cluster',
    });
    const ns = applyDefaults(k('ns'), { metadata: { name: 'team' } }) as any;
    expect(ns).toEqual({ metadata: { name: 'team', labels: { 'kubernetes.io/metadata.name': 'team' } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
    expect((applyDefaults(k('secret'), { metadata: { name: 's' } }) as any).type).toBe('Opaque');
    expect((applyDefaults(k('pv'), { metadata: { name: 'v' }, spec: {} }) as any).spec.persistentVolumeReclaimPolicy).toBe('Retain');
    const hpa = applyDefaults(k('hpa'), { metadata: { name: 'h' }, spec: { maxReplicas: 3, behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } } }) as any;
    expect(hpa.spec.minReplicas).toBe(1);
    expect(hpa.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
    expect(hpa.spec.behavior.scaleDown).toEqual({ stabilizationWindowSeconds: 60, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] });
    expect(hpa.spec.behavior.scaleUp.policies).toHaveLength(2);
  });

  it('is deterministic', () => {
    const input = { metadata: { name: 'web' }, spec: { template: { spec: podSpec() } } };
    expect(JSON.stringify(applyDefaults(k('deploy'), input))).toBe(JSON.stringify(applyDefaults(k('deploy'), input)));
  });

  it('hands back a kind without defaults as it is (no copy), and copies a kind with defaults even when nothing changes', () => {
    const event = Object.freeze({ apiVersion: 'v1', kind: 'Event', metadata: Object.freeze({ name: 'e' }), reason: 'Started' });
    expect(applyDefaults(k('ev'), event)).toBe(event);
    const lease = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'l' }, spec: {} };
    expect(applyDefaults(k('leases'), lease)).toBe(lease);
    const ns = Object.freeze({ apiVersion: 'v1', kind: 'Namespace', metadata: Object.freeze({ name: 'n' }), spec: Object.freeze({ finalizers: ['kubernetes'] }) });
    const out = applyDefaults(k('ns'), ns) as any;
    expect(out).not.toBe(ns);
    expect(Object.isFrozen(out)).toBe(false);
    expect(out.spec.finalizers).toEqual(['kubernetes']);
  });

  it('copies only the spec of a pod (its defaults are all there), so a frozen pod defaults without touching it', () => {
    const status = Object.freeze({ phase: 'Running' });
    const pod = Object.freeze({ apiVersion: 'v1', kind: 'Pod', metadata: Object.freeze({ name: 'p' }), spec: Object.freeze(podSpec()), status });
    const out = applyDefaults(k('po'), pod) as any;
    expect(out.status).toBe(status);
    expect(out.metadata).toBe(pod.metadata);
    expect(out.spec).not.toBe(pod.spec);
    expect(out.spec.restartPolicy).toBe('Always');
    expect((pod.spec as any).restartPolicy).toBeUndefined();
    expect((applyDefaults(k('po'), { metadata: { name: 'q' } }) as any).spec.restartPolicy).toBe('Always');
  });
});
