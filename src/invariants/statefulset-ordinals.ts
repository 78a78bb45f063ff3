/**
 * `statefulset-ordinals`: the active pods of a StatefulSet are named
 * `SET-N` with distinct ordinals N, and, under the default `OrderedReady`
 * pod management policy, the ordinals form one contiguous range from the
 * start ordinal (`spec.ordinals.start`, default 0): Kubernetes creates pod
 * N+1 only once 0..N are Running and Ready, and removes the highest first.
 * A user or a fault deleting a middle pod opens a gap the controller fills,
 * so state it with `eventually` when the run deletes pods.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../model/index.js';
import type { Invariant, SubjectIndex, Violation } from './invariant.js';
import { checkBySubject, writesKind } from './invariant.js';
import { ownedActivePods } from './owned-pod-count.js';

const SETS = { group: 'apps', resource: 'statefulsets' };
const PODS = { group: '', resource: 'pods' };

function violations(set: KubeObject, key: string, pods: readonly Pod[]): Violation[] {
  const name = set.metadata.name ?? '';
  const spec = (set['spec'] ?? {}) as { podManagementPolicy?: string; ordinals?: { start?: number } };
  const out: Violation[] = [];
  const ordinals: number[] = [];
  for (const p of pods) {
    const podName = p.metadata?.name ?? '';
    const m = podName.startsWith(`${name}-`) ? /^(0|[1-9]\d*)$/.exec(podName.slice(name.length + 1)) : null;
    if (m === null) out.push({ key, message: `pod ${podName} is not named ${name}-ORDINAL` });
    else ordinals.push(Number(m[1]));
  }
  ordinals.sort((a, b) => a - b);
  for (let i = 1; i < ordinals.length; i++) if (ordinals[i] === ordinals[i - 1]) out.push({ key, message: `ordinal ${ordinals[i] ?? 0} is used twice` });
  if ((spec.podManagementPolicy ?? 'OrderedReady') === 'OrderedReady' && ordinals.length > 0) {
    const start = spec.ordinals?.start ?? 0;
    const missing: number[] = [];
    const last = ordinals[ordinals.length - 1] ?? start;
    for (let n = start; n < last; n++) if (!ordinals.includes(n)) missing.push(n);
    if (missing.length > 0) out.push({ key, message: `ordinals not contiguous from ${start}: missing ${missing.join(', ')} below ${last}` });
  }
  return out;
}

const subjects: SubjectIndex = {
  all: (view) => view.keys(SETS),
  touched: (write, view, before) => {
    if (writesKind(write.key, [SETS])) return [write.key];
    if (!writesKind(write.key, [PODS])) return [];
    const keys = new Set<string>();
    for (const o of [before.get(write.key), view.get(write.key)]) {
      for (const r of o?.metadata.ownerReferences ?? []) if (r.controller === true && r.kind === 'StatefulSet') keys.add(`apps/statefulsets/${o?.metadata.namespace ?? ''}/${r.name}`);
    }
    return [...keys].sort();
  },
  check: (view, key) => {
    const set = view.get(key);
    return set === undefined ? [] : violations(set, key, ownedActivePods(view, set));
  },
};

export const statefulSetOrdinals: Invariant = {
  name: 'statefulset-ordinals',
  description: "a StatefulSet's active pods are named SET-N with distinct ordinals, contiguous from the start ordinal under OrderedReady",
  reads: [SETS, PODS],
  subjects,
  check: checkBySubject(subjects),
};
