/**
 * Carries out one step of a case, as a user or the fault injector would: the
 * same verbs a scenario's timeline uses (apply, scale through the scale
 * subresource, delete, faults, nodes joining), plus the steps that pick
 * their pod at run time. A refused request is noted in `warnings` and the
 * run goes on, as a user's refused command leaves the history untouched.
 */
import type { Api } from '../api/index.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { asStatus, assertNever } from '../model/index.js';
import type { Cluster } from '../runtime/index.js';
import type { CaseStep } from './test-case.js';

export const USER_ACTOR = 'user:property';

const PODS = { group: '', resource: 'pods' };

export async function runStep(api: Api, cluster: Cluster, step: CaseStep, warnings: string[]): Promise<void> {
  const ctx = { actor: USER_ACTOR };
  try {
    switch (step.type) {
      case 'apply':
        for (const obj of step.objects) await api.applyObject(obj, { ...ctx, fieldManager: 'chronokube-property' });
        return;
      case 'fault':
        await cluster.fault(step.fault, USER_ACTOR);
        return;
      case 'add-node':
        cluster.addNode(step.node);
        return;
      case 'delete':
      case 'scale': {
        const kind = api.deps.kinds.resolveName(api.store.head(), step.kind);
        if (kind === undefined) throw new Error(`step at ${step.at} ms: unknown kind ${step.kind}`);
        const target = {
          group: kind.info.group,
          version: kind.info.version,
          resource: kind.info.plural,
          name: step.name,
          ...(kind.info.namespaced ? { namespace: step.namespace ?? 'default' } : {}),
        };
        if (step.type === 'delete') {
          await api.delete(target, ctx, step.propagationPolicy === undefined ? {} : { propagationPolicy: step.propagationPolicy });
        } else {
          const viaScale = kind.info.subresources.some((s) => s.name === 'scale');
          await api.patch(viaScale ? { ...target, subresource: 'scale' } : target, 'merge', { spec: { replicas: step.replicas } }, ctx);
        }
        return;
      }
      case 'delete-pod': {
        const pod = pick(api, step.pick, () => true);
        if (pod !== undefined) await api.delete({ group: '', version: 'v1', resource: 'pods', namespace: pod.metadata?.namespace ?? 'default', name: pod.metadata?.name ?? '' }, ctx);
        return;
      }
      case 'crash-container': {
        const pod = pick(api, step.pick, (p) => p.status?.phase === 'Running' && (p.spec?.containers.length ?? 0) > 0);
        const container = pod?.spec?.containers[0]?.name;
        if (pod !== undefined && container !== undefined) {
          await cluster.fault({ kind: 'container-crash', pod: `${pod.metadata?.namespace ?? 'default'}/${pod.metadata?.name ?? ''}`, container }, USER_ACTOR);
        }
        return;
      }
      case 'rollout':
      case 'drain':
        throw new Error(`step at ${step.at} ms: ${step.type} steps are not supported in property runs`);
      default:
        assertNever(step);
    }
  } catch (e) {
    const s = asStatus(e);
    if (s === undefined) throw e;
    warnings.push(`at ${step.at} ms, ${step.type}: ${s.message}`);
  }
}

/** The `n`-th (modulo the count) live pod passing `filter`, in key order. */
function pick(api: Api, n: number, filter: (p: Pod) => boolean): Pod | undefined {
  const pods = api.store
    .head()
    .list(PODS, (o) => o.metadata.deletionTimestamp === undefined && filter(o as Pod))
    .map((o) => o as Pod);
  return pods.length === 0 ? undefined : pods[n % pods.length];
}
