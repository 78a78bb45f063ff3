/**
 * `whynot` for a pod, answered from the recorded state, conditions, Events
 * and refused commands:
 * - gone: who deleted it, and why it was not replaced (no controller owner;
 *   its owner gone too; or the owner's creates refused by the API) — or by
 *   which pod it was;
 * - not scheduled: its PodScheduled condition and FailedScheduling Events;
 * - scheduled but not running or not ready: its node's readiness, each
 *   container's state and restarts, its Ready condition, Warning Events;
 * - terminating: since when, by whom, and whether its kubelet can finish.
 */
import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1.js';
import type { AttemptRecord, KubeObject, WriteRecord } from '../model/index.js';
import { objectKey, parseKey } from '../model/index.js';
import type { StateView, Store } from '../store/index.js';
import { podConfigProblems, pvcPendingReason } from '../controllers/index.js';
import type { WhyNotFinding } from './whynot-evidence.js';
import { conditionLine, conditionsOf, refusalFinding, refusalsFor, warningFindings } from './whynot-evidence.js';
import type { WhyNotAnswer } from './whynot-types.js';

function writeLine(w: WriteRecord): string {
  return `rev ${w.rev} by ${w.actor} (${w.subresource === undefined ? w.verb : `${w.verb}/${w.subresource}`})`;
}

function containerLine(cs: ContainerStatus): string {
  const s = cs.state ?? {};
  const state = s.running !== undefined
    ? `running since ${s.running.startedAt ?? '?'}`
    : s.waiting !== undefined
      ? `waiting: ${s.waiting.reason ?? ''}${s.waiting.message === undefined ? '' : ` (${s.waiting.message})`}`
      : s.terminated !== undefined
        ? `terminated: ${s.terminated.reason ?? ''} exit code ${s.terminated.exitCode}`
        : 'no state yet';
  return `container ${cs.name}: ${state}; ready ${cs.ready ? 'yes' : 'no'}; restarts ${cs.restartCount}`;
}

/** The write that started the pod's deletion (its first `delete` in its last lifetime), at or before `atRev`. */
function deletionWrite(store: Store, key: string, atRev: number): WriteRecord | undefined {
  const revs = store.versions(key).filter((r) => r <= atRev);
  let found: WriteRecord | undefined;
  for (let i = revs.length - 1; i >= 0; i--) {
    const w = store.write(revs[i] ?? 0);
    if (w === undefined || w.verb === 'create') break;
    if (w.verb === 'delete' || w.verb === 'deletecollection') found = w;
  }
  return found;
}

export function whyNotPod(store: Store, attempts: readonly AttemptRecord[], key: string, atRev: number): WhyNotAnswer {
  const view = store.at(atRev);
  const pod = view.get(key);
  const name = `pod ${parseKey(key).namespace}/${parseKey(key).name}`;
  if (pod === undefined) return notReplaced(store, attempts, key, atRev, name);
  const p = pod as unknown as Pod;
  const findings: WhyNotFinding[] = [];
  if (pod.metadata.deletionTimestamp !== undefined) {
    const d = deletionWrite(store, key, atRev);
    findings.push({ summary: `it is terminating since ${pod.metadata.deletionTimestamp}${d === undefined ? '' : `: deleted at ${writeLine(d)}`}`, ...(d === undefined ? {} : { rev: d.rev }), source: 'history' });
    findings.push(...nodeFindings(store, atRev, p.spec?.nodeName));
    replacementFindings(store, attempts, pod, d?.rev ?? atRev, atRev, findings);
    return { key, atRev, question: `why is ${name} still terminating, and was it replaced?`, ok: false, findings };
  }
  const nodeName = p.spec?.nodeName;
  if (nodeName === undefined || nodeName === '') {
    const cond = conditionsOf(pod).find((c) => c.type === 'PodScheduled');
    findings.push(cond === undefined ? { summary: 'the scheduler has not reported on it yet (no PodScheduled condition)', source: 'condition' } : { summary: conditionLine(cond), source: 'condition' });
    findings.push(...warningFindings(view, pod, ['FailedScheduling']));
    findings.push(...claimFindings(view, p));
    if (p.spec?.schedulerName !== undefined && p.spec.schedulerName !== 'default-scheduler') findings.push({ summary: `it asks for scheduler "${p.spec.schedulerName}", not default-scheduler`, source: 'state' });
    return { key, atRev, question: `why is ${name} not scheduled?`, ok: false, findings };
  }
  const phase = p.status?.phase ?? 'Pending';
  const ready = conditionsOf(pod).find((c) => c.type === 'Ready');
  if (phase === 'Running' && ready?.status === 'True') {
    return { key, atRev, question: `why is ${name} not running?`, ok: true, findings: [{ summary: `it is Running and Ready on node ${nodeName}`, source: 'state' }] };
  }
  findings.push({ summary: `phase ${phase} on node ${nodeName}${p.status?.reason === undefined ? '' : ` (${p.status.reason}${p.status.message === undefined ? '' : `: ${p.status.message}`})`}`, source: 'state' });
  findings.push(...nodeFindings(store, atRev, nodeName));
  for (const cs of [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])]) findings.push({ summary: containerLine(cs), source: 'state' });
  if (ready !== undefined) findings.push({ summary: conditionLine(ready), source: 'condition' });
  for (const c of podConfigProblems(view, p)) {
    const waits = c.waitsFor === undefined ? '' : ` — it waits for ${c.waitsFor.kind} ${c.waitsFor.namespace}/${c.waitsFor.name}${c.waitsFor.key === undefined ? '' : ` key ${c.waitsFor.key}`}`;
    findings.push({ summary: `${c.where}: ${c.reason}: ${c.message}${waits}`, source: 'state' });
  }
  findings.push(...warningFindings(view, pod));
  const what = phase === 'Succeeded' || phase === 'Failed' ? 'running' : phase === 'Running' ? 'ready' : 'running';
  return { key, atRev, question: `why is ${name} not ${what}?`, ok: false, findings };
}

/** The pod's claims that are not bound, with the binder's reason (a pod with unbound claims is not scheduled). */
function claimFindings(view: StateView, p: Pod): WhyNotFinding[] {
  const ns = p.metadata?.namespace ?? '';
  const out: WhyNotFinding[] = [];
  for (const v of p.spec?.volumes ?? []) {
    const claim = v.persistentVolumeClaim?.claimName;
    if (claim === undefined) continue;
    const key = objectKey({ group: '', resource: 'persistentvolumeclaims', namespace: ns, name: claim });
    const c = view.get(key);
    if (c === undefined) {
      out.push({ summary: `its volume ${v.name} claims persistentvolumeclaim ${claim}, which does not exist`, source: 'state' });
      continue;
    }
    if ((c['status'] as { phase?: string } | undefined)?.phase === 'Bound') continue;
    const why = pvcPendingReason(view, key);
    out.push({ summary: `its claim ${claim} is not bound${why === undefined ? '' : `: ${why.reason}: ${why.message}`}`, source: 'state' });
  }
  return out;
}

function nodeFindings(store: Store, atRev: number, nodeName: string | undefined): WhyNotFinding[] {
  if (nodeName === undefined || nodeName === '') return [];
  const node = store.at(atRev).get(objectKey({ group: '', resource: 'nodes', namespace: '', name: nodeName }));
  if (node === undefined) return [{ summary: `its node ${nodeName} does not exist`, source: 'state' }];
  const ready = conditionsOf(node).find((c) => c.type === 'Ready');
  if (ready !== undefined && ready.status !== 'True') return [{ summary: `its node ${nodeName}: ${conditionLine(ready)}`, source: 'condition' }];
  return [];
}

/** The pod is gone at `atRev`: who removed it, and why nothing (or what) replaced it. */
function notReplaced(store: Store, attempts: readonly AttemptRecord[], key: string, atRev: number, name: string): WhyNotAnswer {
  const question = `why was ${name} not replaced?`;
  const revs = store.versions(key).filter((r) => r <= atRev);
  const removal = revs[revs.length - 1];
  if (removal === undefined) return { key, atRev, question, ok: false, findings: [{ summary: `${name} never existed at or before revision ${atRev}`, source: 'history' }] };
  const last = removal > 1 ? store.at(removal - 1).get(key) : undefined;
  const deletion = deletionWrite(store, key, atRev);
  const removed = store.write(removal);
  const findings: WhyNotFinding[] = [];
  if (deletion !== undefined) findings.push({ summary: `it was deleted at ${writeLine(deletion)}`, rev: deletion.rev, source: 'history' });
  if (removed !== undefined && removed.rev !== deletion?.rev) findings.push({ summary: `it was removed at ${writeLine(removed)}`, rev: removed.rev, source: 'history' });
  if (last === undefined) return { key, atRev, question, ok: false, findings };
  const replaced = replacementFindings(store, attempts, last, deletion?.rev ?? removal, atRev, findings);
  return { key, atRev, question, ok: replaced, findings };
}

/**
 * Whether the controller owner of `pod` replaced it after `fromRev` (when it
 * stopped counting), with the evidence appended to `findings`: the owner
 * gone, the pods it created since, or the creates the API refused.
 */
function replacementFindings(store: Store, attempts: readonly AttemptRecord[], last: KubeObject, fromRev: number, atRev: number, findings: WhyNotFinding[]): boolean {
  const ref = (last.metadata.ownerReferences ?? []).find((r) => r.controller === true);
  if (ref === undefined) {
    findings.push({ summary: 'it had no controller owner: nothing replaces a bare pod', source: 'state' });
    return false;
  }
  const ns = last.metadata.namespace ?? '';
  const group = ref.apiVersion.includes('/') ? (ref.apiVersion.split('/')[0] ?? '') : '';
  const view = store.at(atRev);
  const owner = view.get(objectKey({ group, resource: `${ref.kind.toLowerCase()}s`, namespace: ns, name: ref.name }));
  if (owner === undefined || owner.metadata.uid !== ref.uid) {
    findings.push({ summary: `its owner ${ref.kind} ${ns}/${ref.name} is gone too: nothing was left to replace it`, source: 'state' });
    return false;
  }
  const replacements = store
    .writes({ verb: 'create', fromRev, toRev: atRev })
    .filter((w) => w.key.startsWith(`core/pods/${ns}/`) && w.change.op === 'put' && (w.change.object.metadata.ownerReferences ?? []).some((r) => r.uid === ref.uid));
  const spec = owner['spec'] as { replicas?: number } | undefined;
  const status = owner['status'] as { replicas?: number; readyReplicas?: number } | undefined;
  findings.push({ summary: `its owner ${ref.kind} ${ns}/${ref.name} wants ${spec?.replicas ?? 1} replicas and has ${status?.replicas ?? 0} (${status?.readyReplicas ?? 0} ready)`, source: 'state' });
  if (replacements.length > 0) {
    findings.push({ summary: `it was replaced: ${replacements.map((w) => `${parseKey(w.key).name} (${writeLine(w)})`).join(', ')}`, rev: replacements[0]?.rev ?? fromRev, source: 'history' });
    return true;
  }
  const refused = refusalFinding(refusalsFor(attempts, owner, atRev, fromRev));
  if (refused !== undefined) findings.push(refused);
  for (const c of conditionsOf(owner).filter((c) => c.type === 'ReplicaFailure')) findings.push({ summary: `its owner: ${conditionLine(c)}`, source: 'condition' });
  findings.push(...warningFindings(view, owner, ['FailedCreate']));
  if ((spec?.replicas ?? 1) <= (status?.replicas ?? 0)) findings.push({ summary: 'its owner already has the replicas it wants: there was nothing to replace', source: 'state' });
  return false;
}
