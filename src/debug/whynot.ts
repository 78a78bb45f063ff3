/**
 * `whynot`: answers the common negative questions from the recorded state,
 * conditions, Events and refused commands (attempt records) — why is this
 * pod not scheduled / not running / not replaced, why is this Deployment
 * not available, why does this ReplicaSet not have its replicas, why does
 * this Service have no endpoints, why is this claim not bound. Other kinds
 * get their conditions that are not True and their Warning Events.
 *
 * An answer reads the history; it never runs anything. `ok` says the
 * premise does not hold (the pod runs, the Deployment is available).
 */
import type { AttemptRecord } from '../model/index.js';
import { parseKey } from '../model/index.js';
import type { Store } from '../store/index.js';
import type { WhyNotFinding } from './whynot-evidence.js';
import { conditionLine, conditionsOf, warningFindings } from './whynot-evidence.js';
import { whyNotPod } from './whynot-pod.js';
import { whyNotService } from './whynot-service.js';
import { whyNotPvc } from './whynot-pvc.js';
import type { WhyNotAnswer } from './whynot-types.js';
import { whyNotDeployment, whyNotReplicaSet } from './whynot-workload.js';
import { whyNotStatefulSet } from './whynot-statefulset.js';

export type { WhyNotAnswer } from './whynot-types.js';
export type { WhyNotFinding } from './whynot-evidence.js';

/** The answer for the object `key` as of `atRev` (default: head). `attempts`: the history's attempt records. */
export function whyNot(store: Store, attempts: readonly AttemptRecord[], key: string, atRev = store.rev): WhyNotAnswer {
  const k = parseKey(key);
  if (k.group === '' && k.resource === 'pods') return whyNotPod(store, attempts, key, atRev);
  if (k.group === 'apps' && k.resource === 'deployments') return whyNotDeployment(store, attempts, key, atRev);
  if (k.group === 'apps' && k.resource === 'replicasets') return whyNotReplicaSet(store, attempts, key, atRev);
  if (k.group === 'apps' && k.resource === 'statefulsets') return whyNotStatefulSet(store, attempts, key, atRev);
  if (k.group === '' && k.resource === 'services') return whyNotService(store, attempts, key, atRev);
  if (k.group === '' && k.resource === 'persistentvolumeclaims') return whyNotPvc(store, attempts, key, atRev);
  const name = `${k.resource} ${k.namespace === '' ? '' : `${k.namespace}/`}${k.name}`;
  const question = `why is ${name} not healthy?`;
  const view = store.at(atRev);
  const o = view.get(key);
  if (o === undefined) return { key, atRev, question, ok: false, findings: [{ summary: `${k.name} does not exist at revision ${atRev}`, source: 'state' }] };
  const bad = conditionsOf(o).filter(isBad);
  const findings: WhyNotFinding[] = [...bad.map((c) => ({ summary: conditionLine(c), source: 'condition' as const })), ...warningFindings(view, o)];
  return { key, atRev, question, ok: findings.length === 0, findings: findings.length === 0 ? [{ summary: 'no condition reports trouble and no Warning Event is recorded', source: 'state' }] : findings };
}

/**
 * Condition types whose True is the trouble (NamespaceContentRemaining,
 * NamespaceDeletionContentFailure, MemoryPressure, NetworkUnavailable,
 * ReplicaFailure, ...): for them False is healthy. For every other type
 * anything but True is worth showing.
 */
const NEGATIVE = /(Failure|Remaining|Pressure|Unavailable)$/;

function isBad(c: { readonly type: string; readonly status: string }): boolean {
  return NEGATIVE.test(c.type) ? c.status === 'True' : c.status !== 'True';
}

/** An answer as indented text: the question, then each finding, then the related answers. */
export function renderWhyNot(a: WhyNotAnswer, indent = ''): string {
  const lines = [`${indent}${a.question}${a.ok ? '  — it is not so:' : ''}`];
  for (const f of a.findings) {
    lines.push(`${indent}  - ${f.summary}${f.rev === undefined ? '' : `  [rev ${f.rev}]`}`);
    for (const d of f.details ?? []) lines.push(`${indent}      ${d}`);
  }
  for (const r of a.related ?? []) lines.push(renderWhyNot(r, `${indent}  `));
  return lines.join('\n');
}
