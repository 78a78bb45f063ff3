/**
 * Index functions the runtime maintains for controllers' `for.index`
 * selectors: one shared watch per (kind, index) routes each change to the
 * subscribers of the object's index value, so a thousand node agents do not
 * each filter every pod.
 */
import type { KubeObject } from '../model/index.js';

export type IndexFn = (obj: KubeObject) => string | undefined;

export const INDEXES: Readonly<Record<string, IndexFn>> = {
  /** Pods by the node they are bound to. */
  'spec.nodeName': (o) => {
    const n = (o['spec'] as { nodeName?: unknown } | undefined)?.nodeName;
    return typeof n === 'string' && n !== '' ? n : undefined;
  },
};
