/**
 * The Priority admission plugin, on pod create: resolve
 * `spec.priorityClassName` to `spec.priority` and `spec.preemptionPolicy`.
 * No class name: the global default class if the caller has one, else
 * priority 0 and `PreemptLowerPriority`. The two system classes are known
 * without lookup; an unknown class is refused as Kubernetes refuses it.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1.js';
import { forbidden } from '../../model/index.js';
import type { AdmissionResult } from './service-account.js';

export const SYSTEM_PRIORITY_CLASSES: Readonly<Record<string, number>> = {
  'system-cluster-critical': 2000000000,
  'system-node-critical': 2000001000,
};

export interface PriorityAdmissionOptions {
  /** Looks a PriorityClass up by name. */
  readonly lookup: (name: string) => PriorityClass | undefined;
  /** The class marked `globalDefault`, if any. */
  readonly globalDefault?: PriorityClass;
}

export function admitPriority<P extends Pod>(pod: P, opts: PriorityAdmissionOptions): AdmissionResult<P> {
  const spec = pod.spec ?? { containers: [] };
  const name = spec.priorityClassName ?? '';
  let priority: number;
  let policy: string;
  if (name === '') {
    priority = opts.globalDefault?.value ?? 0;
    policy = opts.globalDefault?.preemptionPolicy ?? 'PreemptLowerPriority';
  } else if (name in SYSTEM_PRIORITY_CLASSES && opts.lookup(name) === undefined) {
    priority = SYSTEM_PRIORITY_CLASSES[name] as number;
    policy = 'PreemptLowerPriority';
  } else {
    const pc = opts.lookup(name);
    if (pc === undefined) {
      return { error: forbidden({ group: '', resource: 'pods' }, pod.metadata?.name ?? '', `no PriorityClass with name ${name} was found`) };
    }
    priority = pc.value;
    policy = pc.preemptionPolicy ?? 'PreemptLowerPriority';
  }
  if (spec.priority !== undefined && spec.priority !== priority) {
    return {
      error: forbidden(
        { group: '', resource: 'pods' },
        pod.metadata?.name ?? '',
        'the integer value of priority must not be provided in pod spec; priority admission controller computed ' +
          `${priority} from the given PriorityClass name`,
      ),
    };
  }
  return { pod: { ...pod, spec: { ...spec, priority, preemptionPolicy: spec.preemptionPolicy ?? policy } } };
}
