/**
 * The watch-stream importer over `kubectl get pods --watch
 * --output-watch-events -o json` output written for this test
 * (samples/pods.watch.json, pretty-printed and concatenated) and a raw API
 * stream (samples/pods.stream.jsonl, with a BOOKMARK and a 410 ERROR); then
 * bad inputs, each with its line (and column) and reason.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../../src/debug/import/import-error.js';
import { importWatchStream } from '../../../src/debug/import/watch-import.js';
import type { AnnotationRecord, WriteRecord } from '../../../src/model/index.js';

const read = (name: string): string => readFileSync(join(import.meta.dirname, 'samples', name), 'utf8');

function failure(text: string): ImportError {
  try {
    importWatchStream(text, { file: 'w.json' });
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error('the import succeeded');
}

describe('importWatchStream', () => {
  it('one write per event that changes the object, actors inferred from managedFields, times from the object', () => {
    const h = importWatchStream(read('pods.watch.json'), { file: 'pods.watch.json' });
    const writes = h.records as WriteRecord[];
    expect(writes.map((w) => [w.rev, w.verb, w.change.op, w.actor, w.origin?.actorFrom, w.origin?.resourceVersion, w.time])).toEqual([
      [1, 'create', 'put', 'client:kube-controller-manager', 'managed-fields', '502311', 0],
      [2, 'update', 'patch', 'client:kube-scheduler', 'managed-fields', '502315', 1000],
      [3, 'update', 'patch', 'client:kubelet', 'managed-fields', '502330', 5000],
      // The repeated MODIFIED changed nothing and is skipped; a deletionTimestamp is in no managedFields entry.
      [4, 'update', 'patch', 'client:unknown', 'unknown', '502388', 330_000],
      [5, 'delete', 'remove', 'client:unknown', 'unknown', '502401', 330_000],
    ]);
    expect(writes.every((w) => w.key === 'core/pods/prod/api-5c7f9d6b8-7hxlm')).toBe(true);
    expect(h.header.epoch).toBe(Date.UTC(2026, 2, 2, 10, 0, 0));
    expect(h.stats).toEqual({ read: 6, writes: 5, attempts: 0, skipped: 1, unknownBodies: 0 });
    // Stored objects never carry resourceVersion (the history stamps its own).
    expect((writes[0]?.change as { object: { metadata: object } }).object.metadata).not.toHaveProperty('resourceVersion');
    expect((writes[1]?.change as unknown as { patch: unknown[] }).patch).toContainEqual({ op: 'add', path: '/spec/nodeName', value: 'node-b' });
  });

  it('a raw stream: bookmarks skipped, a 410 ERROR kept as a note about the gap', () => {
    const h = importWatchStream(read('pods.stream.jsonl'));
    expect(h.records.map((r) => r.type)).toEqual(['write', 'write', 'annotation']);
    const note = h.records[2] as AnnotationRecord;
    expect(note.annotation).toEqual({
      kind: 'note',
      rev: 2,
      text: 'gap: the watch reported an error (410 Expired: too old resource version: 502315 (502360)); changes after it may be missing',
    });
  });

  describe('bad input', () => {
    const good = read('pods.watch.json');
    it('truncated: the event that never ends, by its first line', () => {
      const cut = good.slice(0, good.length - 300);
      const e = failure(cut);
      expect(e.message).toMatch(/^w\.json:\d+: truncated input: a watch event starting here never ends \(the input stops \d levels deep\)$/);
      expect(e.line).toBe(good.slice(0, good.lastIndexOf('{\n    "type"')).split('\n').length);
    });
    it('malformed JSON inside an event: the line and column', () => {
      const e = failure('{"type": "ADDED", "object": {"kind": "Pod",\n "apiVersion": v1}}\n');
      expect(e.line).toBe(2);
      expect(e.column).toBe(16);
      expect(e.message).toMatch(/^w\.json:2:16: not valid JSON/);
    });
    it('text between events', () => {
      expect(failure('{"type":"BOOKMARK","object":{}}\nEVENT NAME\n').message).toBe('w.json:2:1: expected a watch event (a JSON object starting with "{"), found "EVENT NAME\\n"');
    });
    it('mixed input: a bare object (watched without --output-watch-events) and an audit event', () => {
      expect(failure('{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a"}}').message).toBe(
        'w.json:1: not a watch event: expected {"type": ..., "object": {...}} (a bare Pod: save the watch with --output-watch-events, or import a state with --format snapshot)',
      );
      expect(failure('{"type":"ADDED","object":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a"}}}\n{"kind":"Event","apiVersion":"audit.k8s.io/v1"}').message).toBe(
        'w.json:2: not a watch event: expected {"type": ..., "object": {...}} (this is an audit event: use --format audit)',
      );
    });
    it('unknown event types, objects without names, empty input', () => {
      expect(failure('{"type":"UPSERTED","object":{}}').message).toBe('w.json:1: unknown watch event type "UPSERTED" (want ADDED, MODIFIED, DELETED, BOOKMARK or ERROR)');
      expect(failure('{"type":"ADDED","object":{"apiVersion":"v1","kind":"Pod","metadata":{}}}').message).toBe('w.json:1: a ADDED event whose object lacks apiVersion, kind or metadata.name');
      expect(failure('\n  \n').message).toBe('w.json:1: no watch events in the input');
    });
  });
});
