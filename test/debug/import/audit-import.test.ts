/**
 * The audit importer over a realistic audit.k8s.io/v1 log written for this
 * test (samples/audit.jsonl: levels Metadata, Request and RequestResponse,
 * several stages, reads, refusals), folded by the store; then bad inputs,
 * each with its line and reason.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditActor } from '../../../src/debug/import/audit-actor.js';
import { importAudit } from '../../../src/debug/import/audit-import.js';
import { ImportError } from '../../../src/debug/import/import-error.js';
import { why, type WhyStep } from '../../../src/debug/why.js';
import { createMemoryLog } from '../../../src/log/index.js';
import type { AttemptRecord, HistoryRecord, PendingRecord, WriteRecord } from '../../../src/model/index.js';
import { openStore } from '../../../src/store/index.js';

const sample = readFileSync(join(import.meta.dirname, 'samples', 'audit.jsonl'), 'utf8');

async function fold(records: readonly HistoryRecord[], header: ReturnType<typeof importAudit>['header']) {
  const log = createMemoryLog(header);
  const store = await openStore(log);
  for (const r of records) {
    const { rev: _r, atRev: _a, ...rest } = r as WriteRecord & { atRev?: number };
    await log.append([rest as PendingRecord]);
  }
  return store;
}

function failure(text: string): ImportError {
  try {
    importAudit(text, { file: 'audit.log' });
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error('the import succeeded');
}

describe('importAudit', () => {
  const h = importAudit(sample, { file: 'audit.jsonl' });
  const writes = h.records.filter((r): r is WriteRecord => r.type === 'write');

  it('turns each successful mutating ResponseComplete event into one write by its user, in file order', () => {
    expect(writes.map((w) => `${w.rev} ${w.verb}${w.subresource === undefined ? '' : `/${w.subresource}`} ${w.key} ${w.actor}`)).toEqual([
      '1 create core/configmaps/shop/web-config user:alice@example.com',
      '2 create apps/deployments/shop/web user:alice@example.com',
      '3 create apps/replicasets/shop/web-6d9f7c8b5d controller:deployment',
      '4 create core/pods/shop/web-6d9f7c8b5d-x2kqp controller:replicaset',
      '5 create/binding core/pods/shop/web-6d9f7c8b5d-x2kqp controller:scheduler',
      '6 patch/status core/pods/shop/web-6d9f7c8b5d-x2kqp node:node-a',
      '7 patch apps/deployments/shop/web user:bob',
      '8 delete core/configmaps/shop/web-config user:alice@example.com',
      '9 create core/secrets/shop/db-password user:carol',
      '10 delete core/pods/shop/web-6d9f7c8b5d-x2kqp user:carol',
      '11 delete core/pods/shop/web-6d9f7c8b5d-x2kqp node:node-a',
    ]);
    expect(h.stats).toEqual({ read: 16, writes: 11, attempts: 2, skipped: 3, unknownBodies: 3 });
    expect(h.header.epoch).toBe(Date.UTC(2026, 2, 2, 9, 13, 58, 109));
    expect(writes.map((w) => w.time)).toEqual([0, 6_903, 6_922, 8_031, 8_196, 9_895, 121_900, 181_897, 241_894, 301_894, 332_893]);
    expect(writes.every((w) => w.origin?.source === 'audit' && w.origin.actorFrom === 'audit' && w.origin.auditID !== undefined)).toBe(true);
  });

  it('uses the response object where the level has it, the request where only it is logged, and marks the rest unknown', async () => {
    const store = await fold(h.records, h.header);
    // RequestResponse: the stored object, with server-set fields; the source's resourceVersion kept aside.
    const dep = store.at(2).get('apps/deployments/shop/web');
    expect(dep?.metadata.uid).toBe('3f0c1a52-6a55-4c1e-9d3e-0b7b1f6f2a10');
    expect(dep?.metadata.resourceVersion).toBe('2');
    expect(writes[1]?.origin?.resourceVersion).toBe('81234');
    // Request level: a binding's target becomes the pod's node; a merge patch body applies to the known version.
    expect((store.at(5).get('core/pods/shop/web-6d9f7c8b5d-x2kqp') as unknown as { spec: { nodeName?: string } }).spec.nodeName).toBe('node-a');
    expect((store.at(7).get('apps/deployments/shop/web') as unknown as { spec: { replicas: number } }).spec.replicas).toBe(3);
    // Metadata level: a status patch whose body is unknown changes nothing, honestly flagged.
    expect(writes[5]?.change).toEqual({ op: 'patch', patch: [] });
    expect(writes[5]?.origin?.bodyUnknown).toBe(true);
    // A Metadata-level create of an object never seen: a stub with only its names.
    expect(store.at(9).get('core/secrets/shop/db-password')).toEqual({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db-password', namespace: 'shop', resourceVersion: '9' } });
    // A delete answered with a Status removed the object; a pod's Metadata-level delete starts its termination; the kubelet's removes it.
    expect(store.at(8).get('core/configmaps/shop/web-config')).toBeUndefined();
    expect(writes[9]?.change).toEqual({ op: 'patch', patch: [] });
    expect(store.at(10).get('core/pods/shop/web-6d9f7c8b5d-x2kqp')).toBeDefined();
    expect(store.at(11).get('core/pods/shop/web-6d9f7c8b5d-x2kqp')).toBeUndefined();
  });

  it('infers what components reacted to (owners, the object itself), so why reaches the user', async () => {
    const store = await fold(h.records, h.header);
    const reached = new Set<string>();
    const walk = (step: WhyStep | undefined): void => {
      if (step === undefined) return;
      reached.add(`${step.write.rev} ${step.write.actor}`);
      step.causes.forEach(walk);
    };
    const root = why(store, [], 'core/pods/shop/web-6d9f7c8b5d-x2kqp', 6);
    walk(root);
    // The kubelet reacted to the pod as bound (5), the binding to the pod as created (4) and its owner; owners lead to the user.
    expect(root?.write.cause).toEqual([3, 5]);
    expect([...reached].sort()).toEqual(['2 user:alice@example.com', '3 controller:deployment', '4 controller:replicaset', '5 controller:scheduler', '6 node:node-a']);
    expect(writes[2]).toMatchObject({ cause: [2], origin: { causeInferred: true } });
    expect(writes[1]?.cause).toEqual([]);
    expect(writes[1]?.origin?.causeInferred).toBeUndefined();
  });

  it('turns refused requests into attempts carrying the response Status, changing nothing', () => {
    const attempts = h.records.filter((r): r is AttemptRecord => r.type === 'attempt');
    expect(attempts.map((a) => [a.actor, a.command.type, a.status.code, a.status.reason, a.atRev])).toEqual([
      ['user:alice@example.com', 'update', 422, 'Invalid', 6],
      ['controller:replicaset', 'create', 403, 'Forbidden', 11],
    ]);
    expect(attempts[1]?.status.message).toContain('exceeded quota: shop-quota');
  });

  it('names Kubernetes components as chronokube does', () => {
    expect(auditActor({ username: 'system:serviceaccount:kube-system:generic-garbage-collector' })).toBe('controller:garbage-collector');
    expect(auditActor({ username: 'system:serviceaccount:kube-system:daemon-set-controller' })).toBe('controller:daemonset');
    expect(auditActor({ username: 'system:serviceaccount:argocd:argocd-application-controller' })).toBe('client:system:serviceaccount:argocd:argocd-application-controller');
    expect(auditActor({ username: 'system:kube-controller-manager' })).toBe('controller:kube-controller-manager');
    expect(auditActor({ username: 'admin' }, { username: 'dev-1' })).toBe('user:dev-1');
    expect(auditActor(undefined)).toBe('client:unknown');
  });

  it('removes what a deletecollection removed: the listed items, or the known objects its label selector matches', async () => {
    const ev = (n: number, verb: string, uri: string, ref: object, extra: object = {}) =>
      JSON.stringify({ kind: 'Event', apiVersion: 'audit.k8s.io/v1', level: 'Metadata', auditID: `id-${n}`, stage: 'ResponseComplete', requestURI: uri, verb, user: { username: 'ops' }, objectRef: ref, responseStatus: { metadata: {}, code: 200 }, requestReceivedTimestamp: `2026-03-02T10:00:0${n}.000000Z`, stageTimestamp: `2026-03-02T10:00:0${n}.000000Z`, ...extra });
    const cm = (name: string, tier: string) => ({ level: 'RequestResponse', responseObject: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'a', labels: { tier } } } });
    const text = [
      ev(1, 'create', '/api/v1/namespaces/a/configmaps', { resource: 'configmaps', namespace: 'a', name: 'x', apiVersion: 'v1' }, cm('x', 'web')),
      ev(2, 'create', '/api/v1/namespaces/a/configmaps', { resource: 'configmaps', namespace: 'a', name: 'y', apiVersion: 'v1' }, cm('y', 'db')),
      ev(3, 'deletecollection', '/api/v1/namespaces/a/configmaps?labelSelector=tier%3Dweb', { resource: 'configmaps', namespace: 'a', apiVersion: 'v1' }),
    ].join('\n');
    const got = importAudit(`${text}\n`);
    const store = await fold(got.records, got.header);
    expect(store.head().keys()).toEqual(['core/configmaps/a/y']);
    expect(got.records.at(-1)).toMatchObject({ type: 'write', verb: 'deletecollection', key: 'core/configmaps/a/x', change: { op: 'remove' } });
  });

  it('a create that names no object (generateName at Metadata level) is noted, not guessed; its response names it when logged', () => {
    const ev = (level: string, extra: object) =>
      JSON.stringify({ kind: 'Event', apiVersion: 'audit.k8s.io/v1', level, auditID: 'g-1', stage: 'ResponseComplete', requestURI: '/api/v1/namespaces/a/pods', verb: 'create', user: { username: 'system:serviceaccount:kube-system:job-controller' }, objectRef: { resource: 'pods', namespace: 'a', apiVersion: 'v1' }, responseStatus: { metadata: {}, code: 201 }, requestReceivedTimestamp: '2026-03-02T10:00:00.000000Z', stageTimestamp: '2026-03-02T10:00:00.000000Z', ...extra });
    const noted = importAudit(`${ev('Metadata', {})}\n`);
    expect(noted.records).toEqual([expect.objectContaining({ type: 'annotation', annotation: { kind: 'note', rev: 0, text: 'unknown object: a successful create of pods in a by controller:job (audit g-1) names no object; not applied' } })]);
    expect(noted.stats.skipped).toBe(1);
    const named = importAudit(`${ev('RequestResponse', { responseObject: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'pi-x7k2p', generateName: 'pi-', namespace: 'a' } } })}\n`);
    expect(named.records[0]).toMatchObject({ type: 'write', key: 'core/pods/a/pi-x7k2p', actor: 'controller:job' });
  });

  describe('bad input', () => {
    const good = sample.split('\n')[1] as string;
    it('malformed JSON: the line and the column JSON.parse stopped at', () => {
      const e = failure(`${good}\n{"kind":"Event",,}\n${good}\n`);
      expect(e.line).toBe(2);
      expect(e.column).toBe(17);
      expect(e.message).toMatch(/^audit\.log:2:17: not valid JSON/);
    });
    it('a truncated last line says the input was cut', () => {
      expect(failure(`${good}\n${good.slice(0, 200)}`).message).toBe('audit.log:2: truncated input: the last line ends in the middle of an audit event');
    });
    it('mixed input: a watch event among audit events is named as such', () => {
      expect(failure(`${good}\n{"type":"ADDED","object":{"kind":"Pod"}}\n`).message).toBe(
        'audit.log:2: not an audit.k8s.io/v1 Event: kind null, apiVersion null (this looks like a watch event: use --format watch)',
      );
    });
    it('YAML instead of JSON lines', () => {
      expect(failure('apiVersion: v1\nkind: Pod\n').message).toBe('audit.log:1:1: expected an audit event as one JSON object per line, found "apiVersion: v1"');
    });
    it('older audit API versions, unknown levels and stages, and timestamps that are not RFC 3339', () => {
      expect(failure(`${good.replace('audit.k8s.io/v1', 'audit.k8s.io/v1beta1')}\n`).message).toContain('(v1beta1 audit logs are not supported; Kubernetes 1.32 writes v1)');
      expect(failure(`${good.replace('"level":"RequestResponse"', '"level":"Everything"')}\n`).message).toBe('audit.log:1: unknown audit level "Everything" (want Metadata, Request or RequestResponse)');
      expect(failure(`${good.replace('"stage":"ResponseComplete"', '"stage":"Done"')}\n`).message).toBe('audit.log:1: unknown audit stage "Done"');
      expect(failure(`${good.replace('"2026-03-02T09:13:58.109871Z"', '"yesterday"')}\n`).message).toBe('audit.log:1: stageTimestamp "yesterday" is not an RFC 3339 time');
    });
  });
});
