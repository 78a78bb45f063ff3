/** One line per step and perturbation of a case, for failure messages. */
import type { CaseStep, PerturbationPlan, TestCase } from './test-case.js';
import { assertNever, faultSubject } from '../model/index.js';

export function describeStep(s: CaseStep): string {
  const t = `at ${s.at / 1000} s:`;
  switch (s.type) {
    case 'apply':
      return `${t} apply ${s.objects.map((o) => `${o.kind}/${o.metadata.name ?? ''}${replicasOf(o)}`).join(', ')}`;
    case 'scale':
      return `${t} scale ${s.kind}/${s.name} to ${s.replicas}`;
    case 'delete':
      return `${t} delete ${s.kind}/${s.name}`;
    case 'rollout':
      return `${t} rollout ${s.action} deployment/${s.name}`;
    case 'fault':
      return `${t} fault ${s.fault.kind} ${faultSubject(s.fault)}`;
    case 'add-node':
      return `${t} add node ${s.node.name}`;
    case 'drain':
      return `${t} drain node ${s.node}`;
    case 'delete-pod':
      return `${t} delete pod #${s.pick}`;
    case 'crash-container':
      return `${t} crash a container of running pod #${s.pick}`;
    default:
      return assertNever(s);
  }
}

function replicasOf(o: { readonly [k: string]: unknown }): string {
  const r = (o['spec'] as { replicas?: unknown } | undefined)?.replicas;
  return typeof r === 'number' ? ` (replicas ${r})` : '';
}

export function describePerturbation(p: PerturbationPlan): string {
  const from = `${p.controller} from ${p.at / 1000} s`;
  switch (p.kind) {
    case 'stale-cache':
      return `stale cache: ${from} for ${p.durationMs / 1000} s, lagging${p.lagMs === undefined ? '' : ` ${p.lagMs} ms`}${p.lagRevs === undefined ? '' : ` ${p.lagRevs} revisions`}`;
    case 'reorder-events':
      return `events reordered across kinds: ${from} for ${p.durationMs / 1000} s, its primary kind ${p.lagMs} ms behind the others`;
    case 'delay-events':
      return `events delayed: ${from} for ${p.durationMs / 1000} s`;
    case 'drop-events':
      return `events dropped: ${from} for ${p.durationMs / 1000} s, relist ${p.relistAfterMs / 1000} s later`;
    case 'crash-between-writes':
      return `crash between writes: ${p.controller}'s first multi-write reconcile from ${p.at / 1000} s keeps ${p.keep}`;
    case 'split-brain':
      return `split brain: a second ${from} for ${p.durationMs / 1000} s (its cache ${p.lagMs} ms behind)`;
    default:
      return assertNever(p);
  }
}

export function describeCase(c: TestCase): string[] {
  return [
    ...(c.nodes.length === 0 ? [] : [`nodes: ${c.nodes.map((n) => n.name).join(', ')}`]),
    ...c.steps.map(describeStep),
    ...c.perturbations.map(describePerturbation),
  ];
}
