/**
 * What the API knows about one kind at one version: its resource names,
 * scope, verbs, subresources and the extra fields its field selectors
 * accept. One `KindInfo` per (group, version, kind); the same resource
 * served at two versions (autoscaling v1 and v2) is two entries.
 */

export type Stability = 'alpha' | 'beta' | 'stable';

export type Verb = 'create' | 'delete' | 'deletecollection' | 'get' | 'list' | 'patch' | 'update' | 'watch';

export interface SubresourceInfo {
  /** `status`, `scale`, `binding`, `eviction`, `log`, `exec`, `proxy`, `finalize`, `ephemeralcontainers`, `resize`, `approval`. */
  readonly name: string;
  /** The kind the subresource speaks: `Scale` (autoscaling/v1), `Eviction` (policy/v1), the parent kind for `status`. */
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly verbs: readonly string[];
}

export interface KindInfo {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** The resource name (plural, lower case): `deployments`. */
  readonly plural: string;
  readonly singular: string;
  readonly shortNames: readonly string[];
  readonly namespaced: boolean;
  readonly stability: Stability;
  readonly verbs: readonly Verb[];
  readonly subresources: readonly SubresourceInfo[];
  readonly categories: readonly string[];
  /** Field selector fields beyond `metadata.name` and `metadata.namespace`. */
  readonly fieldSelectors: readonly string[];
  /** Registered at run time (a CRD), rather than built in. */
  readonly custom: boolean;
  /** The list kind: `DeploymentList`. */
  readonly listKind: string;
}

/** `v1` → stable, `v2beta1` → beta, `v1alpha3` → alpha (Kubernetes' version naming). */
export function stabilityOf(version: string): Stability {
  if (/^v[0-9]+alpha[0-9]*$/.test(version)) return 'alpha';
  if (/^v[0-9]+beta[0-9]*$/.test(version)) return 'beta';
  return 'stable';
}

/**
 * Kubernetes' version priority (`version.CompareKubeAwareVersionStrings`):
 * GA before beta before alpha, higher major first, then higher minor;
 * versions not of that shape sort after, alphabetically. Negative when `a`
 * comes first.
 */
export function compareKubeVersions(a: string, b: string): number {
  const parse = (v: string): [number, number, number] | undefined => {
    const m = /^v([0-9]+)(?:(alpha|beta)([0-9]*))?$/.exec(v);
    if (m === null) return undefined;
    const rank = m[2] === undefined ? 2 : m[2] === 'beta' ? 1 : 0;
    return [rank, Number(m[1]), m[3] === undefined || m[3] === '' ? 0 : Number(m[3])];
  };
  const pa = parse(a);
  const pb = parse(b);
  if (pa === undefined || pb === undefined) {
    if (pa !== undefined) return -1;
    if (pb !== undefined) return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (pa[0] !== pb[0]) return pb[0] - pa[0];
  if (pa[1] !== pb[1]) return pb[1] - pa[1];
  return pb[2] - pa[2];
}

export const STANDARD_VERBS: readonly Verb[] = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export interface KindSpec {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly plural: string;
  readonly singular?: string;
  readonly shortNames?: readonly string[];
  readonly namespaced: boolean;
  readonly verbs?: readonly Verb[];
  readonly subresources?: readonly SubresourceInfo[];
  readonly categories?: readonly string[];
  readonly fieldSelectors?: readonly string[];
  readonly listKind?: string;
}

/** Fills the derivable parts of a `KindInfo` from a spec. */
export function kindInfo(spec: KindSpec, custom = false): KindInfo {
  return Object.freeze({
    group: spec.group,
    version: spec.version,
    kind: spec.kind,
    plural: spec.plural,
    singular: spec.singular ?? spec.kind.toLowerCase(),
    shortNames: Object.freeze([...(spec.shortNames ?? [])]),
    namespaced: spec.namespaced,
    stability: stabilityOf(spec.version),
    verbs: Object.freeze([...(spec.verbs ?? STANDARD_VERBS)]),
    subresources: Object.freeze([...(spec.subresources ?? [])]),
    categories: Object.freeze([...(spec.categories ?? [])]),
    fieldSelectors: Object.freeze([...(spec.fieldSelectors ?? [])]),
    custom,
    listKind: spec.listKind ?? `${spec.kind}List`,
  });
}

const sub = (name: string, group: string, version: string, kind: string, verbs: readonly string[]): SubresourceInfo =>
  Object.freeze({ name, group, version, kind, verbs: Object.freeze([...verbs]) });

/** The `status` subresource of a kind. */
export const statusSub = (group: string, version: string, kind: string): SubresourceInfo =>
  sub('status', group, version, kind, ['get', 'patch', 'update']);
/** The `scale` subresource: always autoscaling/v1 Scale, as kubectl requires. */
export const scaleSub = (): SubresourceInfo => sub('scale', 'autoscaling', 'v1', 'Scale', ['get', 'patch', 'update']);
export const subresource = sub;
