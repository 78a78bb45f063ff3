/**
 * `whynot` for a StatefulSet ("why is it not ready?"): the counts and the
 * current and update revisions from status, the rollout settings that hold
 * pods back (partition, OnDelete), the Warning Events and refused creates —
 * and the pod holding it up. With the default OrderedReady policy the
 * Kubernetes 1.32 StatefulSet controller walks the ordinals in order and
 * stops at the first pod that is missing, terminating, or not Running and
 * Ready: nothing at a higher ordinal is created, and no pod is deleted for
 * the rolling update, until that pod is healthy. That is why a revert does
 * not heal a pod wedged at a broken revision. One level down come the
 * answers for that pod, then for the other pods that are not ready.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { AttemptRecord, KubeObject } from '../model/index.js';
import { objectKey, parseKey } from '../model/index.js';
import type { StateView, Store } from '../store/index.js';
import type { WhyNotFinding } from './whynot-evidence.js';
import { conditionLine, conditionsOf, refusalFinding, refusalsFor, warningFindings } from './whynot-evidence.js';
import { whyNotPod } from './whynot-pod.js';
import type { WhyNotAnswer } from './whynot-types.js';

/** Pods answered at most, the blocking one first. */
const MAX_PODS = 5;
const REVISION_LABEL = 'controller-revision-hash';

interface StsSpec {
  readonly replicas?: number;
  readonly podManagementPolicy?: string;
  readonly ordinals?: { readonly start?: number };
  readonly updateStrategy?: { readonly type?: string; readonly rollingUpdate?: { readonly partition?: number } };
}

interface StsStatus {
  readonly replicas?: number;
  readonly readyReplicas?: number;
  readonly availableReplicas?: number;
  readonly updatedReplicas?: number;
  readonly currentRevision?: string;
  readonly updateRevision?: string;
  readonly observedGeneration?: number;
}

/** Why the controller would not pass this pod, or undefined when it is Running and Ready. */
function holdUp(pod: (KubeObject & Pod) | undefined, name: string): string | undefined {
  if (pod === undefined) return `${name} does not exist`;
  if (pod.metadata?.deletionTimestamp !== undefined) return `${name} is terminating (since ${pod.metadata.deletionTimestamp})`;
  const phase = pod.status?.phase ?? 'Pending';
  const ready = (pod.status?.conditions ?? []).find((c) => c.type === 'Ready')?.status === 'True';
  if (phase !== 'Running') return `${name} is ${phase}`;
  if (!ready) return `${name} is Running but not Ready`;
  return undefined;
}

function podKey(namespace: string, name: string): string {
  return objectKey({ group: '', resource: 'pods', namespace, name });
}

function ownedPods(view: StateView, sts: KubeObject): Map<string, KubeObject & Pod> {
  const out = new Map<string, KubeObject & Pod>();
  if (sts.metadata.uid === undefined) return out;
  for (const o of view.byOwner(sts.metadata.uid)) if (o.kind === 'Pod') out.set(o.metadata.name ?? '', o as KubeObject & Pod);
  return out;
}

export function whyNotStatefulSet(store: Store, attempts: readonly AttemptRecord[], key: string, atRev: number): WhyNotAnswer {
  const k = parseKey(key);
  const question = `why is statefulset ${k.namespace}/${k.name} not ready?`;
  const view = store.at(atRev);
  const sts = view.get(key);
  if (sts === undefined) return { key, atRev, question, ok: false, findings: [{ summary: `${k.name} does not exist at revision ${atRev}`, source: 'state' }] };
  const spec = (sts['spec'] as StsSpec | undefined) ?? {};
  const status = sts['status'] as StsStatus | undefined;
  const want = spec.replicas ?? 1;
  const ok = (status?.readyReplicas ?? 0) >= want && (status?.updatedReplicas ?? 0) >= want && (status?.replicas ?? 0) === want;

  const counts = [`wants ${want}`, `has ${status?.replicas ?? 0}`, `${status?.readyReplicas ?? 0} ready`, `${status?.availableReplicas ?? 0} available`, `${status?.updatedReplicas ?? 0} at the update revision`];
  const findings: WhyNotFinding[] = [{ summary: counts.join(', '), source: 'state' }];
  const update = status?.updateRevision;
  if (status?.currentRevision !== undefined && update !== undefined) {
    findings.push({ summary: status.currentRevision === update ? `current and update revision ${update}` : `current revision ${status.currentRevision}, update revision ${update}`, source: 'state' });
  }
  if ((status?.observedGeneration ?? 0) < (sts.metadata.generation ?? 0)) findings.push({ summary: `the controller has not observed generation ${sts.metadata.generation ?? 0} yet`, source: 'state' });
  const strategy = spec.updateStrategy?.type ?? 'RollingUpdate';
  const partition = spec.updateStrategy?.rollingUpdate?.partition ?? 0;
  if (strategy === 'OnDelete') findings.push({ summary: 'updateStrategy OnDelete: a pod moves to the update revision only when it is deleted', source: 'state' });
  else if (partition > 0) findings.push({ summary: `rolling update partition ${partition}: pods with a lower ordinal stay at the current revision`, source: 'state' });
  for (const c of conditionsOf(sts)) findings.push({ summary: conditionLine(c), source: 'condition' });
  findings.push(...warningFindings(view, sts));
  const refused = refusalFinding(refusalsFor(attempts, sts, atRev));
  if (refused !== undefined) findings.push(refused);

  const pods = ownedPods(view, sts);
  const start = spec.ordinals?.start ?? 0;
  const ordered = (spec.podManagementPolicy ?? 'OrderedReady') === 'OrderedReady';
  const unready: string[] = [];
  const problems: string[] = [];
  let blocker: string | undefined;
  for (let i = start; i < start + want; i++) {
    const name = `${k.name}-${i}`;
    const pod = pods.get(name);
    const why = holdUp(pod, name);
    if (why === undefined) continue;
    problems.push(why);
    if (pod !== undefined) unready.push(name);
    if (!ordered || blocker !== undefined) continue;
    blocker = name;
    const revision = pod?.metadata?.labels?.[REVISION_LABEL];
    const stale = revision !== undefined && update !== undefined && revision !== update;
    findings.push({
      summary: `OrderedReady: the controller waits on ${name} (ordinal ${i}), the lowest pod not Running and Ready — ${why}; until it is, no higher ordinal is created and no pod is replaced by the rolling update`,
      source: 'state',
      ...(stale ? { details: [`${name} runs revision ${revision}, not the update revision ${update}: a change of the template (a revert too) reaches it only once it is ready, or deleted`] } : {}),
    });
  }
  if (!ordered && problems.length > 0) findings.push({ summary: `podManagementPolicy Parallel: no pod waits on another; ${problems.join('; ')}`, source: 'state' });
  if (!ok && problems.length === 0) findings.push({ summary: `its ${pods.size} pods are all running and ready`, source: 'state' });

  const related = unready.slice(0, MAX_PODS).map((name) => whyNotPod(store, attempts, podKey(k.namespace, name), atRev));
  return { key, atRev, question, ok, findings, ...(related.length === 0 ? {} : { related }) };
}
