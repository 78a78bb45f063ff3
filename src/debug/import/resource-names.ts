/**
 * Names objects seen outside chronokube: (apiVersion, kind) → the resource
 * (plural), scope and key, and (group, resource) → kind, for imported and
 * recorded histories. Built-in kinds come from the model's Kubernetes 1.32
 * table; custom kinds from CRDs seen in the input (`learn`); anything else
 * is guessed the way Kubernetes' `UnsafeGuessKindToResource` does
 * (lower-case; `…s` → `…ses`, consonant + `y` → `…ies`, else `+s`).
 *
 * @example
 * const names = new ResourceNames();
 * names.keyOf({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'prod' } })
 * // 'apps/deployments/prod/web'
 */
import { KindRegistry, objectKey, splitApiVersion } from '../../model/index.js';
import type { KubeObject } from '../../model/index.js';

export interface ResourceName {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly plural: string;
  /** Undefined when neither the table nor a CRD says (then the object's namespace decides). */
  readonly namespaced: boolean | undefined;
}

/** Kubernetes' guess of a resource from a kind, used only for kinds nothing in the input defines. */
export function guessPlural(kind: string): string {
  const k = kind.toLowerCase();
  if (k.endsWith('s')) return `${k}es`;
  if (k.endsWith('y') && k.length > 1 && !'aeiou'.includes(k.charAt(k.length - 2))) return `${k.slice(0, -1)}ies`;
  return `${k}s`;
}

export class ResourceNames {
  private readonly registry = new KindRegistry({ includeAlpha: true });
  private readonly custom = new Map<string, ResourceName>();
  private readonly customByResource = new Map<string, ResourceName>();

  /** Remembers the kind a CustomResourceDefinition defines (its served versions share one plural). */
  learn(obj: KubeObject): void {
    if (obj.kind !== 'CustomResourceDefinition') return;
    const spec = (obj as { spec?: { group?: unknown; scope?: unknown; names?: { plural?: unknown; kind?: unknown }; versions?: unknown } }).spec;
    const group = spec?.group;
    const plural = spec?.names?.plural;
    const kind = spec?.names?.kind;
    if (typeof group !== 'string' || typeof plural !== 'string' || typeof kind !== 'string') return;
    const versions = Array.isArray(spec?.versions) ? (spec.versions as { name?: unknown }[]) : [];
    const first = versions.find((v) => typeof v.name === 'string')?.name;
    const name: ResourceName = { group, version: typeof first === 'string' ? first : '', kind, plural, namespaced: spec?.scope !== 'Cluster' };
    this.custom.set(`${group}/${kind}`, name);
    this.customByResource.set(`${group}/${plural}`, name);
  }

  /** What (apiVersion, kind) is stored as. */
  byKind(apiVersion: string, kind: string): ResourceName {
    const { group, version } = splitApiVersion(apiVersion);
    const info = this.registry.byApiVersionKind(apiVersion, kind) ?? this.registry.all({ includeAlpha: true }).find((k) => k.group === group && k.kind === kind);
    if (info !== undefined) return { group, version, kind, plural: info.plural, namespaced: info.namespaced };
    const custom = this.custom.get(`${group}/${kind}`);
    if (custom !== undefined) return { ...custom, version };
    return { group, version, kind, plural: guessPlural(kind), namespaced: undefined };
  }

  /** The kind of (group, resource), or undefined when nothing says (an audit objectRef of an unknown custom resource). */
  byResource(group: string, resource: string, version?: string): ResourceName | undefined {
    const info = this.registry.byResource(group, resource, version) ?? this.registry.byResource(group, resource);
    if (info !== undefined) return { group, version: version ?? info.version, kind: info.kind, plural: info.plural, namespaced: info.namespaced };
    const custom = this.customByResource.get(`${group}/${resource}`);
    return custom === undefined ? undefined : { ...custom, version: version ?? custom.version };
  }

  /** The history key of an object (its namespace decides the scope of a kind nothing defines). */
  keyOf(obj: KubeObject): string {
    const name = this.byKind(obj.apiVersion, obj.kind);
    const ns = name.namespaced === false ? '' : (obj.metadata.namespace ?? '');
    return objectKey({ group: name.group, resource: name.plural, namespace: ns, name: obj.metadata.name ?? '' });
  }
}
