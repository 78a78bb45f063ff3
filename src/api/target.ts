/**
 * Resolving what a request is about: the kind (built in, or served by a CRD
 * in the current state), its strategy, the object's key and the names used
 * in error messages. Every verb starts here.
 */
import type { KindInfo, KubeObject, ObjectRef, StatusTarget } from '../model/index.js';
import { badRequest, KindRegistry, notFound, objectKey, splitApiVersion, StatusError, statusOf } from '../model/index.js';
import type { StateView } from '../store/index.js';
import { customKinds } from './crd-kinds.js';
import type { CustomKind } from './crd-kinds.js';
import { strategyFor } from './strategy.js';
import type { KindStrategy } from './strategy.js';

/** What the API needs from the kind registry. */
export interface KindLookup {
  byKind(group: string, version: string, kind: string): KindInfo | undefined;
  byResource(group: string, resource: string, version?: string): KindInfo | undefined;
  all(): readonly KindInfo[];
  resolve(name: string): KindInfo | undefined;
}

/** A request's address, as in a REST path: `/apis/GROUP/VERSION/namespaces/NS/RESOURCE/NAME/SUBRESOURCE`. */
export interface Target {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly subresource?: string;
}

export interface ResolvedKind {
  readonly info: KindInfo;
  readonly strategy: KindStrategy;
  /** The openAPIV3Schema of a custom kind's version. */
  readonly schema?: unknown;
  readonly status: StatusTarget;
}

export interface ResolvedTarget extends ResolvedKind {
  readonly namespace: string;
  readonly name: string;
  readonly key: string;
  readonly subresource?: string;
}

/** Resolves built-in kinds from the registry, custom ones from the CRDs at `view`. */
export class KindResolver {
  private cachedAt = -1;
  private custom: CustomKind[] = [];

  constructor(private readonly registry: KindLookup) {}

  private customAt(view: StateView): CustomKind[] {
    if (this.cachedAt !== view.rev) {
      this.custom = customKinds(view);
      this.cachedAt = view.rev;
    }
    return this.custom;
  }

  /** Every kind served at `view`: built-ins, then custom kinds. */
  kinds(view: StateView): readonly KindInfo[] {
    return [...this.registry.all(), ...this.customAt(view).map((c) => c.info)];
  }

  /**
   * What a user typed after `kubectl get` (`po`, `deployments.apps`,
   * `widget`), among built-in and custom kinds; undefined if nothing matches.
   */
  resolveName(view: StateView, name: string): ResolvedKind | undefined {
    const custom = this.customAt(view);
    const info = custom.length === 0 ? this.registry.resolve(name) : new KindRegistry({ kinds: this.kinds(view) }).resolve(name);
    if (info === undefined) return undefined;
    const c = custom.find((k) => k.info === info);
    return resolved(info, c?.schema);
  }

  byResource(view: StateView, group: string, version: string, resource: string): ResolvedKind {
    const builtIn = this.registry.byResource(group, resource, version);
    if (builtIn !== undefined) return resolved(builtIn);
    const c = this.customAt(view).find(
      (k) => k.info.group === group && k.info.version === version && k.info.plural === resource,
    );
    if (c !== undefined) return resolved(c.info, c.schema);
    throw new StatusError(
      statusOf('NotFound', `the server could not find the requested resource (${resource}${group === '' ? '' : `.${group}`} ${group === '' ? '' : `${group}/`}${version})`, {
        group,
        kind: resource,
      }),
    );
  }

  byKind(view: StateView, apiVersion: string, kind: string): ResolvedKind {
    const { group, version } = splitApiVersion(apiVersion);
    const builtIn = this.registry.byKind(group, version, kind);
    if (builtIn !== undefined) return resolved(builtIn);
    const c = this.customAt(view).find((k) => k.info.group === group && k.info.version === version && k.info.kind === kind);
    if (c !== undefined) return resolved(c.info, c.schema);
    throw new StatusError(
      statusOf('NotFound', `no matches for kind "${kind}" in version "${apiVersion}"`, { group, kind }),
    );
  }

  target(view: StateView, t: Target): ResolvedTarget {
    return at(this.byResource(view, t.group, t.version, t.resource), t.namespace, t.name, t.subresource);
  }

  ref(view: StateView, ref: ObjectRef, subresource?: string): ResolvedTarget {
    return at(this.byKind(view, ref.apiVersion, ref.kind), ref.namespace, ref.name, subresource);
  }

  /** The target an object names (for create/update/apply of a manifest), in `defaultNamespace` when it names none. */
  object(view: StateView, obj: KubeObject, defaultNamespace = 'default', subresource?: string): ResolvedTarget {
    if (typeof obj.apiVersion !== 'string' || obj.apiVersion === '') throw badRequest('Object \'apiVersion\' is missing');
    if (typeof obj.kind !== 'string' || obj.kind === '') throw badRequest("Object 'Kind' is missing");
    const k = this.byKind(view, obj.apiVersion, obj.kind);
    const ns = k.info.namespaced ? (obj.metadata?.namespace ?? defaultNamespace) : '';
    return at(k, ns, obj.metadata?.name ?? '', subresource);
  }
}

/** Built-in kinds resolve to the same (read-only) value every time; building it per request showed in profiles. */
const resolvedBuiltIns = new WeakMap<KindInfo, ResolvedKind>();

function resolved(info: KindInfo, schema?: unknown): ResolvedKind {
  if (schema !== undefined) return resolvedFresh(info, schema);
  let r = resolvedBuiltIns.get(info);
  if (r === undefined) {
    r = resolvedFresh(info, undefined);
    resolvedBuiltIns.set(info, r);
  }
  return r;
}

function resolvedFresh(info: KindInfo, schema: unknown): ResolvedKind {
  return {
    info,
    strategy: strategyFor(info),
    ...(schema === undefined ? {} : { schema }),
    status: { group: info.group, resource: info.plural },
  };
}

function at(k: ResolvedKind, namespace: string | undefined, name: string | undefined, subresource?: string): ResolvedTarget {
  const ns = k.info.namespaced ? (namespace ?? '') : '';
  if (k.info.namespaced && ns === '' && name !== undefined && name !== '') throw badRequest(`${k.info.plural}${k.info.group === '' ? '' : `.${k.info.group}`} is namespaced: a namespace is required`);
  if (subresource !== undefined && !k.info.subresources.some((s) => s.name === subresource)) {
    throw notFound(k.status, `${name ?? ''}/${subresource}`);
  }
  const n = name ?? '';
  return {
    ...k,
    namespace: ns,
    name: n,
    key: n === '' ? '' : objectKey({ group: k.info.group, resource: k.info.plural, namespace: ns, name: n }),
    ...(subresource === undefined ? {} : { subresource }),
  };
}
