import { describe, expect, it } from 'vitest';
import { pruneUnknownFields, validateAgainstSchema, type JsonSchemaProps } from '../../../src/model/validation/index.js';

const lines = (cs: readonly { field?: string; message: string }[]) => cs.map((c) => (c.field === undefined ? c.message : `${c.field}: ${c.message}`));

const schema: JsonSchemaProps = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      required: ['replicas'],
      properties: {
        replicas: { type: 'integer', minimum: 1, maximum: 10 },
        name: { type: 'string', minLength: 3, maxLength: 5, pattern: '^[a-z]+$' },
        mode: { type: 'string', enum: ['fast', 'slow'] },
        port: { 'x-kubernetes-int-or-string': true },
        tags: { type: 'array', maxItems: 2, items: { type: 'string' } },
        note: { type: 'string', nullable: true },
        extra: { type: 'object', additionalProperties: { type: 'integer' } },
        free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      },
    },
  },
};

describe('openAPIV3Schema validation', () => {
  it('accepts a valid object', () => {
    expect(validateAgainstSchema({ spec: { replicas: 3, name: 'abc', mode: 'fast', port: 'http', tags: ['a'], note: null, extra: { a: 1 } } }, schema)).toEqual([]);
    expect(validateAgainstSchema({ spec: { replicas: 3, port: 8080 } }, schema)).toEqual([]);
  });

  it('reports each rule with Kubernetes wording', () => {
    const causes = validateAgainstSchema(
      { spec: { replicas: 0, name: 'ABCDEF', mode: 'medium', port: 1.5, tags: ['a', 'b', 'c'], extra: { a: 'x' } } },
      schema,
    );
    expect(lines(causes)).toEqual([
      'spec.extra.a: Invalid value: "string": spec.extra.a in body must be of type integer: "string"',
      'spec.mode: Unsupported value: "medium": supported values: "fast", "slow"',
      'spec.name: Too long: may not be more than 5 bytes',
      "spec.name: Invalid value: \"ABCDEF\": spec.name in body should match '^[a-z]+$'",
      'spec.port: Invalid value: "number": spec.port in body must be of type integer,string: "number"',
      'spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1',
      'spec.tags: Too many: 3: must have at most 2 items',
    ]);
    expect(lines(validateAgainstSchema({ spec: { name: 'ab' } }, schema))).toEqual([
      'spec.replicas: Required value',
      'spec.name: Invalid value: "ab": spec.name in body should be at least 3 chars long',
    ]);
    expect(lines(validateAgainstSchema({ spec: { replicas: 1, mode: null } }, schema))).toEqual([
      'spec.mode: Invalid value: "null": spec.mode in body must be of type string: "null"',
    ]);
  });
});

describe('pruning', () => {
  it('drops unknown fields except where preserved, keeps apiVersion/kind/metadata at the root', () => {
    const cr = {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w' },
      spec: { replicas: 1, unknown: true, free: { anything: { goes: 1 } }, extra: { a: 1 } },
      status: { x: 1 },
    };
    expect(pruneUnknownFields(cr, schema)).toEqual({
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w' },
      spec: { replicas: 1, free: { anything: { goes: 1 } }, extra: { a: 1 } },
    });
  });
});
