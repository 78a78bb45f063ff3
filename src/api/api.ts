/**
 * The API server as a library: Kubernetes' verbs over the event log. Every
 * write becomes exactly one write record (or nothing, when refused); every
 * read is served from the store at the revision the request names. The HTTP
 * front, the CLI, controllers and tests all use this same object.
 *
 * @example
 * const api = createApi({ log, store, clock, ids });
 * await api.bootstrap();
 * const pod = await api.create({ group: '', version: 'v1', resource: 'pods', namespace: 'default' }, body, { actor: 'user:alice' });
 */
import type { Observable } from 'rxjs';
import type { Command, DeleteOptions, IdSource, KubeObject, PatchType, RequestContext, WatchEvent } from '../model/index.js';
import { assertNever, isAlreadyExists, KindRegistry, objectKey } from '../model/index.js';
import type { Clock } from '../model/index.js';
import type { Log } from '../log/index.js';
import type { Store } from '../store/index.js';
import type { ApiDeps } from './deps.js';
import type { FieldTracker } from './field-tracker.js';
import type { Scheme } from './scheme.js';
import { createScheme } from './default-scheme.js';
import type { AdmissionPlugin } from './admission/admission-plugin.js';
import type { AdmissionConfig } from './admission/default-plugins.js';
import { defaultAdmissionPlugins } from './admission/default-plugins.js';
import type { AuthorizationRequest, Authorizer, RequestVerb } from './authorization/authorizer.js';
import { allowAll } from './authorization/authorizer.js';
import { subresourceCreate } from './subresource-creates.js';
import { reconcileBootstrapPolicy } from './authorization/bootstrap-policy.js';
import { isRbacAuthorizer } from './authorization/rbac-authorizer.js';
import { rbacEscalationPlugin } from './authorization/rbac-escalation.js';
import { kubernetesServiceFor } from './service-allocation/kubernetes-service.js';
import { DEFAULT_ADVERTISE_ADDRESS, reconcileKubernetesEndpoints } from './service-allocation/kubernetes-endpoints.js';
import { managedFieldsTracker } from './managed-fields-tracker.js';
import type { ResolvedTarget, Target } from './target.js';
import { KindResolver } from './target.js';
import { apply } from './verbs/apply.js';
import { create } from './verbs/create.js';
import type { DeleteOutcome } from './verbs/delete.js';
import { del } from './verbs/delete.js';
import type { DeleteCollectionRequest } from './verbs/delete-collection.js';
import { deleteCollection } from './verbs/delete-collection.js';
import { get } from './verbs/get.js';
import type { ListOptions, ObjectList } from './verbs/list.js';
import { list } from './verbs/list.js';
import { patch } from './verbs/patch.js';
import { update } from './verbs/update.js';
import type { WatchRequest } from './verbs/watch.js';
import { watch } from './verbs/watch.js';

export interface ApiOptions {
  readonly log: Log;
  readonly store: Store;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly registry?: KindRegistry;
  readonly scheme?: Scheme;
  readonly fields?: FieldTracker;
  /** Refuse pods whose service account does not exist (Kubernetes' behaviour; needs the ServiceAccount controller). */
  readonly strictServiceAccounts?: boolean;
  /** Admission plugins that read state, in order (default: Kubernetes' chain, see default-plugins.ts). */
  readonly admission?: readonly AdmissionPlugin[];
  /** Settings of the default chain (service CIDRs, node port range); ignored when `admission` is given. */
  readonly admissionConfig?: AdmissionConfig;
  /** Authorizes every request that carries a context (default: allow all). */
  readonly authorizer?: Authorizer;
  /** The address the `kubernetes` Service's Endpoints and EndpointSlice name (default 172.18.0.2, see kubernetes-endpoints.ts). */
  readonly advertiseAddress?: string;
}

/** Namespaces the API server creates at start, as kube-apiserver's bootstrap does. */
export const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'] as const;
export const BOOTSTRAP_ACTOR = 'controller:apiserver';

export class Api {
  readonly deps: ApiDeps;
  readonly registry: KindRegistry;
  /** The address the `kubernetes` Service's endpoints name. */
  readonly advertiseAddress: string;

  constructor(opts: ApiOptions) {
    this.registry = opts.registry ?? new KindRegistry();
    this.advertiseAddress = opts.advertiseAddress ?? DEFAULT_ADVERTISE_ADDRESS;
    const authorize = opts.authorizer ?? allowAll;
    const admission = opts.admission ?? defaultAdmissionPlugins({ log: opts.log, clock: opts.clock, epoch: opts.log.header.epoch }, opts.admissionConfig);
    this.deps = {
      log: opts.log,
      store: opts.store,
      clock: opts.clock,
      ids: opts.ids,
      epoch: opts.log.header.epoch,
      kinds: new KindResolver(this.registry),
      scheme: opts.scheme ?? createScheme({ strictServiceAccounts: opts.strictServiceAccounts === true }),
      fields: opts.fields ?? managedFieldsTracker,
      // With RBAC, a role or binding may only grant what its writer holds (Kubernetes' escalation check).
      admission: isRbacAuthorizer(authorize) ? [...admission, rbacEscalationPlugin(authorize)] : admission,
      authorize,
    };
  }

  get store(): Store {
    return this.deps.store;
  }

  /** Resolves a REST-style address against the current state (custom kinds included). */
  resolve(t: Target): ResolvedTarget {
    return this.deps.kinds.target(this.deps.store.head(), t);
  }

  /** Resolves the target a manifest object names. */
  resolveObject(obj: KubeObject, defaultNamespace = 'default', subresource?: string): ResolvedTarget {
    return this.deps.kinds.object(this.deps.store.head(), obj, defaultNamespace, subresource);
  }

  /** Throws 403 Forbidden unless `ctx`'s actor may make `verb` on `t` (what every request with a context passes first). */
  authorize(ctx: RequestContext, verb: RequestVerb, t: ResolvedTarget): void {
    this.deps.authorize(ctx, requestOf(verb, t));
  }

  async create(t: Target, body: unknown, ctx: RequestContext): Promise<KubeObject> {
    const r = this.resolve(t);
    this.authorize(ctx, 'create', r);
    const special = subresourceCreate(r);
    if (special !== undefined) return special(this.deps, r, body, ctx);
    return create(this.deps, r, body, ctx);
  }
  /** Reads take a context only when they come from a client to authorize (HTTP); library reads are trusted. */
  get(t: Target, opts: { resourceVersion?: string } = {}, ctx?: RequestContext): KubeObject {
    const r = this.resolve(t);
    if (ctx !== undefined) this.authorize(ctx, 'get', r);
    return get(this.deps, r, opts);
  }
  list(t: Target, opts: ListOptions = {}, ctx?: RequestContext): ObjectList {
    const r = this.resolve(t);
    if (ctx !== undefined) this.authorize(ctx, 'list', r);
    return list(this.deps, r, { ...opts, ...(t.namespace === undefined ? {} : { namespace: t.namespace }) });
  }
  async update(t: Target, body: unknown, ctx: RequestContext): Promise<KubeObject> {
    const r = this.resolve(t);
    this.authorize(ctx, 'update', r);
    return update(this.deps, r, body, ctx);
  }
  async patch(t: Target, patchType: PatchType, body: unknown, ctx: RequestContext): Promise<KubeObject> {
    const r = this.resolve(t);
    this.authorize(ctx, 'patch', r);
    return patch(this.deps, r, patchType, body, ctx);
  }
  async apply(t: Target, body: unknown, ctx: RequestContext, opts: { force?: boolean } = {}): Promise<KubeObject> {
    const r = this.resolve(t);
    this.authorize(ctx, 'patch', r);
    return apply(this.deps, r, body, ctx, opts);
  }
  async delete(t: Target, ctx: RequestContext, options: DeleteOptions = {}): Promise<DeleteOutcome> {
    const r = this.resolve(t);
    this.authorize(ctx, 'delete', r);
    return del(this.deps, r, ctx, options);
  }
  async deleteCollection(t: Target, req: DeleteCollectionRequest, ctx: RequestContext, options: DeleteOptions = {}): Promise<readonly KubeObject[]> {
    const r = this.resolve(t);
    this.authorize(ctx, 'deletecollection', r);
    return deleteCollection(this.deps, r, { ...req, ...(t.namespace === undefined ? {} : { namespace: t.namespace }) }, ctx, options);
  }
  watch(t: Target, req: WatchRequest = {}, ctx?: RequestContext): Observable<WatchEvent> {
    const r = this.resolve(t);
    if (ctx !== undefined) this.authorize(ctx, 'watch', r);
    return watch(this.deps, r, { ...req, ...(t.namespace === undefined ? {} : { namespace: t.namespace }) });
  }

  /** Server-side apply of a manifest object (what `chronokube apply` and `kubectl apply --server-side` do). */
  async applyObject(obj: KubeObject, ctx: RequestContext, opts: { force?: boolean; namespace?: string } = {}): Promise<KubeObject> {
    const t = this.resolveObject(obj, opts.namespace ?? 'default');
    this.authorize(ctx, 'patch', t);
    return apply(this.deps, t, obj, ctx, opts);
  }

  /** Executes a command (what controllers return), through the same verbs as any client. */
  async execute(command: Command, ctx: RequestContext): Promise<KubeObject> {
    const head = this.deps.store.head();
    switch (command.type) {
      case 'create': {
        const t = this.deps.kinds.object(head, command.object, 'default', command.subresource);
        this.authorize(ctx, 'create', t);
        const special = subresourceCreate(t);
        if (special !== undefined) return special(this.deps, t, command.object, ctx);
        return create(this.deps, { ...t, name: '', key: '' }, command.object, ctx);
      }
      case 'update': {
        const t = this.deps.kinds.object(head, command.object, 'default', command.subresource);
        this.authorize(ctx, 'update', t);
        return update(this.deps, t, command.object, ctx);
      }
      case 'patch': {
        const t = this.deps.kinds.ref(head, command.ref, command.subresource);
        this.authorize(ctx, 'patch', t);
        return patch(this.deps, t, command.patchType, command.patch, ctx);
      }
      case 'apply': {
        const t = this.deps.kinds.object(head, command.object, 'default', command.subresource);
        this.authorize(ctx, 'patch', t);
        return apply(this.deps, t, command.object, { ...ctx, fieldManager: command.fieldManager }, { force: command.force === true });
      }
      case 'delete': {
        const t = this.deps.kinds.ref(head, command.ref);
        this.authorize(ctx, 'delete', t);
        return (await del(this.deps, t, ctx, command.options ?? {})).object;
      }
      default:
        return assertNever(command, 'command');
    }
  }

  /**
   * What kube-apiserver creates at start, where missing (idempotent): the
   * system namespaces, the `kubernetes` Service in `default` (the first
   * address of the service range, https 443 → 6443) with its Endpoints and
   * EndpointSlice (the advertise address, https 6443), and — when RBAC
   * authorizes — the bootstrap roles and bindings every built-in component
   * needs (reconciled, as its RBAC post-start hook does).
   */
  async bootstrap(): Promise<void> {
    const ctx = { actor: BOOTSTRAP_ACTOR };
    for (const name of SYSTEM_NAMESPACES) {
      try {
        await this.create({ group: '', version: 'v1', resource: 'namespaces' }, { metadata: { name } }, ctx);
      } catch (e) {
        if (!isAlreadyExists(e)) throw e;
      }
    }
    const kubernetes = kubernetesServiceFor(this.deps.admission);
    // Looked up first, as kube-apiserver's reconciler does: creating it again would fail on its own address.
    if (kubernetes !== undefined && this.deps.store.head().get(objectKey({ group: '', resource: 'services', namespace: 'default', name: 'kubernetes' })) === undefined) {
      try {
        await this.create({ group: '', version: 'v1', resource: 'services', namespace: 'default' }, kubernetes, ctx);
      } catch (e) {
        if (!isAlreadyExists(e)) throw e;
      }
    }
    if (kubernetes !== undefined) {
      const group = (resource: 'endpoints' | 'endpointslices'): string => (resource === 'endpoints' ? '' : 'discovery.k8s.io');
      const collection = (resource: 'endpoints' | 'endpointslices'): Target => ({ group: group(resource), version: 'v1', resource, namespace: 'default' });
      await reconcileKubernetesEndpoints(
        {
          get: (resource) => this.deps.store.head().get(objectKey({ group: group(resource), resource, namespace: 'default', name: 'kubernetes' })),
          create: (resource, body) => this.create(collection(resource), body, ctx),
          update: (resource, body) => this.update({ ...collection(resource), name: 'kubernetes' }, body, ctx),
        },
        this.advertiseAddress,
      );
    }
    if (isRbacAuthorizer(this.deps.authorize)) await reconcileBootstrapPolicy(this, ctx);
  }
}

function requestOf(verb: RequestVerb, t: ResolvedTarget): AuthorizationRequest {
  return {
    verb,
    group: t.info.group,
    resource: t.info.plural,
    ...(t.subresource === undefined ? {} : { subresource: t.subresource }),
    namespace: t.namespace,
    name: t.name,
  };
}

export function createApi(opts: ApiOptions): Api {
  return new Api(opts);
}
