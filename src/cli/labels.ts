/** How kubectl names a kind in its output: `deployment.apps`, `configmap`. */
import type { KindInfo } from '../model/index.js';

export function kindLabel(info: KindInfo): string {
  const kind = info.kind.toLowerCase();
  return info.group === '' ? kind : `${kind}.${info.group}`;
}
