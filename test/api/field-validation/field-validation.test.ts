import { describe, expect, it } from 'vitest';
import { applyFieldErrors, joinApplyErrors } from '../../../src/api/field-validation/apply-field-errors.js';
import { builtInSchema, customResourceSchema } from '../../../src/api/field-validation/field-schema.js';
import { decoderPath, dropUnknownFields, schemaAt, unknownFieldPaths } from '../../../src/api/field-validation/unknown-fields.js';
import { BUILTIN_KINDS } from '../../../src/model/index.js';

const deployment = builtInSchema('apps', 'v1', 'Deployment')!;

const typo = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', lables: { a: 'b' }, labels: { 'any-key': 'x' } },
  spec: {
    replicaz: 3,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'web', image: 'nginx' }, { name: 'side', imagee: 'busybox', ports: [{ containerPort: 80, hostPrt: 1 }] }] },
    },
  },
};

describe('built-in schemas (client-node models, as of Kubernetes 1.32)', () => {
  it('knows the kinds chronokube serves, including split and versioned names', () => {
    for (const [g, v, k] of [
      ['', 'v1', 'Pod'],
      ['', 'v1', 'Event'],
      ['events.k8s.io', 'v1', 'Event'],
      ['autoscaling', 'v2', 'HorizontalPodAutoscaler'],
      ['coordination.k8s.io', 'v1alpha2', 'LeaseCandidate'],
      ['rbac.authorization.k8s.io', 'v1', 'ClusterRole'],
      ['apiextensions.k8s.io', 'v1', 'CustomResourceDefinition'],
    ] as const) {
      expect(builtInSchema(g, v, k), `${g}/${v} ${k}`).toBeDefined();
    }
    expect(builtInSchema('example.com', 'v1', 'Nope')).toBeUndefined();
  });

  it('has a schema for every built-in kind chronokube serves', () => {
    const missing = BUILTIN_KINDS.filter((k) => builtInSchema(k.group, k.version, k.kind) === undefined).map((k) => `${k.group}/${k.version} ${k.kind}`);
    expect(missing).toEqual([]);
  });

  it('core Event has involvedObject, events.k8s.io Event has regarding', () => {
    expect(schemaAt(builtInSchema('', 'v1', 'Event')!, ['involvedObject'])).toHaveProperty('known');
    expect(schemaAt(builtInSchema('events.k8s.io', 'v1', 'Event')!, ['involvedObject'])).toEqual({ unknownAt: 0 });
    expect(schemaAt(builtInSchema('events.k8s.io', 'v1', 'Event')!, ['regarding', 'name'])).toHaveProperty('known');
  });

  it('fields added after 1.32 are unknown', () => {
    expect(schemaAt(builtInSchema('', 'v1', 'Pod')!, ['spec', 'hostnameOverride'])).toEqual({ unknownAt: 1 });
    expect(schemaAt(deployment, ['status', 'terminatingReplicas'])).toEqual({ unknownAt: 1 });
    expect(schemaAt(deployment, ['status', 'readyReplicas'])).toHaveProperty('known');
  });

  it('finds every unknown field, depth first in key order, with list indexes', () => {
    expect(unknownFieldPaths(deployment, typo)).toEqual([
      'metadata.lables',
      'spec.replicaz',
      'spec.template.spec.containers[1].imagee',
      'spec.template.spec.containers[1].ports[0].hostPrt',
    ]);
  });

  it('accepts a valid object and anything below RawExtension/JSON fields and free maps', () => {
    const ok = {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: { name: 'r', annotations: { 'x/y': 'z' }, managedFields: [{ manager: 'm', fieldsV1: { 'f:spec': { 'f:whatever': {} } } }] },
      data: { spec: { anything: { goes: true } } },
      revision: 1,
    };
    expect(unknownFieldPaths(builtInSchema('apps', 'v1', 'ControllerRevision')!, ok)).toEqual([]);
  });

  it('drops unknown fields and keeps untouched parts by reference', () => {
    const dropped = dropUnknownFields(deployment, typo);
    expect(unknownFieldPaths(deployment, dropped)).toEqual([]);
    expect(dropped.metadata).toEqual({ name: 'web', labels: { 'any-key': 'x' } });
    expect(dropped.spec.template.spec.containers[1]).toEqual({ name: 'side', ports: [{ containerPort: 80 }] });
    expect(dropped.spec.selector).toBe(typo.spec.selector);
    expect(dropped.spec.template.spec.containers[0]).toBe(typo.spec.template.spec.containers[0]);
    expect(typo.spec.replicaz).toBe(3);
    const clean = dropUnknownFields(deployment, dropped);
    expect(clean).toBe(dropped);
  });

  it('prints paths as the decoder does', () => {
    expect(decoderPath(['spec', 'containers', 0, 'image'])).toBe('spec.containers[0].image');
    expect(decoderPath([0, 'foo'])).toBe('[0].foo');
  });
});

describe('custom resources (CRD structural schema)', () => {
  const schema = customResourceSchema({
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        properties: {
          knownField1: { type: 'string' },
          ports: { type: 'array', items: { type: 'object', properties: { containerPort: { type: 'integer' }, name: { type: 'string' } } } },
          free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
          mixed: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { a: { type: 'object', properties: { b: { type: 'string' } } } } },
          byName: { type: 'object', additionalProperties: { type: 'object', properties: { v: { type: 'string' } } } },
          port: { 'x-kubernetes-int-or-string': true },
          embeddedObj: { type: 'object', 'x-kubernetes-embedded-resource': true, properties: { spec: { type: 'object' } } },
        },
      },
    },
  });

  it('reports fields outside the schema, keeps preserve-unknown-fields subtrees, checks embedded metadata', () => {
    const cr = {
      apiVersion: 'example.com/v1',
      kind: 'Thing',
      metadata: { name: 'a', unknownMeta: 1 },
      spec: {
        knownField1: 'x',
        unknown1: 'y',
        ports: [{ containerPort: 1, unknownNested: 2 }],
        free: { anything: { at: 'all' } },
        mixed: { other: 1, a: { b: 'ok', c: 'no' } },
        byName: { k1: { v: 'ok', w: 'no' } },
        port: 80,
        embeddedObj: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', unknownEmbeddedMeta: true }, spec: { x: 1 } },
      },
      status: { anything: 1 },
    };
    expect(unknownFieldPaths(schema, cr)).toEqual([
      'metadata.unknownMeta',
      'spec.byName.k1.w',
      'spec.embeddedObj.metadata.unknownEmbeddedMeta',
      'spec.embeddedObj.spec.x',
      'spec.mixed.a.c',
      'spec.ports[0].unknownNested',
      'spec.unknown1',
      'status',
    ]);
  });

  it('a CRD version without a schema keeps everything but still checks metadata', () => {
    const none = customResourceSchema(undefined);
    expect(unknownFieldPaths(none, { apiVersion: 'x/v1', kind: 'T', metadata: { name: 'a' }, spec: { q: 1 } })).toEqual([]);
  });
});

describe('server-side apply errors (structured-merge-diff wording)', () => {
  it('names list items by their keys and stops at the first unknown field of each map', () => {
    const errors = applyFieldErrors(deployment, { ...typo, spec: { ...typo.spec, zzz: 1 } }, 'apps/v1', 'Deployment');
    // spec's walk ends at replicaz: template (and zzz) come after it in key order.
    expect(errors).toEqual(['.metadata.lables: field not declared in schema', '.spec.replicaz: field not declared in schema']);
    const { replicaz: _r, ...spec } = typo.spec;
    expect(applyFieldErrors(deployment, { ...typo, spec }, 'apps/v1', 'Deployment')).toEqual([
      '.metadata.lables: field not declared in schema',
      '.spec.template.spec.containers[name="side"].imagee: field not declared in schema',
    ]);
    expect(joinApplyErrors(errors.slice(0, 1))).toBe('.metadata.lables: field not declared in schema');
    expect(joinApplyErrors(errors.slice(0, 2))).toBe(
      'errors:\n  .metadata.lables: field not declared in schema\n  .spec.replicaz: field not declared in schema',
    );
  });

  it('keys container ports by containerPort and the defaulted protocol', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'c', image: 'i', ports: [{ containerPort: 80, hostPrt: 1 }] }] },
    };
    expect(applyFieldErrors(builtInSchema('', 'v1', 'Pod')!, pod, 'v1', 'Pod')).toEqual([
      '.spec.containers[name="c"].ports[containerPort=80,protocol="TCP"].hostPrt: field not declared in schema',
    ]);
  });
});
