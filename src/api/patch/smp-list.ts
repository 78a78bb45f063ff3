/**
 * The list half of strategic merge patch: merging lists of maps by their
 * patch merge key (with `$patch: delete` / `$patch: replace` items), merging
 * primitive lists as sets, deleting with `$deleteFromPrimitiveList`, and the
 * element order Kubernetes gives the result: items named in the patch (or in
 * `$setElementOrder`) in the patch's order, interleaved with the server-only
 * items in their live order.
 */
import { badRequest } from '../../model/index.js';
import { deepEqual, isObject, type JsonObject } from './json-value.js';

export const DIRECTIVE = '$patch';

/** How to merge one map item of a keyed list (supplied by the map half, to avoid a cycle). */
export type MergeItem = (original: JsonObject, patch: JsonObject) => JsonObject;

/** Merges `patch` into `original` (both already private copies) for a list with `patchStrategy: merge`. */
export function mergeList(
  original: unknown[],
  patch: unknown[],
  mergeKey: string | undefined,
  mergeItem: MergeItem,
  isDeleteList: boolean,
): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const maps = [...original, ...patch].some(isObject);
  if (!maps) {
    if (isDeleteList) return original.filter((v) => !patch.some((d) => d === v));
    const merged = uniqueScalars([...original, ...patch]);
    return order(merged, patch, original, undefined);
  }
  if (mergeKey === undefined) throw badRequest('cannot merge lists without merge key');
  const [base, items] = specialElements(original, patch, mergeKey);
  const merged = [...base];
  for (const item of items) {
    const m = item as JsonObject;
    if (!(mergeKey in m)) throw badRequest(`map: ${JSON.stringify(m)} does not contain declared merge key: ${mergeKey}`);
    const at = merged.findIndex((o) => isObject(o) && o[mergeKey] === m[mergeKey]);
    if (at >= 0) merged[at] = mergeItem(merged[at] as JsonObject, m);
    else merged.push(mergeItem({}, m));
  }
  return order(merged, patch, original, mergeKey);
}

/** Applies `$patch` items: `delete` removes matching items, `replace` drops the original. */
function specialElements(original: unknown[], patch: unknown[], mergeKey: string): [unknown[], unknown[]] {
  let base = original;
  let replace = false;
  const items: unknown[] = [];
  for (const v of patch) {
    if (!isObject(v)) throw badRequest(`list item ${JSON.stringify(v)} is not a map in a list merged by key ${mergeKey}`);
    if (!(DIRECTIVE in v)) {
      items.push(v);
      continue;
    }
    const d = v[DIRECTIVE];
    if (d === 'delete') {
      if (!(mergeKey in v)) throw badRequest('delete patch type with no merge key defined');
      base = base.filter((o) => !(isObject(o) && o[mergeKey] === v[mergeKey]));
    } else if (d === 'replace') {
      replace = true;
    } else if (d === 'merge') {
      throw badRequest('merging lists cannot yet be specified in the patch');
    } else {
      throw badRequest(`unknown patch type: ${JSON.stringify(d)} in map: ${JSON.stringify(v)}`);
    }
  }
  return replace ? [[], items] : [base, items];
}

function uniqueScalars(xs: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const x of xs) if (!out.some((y) => deepEqual(x, y))) out.push(x);
  return out;
}

/** Position of `item` in `list`, matching maps by merge key and scalars by value; -1 if absent. */
function indexIn(list: readonly unknown[], item: unknown, mergeKey: string | undefined): number {
  if (mergeKey === undefined) return list.findIndex((x) => deepEqual(x, item));
  if (!isObject(item)) return -1;
  return list.findIndex((x) => isObject(x) && !(DIRECTIVE in x) && x[mergeKey] === item[mergeKey]);
}

/**
 * Kubernetes' element order: the items present in `patchOrder` sorted by it,
 * merged with the other items kept in `serverOrder`; where both are in the
 * live list their live order decides, otherwise the patch item goes first.
 */
export function order(
  merged: readonly unknown[],
  patchOrder: readonly unknown[],
  serverOrder: readonly unknown[],
  mergeKey: string | undefined,
): unknown[] {
  const fromPatch = merged.filter((x) => indexIn(patchOrder, x, mergeKey) >= 0);
  const serverOnly = merged.filter((x) => indexIn(patchOrder, x, mergeKey) < 0);
  const sortBy = (xs: unknown[], by: readonly unknown[]): unknown[] =>
    xs
      .map((x, i) => ({ x, i, k: indexIn(by, x, mergeKey) }))
      .sort((a, b) => (a.k < 0 || b.k < 0 ? a.i - b.i : a.k - b.k || a.i - b.i))
      .map((e) => e.x);
  const right = sortBy(fromPatch, patchOrder);
  const left = sortBy(serverOnly, serverOrder);
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], mergeKey);
      const ri = indexIn(serverOrder, right[j], mergeKey);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

/**
 * `$setElementOrder` must list every (non-directive) item of the patch list,
 * in the same relative order; Kubernetes refuses the patch otherwise.
 */
export function checkSetElementOrder(patchList: readonly unknown[], orderList: readonly unknown[], mergeKey: string | undefined): void {
  const items = patchList.filter((x) => !(isObject(x) && DIRECTIVE in x));
  let p = 0;
  for (let s = 0; p < items.length && s < orderList.length; s++) {
    if (indexIn([orderList[s]], items[p], mergeKey) === 0) p++;
  }
  if (p < items.length) {
    throw badRequest(
      `The order in patch list: ${JSON.stringify(patchList)} doesn't match $setElementOrder list: ${JSON.stringify(orderList)}`,
    );
  }
}
