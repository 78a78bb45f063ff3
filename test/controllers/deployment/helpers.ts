/** Shared objects and helpers for the Deployment controller tests. */
import type { KubeObject } from '../../../src/model/index.js';
import type { TestEngine } from '../../runtime/engine.js';

export const user = { actor: 'user:alice' };
export const DEPLOY = { group: 'apps', version: 'v1', resource: 'deployments', namespace: 'default' } as const;
export const RS = { group: 'apps', version: 'v1', resource: 'replicasets', namespace: 'default' } as const;
export const PODS = { group: '', version: 'v1', resource: 'pods', namespace: 'default' } as const;
export const EPOCH = Date.UTC(2026, 0, 1);
export const stamp = (ms: number): string => new Date(EPOCH + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export interface DeploymentOptions {
  readonly image?: string;
  readonly strategy?: Record<string, unknown>;
  readonly minReadySeconds?: number;
  readonly progressDeadlineSeconds?: number;
  readonly revisionHistoryLimit?: number;
  readonly paused?: boolean;
}

export function deployment(name: string, replicas: number, o: DeploymentOptions = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      ...(o.strategy === undefined ? {} : { strategy: o.strategy }),
      ...(o.minReadySeconds === undefined ? {} : { minReadySeconds: o.minReadySeconds }),
      ...(o.progressDeadlineSeconds === undefined ? {} : { progressDeadlineSeconds: o.progressDeadlineSeconds }),
      ...(o.revisionHistoryLimit === undefined ? {} : { revisionHistoryLimit: o.revisionHistoryLimit }),
      ...(o.paused === undefined ? {} : { paused: o.paused }),
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: o.image ?? 'nginx:1.27' }] } },
    },
  };
}

export const replicaSets = (e: TestEngine): KubeObject[] => [...e.api.list(RS).items];
export const rsReplicas = (rs: KubeObject): number => (rs['spec'] as { replicas?: number }).replicas ?? 0;
export const deploymentStatus = (e: TestEngine, name = 'web'): Record<string, unknown> => (e.api.get({ ...DEPLOY, name })['status'] ?? {}) as Record<string, unknown>;
export const condition = (e: TestEngine, type: string, name = 'web'): Record<string, unknown> | undefined =>
  (deploymentStatus(e, name)['conditions'] as Record<string, unknown>[] | undefined)?.find((c) => c['type'] === type);

/** Marks every pending (not yet ready) pod Running and Ready now, except those `skip` says. */
export async function readyAll(e: TestEngine, skip: (p: KubeObject) => boolean = () => false): Promise<number> {
  let n = 0;
  for (const p of e.api.list(PODS).items) {
    const st = p['status'] as { conditions?: { type: string; status: string }[] } | undefined;
    if (p.metadata.deletionTimestamp !== undefined || skip(p)) continue;
    if (st?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true) continue;
    await e.api.patch(
      { ...PODS, name: p.metadata.name ?? '', subresource: 'status' },
      'merge',
      { status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: stamp(e.clock.now()) }] } },
      user,
    );
    n++;
  }
  return n;
}

/** Removes pods being deleted (what a kubelet does once their containers stop). */
export async function reapTerminating(e: TestEngine): Promise<void> {
  for (const p of e.api.list(PODS).items) {
    if (p.metadata.deletionTimestamp === undefined) continue;
    await e.api.delete({ ...PODS, name: p.metadata.name ?? '' }, user, { gracePeriodSeconds: 0 });
  }
}

/** Runs the cluster in steps of `stepMs`, marking pods ready and reaping terminating pods between steps. */
export async function settle(e: TestEngine, untilMs: number, stepMs = 1000, skip?: (p: KubeObject) => boolean): Promise<void> {
  while (e.clock.now() < untilMs) {
    await e.scheduler.run(Math.min(untilMs, e.clock.now() + stepMs));
    await reapTerminating(e);
    await readyAll(e, skip);
  }
  await e.scheduler.run(untilMs);
}
