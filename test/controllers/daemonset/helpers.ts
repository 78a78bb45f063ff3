/** Shared objects and helpers for the DaemonSet controller tests. */
import type { DaemonSet } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { daemonSetController } from '../../../src/controllers/daemonset/daemonset.js';
import { schedulerController } from '../../../src/controllers/scheduler/scheduler.js';
import type { KubeObject } from '../../../src/model/index.js';
import type { TestEngine } from '../../runtime/engine.js';
import { testEngine } from '../../runtime/engine.js';
import type { NodeSpec } from '../scheduler/fixtures.js';
import { addNode } from '../scheduler/fixtures.js';

export const user = { actor: 'user:alice' };
export const DS = { group: 'apps', version: 'v1', resource: 'daemonsets', namespace: 'default' } as const;
export const CR = { group: 'apps', version: 'v1', resource: 'controllerrevisions', namespace: 'default' } as const;
export const PODS = { group: '', version: 'v1', resource: 'pods', namespace: 'default' } as const;
export const NODES = { group: '', version: 'v1', resource: 'nodes' } as const;
export const EVENTS = { group: '', version: 'v1', resource: 'events', namespace: 'default' } as const;
export const EPOCH = Date.UTC(2026, 0, 1);
export const stamp = (ms: number): string => new Date(EPOCH + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export interface DaemonSetOptions {
  readonly image?: string;
  readonly updateStrategy?: Record<string, unknown>;
  readonly minReadySeconds?: number;
  readonly revisionHistoryLimit?: number;
  readonly nodeSelector?: Record<string, string>;
  readonly tolerations?: Record<string, unknown>[];
  readonly hostNetwork?: boolean;
}

export function daemonSet(name: string, o: DaemonSetOptions = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name },
    spec: {
      selector: { matchLabels: { app: name } },
      ...(o.updateStrategy === undefined ? {} : { updateStrategy: o.updateStrategy }),
      ...(o.minReadySeconds === undefined ? {} : { minReadySeconds: o.minReadySeconds }),
      ...(o.revisionHistoryLimit === undefined ? {} : { revisionHistoryLimit: o.revisionHistoryLimit }),
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [{ name: 'agent', image: o.image ?? 'fluent-bit:3.0' }],
          ...(o.nodeSelector === undefined ? {} : { nodeSelector: o.nodeSelector }),
          ...(o.tolerations === undefined ? {} : { tolerations: o.tolerations }),
          ...(o.hostNetwork === undefined ? {} : { hostNetwork: o.hostNetwork }),
        },
      },
    },
  };
}

export const pods = (e: TestEngine): (KubeObject & Pod)[] => e.api.list(PODS).items as (KubeObject & Pod)[];
export const livePods = (e: TestEngine): (KubeObject & Pod)[] => pods(e).filter((p) => p.metadata.deletionTimestamp === undefined);
export const revisions = (e: TestEngine): KubeObject[] => [...e.api.list(CR).items];
export const getDs = (e: TestEngine, name = 'agent'): DaemonSet => e.api.get({ ...DS, name }) as unknown as DaemonSet;
export const isReady = (p: Pod): boolean => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
/** Node name → the images of its live daemon pods. */
export const placement = (e: TestEngine): Record<string, string[]> => {
  const out: Record<string, string[]> = {};
  for (const p of livePods(e)) (out[p.spec?.nodeName ?? '?'] ??= []).push(p.spec?.containers[0]?.image ?? '');
  return out;
};
export const eventsWith = (e: TestEngine, reason: string): string[] =>
  e.api.list(EVENTS).items.filter((x) => x['reason'] === reason).map((x) => String(x['message']));

/** Marks every bound, pending pod Running and Ready now (what a kubelet would do), except those `skip` says. */
export async function readyBound(e: TestEngine, skip: (p: Pod) => boolean = () => false): Promise<void> {
  for (const p of pods(e)) {
    if (p.metadata.deletionTimestamp !== undefined || (p.spec?.nodeName ?? '') === '' || skip(p) || isReady(p)) continue;
    if (p.status?.phase === 'Failed' || p.status?.phase === 'Succeeded') continue;
    await e.api.patch(
      { ...PODS, name: p.metadata.name ?? '', subresource: 'status' },
      'merge',
      { status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: stamp(e.clock.now()) }] } },
      user,
    );
  }
}

/** Removes pods being deleted (what a kubelet does once their containers stop). */
export async function reapTerminating(e: TestEngine): Promise<void> {
  for (const p of pods(e)) {
    if (p.metadata.deletionTimestamp === undefined) continue;
    await e.api.delete({ ...PODS, name: p.metadata.name ?? '' }, user, { gracePeriodSeconds: 0 });
  }
}

/** Runs the cluster in steps, readying bound pods and reaping terminating ones between steps; `observe` sees every step. */
export async function settle(e: TestEngine, untilMs: number, o: { stepMs?: number; skip?: (p: Pod) => boolean; observe?: () => void } = {}): Promise<void> {
  const step = o.stepMs ?? 1000;
  while (e.clock.now() < untilMs) {
    await e.scheduler.run(Math.min(untilMs, e.clock.now() + step));
    o.observe?.();
    await reapTerminating(e);
    await readyBound(e, o.skip);
    o.observe?.();
  }
  await e.scheduler.run(untilMs);
}

/** An engine with the scheduler, the DaemonSet controller and these nodes. */
export async function cluster(nodes: Record<string, NodeSpec>): Promise<TestEngine> {
  const e = await testEngine();
  for (const [name, spec] of Object.entries(nodes)) await addNode(e.api, name, spec);
  e.manager.add(schedulerController());
  e.manager.add(daemonSetController);
  return e;
}
