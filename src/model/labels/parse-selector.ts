/**
 * Parses the string form of a label selector as Kubernetes' `labels.Parse`
 * does: `=`, `==`, `!=`, `in (...)`, `notin (...)`, `key`, `!key`, `key>N`,
 * `key<N`, comma-separated. Errors carry Kubernetes' wording plus the
 * position (0-based character offset) and text of the offending token, so
 * the CLI can point at it.
 *
 * @example
 * parseSelector('env in (prod,qa),!canary')
 * parseSelector('a in b') // throws SelectorParseError: unable to parse requirement: found 'b', expected: '('  (position 5)
 */
import { isQualifiedName, isValidLabelValue } from '../validation/identifiers.js';
import { requirement, sortRequirements, type Requirement, type LabelSelectorInternal, type SelectorOperator } from './selector.js';

export class SelectorParseError extends Error {
  constructor(
    message: string,
    /** 0-based offset of the offending token in the input. */
    readonly position: number,
    /** The offending token's text (`''` at end of input). */
    readonly token: string,
  ) {
    super(message);
    this.name = 'SelectorParseError';
  }
}

type Tok =
  | 'ident'
  | 'in'
  | 'notin'
  | '!'
  | '!='
  | '='
  | '=='
  | '('
  | ')'
  | ','
  | '>'
  | '<'
  | 'eos'
  | 'error';

interface Token {
  readonly tok: Tok;
  readonly text: string;
  readonly pos: number;
}

const SPECIAL = new Set(['!', '=', '(', ')', ',', '>', '<']);
const isWhitespace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';

function lex(input: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i] as string;
    if (isWhitespace(c)) {
      i++;
      continue;
    }
    if (SPECIAL.has(c)) {
      const two = input.slice(i, i + 2);
      if (two === '!=' || two === '==') {
        out.push({ tok: two, text: two, pos: i });
        i += 2;
      } else {
        out.push({ tok: c as Tok, text: c, pos: i });
        i++;
      }
      continue;
    }
    const start = i;
    while (i < input.length && !isWhitespace(input[i] as string) && !SPECIAL.has(input[i] as string)) i++;
    const text = input.slice(start, i);
    out.push({ tok: text === 'in' ? 'in' : text === 'notin' ? 'notin' : 'ident', text, pos: start });
  }
  out.push({ tok: 'eos', text: '', pos: input.length });
  return out;
}

class Parser {
  private i = 0;
  constructor(private readonly toks: Token[]) {}

  /** In a values context the keywords `in`/`notin` are plain identifiers. */
  private peek(values = false): Token {
    const t = this.toks[this.i] as Token;
    return values && (t.tok === 'in' || t.tok === 'notin') ? { ...t, tok: 'ident' } : t;
  }
  private next(values = false): Token {
    const t = this.peek(values);
    if (this.i < this.toks.length - 1) this.i++;
    return t;
  }

  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    for (;;) {
      const t = this.peek(true);
      if (t.tok === 'eos') return reqs;
      if (t.tok !== 'ident' && t.tok !== '!') {
        throw new SelectorParseError(`found '${t.text}', expected: !, identifier, or 'end of string'`, t.pos, t.text);
      }
      reqs.push(this.wrap(() => this.requirement()));
      const sep = this.next(true);
      if (sep.tok === 'eos') return reqs;
      if (sep.tok !== ',') {
        throw new SelectorParseError(`found '${sep.text}', expected: ',' or 'end of string'`, sep.pos, sep.text);
      }
      const after = this.peek(true);
      if (after.tok !== 'ident' && after.tok !== '!') {
        throw new SelectorParseError(`found '${after.text}', expected: identifier after ','`, after.pos, after.text);
      }
    }
  }

  private wrap(f: () => Requirement): Requirement {
    try {
      return f();
    } catch (e) {
      if (e instanceof SelectorParseError) {
        throw new SelectorParseError(`unable to parse requirement: ${e.message}`, e.position, e.token);
      }
      throw e;
    }
  }

  private requirement(): Requirement {
    let t = this.next(true);
    let negated = false;
    if (t.tok === '!') {
      negated = true;
      t = this.next(true);
    }
    if (t.tok !== 'ident') throw new SelectorParseError(`found '${t.text}', expected: identifier`, t.pos, t.text);
    const keyTok = t;
    checkKey(keyTok);
    const op = this.peek();
    if (negated) {
      if (op.tok === 'eos' || op.tok === ',') return requirement(keyTok.text, '!');
      throw new SelectorParseError(`found '${op.text}', expected: ',' or 'end of string'`, op.pos, op.text);
    }
    if (op.tok === 'eos' || op.tok === ',') return requirement(keyTok.text, 'exists');
    this.next();
    let operator: SelectorOperator;
    switch (op.tok) {
      case 'in':
      case 'notin':
        operator = op.tok;
        break;
      case '=':
      case '==':
      case '!=':
        operator = op.tok;
        break;
      case '>':
        operator = 'gt';
        break;
      case '<':
        operator = 'lt';
        break;
      default:
        throw new SelectorParseError(`found '${op.text}', expected: in, notin, =, ==, !=, gt, lt`, op.pos, op.text);
    }
    const values = operator === 'in' || operator === 'notin' ? this.setValues() : [this.exactValue()];
    for (const v of values) {
      if (operator === 'gt' || operator === 'lt') {
        if (!/^-?[0-9]+$/.test(v.text)) {
          throw new SelectorParseError(
            `values[0]: Invalid value: ${JSON.stringify(v.text)}: for 'Gt', 'Lt' operators, the value must be an integer`,
            v.pos,
            v.text,
          );
        }
        continue;
      }
      const errs = isValidLabelValue(v.text);
      if (errs.length > 0) {
        throw new SelectorParseError(`values[0][${keyTok.text}]: Invalid value: ${JSON.stringify(v.text)}: ${errs.join('; ')}`, v.pos, v.text);
      }
    }
    return requirement(keyTok.text, operator, values.map((v) => v.text));
  }

  private exactValue(): Token {
    const t = this.peek(true);
    if (t.tok === 'eos' || t.tok === ',') return { tok: 'ident', text: '', pos: t.pos };
    if (t.tok !== 'ident') throw new SelectorParseError(`found '${t.text}', expected: identifier`, t.pos, t.text);
    return this.next(true);
  }

  private setValues(): Token[] {
    const open = this.next();
    if (open.tok !== '(') throw new SelectorParseError(`found '${open.text}', expected: '('`, open.pos, open.text);
    const vals: Token[] = [];
    let t = this.peek(true);
    if (t.tok === ')') {
      this.next();
      throw new SelectorParseError("values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty", t.pos, t.text);
    }
    for (;;) {
      t = this.peek(true);
      if (t.tok === 'ident') vals.push(this.next(true));
      else if (t.tok === ',' || t.tok === ')') vals.push({ tok: 'ident', text: '', pos: t.pos });
      else throw new SelectorParseError(`found '${t.text}', expected: ',', ')' or identifier`, t.pos, t.text);
      const sep = this.next(true);
      if (sep.tok === ')') return vals;
      if (sep.tok !== ',') throw new SelectorParseError(`found '${sep.text}', expected: ',' or ')'`, sep.pos, sep.text);
    }
  }
}

function checkKey(t: Token): void {
  const errs = isQualifiedName(t.text);
  if (errs.length > 0) throw new SelectorParseError(`key: Invalid value: ${JSON.stringify(t.text)}: ${errs.join('; ')}`, t.pos, t.text);
}

/** Parses a label selector string; `''` selects everything. Throws `SelectorParseError`. */
export function parseSelector(input: string): LabelSelectorInternal {
  return sortRequirements(new Parser(lex(input)).parse());
}
