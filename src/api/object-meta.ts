/**
 * The metadata the API server owns: identity on create (uid, name from
 * generateName, creationTimestamp, generation), and what an update may not
 * change (uid, creationTimestamp, deletion fields), with generation bumped
 * when anything outside metadata and status changes.
 */
import type { IdSource, KubeObject, ObjectMeta } from '../model/index.js';
import { badRequest, conflict, STALE_OBJECT_MESSAGE } from '../model/index.js';
import type { ResolvedTarget } from './target.js';

/** Kubernetes truncates generateName so name + 5-character suffix fits 63 characters. */
const MAX_GENERATE_NAME_PREFIX = 58;

export function nameForCreate(meta: ObjectMeta, ids: IdSource): string | undefined {
  if (meta.name !== undefined && meta.name !== '') return meta.name;
  if (meta.generateName === undefined || meta.generateName === '') return undefined;
  return meta.generateName.slice(0, MAX_GENERATE_NAME_PREFIX) + ids.suffix();
}

export interface CreateMetaInput {
  readonly ids: IdSource;
  readonly creationTimestamp: string;
  readonly tracksGeneration: boolean;
}

/** Stamps server-owned metadata on a new object; throws 400 when the client set a resourceVersion. */
export function metaForCreate(obj: KubeObject, name: string, namespace: string, input: CreateMetaInput): KubeObject {
  if (obj.metadata.resourceVersion !== undefined && obj.metadata.resourceVersion !== '') {
    throw badRequest('resourceVersion should not be set on objects to be created');
  }
  const {
    resourceVersion: _rv,
    deletionTimestamp: _dt,
    deletionGracePeriodSeconds: _dg,
    generation: _g,
    selfLink: _sl,
    ...rest
  } = obj.metadata;
  const metadata: ObjectMeta = {
    ...rest,
    name,
    ...(namespace === '' ? {} : { namespace }),
    uid: input.ids.uid(),
    creationTimestamp: input.creationTimestamp,
    ...(input.tracksGeneration ? { generation: 1 } : {}),
  };
  if (namespace === '') delete metadata.namespace;
  return { ...obj, metadata };
}

/** Spec-like content: everything but metadata and status (what generation tracks). */
function specOf(obj: KubeObject): string {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = obj;
  return JSON.stringify(rest);
}

export function specChanged(old: KubeObject, next: KubeObject): boolean {
  return specOf(old) !== specOf(next);
}

/**
 * Checks an update's preconditions (resourceVersion and uid when the client
 * sent them) and carries over the metadata a client cannot change.
 */
export function metaForUpdate(old: KubeObject, next: KubeObject, t: ResolvedTarget, tracksGeneration: boolean): KubeObject {
  const sentRv = next.metadata.resourceVersion;
  if (sentRv !== undefined && sentRv !== '' && sentRv !== old.metadata.resourceVersion) {
    throw conflict(t.status, t.name, STALE_OBJECT_MESSAGE);
  }
  const sentUid = next.metadata.uid;
  if (sentUid !== undefined && sentUid !== '' && sentUid !== old.metadata.uid) {
    throw conflict(
      t.status,
      t.name,
      `Precondition failed: UID in precondition: ${sentUid}, UID in object meta: ${old.metadata.uid ?? ''}`,
    );
  }
  if (next.metadata.name !== undefined && next.metadata.name !== old.metadata.name) {
    throw badRequest(`the name of the object (${next.metadata.name}) does not match the name on the URL (${t.name})`);
  }
  const {
    resourceVersion: _rv,
    namespace: _ns,
    deletionTimestamp: _dt,
    deletionGracePeriodSeconds: _dg,
    generation: _g,
    ...sentMeta
  } = next.metadata;
  const om = old.metadata;
  const generation = tracksGeneration ? (om.generation ?? 1) + (specChanged(old, next) ? 1 : 0) : om.generation;
  const metadata: ObjectMeta = {
    ...sentMeta,
    name: om.name ?? t.name,
    uid: om.uid ?? '',
    creationTimestamp: om.creationTimestamp ?? '',
    ...(om.namespace === undefined ? {} : { namespace: om.namespace }),
    ...(om.deletionTimestamp === undefined ? {} : { deletionTimestamp: om.deletionTimestamp }),
    ...(om.deletionGracePeriodSeconds === undefined ? {} : { deletionGracePeriodSeconds: om.deletionGracePeriodSeconds }),
    ...(generation === undefined ? {} : { generation }),
  };
  return { ...next, metadata };
}
