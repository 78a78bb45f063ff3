/**
 * `whynot` for a PersistentVolumeClaim: "why is it not bound?" — the
 * binder's and provisioner's decision for it at that revision (no class, no
 * volume that fits and why each candidate does not, waiting for its first
 * consumer, waiting for the provisioner), the Events they recorded, and the
 * pods that use it, with the scheduler's word on those not yet placed.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import { pvcPendingReason } from '../controllers/index.js';
import type { AttemptRecord } from '../model/index.js';
import { objectKey, parseKey } from '../model/index.js';
import type { Store } from '../store/index.js';
import type { WhyNotFinding } from './whynot-evidence.js';
import { eventLine, eventsAbout } from './whynot-evidence.js';
import { whyNotPod } from './whynot-pod.js';
import type { WhyNotAnswer } from './whynot-types.js';

/** Consumers answered at most, one level down. */
const MAX_PODS = 3;

/** Pods in the claim's namespace that mount it. */
function consumers(pods: readonly Pod[], claim: string): Pod[] {
  return pods.filter((p) => (p.spec?.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === claim));
}

export function whyNotPvc(store: Store, attempts: readonly AttemptRecord[], key: string, atRev: number): WhyNotAnswer {
  const k = parseKey(key);
  const question = `why is persistentvolumeclaim ${k.namespace}/${k.name} not bound?`;
  const view = store.at(atRev);
  const claim = view.get(key);
  if (claim === undefined) return { key, atRev, question, ok: false, findings: [{ summary: `${k.name} does not exist at revision ${atRev}`, source: 'state' }] };
  const status = claim['status'] as { phase?: string } | undefined;
  const spec = claim['spec'] as { volumeName?: string; storageClassName?: string | null } | undefined;
  if (status?.phase === 'Bound') {
    return { key, atRev, question, ok: true, findings: [{ summary: `it is Bound to persistentvolume ${spec?.volumeName ?? '?'}`, source: 'state' }] };
  }
  const findings: WhyNotFinding[] = [{ summary: `phase ${status?.phase ?? 'Pending'}, storage class ${spec?.storageClassName ?? '(none)'}`, source: 'state' }];
  const pending = pvcPendingReason(view, key);
  if (pending !== undefined) {
    findings.push({
      summary: `${pending.reason}: ${pending.message}`,
      ...(pending.volumes.length === 0 ? {} : { details: pending.volumes.map((v) => `persistentvolume ${v.name}: ${v.why}`) }),
      source: 'state',
    });
  }
  // The binder's Normal events (WaitForFirstConsumer, ExternalProvisioning) explain as much as its Warnings.
  for (const e of eventsAbout(view, claim)) findings.push({ summary: `event ${eventLine(e)}`, source: 'event' });
  const pods = consumers(view.list({ group: '', resource: 'pods', namespace: k.namespace }) as unknown as Pod[], k.name);
  if (pods.length === 0) findings.push({ summary: 'no pod uses it', source: 'state' });
  else findings.push({ summary: `used by ${pods.map((p) => `pod ${p.metadata?.name ?? ''}${p.spec?.nodeName ? ` (on ${p.spec.nodeName})` : ' (not scheduled)'}`).join(', ')}`, source: 'state' });
  const related = pods
    .filter((p) => p.spec?.nodeName === undefined || p.spec.nodeName === '')
    .slice(0, MAX_PODS)
    .map((p) => whyNotPod(store, attempts, objectKey({ group: '', resource: 'pods', namespace: k.namespace, name: p.metadata?.name ?? '' }), atRev));
  return { key, atRev, question, ok: false, findings, ...(related.length === 0 ? {} : { related }) };
}
