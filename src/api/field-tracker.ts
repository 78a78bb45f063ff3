/**
 * managedFields bookkeeping seen from the verbs: who owns which fields after
 * an Update-style write, and the result of a server-side apply. The
 * structured-merge machinery lives in ./apply; this is the seam the verbs use.
 */
import type { KubeObject } from '../model/index.js';

export interface FieldTrackOptions {
  readonly subresource?: string;
  /** False for kinds without a status subresource (some custom resources): status is then an ordinary field. */
  readonly statusSubresource: boolean;
}

export interface FieldTracker {
  /** `next` with managedFields updated for a non-apply write by `manager` (old undefined on create). */
  update(old: KubeObject | undefined, next: KubeObject, manager: string, time: string, opts: FieldTrackOptions): KubeObject;
  /** Merges an applied configuration into `live` for `manager`; throws a 409 Conflict Status listing conflicting fields unless `force`. */
  apply(
    live: KubeObject | undefined,
    applied: KubeObject,
    manager: string,
    opts: FieldTrackOptions & { readonly force: boolean; readonly time: string; readonly apiVersion: string },
  ): KubeObject;
}
