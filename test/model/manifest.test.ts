import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadManifestPath, loadManifestString, ManifestError } from '../../src/model/manifest.js';

const dir = mkdtempSync(join(tmpdir(), 'chronokube-manifest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('manifests', () => {
  it('reads multi-document YAML, skipping empty documents but counting them', () => {
    const docs = loadManifestString('apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\n# nothing\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n', 'x.yaml');
    expect(docs.map((d) => [d.object.kind, d.source.document])).toEqual([
      ['Namespace', 0],
      ['ConfigMap', 2],
    ]);
  });

  it('unpacks kind: List and JSON arrays with item indexes', () => {
    const list = loadManifestString(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } }] }), 'l.json');
    expect(list[0]?.source).toEqual({ file: 'l.json', document: 0, item: 0 });
    const arr = loadManifestString('[{"apiVersion":"v1","kind":"Secret"},{"apiVersion":"v1","kind":"Service"}]');
    expect(arr.map((d) => d.object.kind)).toEqual(['Secret', 'Service']);
    expect(arr[0]?.object.metadata).toEqual({});
  });

  it('names file and document in errors', () => {
    expect(() => loadManifestString('apiVersion: v1\nkind: A\n---\nkind: B\n', 'f.yaml')).toThrow("f.yaml (document 1): object has no 'apiVersion'");
    expect(() => loadManifestString('apiVersion: v1\n---\n- 3\n', 'f.yaml')).toThrow("f.yaml (document 0): object has no 'kind'");
    expect(() => loadManifestString('just a string', 'f.yaml')).toThrow('f.yaml (document 0): expected an object with apiVersion and kind, found string');
    expect(() => loadManifestString('a: [1, 2\n', 'bad.yaml')).toThrow(/^bad\.yaml \(document 0\): invalid YAML at line \d+, column \d+: /);
    expect(() => loadManifestString('{"apiVersion": "v1", ', 'bad.json')).toThrow(/^bad\.json \(document 0\): invalid JSON/);
    try {
      loadManifestString('apiVersion: v1\nkind: A\n---\n[1]\n', 'g.yaml');
    } catch (e) {
      expect(e).toBeInstanceOf(ManifestError);
      expect((e as ManifestError).source).toEqual({ file: 'g.yaml', document: 1, item: 0 });
    }
  });

  it('loads a folder in sorted file order, ignoring other files', () => {
    writeFileSync(join(dir, 'b.yml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n');
    writeFileSync(join(dir, 'a.json'), '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"a"}}');
    writeFileSync(join(dir, 'c.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: c}\n');
    writeFileSync(join(dir, 'notes.txt'), 'not a manifest');
    const docs = loadManifestPath(dir);
    expect(docs.map((d) => d.object.metadata.name)).toEqual(['a', 'b', 'c']);
    expect(docs[1]?.source.file).toBe(join(dir, 'b.yml'));
    expect(loadManifestPath(join(dir, 'c.yaml'))[0]?.object.kind).toBe('Deployment');
    expect(() => loadManifestPath(join(dir, 'missing.yaml'))).toThrow(/missing\.yaml \(document 0\): cannot read/);
  });
});
