/**
 * Field selectors (`metadata.name=web,status.phase!=Running`), parsed and
 * matched as Kubernetes' `fields.ParseSelector`: operators `=`, `==`, `!=`;
 * terms separated by commas; `\`, `,` and `=` escaped with a backslash in
 * values. A field absent from an object reads as `''`.
 *
 * @example
 * const sel = parseFieldSelector('spec.nodeName=node-1,status.phase!=Failed');
 * fieldsMatch(sel, { 'spec.nodeName': 'node-1', 'status.phase': 'Running' }) // true
 */

export type FieldOperator = '=' | '==' | '!=';

export interface FieldRequirement {
  readonly field: string;
  readonly operator: FieldOperator;
  readonly value: string;
}

export type FieldSelector = readonly FieldRequirement[];

export class FieldSelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FieldSelectorError';
  }
}

/** Splits on commas not preceded by an escaping backslash. */
function splitTerms(s: string): string[] {
  const terms: string[] = [];
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === ',') {
      terms.push(s.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(s.slice(start));
  return terms;
}

const OPERATORS: readonly FieldOperator[] = ['!=', '==', '='];

function splitTerm(term: string): [string, FieldOperator, string] | undefined {
  for (let i = 0; i < term.length; i++) {
    if (term[i] === '\\') {
      i++;
      continue;
    }
    for (const op of OPERATORS) if (term.startsWith(op, i)) return [term.slice(0, i), op, term.slice(i + op.length)];
  }
  return undefined;
}

function unescapeValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === '\\') {
      const n = s[i + 1];
      if (n === '\\' || n === ',' || n === '=') {
        out += n;
        i++;
        continue;
      }
      throw new FieldSelectorError(`invalid field selector: invalid escape sequence: \\${n ?? ''}`);
    }
    if (c === ',' || c === '=') throw new FieldSelectorError(`invalid field selector: unescaped character ${c}`);
    out += c;
  }
  return out;
}

/** Escapes a value for use in a selector string. */
export const escapeFieldValue = (v: string): string => v.replace(/[\\,=]/g, (c) => `\\${c}`);

/** Parses a field selector; `''` selects everything. Throws `FieldSelectorError`. */
export function parseFieldSelector(selector: string): FieldSelector {
  const reqs: FieldRequirement[] = [];
  for (const term of splitTerms(selector)) {
    if (term === '') continue;
    const parts = splitTerm(term);
    if (parts === undefined) throw new FieldSelectorError(`invalid selector: '${selector}'; can't understand '${term}'`);
    const [field, operator, raw] = parts;
    reqs.push(Object.freeze({ field, operator, value: unescapeValue(raw) }));
  }
  return Object.freeze(reqs);
}

/** True when every requirement holds for the object's selectable fields. */
export function fieldsMatch(selector: FieldSelector, fields: Readonly<Record<string, string>>): boolean {
  return selector.every((r) => {
    const v = fields[r.field] ?? '';
    return r.operator === '!=' ? v !== r.value : v === r.value;
  });
}

export function fieldSelectorToString(selector: FieldSelector): string {
  return selector.map((r) => `${r.field}${r.operator}${escapeFieldValue(r.value)}`).join(',');
}

/** `metadata.name=web` style requirement lookup: the value an `=` term pins a field to, if any. */
export function requiredFieldValue(selector: FieldSelector, field: string): string | undefined {
  return selector.find((r) => r.field === field && r.operator !== '!=')?.value;
}
