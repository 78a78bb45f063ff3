/**
 * A user's own custom resource for the harness's tests: `PodSet`
 * (example.com/v1), asking for `spec.replicas` pods labelled `app:
 * spec.app`. The correct controller (deterministic pod names `NAME-i`, so a
 * stale cache can never create a second pod for one slot) and the pieces the
 * buggy variants share.
 */
import type { ControllerDefinition, ReconcileContext } from '../../../src/controllers/index.js';
import { done } from '../../../src/controllers/index.js';
import type { Command, KubeObject } from '../../../src/model/index.js';
import type { StateView } from '../../../src/store/index.js';
import type { WorkloadKind } from '../../../src/testing/index.js';
import { ownedPodCount } from '../../../src/testing/index.js';

export const podSetCrd: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'podsets.example.com' },
  spec: {
    group: 'example.com',
    scope: 'Namespaced',
    names: { plural: 'podsets', singular: 'podset', kind: 'PodSet', listKind: 'PodSetList' },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        subresources: { status: {}, scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' } },
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: { type: 'object', properties: { replicas: { type: 'integer', minimum: 0 }, app: { type: 'string' } } },
              status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
            },
          },
        },
      },
    ],
  },
} as unknown as KubeObject;

/** Users create and change PodSets `a` and `b`; variants 0 and 1 share the app label `web`. */
export const podSets: WorkloadKind = {
  kind: 'podsets.example.com',
  make: (name, replicas, variant) => ({
    apiVersion: 'example.com/v1',
    kind: 'PodSet',
    metadata: { name, namespace: 'default' },
    spec: { replicas, app: variant < 2 ? 'web' : name },
  }),
};

/** A user's own pod labelled `app: web` (no owner): no PodSet controller may touch it. */
export const barePods: WorkloadKind = {
  kind: 'pods',
  scalable: false,
  make: (name) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `bare-${name}`, namespace: 'default', labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx' }] } }),
};

export const podSetPodCounts = ownedPodCount({ name: 'podset-pod-counts', group: 'example.com', resource: 'podsets', kind: 'PodSet' });
export const PODSET_OWNER = { group: 'example.com', resource: 'podsets', kind: 'PodSet' };

export const replicasOf = (ps: KubeObject): number => ((ps['spec'] as { replicas?: number } | undefined)?.replicas ?? 1);
export const appOf = (ps: KubeObject): string => ((ps['spec'] as { app?: string } | undefined)?.app ?? ps.metadata.name ?? '');

/** The pod `name` (or generated from `NAME-`) controlled by `ps`. */
export function podFor(ps: KubeObject, name: { name: string } | { generateName: string }): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...name,
      namespace: ps.metadata.namespace ?? 'default',
      labels: { app: appOf(ps), podset: ps.metadata.name ?? '' },
      ownerReferences: [{ apiVersion: 'example.com/v1', kind: 'PodSet', name: ps.metadata.name ?? '', uid: ps.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
    },
    spec: { containers: [{ name: 'app', image: 'nginx' }] },
  };
}

/** Active pods `ps` controls, by name. */
export function ownPods(view: StateView, ps: KubeObject): KubeObject[] {
  return view
    .byOwner(ps.metadata.uid ?? '')
    .filter((o) => o.kind === 'Pod' && o.metadata.deletionTimestamp === undefined && o.metadata.ownerReferences?.some((r) => r.controller === true && r.uid === ps.metadata.uid));
}

export function deletePod(pod: KubeObject): Command {
  return { type: 'delete', ref: { apiVersion: 'v1', kind: 'Pod', namespace: pod.metadata.namespace ?? 'default', name: pod.metadata.name ?? '' }, options: { preconditions: { uid: pod.metadata.uid ?? '' } } };
}

export function statusPatch(ps: KubeObject, status: Record<string, unknown>): Command {
  return { type: 'patch', ref: { apiVersion: 'example.com/v1', kind: 'PodSet', namespace: ps.metadata.namespace ?? 'default', name: ps.metadata.name ?? '' }, patchType: 'merge', patch: { status }, subresource: 'status' };
}

export const PODSET = { group: 'example.com', kind: 'PodSet' } as const;
export const POD = { group: '', kind: 'Pod' } as const;

/** The correct PodSet controller: level-triggered, idempotent, deterministic pod names. */
export const podSetController: ControllerDefinition = {
  name: 'podset',
  for: PODSET,
  owns: [POD],
  reconcile(key: string, view: StateView, _ctx: ReconcileContext) {
    const ps = view.get(key);
    if (ps === undefined || ps.metadata.deletionTimestamp !== undefined) return done();
    const want = replicasOf(ps);
    const pods = ownPods(view, ps);
    const names = new Set(pods.map((p) => p.metadata.name));
    const commands: Command[] = [];
    for (let i = 0; i < want; i++) if (!names.has(`${ps.metadata.name ?? ''}-${i}`)) commands.push({ type: 'create', object: podFor(ps, { name: `${ps.metadata.name ?? ''}-${i}` }) });
    for (const p of pods) {
      const ordinal = Number((p.metadata.name ?? '').slice((ps.metadata.name ?? '').length + 1));
      if (!(ordinal < want)) commands.push(deletePod(p));
    }
    const status = ps['status'] as { replicas?: number } | undefined;
    if (status?.replicas !== pods.length) commands.push(statusPatch(ps, { replicas: pods.length }));
    return { commands };
  },
};
