/** ControllerRevision data, hashes and equality, from Kubernetes 1.32 statefulset getPatch and pkg/controller/history. */
import type { ControllerRevision, StatefulSet } from 'kubernetes-types/apps/v1.js';
import { describe, expect, it } from 'vitest';
import { applyRevision, equalRevision, fnv32, goJson, hashRevision, revisionData, revisionName } from '../../../src/controllers/statefulset/revision-data.js';

const set = (spec: Partial<NonNullable<StatefulSet['spec']>> = {}, status: StatefulSet['status'] = { replicas: 0 }): StatefulSet => ({
  metadata: { name: 'web', namespace: 'default', uid: 'u1' },
  spec: { selector: { matchLabels: { app: 'web' } }, serviceName: 'web', template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'db:1' }] } }, ...spec },
  status,
});

describe('ControllerRevision data and names', () => {
  it('FNV-1 32 (not 1a): the reference vectors', () => {
    const enc = new TextEncoder();
    expect(fnv32(enc.encode(''))).toBe(0x811c9dc5);
    expect(fnv32(enc.encode('a'))).toBe(0x050c5d7e);
    expect(fnv32(enc.encode('foobar'))).toBe(0x31f0b262);
  });
  it("prints JSON as Go's json.Marshal of a map: sorted keys, HTML escaped", () => {
    expect(goJson({ b: 1, a: { d: '<x&y>', c: [2, { z: 1, y: 0 }] } })).toBe('{"a":{"c":[2,{"y":0,"z":1}],"d":"\\u003cx\\u0026y\\u003e"},"b":1}');
  });
  it('stores the template as a replacing strategic-merge patch, and applies it back', () => {
    const s = set();
    const data = revisionData(s);
    expect(data).toEqual({ spec: { template: { ...s.spec!.template, $patch: 'replace' } } });
    const other = set({ template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'db:9' }] } } });
    expect(applyRevision(other, { metadata: {}, revision: 1, data } as ControllerRevision).spec?.template).toEqual(s.spec!.template);
  });
  it('hashes change with the template and with the collision count, within the safe alphabet', () => {
    const a = hashRevision(revisionData(set()), 0);
    const b = hashRevision(revisionData(set({ template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'db:2' }] } } })), 0);
    expect(a).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(a).not.toBe(b);
    expect(hashRevision(revisionData(set()), 1)).not.toBe(a);
    expect(hashRevision(revisionData(set()), 0)).toBe(a);
  });
  it('cuts a long prefix at 223 characters', () => {
    expect(revisionName('x'.repeat(300), 'h')).toBe(`${'x'.repeat(223)}-h`);
  });
  it('EqualRevision compares data, but trusts two differing all-digit hash labels', () => {
    const r = (hash: string, image: string): ControllerRevision => ({ metadata: { labels: { 'controller.kubernetes.io/hash': hash } }, revision: 1, data: { image } });
    expect(equalRevision(r('abc', 'x'), r('def', 'x'))).toBe(true);
    expect(equalRevision(r('abc', 'x'), r('abc', 'y'))).toBe(false);
    expect(equalRevision(r('123', 'x'), r('456', 'x'))).toBe(false);
    expect(equalRevision(r('123', 'x'), r('123', 'x'))).toBe(true);
  });
});
