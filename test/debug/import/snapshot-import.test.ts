/**
 * The snapshot importer over a support-bundle style multi-document YAML
 * written for this test (samples/snapshot.yaml: a List, single objects, a
 * CRD and its custom object); then bad inputs with their lines.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../../src/debug/import/import-error.js';
import { importSnapshot } from '../../../src/debug/import/snapshot-import.js';
import type { WriteRecord } from '../../../src/model/index.js';

const sample = readFileSync(join(import.meta.dirname, 'samples', 'snapshot.yaml'), 'utf8');

function failure(text: string): ImportError {
  try {
    importSnapshot(text, { file: 's.yaml' });
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error('the import succeeded');
}

describe('importSnapshot', () => {
  it('one create per object, in source resourceVersion order, keyed by kind (custom kinds by their CRD)', () => {
    const h = importSnapshot(sample, { file: 'bundle.yaml' });
    const writes = h.records.filter((r): r is WriteRecord => r.type === 'write');
    expect(writes.map((w) => [w.rev, w.key, w.origin?.resourceVersion])).toEqual([
      [1, 'apiextensions.k8s.io/customresourcedefinitions/_/backups.ops.example.com', '880'],
      [2, 'core/namespaces/_/payments', '1204'],
      [3, 'core/nodes/_/worker-1', '99871'],
      [4, 'ops.example.com/backups/payments/nightly', '100102'],
      [5, 'apps/deployments/payments/ledger', '100233'],
    ]);
    expect(writes.every((w) => w.verb === 'create' && w.time === 0 && w.change.op === 'put')).toBe(true);
    // The deployment's newest managedFields entry names the actor, marked inferred; objects without managedFields are unknown.
    expect(writes[4]).toMatchObject({ actor: 'client:kube-controller-manager', origin: { source: 'snapshot', actorFrom: 'managed-fields', operation: 'Update' } });
    expect(writes[2]).toMatchObject({ actor: 'client:unknown', origin: { actorFrom: 'unknown' } });
    expect(h.header.epoch).toBe(Date.UTC(2026, 2, 2, 11, 41, 3));
    expect(h.records[0]).toMatchObject({ type: 'annotation', annotation: { kind: 'note', text: 'snapshot: 5 objects from bundle.yaml, one state; how it came to be is not known' } });
  });

  it('a typed list (PodList) fills in its items\' apiVersion and kind; JSON is read too', () => {
    const h = importSnapshot(JSON.stringify({ apiVersion: 'v1', kind: 'PodList', items: [{ metadata: { name: 'a', namespace: 'x' }, spec: {} }] }));
    expect(h.records[1]).toMatchObject({ key: 'core/pods/x/a', change: { op: 'put', object: { apiVersion: 'v1', kind: 'Pod' } } });
  });

  describe('bad input', () => {
    it('invalid YAML: line and column', () => {
      const e = failure('apiVersion: v1\nkind: Pod\nmetadata:\n  name: [a\n');
      expect(e.line).toBeGreaterThanOrEqual(4);
      expect(e.message).toMatch(/^s\.yaml:\d+:\d+: invalid YAML: /);
    });
    it('an object that appears twice: two states mixed', () => {
      const doc = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: d\n';
      expect(failure(`${doc}---\n${doc}`).message).toBe('s.yaml:7: core/configmaps/d/c appears twice (first at line 1): a snapshot holds one state, not several');
    });
    it('watch events and audit events are named, with the format to use', () => {
      expect(failure('---\ntype: ADDED\nobject: {}\n').message).toBe('s.yaml:2: a watch event in a snapshot: import watch streams with --format watch');
      expect(failure('{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata"}').message).toBe('s.yaml:1: an audit event in a snapshot: import audit logs with --format audit');
    });
    it('objects without apiVersion, kind or name; scalars; nothing at all', () => {
      expect(failure('kind: Pod\nmetadata: {name: a}\n').message).toBe("s.yaml:1: an object without 'apiVersion'");
      expect(failure('apiVersion: v1\nmetadata: {name: a}\n').message).toBe("s.yaml:1: an object without 'kind'");
      expect(failure('apiVersion: v1\nkind: Pod\n').message).toBe('s.yaml:1: a Pod without metadata.name');
      expect(failure('--- 42\n').message).toBe('s.yaml:1: expected a Kubernetes object, found number');
      expect(failure('# nothing\n').message).toBe('s.yaml:1: no Kubernetes objects in the input');
    });
  });
});
