/**
 * The subject index of invariants whose verdict on an object reads only that
 * object: a write touches exactly its own key.
 */
import type { KubeObject } from '../model/index.js';
import type { StateView } from '../store/index.js';
import type { InvariantContext, KindRef, SubjectIndex, Violation } from './invariant.js';
import { writesKind } from './invariant.js';

export function perObject(kind: KindRef, checkOne: (obj: KubeObject, key: string, ctx: InvariantContext) => Violation | undefined): SubjectIndex {
  return {
    all: (view: StateView) => view.keys(kind),
    touched: (write) => (writesKind(write.key, [kind]) ? [write.key] : []),
    check: (view, key, ctx) => {
      const obj = view.get(key);
      const v = obj === undefined ? undefined : checkOne(obj, key, ctx);
      return v === undefined ? [] : [v];
    },
  };
}
