import { describe, expect, it } from 'vitest';
import { compileFilter, isNoise } from '../../src/debug/index.js';
import type { KubeObject, WriteRecord } from '../../src/model/index.js';

const base = { type: 'write', time: 0, cause: [], observedRev: 0, prevRev: 1, rev: 2 } as const;
const none = () => ({ before: undefined, after: undefined });
const obj = (o: Partial<KubeObject> & Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, ...o });

describe('isNoise', () => {
  const lease: WriteRecord = { ...base, actor: 'node:node-1', verb: 'update', key: 'coordination.k8s.io/leases/kube-node-lease/node-1', change: { op: 'patch', patch: [{ op: 'replace', path: '/spec/renewTime', value: 't' }] } };
  const hb: WriteRecord = { ...base, actor: 'node:node-1', verb: 'update', subresource: 'status', key: 'core/nodes/_/node-1', change: { op: 'patch', patch: [{ op: 'replace', path: '/status/conditions/3/lastHeartbeatTime', value: 't' }] } };
  const ready: WriteRecord = { ...hb, change: { op: 'patch', patch: [{ op: 'replace', path: '/status/conditions/3/status', value: 'True' }] } };
  const leader: WriteRecord = { ...lease, actor: 'controller:x', key: 'coordination.k8s.io/leases/kube-system/x' };
  const meta: WriteRecord = { ...base, actor: 'user:a', verb: 'apply', key: 'core/pods/default/p', change: { op: 'patch', patch: [{ op: 'replace', path: '/metadata/managedFields/0/time', value: 't' }] } };
  const noop: WriteRecord = { ...meta, change: { op: 'patch', patch: [] } };
  const put = (before: KubeObject, after: KubeObject): [WriteRecord, () => { before: KubeObject; after: KubeObject }] => [{ ...meta, verb: 'update', change: { op: 'put', object: after } }, () => ({ before, after })];

  it('hides heartbeats, lease renewals, metadata-only and no-op writes by default', () => {
    for (const w of [lease, hb, leader, meta, noop]) expect(isNoise(w, none)).toBe(true);
    expect(isNoise(ready, none)).toBe(false);
    const [same, ctx] = put(obj({ spec: { a: 1 } }), obj({ spec: { a: 1 } }));
    expect(isNoise(same, ctx)).toBe(true);
    const [changed, ctx2] = put(obj({ spec: { a: 1 } }), obj({ spec: { a: 2 } }));
    expect(isNoise(changed, ctx2)).toBe(false);
  });

  it('shows each kind of noise when its flag is lifted', () => {
    expect(isNoise(lease, none, { heartbeats: false })).toBe(false);
    expect(isNoise(hb, none, { heartbeats: false })).toBe(false);
    expect(isNoise(meta, none, { metadataOnly: false })).toBe(false);
    expect(isNoise(noop, none, { noOps: false })).toBe(false);
    expect(isNoise(meta, none, { noOps: false })).toBe(true);
  });
});

describe('compileFilter', () => {
  const w: WriteRecord = { ...base, actor: 'controller:replicaset', verb: 'update', subresource: 'status', key: 'apps/replicasets/shop/web', change: { op: 'patch', patch: [] } };
  const rs = { before: undefined, after: obj({ kind: 'ReplicaSet', metadata: { name: 'web', labels: { app: 'web' } }, status: { replicas: 3 } }) };
  it('matches each facet, and all of them together', () => {
    const t = (f: Parameters<typeof compileFilter>[0]) => compileFilter(f)(w, () => rs);
    expect(t({ kind: 'replicasets.apps', namespace: 'shop', name: 'web', verb: 'update/status', actor: 'controller:*', labels: 'app in (web)', state: 'status.replicas=3', text: 'REPLICASETS/shop' })).toBe(true);
    expect(t({ kind: 'ReplicaSet' })).toBe(true);
    expect(t({ verb: 'update' })).toBe(true);
    for (const f of [{ kind: 'Pod' }, { namespace: 'default' }, { verb: 'patch' }, { actor: 'controller:rep' }, { labels: 'app=db' }, { state: 'status.replicas!=3' }, { text: 'nothing-like-this' }, { key: 'x' }]) expect(t(f)).toBe(false);
  });
});
