import { describe, expect, it } from 'vitest';
import { KindRegistry } from '../../../src/model/kinds/index.js';
import { invalidObject, validate, validateUpdate } from '../../../src/model/validation/index.js';
import { isInvalid } from '../../../src/model/status.js';

const reg = new KindRegistry();
const k = (name: string) => reg.resolve(name)!;
const lines = (cs: readonly { field?: string; message: string }[]) => cs.map((c) => (c.field === undefined ? c.message : `${c.field}: ${c.message}`));

const pod = (spec: object, meta: object = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'default', ...meta },
  spec: { restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', ...spec },
});
const ctr = (extra: object = {}) => ({ name: 'c', image: 'nginx', ...extra });

const deployment = (spec: object = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'web' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', containers: [ctr()] } },
    ...spec,
  },
});

describe('metadata', () => {
  it('words name errors as Kubernetes', () => {
    expect(lines(validate(k('pods'), pod({ containers: [ctr()] }, { name: 'Foo' })))).toEqual([
      `metadata.name: Invalid value: "Foo": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    ]);
  });

  it('uses each kind\'s name rule: namespaces are labels, services DNS-1035', () => {
    expect(lines(validate(k('ns'), { metadata: { name: 'a.b' } }))[0]).toMatch(/^metadata\.name: Invalid value: "a\.b": a lowercase RFC 1123 label must consist of/);
    expect(lines(validate(k('svc'), { metadata: { name: '1abc', namespace: 'd' }, spec: { ports: [{ port: 80 }], sessionAffinity: 'None' } }))[0]).toMatch(
      /^metadata\.name: Invalid value: "1abc": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character/,
    );
    expect(validate(k('cm'), { metadata: { name: 'a.b', namespace: 'd' } })).toEqual([]);
  });

  it('requires a name or generateName and checks namespace by scope', () => {
    expect(lines(validate(k('cm'), { metadata: {} }))).toEqual(['metadata.name: Required value: name or generateName is required', 'metadata.namespace: Required value']);
    expect(validate(k('cm'), { metadata: { generateName: 'web-', namespace: 'd' } })).toEqual([]);
    expect(lines(validate(k('ns'), { metadata: { name: 'a', namespace: 'x' } }))).toEqual(['metadata.namespace: Forbidden: not allowed on this type']);
  });

  it('limits annotations to 256 KiB in total', () => {
    const big = { metadata: { name: 'a', namespace: 'd', annotations: { a: 'x'.repeat(256 * 1024) } } };
    expect(lines(validate(k('cm'), big))).toEqual(['metadata.annotations: Too long: may not be more than 262144 bytes']);
  });

  it('keeps name and namespace on update', () => {
    const c = { metadata: { name: 'a', namespace: 'd' } };
    expect(lines(validateUpdate(k('cm'), c, { metadata: { name: 'b', namespace: 'd' } }))).toEqual(['metadata.name: Invalid value: "b": field is immutable']);
  });
});

describe('pods', () => {
  it('requires containers and images, unique names', () => {
    expect(lines(validate(k('po'), pod({ containers: [] })))).toEqual(['spec.containers: Required value']);
    expect(lines(validate(k('po'), pod({ containers: [ctr({ image: '' }), ctr()] })))).toEqual([
      'spec.containers[0].image: Required value',
      'spec.containers[1].name: Duplicate value: "c"',
    ]);
  });

  it('checks restartPolicy, ports, tolerations', () => {
    expect(lines(validate(k('po'), pod({ restartPolicy: 'Sometimes', containers: [ctr({ ports: [{ containerPort: 70000, protocol: 'TCP' }] })] })))).toEqual([
      'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    ]);
    expect(lines(validate(k('po'), pod({ containers: [ctr()], tolerations: [{ key: 'a', operator: 'Equal', value: 'b', effect: 'NoSchedule', tolerationSeconds: 5 }] })))).toEqual([
      "spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set",
    ]);
  });

  it('checks resource quantities and requests <= limits', () => {
    const c = ctr({ resources: { requests: { cpu: '2', memory: 'lots' }, limits: { cpu: '500m' } } });
    expect(lines(validate(k('po'), pod({ containers: [c] })))).toEqual([
      `spec.containers[0].resources.requests[memory]: Invalid value: "lots": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
      'spec.containers[0].resources.requests[cpu]: Invalid value: "2": must be less than or equal to cpu limit of 500m',
    ]);
  });

  it('refuses spec changes other than images on update', () => {
    const a = pod({ containers: [ctr()] });
    expect(validateUpdate(k('po'), a, pod({ containers: [ctr({ image: 'nginx:2' })] }))).toEqual([]);
    expect(lines(validateUpdate(k('po'), a, pod({ containers: [ctr({ ports: [{ containerPort: 80, protocol: 'TCP' }] })] })))[0]).toMatch(
      /^spec: Forbidden: pod updates may not change fields other than `spec\.containers\[\*\]\.image`/,
    );
  });
});

describe('workloads', () => {
  it('accepts a valid deployment', () => {
    expect(validate(k('deploy'), deployment())).toEqual([]);
  });

  it('refuses maxSurge and maxUnavailable both zero with Kubernetes\' message', () => {
    const d = deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } });
    expect(lines(validate(k('deploy'), d))).toEqual(['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0']);
  });

  it('requires the selector to match the template', () => {
    const d = deployment({ selector: { matchLabels: { app: 'other' } } });
    expect(lines(validate(k('deploy'), d))).toEqual([
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    ]);
    expect(lines(validate(k('deploy'), deployment({ selector: undefined })))).toEqual(['spec.selector: Required value']);
    expect(lines(validate(k('deploy'), deployment({ replicas: -1 })))).toEqual(['spec.replicas: Invalid value: -1: must be greater than or equal to 0']);
  });

  it('refuses a restartPolicy other than Always in a deployment template', () => {
    const d = deployment();
    (d.spec.template.spec as { restartPolicy: string }).restartPolicy = 'Never';
    expect(lines(validate(k('deploy'), d))).toEqual(['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"']);
  });

  it('keeps apps/v1 selectors immutable', () => {
    const changed = deployment({ selector: { matchLabels: { app: 'web', v: '2' } } });
    changed.spec.template.metadata.labels = { app: 'web', v: '2' } as never;
    expect(lines(validateUpdate(k('deploy'), deployment(), changed))[0]).toMatch(/^spec\.selector: Invalid value: .*: field is immutable$/);
  });

  it('validates cron schedules', () => {
    const cj = (schedule: string) => ({
      metadata: { name: 'c', namespace: 'd' },
      spec: {
        schedule,
        concurrencyPolicy: 'Allow',
        jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', dnsPolicy: 'ClusterFirst', containers: [ctr()] } } } },
      },
    });
    expect(validate(k('cj'), cj('*/5 * * * *'))).toEqual([]);
    expect(validate(k('cj'), cj('@hourly'))).toEqual([]);
    expect(lines(validate(k('cj'), cj('foo')))).toEqual(['spec.schedule: Invalid value: "foo": expected exactly 5 fields, found 1: [foo]']);
    expect(lines(validate(k('cj'), cj('TZ=UTC 0 * * * *')))).toEqual([
      'spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
    ]);
    expect(validate(k('cj'), cj('61 * * * *')).length).toBe(1);
  });
});

describe('config and secrets', () => {
  it('checks keys and the immutable flag', () => {
    expect(lines(validate(k('cm'), { metadata: { name: 'a', namespace: 'd' }, data: { 'a b': 'x' } }))[0]).toMatch(
      /^data\[a b\]: Invalid value: "a b": a valid config key must consist of alphanumeric characters, '-', '_' or '\.'/,
    );
    const old = { metadata: { name: 'a', namespace: 'd' }, data: { a: '1' }, immutable: true };
    expect(lines(validateUpdate(k('cm'), old, { ...old, data: { a: '2' } }))).toEqual(['data: Forbidden: field is immutable when `immutable` is set']);
  });

  it('limits secrets to 1 MiB', () => {
    const s = { metadata: { name: 'a', namespace: 'd' }, data: { a: Buffer.alloc(1024 * 1024 + 1).toString('base64') } };
    expect(lines(validate(k('secrets'), s))).toEqual(['data: Too long: may not be more than 1048576 bytes']);
  });
});

describe('custom resources', () => {
  it('validates against the schema and reports 422 as Kubernetes', () => {
    const crdKind = reg.register({ group: 'example.com', version: 'v1', kind: 'Widget', plural: 'widgets', namespaced: true });
    const schema = {
      type: 'object',
      properties: { spec: { type: 'object', required: ['size'], properties: { size: { type: 'integer', minimum: 1 } } } },
    };
    const cr = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'd' }, spec: { size: 'big' } };
    const causes = validate(crdKind, cr, { schema });
    expect(lines(causes)).toEqual(['spec.size: Invalid value: "string": spec.size in body must be of type integer: "string"']);
    const err = invalidObject(crdKind, cr, causes);
    expect(isInvalid(err)).toBe(true);
    expect(err.status.message).toBe('Widget "w" is invalid: spec.size: Invalid value: "string": spec.size in body must be of type integer: "string"');
  });
});
