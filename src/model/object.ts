/**
 * The shape every stored object shares. Kind-specific types come from the
 * `kubernetes-types` package (generated from the Kubernetes OpenAPI, so they
 * match the JSON on the wire); this file only names the generic envelope the
 * store and API handle without knowing the kind.
 */
import type { ObjectMeta, OwnerReference, ManagedFieldsEntry } from 'kubernetes-types/meta/v1.js';

export type { ObjectMeta, OwnerReference, ManagedFieldsEntry };

/** A Kubernetes object as JSON: apiVersion, kind, metadata, then kind-specific fields. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

/** JSON values, as they appear in manifests, patches and the history file. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Splits `apps/v1` into group `apps` and version `v1`; `v1` is the core group `''`. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** The inverse of `splitApiVersion`. */
export function joinApiVersion(group: string, version: string): string {
  return group === '' ? version : `${group}/${version}`;
}
