/**
 * ResourceQuota validation, as Kubernetes 1.32's `ValidateResourceQuota`:
 * every `spec.hard` name is a qualified name and, without a `/`, one of the
 * standard quota resources (`must be a standard resource for quota`); every
 * value is non-negative, and whole for the counted resources (`must be an
 * integer`); `spec.scopes` are known, fit every standard hard name
 * (BestEffort only counts `pods`; the other pod scopes `pods` and compute)
 * and do not conflict (BestEffort with NotBestEffort, Terminating with
 * NotTerminating); `spec.scopeSelector` requirements use a known scope and
 * an operator that suits it. On update the scopes are immutable.
 *
 * Values that Kubernetes prints with Go's `%#v` (quantities, scope lists)
 * are printed here as their strings.
 */
import { parseQuantity } from '../quantity.js';
import type { StatusCause } from '../status.js';
import { arr, obj, str, type Obj } from './access.js';
import { invalidValue, key, required } from './field-errors.js';
import { isQualifiedName } from './identifiers.js';

const STANDARD = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.storage', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods', 'resourcequotas', 'services', 'replicationcontrollers',
  'secrets', 'persistentvolumeclaims', 'configmaps', 'services.nodeports', 'services.loadbalancers',
]);
const INTEGER = new Set(['pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets', 'configmaps', 'persistentvolumeclaims', 'services.nodeports', 'services.loadbalancers']);
export const QUOTA_SCOPES = ['Terminating', 'NotTerminating', 'BestEffort', 'NotBestEffort', 'PriorityClass', 'CrossNamespacePodAffinity'] as const;
const POD_COMPUTE = new Set(['cpu', 'memory', 'limits.cpu', 'limits.memory', 'requests.cpu', 'requests.memory']);
const EXISTS_ONLY = new Set(['BestEffort', 'NotBestEffort', 'Terminating', 'NotTerminating', 'CrossNamespacePodAffinity']);

const isStandard = (name: string): boolean => STANDARD.has(name) || name.startsWith('hugepages-') || name.startsWith('requests.hugepages-');

/** Whether a quota with `scope` may limit `resource` (`IsResourceQuotaScopeValidForResource`). */
function scopeFits(scope: string, resource: string): boolean {
  if (scope === 'BestEffort') return resource === 'pods';
  if ((QUOTA_SCOPES as readonly string[]).includes(scope)) return resource === 'pods' || POD_COMPUTE.has(resource);
  return true;
}

const scopeList = (scopes: readonly string[]): string => `[]core.ResourceQuotaScope{${scopes.map((s) => JSON.stringify(s)).join(', ')}}`;
const invalidRaw = (field: string, rendered: string, detail: string): StatusCause => ({ reason: 'FieldValueInvalid', field, message: `Invalid value: ${rendered}: ${detail}` });

function validateHard(hard: Obj, out: StatusCause[]): void {
  for (const name of Object.keys(hard).sort()) {
    const path = key('spec.hard', name);
    const problems = isQualifiedName(name);
    for (const p of problems) out.push(invalidValue(path, name, p));
    if (problems.length === 0 && !name.includes('/') && !isStandard(name)) out.push(invalidValue(path, name, 'must be a standard resource for quota'));
    const raw = hard[name];
    let q;
    try {
      q = parseQuantity(raw as string);
    } catch {
      continue; // the quantity format is checked where quantities are decoded
    }
    if (q.nanos < 0n) out.push(invalidValue(path, String(raw), 'must be greater than or equal to 0'));
    if (INTEGER.has(name) && q.nanos % 1_000_000_000n !== 0n) out.push(invalidValue(path, String(raw), 'must be an integer'));
  }
}

function validateScopes(scopes: string[], hard: readonly string[], out: StatusCause[]): void {
  for (const s of scopes) {
    if (!(QUOTA_SCOPES as readonly string[]).includes(s)) out.push(invalidRaw('spec.scopes', scopeList(scopes), 'unsupported scope'));
    for (const h of hard) if (isStandard(h) && !scopeFits(s, h)) out.push(invalidRaw('spec.scopes', scopeList(scopes), 'unsupported scope applied to resource'));
  }
  const set = new Set(scopes);
  if ((set.has('BestEffort') && set.has('NotBestEffort')) || (set.has('Terminating') && set.has('NotTerminating'))) {
    out.push(invalidRaw('spec.scopes', scopeList(scopes), 'conflicting scopes'));
  }
}

function validateScopeSelector(selector: Obj, out: StatusCause[]): void {
  const base = 'spec.scopeSelector.matchExpressions';
  for (const raw of arr(selector.matchExpressions)) {
    const req = obj(raw);
    const scope = str(req.scopeName);
    const op = str(req.operator);
    const values = arr(req.values);
    if (!(QUOTA_SCOPES as readonly string[]).includes(scope)) out.push(invalidValue(`${base}.scopeName`, scope, 'unsupported scope'));
    if (EXISTS_ONLY.has(scope) && op !== 'Exists') {
      out.push(
        invalidValue(
          `${base}.operator`,
          op,
          "must be 'Exist' when scope is any of ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity",
        ),
      );
    }
    if (op === 'In' || op === 'NotIn') {
      if (values.length === 0) out.push(required(`${base}.values`, "must be at least one value when `operator` is 'In' or 'NotIn' for scope selector"));
    } else if (op === 'Exists' || op === 'DoesNotExist') {
      if (values.length > 0) out.push(invalidValue(`${base}.values`, values, "must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector"));
    } else {
      out.push(invalidValue(`${base}.operator`, op, 'not a valid selector operator'));
    }
  }
}

export function validateResourceQuota(rq: Obj): StatusCause[] {
  const out: StatusCause[] = [];
  const spec = obj(rq.spec);
  const hard = obj(spec.hard);
  validateHard(hard, out);
  validateScopes(arr(spec.scopes).map(str), Object.keys(hard).sort(), out);
  if (spec.scopeSelector !== undefined && spec.scopeSelector !== null) validateScopeSelector(obj(spec.scopeSelector), out);
  return out;
}

export function validateResourceQuotaUpdate(oldRq: Obj, newRq: Obj): StatusCause[] {
  const before = arr(obj(oldRq.spec).scopes).map(str);
  const after = arr(obj(newRq.spec).scopes).map(str);
  if (before.length === after.length && before.every((s, i) => s === after[i])) return [];
  return [invalidRaw('spec.scopes', scopeList(after), 'field is immutable')];
}
