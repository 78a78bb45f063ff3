/** Shared objects and helpers for the StatefulSet controller tests (pods' status is written by hand, as a kubelet would). */
import type { KubeObject } from '../../../src/model/index.js';
import type { TestEngine } from '../../runtime/engine.js';

export const user = { actor: 'user:alice' };
export const STS = { group: 'apps', version: 'v1', resource: 'statefulsets', namespace: 'default' } as const;
export const PODS = { group: '', version: 'v1', resource: 'pods', namespace: 'default' } as const;
export const PVCS = { group: '', version: 'v1', resource: 'persistentvolumeclaims', namespace: 'default' } as const;
export const REVS = { group: 'apps', version: 'v1', resource: 'controllerrevisions', namespace: 'default' } as const;
export const EVENTS = { group: '', version: 'v1', resource: 'events', namespace: 'default' } as const;
export const EPOCH = Date.UTC(2026, 0, 1);
export const stamp = (ms: number): string => new Date(EPOCH + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export interface SetOptions {
  readonly image?: string;
  readonly policy?: 'OrderedReady' | 'Parallel';
  readonly updateStrategy?: Record<string, unknown>;
  readonly minReadySeconds?: number;
  readonly claims?: boolean;
  readonly retention?: Record<string, string>;
  readonly ordinalsStart?: number;
  readonly revisionHistoryLimit?: number;
}

export function statefulSet(name: string, replicas: number, o: SetOptions = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name },
    spec: {
      replicas,
      serviceName: `${name}-svc`,
      selector: { matchLabels: { app: name } },
      ...(o.policy === undefined ? {} : { podManagementPolicy: o.policy }),
      ...(o.updateStrategy === undefined ? {} : { updateStrategy: o.updateStrategy }),
      ...(o.minReadySeconds === undefined ? {} : { minReadySeconds: o.minReadySeconds }),
      ...(o.retention === undefined ? {} : { persistentVolumeClaimRetentionPolicy: o.retention }),
      ...(o.ordinalsStart === undefined ? {} : { ordinals: { start: o.ordinalsStart } }),
      ...(o.revisionHistoryLimit === undefined ? {} : { revisionHistoryLimit: o.revisionHistoryLimit }),
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: o.image ?? 'db:1' }] } },
      ...(o.claims === false
        ? {}
        : { volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }] }),
    },
  };
}

export const podNames = (e: TestEngine): string[] => e.api.list(PODS).items.map((p) => p.metadata.name ?? '').sort();
export const livePodNames = (e: TestEngine): string[] =>
  e.api
    .list(PODS)
    .items.filter((p) => p.metadata.deletionTimestamp === undefined)
    .map((p) => p.metadata.name ?? '')
    .sort();
export const claimNames = (e: TestEngine): string[] => e.api.list(PVCS).items.map((p) => p.metadata.name ?? '').sort();
export const setStatus = (e: TestEngine, name = 'web'): Record<string, unknown> => (e.api.get({ ...STS, name })['status'] ?? {}) as Record<string, unknown>;
export const eventMessages = (e: TestEngine, reason?: string): string[] =>
  e.api
    .list(EVENTS)
    .items.filter((x) => reason === undefined || x['reason'] === reason)
    .map((x) => String(x['message']));
export const isReady = (p: KubeObject): boolean =>
  ((p['status'] as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

/** Marks a pod Running and Ready now. */
export async function markReady(e: TestEngine, name: string): Promise<void> {
  await e.api.patch(
    { ...PODS, name, subresource: 'status' },
    'merge',
    { status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: stamp(e.clock.now()) }] } },
    user,
  );
}

/** Marks a pod Running but not ready. */
export async function markRunning(e: TestEngine, name: string): Promise<void> {
  await e.api.patch({ ...PODS, name, subresource: 'status' }, 'merge', { status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }] } }, user);
}

export async function markFailed(e: TestEngine, name: string): Promise<void> {
  await e.api.patch({ ...PODS, name, subresource: 'status' }, 'merge', { status: { phase: 'Failed' } }, user);
}

/** Removes pods being deleted (what a kubelet does once their containers stop). */
export async function reapTerminating(e: TestEngine): Promise<void> {
  for (const p of e.api.list(PODS).items) {
    if (p.metadata.deletionTimestamp === undefined) continue;
    await e.api.delete({ ...PODS, name: p.metadata.name ?? '' }, user, { gracePeriodSeconds: 0 });
  }
}

/** Marks every pending (not ready) live pod ready, except those `skip` names. */
export async function readyAll(e: TestEngine, skip: (p: KubeObject) => boolean = () => false): Promise<void> {
  for (const p of e.api.list(PODS).items) {
    if (p.metadata.deletionTimestamp !== undefined || skip(p) || isReady(p)) continue;
    await markReady(e, p.metadata.name ?? '');
  }
}

/** Runs in steps, reaping terminating pods and readying new ones between steps. */
export async function settle(e: TestEngine, untilMs: number, stepMs = 1000, skip?: (p: KubeObject) => boolean): Promise<void> {
  while (e.clock.now() < untilMs) {
    await e.scheduler.run(Math.min(untilMs, e.clock.now() + stepMs));
    await reapTerminating(e);
    await readyAll(e, skip);
  }
  await e.scheduler.run(untilMs);
}

/** Advances virtual time by `ms` without touching pods. */
export async function advance(e: TestEngine, ms: number): Promise<void> {
  await e.scheduler.run(e.clock.now() + ms);
}
