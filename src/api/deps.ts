/** Everything a verb needs, wired once by `createApi`. */
import type { IdSource } from '../model/index.js';
import type { Scheme } from './scheme.js';
import type { KindResolver } from './target.js';
import type { WriteDeps } from './write-path.js';
import type { FieldTracker } from './field-tracker.js';
import type { AdmissionPlugin } from './admission/admission-plugin.js';
import type { Authorizer } from './authorization/authorizer.js';

export interface ApiDeps extends WriteDeps {
  readonly ids: IdSource;
  /** Unix ms of the run's time 0 (the history header's epoch), for timestamps. */
  readonly epoch: number;
  readonly kinds: KindResolver;
  readonly scheme: Scheme;
  readonly fields: FieldTracker;
  /** Admission plugins that read state (quota, limits, Service addresses), run on create and update. */
  readonly admission: readonly AdmissionPlugin[];
  /** Decides whether a request's actor may make it; throws 403 Forbidden. */
  readonly authorize: Authorizer;
}

/** The field manager for a request: the one named, else derived from the actor (`controller:replicaset` → `replicaset`). */
export function fieldManagerOf(actor: string, named: string | undefined): string {
  if (named !== undefined && named !== '') return named;
  const colon = actor.indexOf(':');
  return colon < 0 ? actor : actor.slice(colon + 1);
}
