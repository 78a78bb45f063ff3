/**
 * Cell formatting shared by several printers, each matching a Kubernetes
 * helper: label maps and selectors as kubectl prints them, the container
 * name/image pair, quantities in canonical form, "+ N more..." lists.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import { canonicalQuantity, fromLabelSelector, selectorFromSet, selectorToString } from '../../model/index.js';

/** `labels.FormatLabels`: `a=1,b=2` with keys sorted, `<none>` when empty. */
export function formatLabels(labels: Readonly<Record<string, string>> | undefined | null): string {
  const s = selectorToString(selectorFromSet(labels ?? {}));
  return s === '' ? '<none>' : s;
}

/**
 * `LabelSelectorAsSelector(...).String()`: `''` for a missing or empty
 * selector, `undefined` when an operator is unknown (the caller picks the
 * marker Kubernetes prints there).
 */
export function selectorString(selector: LabelSelector | undefined | null): string | undefined {
  try {
    return selectorToString(fromLabelSelector(selector));
  } catch {
    return undefined;
  }
}

/** `metav1.FormatLabelSelector`: `<none>` when it selects everything, `<error>` when invalid. */
export function formatLabelSelector(selector: LabelSelector | undefined | null): string {
  const s = selectorString(selector ?? {});
  if (s === undefined) return '<error>';
  return s === '' ? '<none>' : s;
}

/** The comma-joined container names and images of a pod template. */
export function containerCells(containers: readonly { name: string; image?: string }[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name).join(','), list.map((c) => c.image ?? '').join(',')];
}

/**
 * `Quantity.String()` of a stored quantity: canonical form, `0` when
 * absent, `<nil>` where Kubernetes dereferences a missing optional one.
 */
export function quantityString(q: string | number | undefined | null, missing: '0' | '<nil>' = '0'): string {
  if (q === undefined || q === null) return missing;
  try {
    return canonicalQuantity(q);
  } catch {
    return String(q);
  }
}

/** `printBoolPtr`: `True`, `False` or `<unset>`. */
export function boolPtr(value: boolean | undefined | null): string {
  if (value === undefined || value === null) return '<unset>';
  return value ? 'True' : 'False';
}

/** `listWithMoreString`: first `max` items, then ` + N more...`; `<unset>` when empty. */
export function listWithMore(items: readonly string[], max = 3): string {
  if (items.length > max) return `${items.slice(0, max).join(',')} + ${items.length - max} more...`;
  return items.length === 0 ? '<unset>' : items.join(',');
}

/** Sorted, de-duplicated load-balancer ingress points (IP, else hostname), comma-joined. */
export function loadBalancerIngress(ingress: readonly { ip?: string; hostname?: string }[] | undefined): string {
  const points = new Set<string>();
  for (const i of ingress ?? []) {
    if (i.ip !== undefined && i.ip !== '') points.add(i.ip);
    else if (i.hostname !== undefined && i.hostname !== '') points.add(i.hostname);
  }
  return [...points].sort().join(',');
}

/** `IntOrString.String()`. */
export const intOrString = (v: number | string): string => String(v);
