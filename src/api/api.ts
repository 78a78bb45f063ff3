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
import { assertNever, isAlreadyExists, KindRegistry } from '../model/index.js';
import type { Clock } from '../model/index.js';
import type { Log } from '../log/index.js';
import type { Store } from '../store/index.js';
import type { ApiDeps } from './deps.js';
import type { FieldTracker } from './field-tracker.js';
import type { Scheme } from './scheme.js';
import { createScheme } from './default-scheme.js';
import { managedFieldsTracker } from './managed-fields-tracker.js';
import type { ResolvedTarget, Target } from './target.js';
import { KindResolver } from './target.js';
import { apply } from './verbs/apply.js';
import { bind } from './verbs/bind.js';
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
}

/** Namespaces the API server creates at start, as kube-apiserver's bootstrap does. */
export const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'] as const;
export const BOOTSTRAP_ACTOR = 'controller:apiserver';

export class Api {
  readonly deps: ApiDeps;
  readonly registry: KindRegistry;

  constructor(opts: ApiOptions) {
    this.registry = opts.registry ?? new KindRegistry();
    this.deps = {
      log: opts.log,
      store: opts.store,
      clock: opts.clock,
      ids: opts.ids,
      epoch: opts.log.header.epoch,
      kinds: new KindResolver(this.registry),
      scheme: opts.scheme ?? createScheme({ strictServiceAccounts: opts.strictServiceAccounts === true }),
      fields: opts.fields ?? managedFieldsTracker,
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

  create(t: Target, body: unknown, ctx: RequestContext): Promise<KubeObject> {
    const r = this.resolve(t);
    if (isBinding(r)) return bind(this.deps, this.podsOf(r), body, ctx);
    return create(this.deps, r, body, ctx);
  }
  get(t: Target, opts: { resourceVersion?: string } = {}): KubeObject {
    return get(this.deps, this.resolve(t), opts);
  }
  list(t: Target, opts: ListOptions = {}): ObjectList {
    return list(this.deps, this.resolve(t), { ...opts, ...(t.namespace === undefined ? {} : { namespace: t.namespace }) });
  }
  update(t: Target, body: unknown, ctx: RequestContext): Promise<KubeObject> {
    return update(this.deps, this.resolve(t), body, ctx);
  }
  patch(t: Target, patchType: PatchType, body: unknown, ctx: RequestContext): Promise<KubeObject> {
    return patch(this.deps, this.resolve(t), patchType, body, ctx);
  }
  apply(t: Target, body: unknown, ctx: RequestContext, opts: { force?: boolean } = {}): Promise<KubeObject> {
    return apply(this.deps, this.resolve(t), body, ctx, opts);
  }
  delete(t: Target, ctx: RequestContext, options: DeleteOptions = {}): Promise<DeleteOutcome> {
    return del(this.deps, this.resolve(t), ctx, options);
  }
  deleteCollection(t: Target, req: DeleteCollectionRequest, ctx: RequestContext, options: DeleteOptions = {}): Promise<readonly KubeObject[]> {
    return deleteCollection(this.deps, this.resolve(t), { ...req, ...(t.namespace === undefined ? {} : { namespace: t.namespace }) }, ctx, options);
  }
  watch(t: Target, req: WatchRequest = {}): Observable<WatchEvent> {
    return watch(this.deps, this.resolve(t), { ...req, ...(t.namespace === undefined ? {} : { namespace: t.namespace }) });
  }

  /** Server-side apply of a manifest object (what `chronokube apply` and `kubectl apply --server-side` do). */
  applyObject(obj: KubeObject, ctx: RequestContext, opts: { force?: boolean; namespace?: string } = {}): Promise<KubeObject> {
    const t = this.resolveObject(obj, opts.namespace ?? 'default');
    return apply(this.deps, t, obj, ctx, opts);
  }

  /** Executes a command (what controllers return), through the same verbs as any client. */
  async execute(command: Command, ctx: RequestContext): Promise<KubeObject> {
    const head = this.deps.store.head();
    switch (command.type) {
      case 'create': {
        const t = this.deps.kinds.object(head, command.object, 'default', command.subresource);
        if (isBinding(t)) return bind(this.deps, this.podsOf(t), command.object, ctx);
        return create(this.deps, { ...t, name: '', key: '' }, command.object, ctx);
      }
      case 'update':
        return update(this.deps, this.deps.kinds.object(head, command.object, 'default', command.subresource), command.object, ctx);
      case 'patch':
        return patch(this.deps, this.deps.kinds.ref(head, command.ref, command.subresource), command.patchType, command.patch, ctx);
      case 'apply':
        return apply(
          this.deps,
          this.deps.kinds.object(head, command.object, 'default', command.subresource),
          command.object,
          { ...ctx, fieldManager: command.fieldManager },
          { force: command.force === true },
        );
      case 'delete':
        return (await del(this.deps, this.deps.kinds.ref(head, command.ref), ctx, command.options ?? {})).object;
      default:
        return assertNever(command, 'command');
    }
  }

  /** The pods target a binding request addresses (`pods/NAME/binding` or the `bindings` resource). */
  private podsOf(t: ResolvedTarget): ResolvedTarget {
    const pods = this.deps.kinds.byResource(this.deps.store.head(), '', 'v1', 'pods');
    return { ...pods, namespace: t.namespace, name: t.info.plural === 'pods' ? t.name : '', key: '' };
  }

  /** Creates the system namespaces that do not exist yet (idempotent). */
  async bootstrap(): Promise<void> {
    for (const name of SYSTEM_NAMESPACES) {
      try {
        await this.create({ group: '', version: 'v1', resource: 'namespaces' }, { metadata: { name } }, { actor: BOOTSTRAP_ACTOR });
      } catch (e) {
        if (!isAlreadyExists(e)) throw e;
      }
    }
  }
}

function isBinding(t: ResolvedTarget): boolean {
  return t.info.group === '' && ((t.info.plural === 'pods' && t.subresource === 'binding') || t.info.plural === 'bindings');
}

export function createApi(opts: ApiOptions): Api {
  return new Api(opts);
}
