/**
 * Admission plugins that need more than the object itself: the state they
 * are checked against (allocated Service addresses, ResourceQuota usage,
 * LimitRanges). Kubernetes runs its admission chain in two phases — every
 * mutating plugin, then object validation, then every validating plugin —
 * and so does chronokube: `mutate` runs after defaulting and the built-in
 * pod admission, `validate` after the object validated. Both run on create
 * and on update of the main resource and of subresources (a plugin that
 * only cares about one operation or kind returns early). A refusal is a
 * thrown `Status` (403 Forbidden for quota, 422 Invalid for a conflict);
 * nothing is written then.
 *
 * Plugins are pure functions of their attributes: they read `view` (the
 * state the write is decided against) and never write, so a refused write
 * leaves the history untouched and a replay admits the same way.
 */
import type { IdSource, KindInfo, KubeObject, RequestContext } from '../../model/index.js';
import type { StateView } from '../../store/index.js';

export type AdmissionOperation = 'CREATE' | 'UPDATE';

export interface AdmissionAttributes {
  readonly operation: AdmissionOperation;
  readonly info: KindInfo;
  readonly namespace: string;
  readonly name: string;
  /** `status`, `scale`, ... ; undefined for the main resource. */
  readonly subresource?: string;
  /** The object as it will be written (after defaulting; for `validate`, after every mutation). */
  readonly object: KubeObject;
  /** The current version, on update. */
  readonly oldObject?: KubeObject;
  /** The state the write is decided against. */
  readonly view: StateView;
  readonly ctx: RequestContext;
  readonly ids: IdSource;
}

export interface AdmissionPlugin {
  /** Kubernetes' plugin name (`ResourceQuota`, `LimitRanger`, ...), for messages and ordering. */
  readonly name: string;
  /** Returns the object to write (the same object when nothing changes); throws a Status to refuse. */
  mutate?(a: AdmissionAttributes): KubeObject;
  /** Throws a Status to refuse. */
  validate?(a: AdmissionAttributes): void;
}

/** Runs every plugin's `mutate` in order, each seeing the previous one's result. */
export function runMutating(plugins: readonly AdmissionPlugin[], a: AdmissionAttributes): KubeObject {
  let object = a.object;
  for (const p of plugins) if (p.mutate !== undefined) object = p.mutate({ ...a, object });
  return object;
}

/** Runs every plugin's `validate` in order; the first refusal wins. */
export function runValidating(plugins: readonly AdmissionPlugin[], a: AdmissionAttributes): void {
  for (const p of plugins) p.validate?.(a);
}
