/**
 * Commands: a write request as data. Users, controllers, node agents and the
 * fault injector all speak them; the API layer executes them. A controller's
 * reconcile returns commands and never calls the API itself, so its decisions
 * can be recorded, compared in replays and re-fed to new code.
 */
import type { KubeObject } from './object.js';

/** Names one object by apiVersion and kind, the way a manifest does. */
export interface ObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  /** `''` or absent for cluster-scoped kinds. */
  readonly namespace?: string;
  readonly name: string;
}

export type PatchType = 'json' | 'merge' | 'strategic';

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

export interface DeleteOptions {
  /** Seconds; 0 deletes at once. Absent: the kind's default (pods: `spec.terminationGracePeriodSeconds`). */
  readonly gracePeriodSeconds?: number;
  readonly propagationPolicy?: PropagationPolicy;
  readonly preconditions?: { readonly uid?: string; readonly resourceVersion?: string };
}

export type Command =
  | { readonly type: 'create'; readonly object: KubeObject; readonly subresource?: string }
  | { readonly type: 'update'; readonly object: KubeObject; readonly subresource?: string }
  | {
      readonly type: 'patch';
      readonly ref: ObjectRef;
      readonly patchType: PatchType;
      /** A JSON Patch array for `json`, an object for `merge` and `strategic`. */
      readonly patch: unknown;
      readonly subresource?: string;
    }
  | { readonly type: 'apply'; readonly object: KubeObject; readonly fieldManager: string; readonly force?: boolean; readonly subresource?: string }
  | { readonly type: 'delete'; readonly ref: ObjectRef; readonly options?: DeleteOptions };

/** Who sent a write and why: becomes the write record's actor, cause and observedRev. */
export interface RequestContext {
  /** `user:NAME`, `controller:NAME`, `node:NAME` or `client:NAME`. */
  readonly actor: string;
  /** The revisions the actor was reacting to. */
  readonly cause?: readonly number[];
  /** The newest revision the actor had seen when it decided. */
  readonly observedRev?: number;
  /** Field manager for managedFields; defaults to the actor's name. */
  readonly fieldManager?: string;
  /** `dryRun=All`: validate and answer, append nothing. */
  readonly dryRun?: boolean;
}

export function refOf(obj: KubeObject): ObjectRef {
  const ns = obj.metadata.namespace;
  return {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    ...(ns === undefined || ns === '' ? {} : { namespace: ns }),
    name: obj.metadata.name ?? '',
  };
}
