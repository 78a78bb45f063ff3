/**
 * The view a controller whose informers disagree reads: its primary kind
 * from one revision, every other kind from another. Each kind has its own
 * informer in Kubernetes, so they lag independently:
 * - a stale cache: the primary kind as of now (the informer that woke it
 *   has delivered the change), the others older — the pods a controller
 *   just created are not in its pod cache yet;
 * - events reordered across kinds: the others as of now, the primary kind
 *   older — a child's event arrives before its parent's.
 * That split is what makes stale reads bite. The view's `rev` is the older
 * of the two.
 */
import type { KubeObject, ResourceScope } from '../model/index.js';
import type { StateView } from '../store/index.js';

const groupOfKey = (key: string): string => {
  const g = key.slice(0, key.indexOf('/'));
  return g === 'core' ? '' : g;
};
const resourceOfKey = (key: string): string => key.split('/')[1] ?? '';

export function laggingView(primaryView: StateView, othersView: StateView, primary: ResourceScope): StateView {
  const isPrimaryKey = (key: string): boolean => groupOfKey(key) === primary.group && resourceOfKey(key) === primary.resource;
  const isPrimary = (scope: ResourceScope | undefined): boolean => scope !== undefined && scope.group === primary.group && scope.resource === primary.resource;
  const pick = (scope: ResourceScope | undefined): StateView => (isPrimary(scope) ? primaryView : othersView);
  const primaryKind = (o: KubeObject): boolean => primaryView.get(keyGuess(o, primary)) === o;
  return {
    rev: Math.min(primaryView.rev, othersView.rev),
    get: (key) => (isPrimaryKey(key) ? primaryView : othersView).get(key),
    versionRev: (key) => (isPrimaryKey(key) ? primaryView : othersView).versionRev(key),
    list: (scope, filter) => pick(scope).list(scope, filter),
    count: (scope) => (scope === undefined ? othersView.count() : pick(scope).count(scope)),
    byLabel: (scope, name, value) => pick(scope).byLabel(scope, name, value),
    byOwner: (uid) => [...primaryView.byOwner(uid).filter(primaryKind), ...othersView.byOwner(uid).filter((o) => !primaryKind(o))],
    keys: (scope) => (scope === undefined ? othersView.keys() : pick(scope).keys(scope)),
  };
}

function keyGuess(o: KubeObject, primary: ResourceScope): string {
  const ns = o.metadata.namespace ?? '';
  return `${primary.group === '' ? 'core' : primary.group}/${primary.resource}/${ns === '' ? '_' : ns}/${o.metadata.name ?? ''}`;
}
