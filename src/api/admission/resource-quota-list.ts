/**
 * Resource lists (`{ 'requests.cpu': 500m, pods: 3 }`) and the arithmetic
 * quota needs over them, as apiserver's `quota/v1` resources helpers do:
 * add, subtract, mask to a set of names, `<=` naming what exceeds, and the
 * `name=value,...` printing of refusal messages (keys sorted, values in
 * Kubernetes' canonical quantity form). Quantities are exact (bigint nanos),
 * so a sum never drifts.
 *
 * @example
 * prettyPrint(parseResourceList({ pods: '2', 'requests.cpu': '1500m' })) // 'pods=2,requests.cpu=1500m'
 */
import type { Quantity } from '../../model/index.js';
import { addQuantities, compareQuantities, formatQuantity, parseQuantity, subtractQuantities, ZERO_QUANTITY } from '../../model/index.js';

export type ResourceList = Readonly<Record<string, Quantity>>;

/** Parses `{ name: '1Gi' }`; a value that is not a quantity is left out (validation refuses those). */
export function parseResourceList(raw: Readonly<Record<string, unknown>> | undefined): ResourceList {
  const out: Record<string, Quantity> = {};
  if (raw === undefined || raw === null || typeof raw !== 'object') return out;
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v !== 'string' && typeof v !== 'number') continue;
    try {
      out[k] = parseQuantity(v);
    } catch {
      // An unparsable quantity counts as absent.
    }
  }
  return out;
}

/** Sum per name; a name in only one list keeps its value (`quota.Add`). */
export function addLists(a: ResourceList, b: ResourceList): ResourceList {
  const out: Record<string, Quantity> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const have = out[k];
    out[k] = have === undefined ? v : addQuantities(have, v);
  }
  return out;
}

/** `a - b` per name of `a`, never below zero (`quota.SubtractWithNonNegativeResult`). */
export function subtractNonNegative(a: ResourceList, b: ResourceList): ResourceList {
  const out: Record<string, Quantity> = {};
  for (const [k, v] of Object.entries(a)) {
    const other = b[k];
    const diff = other === undefined ? v : subtractQuantities(v, other);
    out[k] = diff.nanos < 0n ? ZERO_QUANTITY : diff;
  }
  return out;
}

/** Only the names in `names` (`quota.Mask`). */
export function maskList(list: ResourceList, names: Iterable<string>): ResourceList {
  const out: Record<string, Quantity> = {};
  for (const n of names) {
    const v = list[n];
    if (v !== undefined) out[n] = v;
  }
  return out;
}

/** The names of `a` whose value exceeds `b`'s (names absent from `b` never exceed), sorted (`quota.LessThanOrEqual`). */
export function exceededNames(a: ResourceList, b: ResourceList): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(a)) {
    const limit = b[k];
    if (limit !== undefined && compareQuantities(v, limit) > 0) out.push(k);
  }
  return out.sort();
}

/** Whether every value is zero (`quota.IsZero`). */
export const isZeroList = (list: ResourceList): boolean => Object.values(list).every((q) => q.nanos === 0n);

/** The names with a negative value, sorted (`quota.IsNegative`). */
export const negativeNames = (list: ResourceList): string[] =>
  Object.entries(list)
    .filter(([, q]) => q.nanos < 0n)
    .map(([k]) => k)
    .sort();

/** Same names with equal values (`quota.Equals`: formats may differ). */
export function listsEqual(a: ResourceList, b: ResourceList): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => {
    const other = b[k];
    return other !== undefined && compareQuantities(a[k] as Quantity, other) === 0;
  });
}

/** `name=value` pairs, keys sorted, joined by `,` (the admission plugin's `prettyPrint`). */
export function prettyPrint(list: ResourceList): string {
  return Object.keys(list)
    .sort()
    .map((k) => `${k}=${formatQuantity(list[k] as Quantity)}`)
    .join(',');
}

/** Canonical strings, keys sorted: what a ResourceQuota's status shows. */
export function formatList(list: ResourceList): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(list).sort()) out[k] = formatQuantity(list[k] as Quantity);
  return out;
}
