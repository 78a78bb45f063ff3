/**
 * The view a controller with a lagging cache reads: its primary kind as of
 * now (the informer that woke it has delivered the change), every other
 * kind as of an older revision (each kind has its own informer, and the
 * others lag behind — the pods a controller just created are not in its pod
 * cache yet). That split is what makes stale reads bite in Kubernetes.
 */
import type { KubeObject, ResourceScope } from '../model/index.js';
import type { StateView } from '../store/index.js';

const groupOfKey = (key: string): string => {
  const g = key.slice(0, key.indexOf('/'));
  return g === 'core' ? '' : g;
};
const resourceOfKey = (key: string): string => key.split('/')[1] ?? '';

export function laggingView(fresh: StateView, stale: StateView, primary: ResourceScope): StateView {
  const isPrimaryKey = (key: string): boolean => groupOfKey(key) === primary.group && resourceOfKey(key) === primary.resource;
  const isPrimary = (scope: ResourceScope | undefined): boolean => scope !== undefined && scope.group === primary.group && scope.resource === primary.resource;
  const pick = (scope: ResourceScope | undefined): StateView => (isPrimary(scope) ? fresh : stale);
  const primaryKind = (o: KubeObject): boolean => fresh.get(keyGuess(o, primary)) === o;
  return {
    rev: stale.rev,
    get: (key) => (isPrimaryKey(key) ? fresh : stale).get(key),
    versionRev: (key) => (isPrimaryKey(key) ? fresh : stale).versionRev(key),
    list: (scope, filter) => pick(scope).list(scope, filter),
    count: (scope) => (scope === undefined ? stale.count() : pick(scope).count(scope)),
    byLabel: (scope, name, value) => pick(scope).byLabel(scope, name, value),
    byOwner: (uid) => [...fresh.byOwner(uid).filter(primaryKind), ...stale.byOwner(uid).filter((o) => !primaryKind(o))],
    keys: (scope) => (scope === undefined ? stale.keys() : pick(scope).keys(scope)),
  };
}

function keyGuess(o: KubeObject, primary: ResourceScope): string {
  const ns = o.metadata.namespace ?? '';
  return `${primary.group === '' ? 'core' : primary.group}/${primary.resource}/${ns === '' ? '_' : ns}/${o.metadata.name ?? ''}`;
}
