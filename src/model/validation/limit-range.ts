/**
 * LimitRange validation, as Kubernetes 1.32's `ValidateLimitRange`: each
 * item's `type` is Pod, Container or PersistentVolumeClaim (or a qualified
 * custom type) and appears once; a Pod item has no `default` or
 * `defaultRequest`; a claim item bounds `storage` by a min or a max; per
 * resource, min <= defaultRequest <= default <= max, min <= max, a
 * `maxLimitRequestRatio` is at least 1 and at most max/min. Resource names
 * are checked in sorted order; quantities are printed as their strings
 * (Kubernetes prints Go's `%#v` of the struct).
 */
import type { Quantity } from '../quantity.js';
import { compareQuantities, formatQuantity, milliValue, parseQuantity } from '../quantity.js';
import type { StatusCause } from '../status.js';
import { arr, obj, str, type Obj } from './access.js';
import { duplicate, forbidden, invalidValue, key, required } from './field-errors.js';
import { isQualifiedName } from './identifiers.js';

const STANDARD_TYPES = new Set(['Pod', 'Container', 'PersistentVolumeClaim']);
const STANDARD_CONTAINER = new Set(['cpu', 'memory', 'ephemeral-storage']);

function quantities(o: unknown): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  for (const [k, v] of Object.entries(obj(o))) {
    try {
      out.set(k, parseQuantity(v as string));
    } catch {
      // malformed quantities are refused where quantities are decoded
    }
  }
  return out;
}

function checkName(type: string, name: string, path: string, out: StatusCause[]): void {
  const problems = isQualifiedName(name);
  for (const p of problems) out.push(invalidValue(path, name, p));
  if (problems.length > 0 || name.includes('/')) return;
  if ((type === 'Pod' || type === 'Container') && !STANDARD_CONTAINER.has(name) && !name.startsWith('hugepages-')) {
    out.push(invalidValue(path, name, 'must be a standard resource for containers'));
  }
}

/** Resources that may not be overcommitted (extended resources, hugepages): default must equal defaultRequest. */
const overcommitAllowed = (name: string): boolean => (!name.includes('/') || name.includes('kubernetes.io/')) && !name.startsWith('hugepages-');

function checkItem(item: Obj, path: string, out: StatusCause[]): void {
  const type = str(item.type);
  const names = new Set<string>();
  const section = (field: string): Map<string, Quantity> => {
    const m = quantities(item[field]);
    for (const k of [...m.keys()].sort()) {
      checkName(type, k, key(`${path}.${field}`, k), out);
      names.add(k);
    }
    return m;
  };
  const max = section('max');
  const min = section('min');
  let defaults = new Map<string, Quantity>();
  let defaultRequests = new Map<string, Quantity>();
  if (type === 'Pod') {
    if (Object.keys(obj(item.default)).length > 0) out.push(forbidden(`${path}.default`, "may not be specified when `type` is 'Pod'"));
    if (Object.keys(obj(item.defaultRequest)).length > 0) out.push(forbidden(`${path}.defaultRequest`, "may not be specified when `type` is 'Pod'"));
  } else {
    defaults = section('default');
    defaultRequests = section('defaultRequest');
  }
  if (type === 'PersistentVolumeClaim' && !min.has('storage') && !max.has('storage')) {
    out.push(required(`${path}.limits`, 'either minimum or maximum storage value is required, but neither was provided'));
  }
  const ratios = section('maxLimitRequestRatio');
  const s = formatQuantity;
  for (const k of [...names].sort()) {
    const [mn, mx, df, dr, ratio] = [min.get(k), max.get(k), defaults.get(k), defaultRequests.get(k), ratios.get(k)];
    const gt = (a: Quantity | undefined, b: Quantity | undefined): boolean => a !== undefined && b !== undefined && compareQuantities(a, b) > 0;
    if (gt(mn, mx)) out.push(invalidValue(key(`${path}.min`, k), s(mn!), `min value ${s(mn!)} is greater than max value ${s(mx!)}`));
    if (gt(mn, dr)) out.push(invalidValue(key(`${path}.defaultRequest`, k), s(dr!), `min value ${s(mn!)} is greater than default request value ${s(dr!)}`));
    if (gt(dr, mx)) out.push(invalidValue(key(`${path}.defaultRequest`, k), s(dr!), `default request value ${s(dr!)} is greater than max value ${s(mx!)}`));
    if (gt(dr, df)) out.push(invalidValue(key(`${path}.defaultRequest`, k), s(dr!), `default request value ${s(dr!)} is greater than default limit value ${s(df!)}`));
    if (gt(mn, df)) out.push(invalidValue(key(`${path}.default`, k), s(mn!), `min value ${s(mn!)} is greater than default value ${s(df!)}`));
    if (gt(df, mx)) out.push(invalidValue(key(`${path}.default`, k), s(mx!), `default value ${s(df!)} is greater than max value ${s(mx!)}`));
    if (ratio !== undefined && ratio.nanos < 1_000_000_000n) {
      out.push(invalidValue(key(`${path}.maxLimitRequestRatio`, k), s(ratio), `ratio ${s(ratio)} is less than 1`));
    }
    if (ratio !== undefined && mn !== undefined && mx !== undefined && milliValue(mn) > 0n) {
      const limit = Number(milliValue(mx)) / Number(milliValue(mn));
      if (Number(milliValue(ratio)) / 1000 > limit) {
        out.push(invalidValue(key(`${path}.maxLimitRequestRatio`, k), s(ratio), `ratio ${s(ratio)} is greater than max/min = ${limit.toFixed(6)}`));
      }
    }
    if (!overcommitAllowed(k) && df !== undefined && dr !== undefined && compareQuantities(df, dr) !== 0) {
      out.push(invalidValue(key(`${path}.defaultRequest`, k), s(dr), `default value ${s(df)} must equal to defaultRequest value ${s(dr)} in ${k}`));
    }
  }
}

export function validateLimitRange(lr: Obj): StatusCause[] {
  const out: StatusCause[] = [];
  const seen = new Set<string>();
  arr(obj(lr.spec).limits).forEach((raw, i) => {
    const item = obj(raw);
    const path = `spec.limits[${i}]`;
    const type = str(item.type);
    const problems = isQualifiedName(type);
    for (const p of problems) out.push(invalidValue(`${path}.type`, type, p));
    if (problems.length === 0 && !type.includes('/') && !STANDARD_TYPES.has(type)) {
      out.push(invalidValue(`${path}.type`, type, 'must be a standard limit type or fully qualified'));
    }
    if (seen.has(type)) out.push(duplicate(`${path}.type`, type));
    seen.add(type);
    checkItem(item, path, out);
  });
  return out;
}
