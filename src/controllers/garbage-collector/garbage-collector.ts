/**
 * The garbage collector: honours ownerReferences across every kind it
 * watches, as kube-controller-manager 1.32's `garbage-collector-controller`
 * does — dependents of a vanished owner are deleted, an owner deleted in
 * the foreground goes after its blocking dependents, an owner deleted with
 * orphaning lets go of its dependents first. The decisions are in
 * `collect`; this file wires the watches.
 *
 * One definition watches every kind given (all deletable, watchable kinds
 * the registry serves, by default; pass custom kinds too, e.g. from
 * `deletableKinds(api.deps.kinds.kinds(store.head()))`). Its keys are
 * object keys of any of those kinds. Kinds defined by CRDs after the
 * collector started are resolved as owners but not watched until it is
 * re-added (Kubernetes re-syncs its monitors from discovery every 30 s).
 *
 * @example
 * manager.add(garbageCollector());
 */
import type { KindInfo, KindRegistry } from '../../model/index.js';
import { KindRegistry as Registry } from '../../model/index.js';
import type { ControllerDefinition, KindRef } from '../controller.js';
import { done } from '../controller.js';
import { collect } from './collect.js';
import { gcHandler } from './gc-handler.js';
import { OwnerResolver } from './owner-resolver.js';

/** Kubernetes' `DefaultIgnoredResources`: events are never garbage collected. */
const IGNORED = new Set(['/events', 'events.k8s.io/events']);

/** The kinds the collector watches: those that can be listed, watched and deleted, events excepted (one entry per group and kind). */
export function deletableKinds(kinds: readonly KindInfo[]): KindRef[] {
  const seen = new Set<string>();
  const out: KindRef[] = [];
  for (const k of kinds) {
    const id = `${k.group}/${k.kind}`;
    if (seen.has(id) || IGNORED.has(`${k.group}/${k.plural}`)) continue;
    if (!['list', 'watch', 'delete'].every((v) => (k.verbs as readonly string[]).includes(v))) continue;
    seen.add(id);
    out.push({ group: k.group, kind: k.kind });
  }
  return out;
}

export interface GarbageCollectorOptions {
  /** The kinds to watch; default: every deletable built-in kind. */
  readonly kinds?: readonly KindRef[];
  readonly registry?: KindRegistry;
  readonly name?: string;
}

export function garbageCollector(opts: GarbageCollectorOptions = {}): ControllerDefinition {
  const registry = opts.registry ?? new Registry();
  const kinds = opts.kinds ?? deletableKinds(registry.all());
  const first = kinds[0];
  if (first === undefined) throw new Error('garbageCollector: no kinds to watch');
  const resolver = new OwnerResolver(registry);
  return {
    name: opts.name ?? 'garbage-collector',
    // Every kind, the primary included, is woken through `gcHandler`; the primary's own path is closed.
    for: first,
    predicates: [() => false],
    watches: kinds.map((kind) => ({ kind, handler: gcHandler })),
    reconcile(key, view) {
      const obj = view.get(key);
      return obj === undefined ? done() : { commands: collect(view, resolver, obj) };
    },
  };
}
