/**
 * One internal form for label selectors, whether they came as a string
 * (`app=web,tier in (a,b)`) or as a structured `LabelSelector`
 * (`matchLabels` / `matchExpressions`). Requirements are kept sorted by key
 * and values sorted, so `selectorToString` is canonical, as Kubernetes'.
 *
 * A selector that is `'nothing'` matches no object (a nil structured
 * selector); an empty requirement list matches every object.
 *
 * @example
 * matches(parseSelector('app=web,!canary'), { app: 'web' }) // true
 */

export type SelectorOperator = '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

export interface Requirement {
  readonly key: string;
  readonly operator: SelectorOperator;
  /** Sorted and deduplicated; one value for `=`/`==`/`!=`/`gt`/`lt`, none for `exists`/`!`. */
  readonly values: readonly string[];
}

export type LabelSelectorInternal = readonly Requirement[] | 'nothing';

export type Labels = Readonly<Record<string, string>> | undefined;

/** Selects everything. */
export const EVERYTHING: LabelSelectorInternal = Object.freeze([]);
/** Selects nothing (what a nil structured selector means). */
export const NOTHING: LabelSelectorInternal = 'nothing';

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Builds a requirement with its values sorted and deduplicated. */
export function requirement(key: string, operator: SelectorOperator, values: readonly string[] = []): Requirement {
  return Object.freeze({ key, operator, values: Object.freeze([...new Set(values)].sort(cmp)) });
}

/** Sorts requirements by key (stable), as Kubernetes' parser does. */
export function sortRequirements(rs: readonly Requirement[]): readonly Requirement[] {
  return Object.freeze([...rs].sort((a, b) => cmp(a.key, b.key)));
}

export function requirementMatches(r: Requirement, labels: Labels): boolean {
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = has ? (labels as Record<string, string>)[r.key] : undefined;
  switch (r.operator) {
    case '=':
    case '==':
    case 'in':
      return has && r.values.includes(value as string);
    case '!=':
    case 'notin':
      return !has || !r.values.includes(value as string);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has || !/^-?[0-9]+$/.test(value as string)) return false;
      const v = BigInt(value as string);
      const bound = BigInt(r.values[0] ?? '0');
      return r.operator === 'gt' ? v > bound : v < bound;
    }
  }
}

/** True when every requirement holds for `labels`. */
export function matches(selector: LabelSelectorInternal, labels: Labels): boolean {
  if (selector === 'nothing') return false;
  return selector.every((r) => requirementMatches(r, labels));
}

export function isEverything(selector: LabelSelectorInternal): boolean {
  return selector !== 'nothing' && selector.length === 0;
}

export function requirementToString(r: Requirement): string {
  switch (r.operator) {
    case 'exists':
      return r.key;
    case '!':
      return `!${r.key}`;
    case 'in':
    case 'notin':
      return `${r.key} ${r.operator} (${r.values.join(',')})`;
    case 'gt':
      return `${r.key}>${r.values[0] ?? ''}`;
    case 'lt':
      return `${r.key}<${r.values[0] ?? ''}`;
    case '=':
    case '==':
    case '!=':
      return `${r.key}${r.operator}${r.values[0] ?? ''}`;
  }
}

/** The canonical string form; `''` for everything. A `'nothing'` selector has no string form and gives `''` too. */
export function selectorToString(selector: LabelSelectorInternal): string {
  if (selector === 'nothing') return '';
  return selector.map(requirementToString).join(',');
}

/** `{app: 'web'}` → `app=web`, keys sorted (Kubernetes' `SelectorFromSet`). */
export function selectorFromSet(set: Readonly<Record<string, string>>): LabelSelectorInternal {
  return sortRequirements(Object.keys(set).map((k) => requirement(k, '=', [set[k] ?? ''])));
}
