/**
 * Resolving an ownerReference to the key where its owner would be stored.
 * Kinds come from the built-in registry and the CustomResourceDefinitions in
 * the view (so a custom owner resolves at whatever revision is being
 * reconciled), matched by group and kind whatever the reference's version.
 *
 * Kubernetes' rules (docs "Owners and Dependents"): a namespaced owner is
 * looked up in the dependent's namespace (absent there = absent); a
 * cluster-scoped dependent naming a namespaced owner kind has an
 * unresolvable reference and is never collected through it.
 */
import type { KindInfo, KubeObject, OwnerReference } from '../../model/index.js';
import { KindRegistry, objectKey, splitApiVersion } from '../../model/index.js';
import { customKinds } from '../../api/index.js';
import type { StateView } from '../../store/index.js';

export type Resolution = { readonly type: 'key'; readonly key: string } | { readonly type: 'unresolvable'; readonly why: string };

export class OwnerResolver {
  private readonly builtin = new Map<string, KindInfo>();

  constructor(registry: KindRegistry = new KindRegistry()) {
    for (const k of registry.all({ includeAlpha: true })) {
      const id = `${k.group}/${k.kind}`;
      if (!this.builtin.has(id)) this.builtin.set(id, k);
    }
  }

  /** The kind of `group`/`kind`, built in or defined by a CRD in `view`. */
  kind(view: StateView, group: string, kind: string): KindInfo | undefined {
    return this.builtin.get(`${group}/${kind}`) ?? customKinds(view).find((c) => c.info.group === group && c.info.kind === kind)?.info;
  }

  resolve(view: StateView, dependent: KubeObject, ref: OwnerReference): Resolution {
    const { group } = splitApiVersion(ref.apiVersion);
    const info = this.kind(view, group, ref.kind);
    if (info === undefined) return { type: 'unresolvable', why: `unknown kind ${ref.apiVersion}/${ref.kind}` };
    const ns = dependent.metadata.namespace ?? '';
    if (info.namespaced && ns === '') return { type: 'unresolvable', why: `cluster-scoped object names namespaced owner kind ${ref.kind}` };
    return { type: 'key', key: objectKey({ group, resource: info.plural, namespace: info.namespaced ? ns : '', name: ref.name }) };
  }
}
