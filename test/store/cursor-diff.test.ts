import jsonpatch from 'fast-json-patch';
import { describe, expect, it } from 'vitest';
import { applyJsonPatch } from '../../src/model/index.js';
import { type FoldStore, clusterDocument, createStore } from '../../src/store/index.js';
import { Recorder, pod, podKey } from './records.js';

function history(): FoldStore {
  const s = createStore({ snapshotInterval: 2 });
  const r = new Recorder();
  s.fold(r.put(pod('a', { labels: { app: 'web' } }))); // 1
  s.fold(r.put(pod('b/x'.replace('/', '-'), { ns: 'other' }))); // 2
  s.fold(r.write(podKey('a'), { op: 'patch', patch: [{ op: 'replace', path: '/status/phase', value: 'Running' }] })); // 3
  s.fold(r.write('apps/deployments/default/d~1', { op: 'put', object: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd~1', namespace: 'default' } } })); // 4
  s.fold(r.write(podKey('a'), { op: 'remove' })); // 5
  return s;
}

describe('cursor', () => {
  it('steps forward and back one write and seeks', () => {
    const s = history();
    const c = s.cursor(0);
    expect(c.rev).toBe(0);
    expect(c.record).toBeUndefined();
    expect(c.back()).toBe(false);
    const states: string[][] = [];
    do states.push([...c.state.keys()]);
    while (c.forward());
    expect(c.rev).toBe(5);
    expect(c.forward()).toBe(false);
    expect(c.record?.change.op).toBe('remove');
    const held = c.state;
    for (let rev = 5; rev >= 0; rev--) {
      expect(c.state.keys()).toEqual(states[rev]);
      expect(c.state.keys()).toEqual(s.at(rev).keys());
      if (rev > 0) expect(c.back()).toBe(true);
    }
    expect(held.rev).toBe(5);
    expect(held.count()).toBe(2);
    c.seek(3);
    expect(c.state.get(podKey('a'))?.status).toEqual({ phase: 'Running' });
  });
});

describe('diff', () => {
  it('diffs one object between revisions', () => {
    const s = history();
    const ops = s.diff(1, 3, podKey('a'));
    expect(ops).toHaveLength(2);
    expect(ops).toContainEqual({ op: 'replace', path: '/status/phase', value: 'Running' });
    expect(ops).toContainEqual({ op: 'replace', path: '/metadata/resourceVersion', value: '3' });
    expect(s.diff(0, 1, podKey('a'))).toEqual([{ op: 'add', path: '', value: s.at(1).get(podKey('a')) }]);
    expect(s.diff(3, 5, podKey('a'))).toEqual([{ op: 'remove', path: '' }]);
    expect(s.diff(5, 5, podKey('a'))).toEqual([]);
  });

  it('diffs the cluster with escaped key paths that apply to the cluster document', () => {
    const s = history();
    const ops = s.diff(3, 4);
    expect(ops).toEqual([{ op: 'add', path: '/apps', value: { deployments: { default: { 'd~1': s.at(4).get('apps/deployments/default/d~1') } } } }]);
    expect(s.diff(2, 3).map((o) => o.path).sort()).toEqual(['/core/pods/default/a/metadata/resourceVersion', '/core/pods/default/a/status/phase']);
    expect(s.diff(4, 5)).toEqual([{ op: 'remove', path: '/core/pods/default' }]);
    for (const [a, b] of [[0, 5], [5, 0], [2, 4], [4, 1], [1, 5]] as const) {
      const from = clusterDocument(s.at(a) as never);
      const to = clusterDocument(s.at(b) as never);
      expect(applyJsonPatch(from, s.diff(a, b))).toEqual(to);
      expect(jsonpatch.applyPatch(jsonpatch.deepClone(from), jsonpatch.deepClone(s.diff(a, b))).newDocument).toEqual(to);
    }
    const r = new Recorder();
    r.rev = 5;
    const t = history();
    t.fold({ ...r.write('apps/deployments/default/d~1', { op: 'patch', patch: [{ op: 'add', path: '/spec', value: { replicas: 2 } }] }), prevRev: 4 });
    expect(t.diff(5, 6)).toContainEqual({ op: 'add', path: '/apps/deployments/default/d~01/spec', value: { replicas: 2 } });
  });
});
