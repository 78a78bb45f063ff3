/**
 * No false positives: every object in the fixtures (scenario manifests and
 * the objects their steps apply, plus the plain manifest folders) has only
 * fields Kubernetes 1.32 knows, so `kubectl apply` of any of them passes
 * `fieldValidation=Strict`. Custom resources are checked against the CRDs
 * the same fixtures define.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { builtInSchema, customResourceSchema } from '../../../src/api/field-validation/field-schema.js';
import type { FieldSchema } from '../../../src/api/field-validation/field-schema.js';
import { unknownFieldPaths } from '../../../src/api/field-validation/unknown-fields.js';

const ROOT = join(import.meta.dirname, '../../../fixtures');

type Obj = { apiVersion: string; kind: string; metadata?: { name?: string }; spec?: Record<string, unknown> };
const isKubeObject = (v: unknown): v is Obj =>
  typeof v === 'object' && v !== null && typeof (v as Obj).apiVersion === 'string' && typeof (v as Obj).kind === 'string' && typeof (v as Obj).metadata === 'object';

/** Every Kubernetes object anywhere inside `v` (a Scenario document holds them in manifests and steps). */
function objectsIn(v: unknown, out: Obj[] = []): Obj[] {
  if (Array.isArray(v)) for (const x of v) objectsIn(x, out);
  else if (typeof v === 'object' && v !== null) {
    if (isKubeObject(v) && v.kind !== 'Scenario') out.push(v);
    else for (const x of Object.values(v)) objectsIn(x, out);
  }
  return out;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? yamlFiles(join(dir, e.name)) : e.name.endsWith('.yaml') ? [join(dir, e.name)] : []));
}

const files = yamlFiles(ROOT);
const objects = files.flatMap((f) => parseAllDocuments(readFileSync(f, 'utf8')).flatMap((d) => objectsIn(d.toJS()).map((o) => ({ file: f, o }))));

/** CRD-defined kinds of the fixtures: `group/version/Kind` → schema. */
const crds = new Map<string, FieldSchema>();
for (const { o } of objects) {
  if (o.kind !== 'CustomResourceDefinition') continue;
  const spec = o.spec as { group: string; names: { kind: string }; versions: { name: string; schema?: { openAPIV3Schema?: unknown } }[] };
  for (const v of spec.versions) crds.set(`${spec.group}/${v.name}/${spec.names.kind}`, customResourceSchema(v.schema?.openAPIV3Schema));
}

describe('fixtures pass strict field validation', () => {
  it('finds the fixtures', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(objects.length).toBeGreaterThan(50);
  });

  it('every object has only known fields', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const { file, o } of objects) {
      const [group, version] = o.apiVersion.includes('/') ? o.apiVersion.split('/') : ['', o.apiVersion];
      const schema = builtInSchema(group as string, version as string, o.kind) ?? crds.get(`${group}/${version}/${o.kind}`);
      if (schema === undefined) continue;
      checked++;
      for (const p of unknownFieldPaths(schema, o)) problems.push(`${file}: ${o.kind} ${o.metadata?.name ?? ''}: ${p}`);
    }
    expect(problems).toEqual([]);
    expect(checked).toBe(objects.length);
  });
});
