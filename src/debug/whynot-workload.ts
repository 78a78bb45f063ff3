/**
 * `whynot` for a Deployment ("why is it not available?") and a ReplicaSet
 * ("why does it not have its replicas ready?"): the counts and conditions
 * from status, the Events the controllers recorded (FailedCreate,
 * ProgressDeadlineExceeded), the creates the API refused, and — one level
 * down — the answers for its ReplicaSets and for its pods that are not ready.
 */
import type { AttemptRecord, KubeObject } from '../model/index.js';
import { objectKey, parseKey } from '../model/index.js';
import type { Store } from '../store/index.js';
import type { WhyNotFinding } from './whynot-evidence.js';
import { conditionLine, conditionsOf, refusalFinding, refusalsFor, warningFindings } from './whynot-evidence.js';
import { whyNotPod } from './whynot-pod.js';
import { quotaFindings } from './whynot-quota.js';
import type { WhyNotAnswer } from './whynot-types.js';

/** Pods answered per ReplicaSet at most (the first by name). */
const MAX_PODS = 5;

interface Counts {
  readonly replicas?: number;
  readonly readyReplicas?: number;
  readonly availableReplicas?: number;
  readonly updatedReplicas?: number;
  readonly unavailableReplicas?: number;
}

function countsLine(want: number, s: Counts | undefined): string {
  const parts = [`wants ${want}`, `has ${s?.replicas ?? 0}`, `${s?.readyReplicas ?? 0} ready`, `${s?.availableReplicas ?? 0} available`];
  if (s?.updatedReplicas !== undefined) parts.push(`${s.updatedReplicas} up to date`);
  return parts.join(', ');
}

function gone(key: string, atRev: number, question: string): WhyNotAnswer {
  return { key, atRev, question, ok: false, findings: [{ summary: `${parseKey(key).name} does not exist at revision ${atRev}`, source: 'state' }] };
}

export function whyNotDeployment(store: Store, attempts: readonly AttemptRecord[], key: string, atRev: number): WhyNotAnswer {
  const k = parseKey(key);
  const question = `why is deployment ${k.namespace}/${k.name} not available?`;
  const view = store.at(atRev);
  const d = view.get(key);
  if (d === undefined) return gone(key, atRev, question);
  const spec = d['spec'] as { replicas?: number; paused?: boolean } | undefined;
  const status = d['status'] as (Counts & { observedGeneration?: number }) | undefined;
  const want = spec?.replicas ?? 1;
  const conds = conditionsOf(d);
  const available = conds.find((c) => c.type === 'Available');
  const ok = available?.status === 'True' && (status?.availableReplicas ?? 0) >= want && (status?.updatedReplicas ?? 0) >= want;
  const findings: WhyNotFinding[] = [{ summary: countsLine(want, status), source: 'state' }];
  if (spec?.paused === true) findings.push({ summary: 'its rollout is paused', source: 'state' });
  if ((status?.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) findings.push({ summary: `the controller has not observed generation ${d.metadata.generation ?? 0} yet`, source: 'state' });
  for (const c of conds) findings.push({ summary: conditionLine(c), source: 'condition' });
  findings.push(...warningFindings(view, d));
  const refused = refusalFinding(refusalsFor(attempts, d, atRev));
  if (refused !== undefined) findings.push(refused);
  // Its ReplicaSets that want or still have pods (old ones scaled to zero say nothing).
  const related = (d.metadata.uid === undefined ? [] : view.byOwner(d.metadata.uid))
    .filter((o) => o.kind === 'ReplicaSet' && (((o['spec'] as Counts | undefined)?.replicas ?? 1) > 0 || ((o['status'] as Counts | undefined)?.replicas ?? 0) > 0))
    .map((rs) => whyNotReplicaSet(store, attempts, keyOf(rs, 'apps', 'replicasets'), atRev));
  return { key, atRev, question, ok, findings, ...(related.length === 0 ? {} : { related }) };
}

function keyOf(o: KubeObject, group: string, resource: string): string {
  return objectKey({ group, resource, namespace: o.metadata.namespace ?? '', name: o.metadata.name ?? '' });
}

export function whyNotReplicaSet(store: Store, attempts: readonly AttemptRecord[], key: string, atRev: number): WhyNotAnswer {
  const k = parseKey(key);
  const question = `why does replicaset ${k.namespace}/${k.name} not have its replicas ready?`;
  const view = store.at(atRev);
  const rs = view.get(key);
  if (rs === undefined) return gone(key, atRev, question);
  const want = (rs['spec'] as { replicas?: number } | undefined)?.replicas ?? 1;
  const status = rs['status'] as Counts | undefined;
  const ok = (status?.readyReplicas ?? 0) >= want && (status?.replicas ?? 0) === want;
  const findings: WhyNotFinding[] = [{ summary: countsLine(want, status), source: 'state' }];
  for (const c of conditionsOf(rs)) findings.push({ summary: conditionLine(c), source: 'condition' });
  const warnings = warningFindings(view, rs);
  findings.push(...warnings);
  const refusals = refusalsFor(attempts, rs, atRev);
  const refused = refusalFinding(refusals);
  if (refused !== undefined) findings.push(refused);
  findings.push(...quotaFindings(view, k.namespace, [...warnings.map((w) => w.summary), ...refusals.map((a) => a.status.message)]));
  const pods = rs.metadata.uid === undefined ? [] : view.byOwner(rs.metadata.uid).filter((o) => o.kind === 'Pod');
  const related = pods
    .map((p) => whyNotPod(store, attempts, keyOf(p, '', 'pods'), atRev))
    .filter((a) => !a.ok)
    .slice(0, MAX_PODS);
  if (pods.length > 0 && related.length === 0 && !ok) findings.push({ summary: `its ${pods.length} pods are all running and ready`, source: 'state' });
  return { key, atRev, question, ok, findings, ...(related.length === 0 ? {} : { related }) };
}
