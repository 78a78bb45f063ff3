/**
 * Which resources the namespace controller empties: what kube-controller-manager
 * gets from `ServerPreferredNamespacedResources` discovery, narrowed to the
 * resources that support `delete` (Kubernetes 1.32,
 * pkg/controller/namespace/deletion/namespaced_resources_deleter.go,
 * `deleteAllContent`).
 *
 * Discovery is read from data, never from the API object: the built-in kinds
 * of the model's `KindRegistry` (GA and beta, as served by default) plus the
 * custom kinds the CRDs in the view define (the API layer's `customKinds`),
 * so a replay sees exactly the kinds its CRDs served at each revision.
 * One entry per group and resource, at its preferred version (highest
 * Kubernetes version priority), sorted by group then resource so the
 * commands built from it come out in a stable order.
 */
import { customKinds } from '../../api/index.js';
import type { KindInfo } from '../../model/index.js';
import { compareKubeVersions, KindRegistry } from '../../model/index.js';
import type { StateView } from '../../store/index.js';

/** Built-in kinds never change during a run: one registry, read only. */
const BUILT_IN = new KindRegistry();

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Every namespaced, deletable resource served at `view`, at its preferred version. */
export function deletableNamespacedResources(view: StateView): KindInfo[] {
  const preferred = new Map<string, KindInfo>();
  for (const k of [...BUILT_IN.all(), ...customKinds(view).map((c) => c.info)]) {
    if (!k.namespaced || !k.verbs.includes('delete')) continue;
    const id = `${k.group}/${k.plural}`;
    const seen = preferred.get(id);
    if (seen === undefined || compareKubeVersions(k.version, seen.version) < 0) preferred.set(id, k);
  }
  return [...preferred.values()].sort((a, b) => cmp(a.group, b.group) || cmp(a.plural, b.plural));
}
