import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  fromLabelSelector,
  matches,
  parseSelector,
  SelectorParseError,
  selectorFromSet,
  selectorToString,
  validateLabelSelector,
  validateLabels,
} from '../../../src/model/labels/index.js';

describe('parseSelector', () => {
  it('parses every operator and prints canonically (sorted by key, values sorted)', () => {
    const s = parseSelector('x=a,y in (c, b),z notin (d),!w,v,u!=e,t==f');
    expect(selectorToString(s)).toBe('t==f,u!=e,v,!w,x=a,y in (b,c),z notin (d)');
  });

  it('matches as Kubernetes does', () => {
    const lbls = { app: 'web', tier: 'front' };
    expect(matches(parseSelector(''), lbls)).toBe(true);
    expect(matches(parseSelector('app=web'), lbls)).toBe(true);
    expect(matches(parseSelector('app!=web'), lbls)).toBe(false);
    expect(matches(parseSelector('missing!=x'), lbls)).toBe(true);
    expect(matches(parseSelector('tier in (front,back)'), lbls)).toBe(true);
    expect(matches(parseSelector('tier notin (front)'), lbls)).toBe(false);
    expect(matches(parseSelector('missing notin (front)'), lbls)).toBe(true);
    expect(matches(parseSelector('missing in (front)'), lbls)).toBe(false);
    expect(matches(parseSelector('app'), lbls)).toBe(true);
    expect(matches(parseSelector('!app'), lbls)).toBe(false);
    expect(matches(parseSelector('app=web,!canary'), lbls)).toBe(true);
    expect(matches(parseSelector('n>3'), { n: '4' })).toBe(true);
    expect(matches(parseSelector('n<3'), { n: '4' })).toBe(false);
    expect(matches(parseSelector('app='), { app: '' })).toBe(true);
  });

  it('points at the bad token with Kubernetes wording', () => {
    const cases: [string, string, number, string][] = [
      ['a in b', "unable to parse requirement: found 'b', expected: '('", 5, 'b'],
      ['a=b c', "found 'c', expected: ',' or 'end of string'", 4, 'c'],
      ['a=b,', "found '', expected: identifier after ','", 4, ''],
      [',a', "found ',', expected: !, identifier, or 'end of string'", 0, ','],
      ['a in ()', "unable to parse requirement: values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty", 6, ')'],
    ];
    for (const [input, msg, pos, tok] of cases) {
      try {
        parseSelector(input);
        expect.unreachable(input);
      } catch (e) {
        expect(e).toBeInstanceOf(SelectorParseError);
        const err = e as SelectorParseError;
        expect(err.message, input).toBe(msg);
        expect(err.position, input).toBe(pos);
        expect(err.token, input).toBe(tok);
      }
    }
  });

  it('validates keys and values', () => {
    expect(() => parseSelector('a=b@c')).toThrow(/values\[0\]\[a\]: Invalid value: "b@c": a valid label must be an empty string/);
    expect(() => parseSelector('-a=b')).toThrow(/unable to parse requirement: key: Invalid value: "-a": name part must consist of/);
  });
});

describe('structured selectors', () => {
  it('converts matchLabels and matchExpressions into the same form as strings', () => {
    const s = fromLabelSelector({
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['b', 'a'] },
        { key: 'canary', operator: 'DoesNotExist' },
        { key: 'env', operator: 'Exists' },
        { key: 'zone', operator: 'NotIn', values: ['x'] },
      ],
    });
    expect(selectorToString(s)).toBe('app=web,!canary,env,tier in (a,b),zone notin (x)');
    expect(matches(s, { app: 'web', tier: 'a', env: '' })).toBe(true);
  });

  it('nil selects nothing and {} selects everything', () => {
    expect(matches(fromLabelSelector(undefined), {})).toBe(false);
    expect(matches(fromLabelSelector({}), {})).toBe(true);
  });

  it('reports operator arity and syntax as ValidateLabelSelector', () => {
    const causes = validateLabelSelector(
      {
        matchLabels: { 'bad key!': 'v' },
        matchExpressions: [
          { key: 'a', operator: 'In', values: [] },
          { key: 'b', operator: 'Exists', values: ['x'] },
          { key: 'c', operator: 'Near' },
        ],
      },
      'spec.selector',
    );
    expect(causes.map((c) => `${c.field}: ${c.message}`)).toEqual([
      expect.stringMatching(/^spec\.selector\.matchLabels: Invalid value: "bad key!": name part must consist of/),
      "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      'spec.selector.matchExpressions[2].operator: Invalid value: "Near": not a valid selector operator',
    ]);
  });

  it('validates label keys: prefix subdomain, name length 63, values length 63', () => {
    expect(validateLabels({ 'example.com/app': 'x', 'a.b/c_d.e': 'ok' }, 'metadata.labels')).toEqual([]);
    expect(validateLabels({ ['a'.repeat(64)]: 'x' }, 'metadata.labels')[0]?.message).toContain('name part must be no more than 63 characters');
    expect(validateLabels({ 'Example.com/a': 'x' }, 'metadata.labels')[0]?.message).toContain('prefix part a lowercase RFC 1123 subdomain');
    expect(validateLabels({ 'a/b/c': 'x' }, 'metadata.labels')[0]?.message).toContain("with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
    expect(validateLabels({ a: 'v'.repeat(64) }, 'metadata.labels')[0]?.message).toBe(
      `Invalid value: "${'v'.repeat(64)}": must be no more than 63 characters`,
    );
  });

  it('selectorFromSet sorts keys', () => {
    expect(selectorToString(selectorFromSet({ b: '2', a: '1' }))).toBe('a=1,b=2');
  });
});

describe('round trip (property)', () => {
  it('parse(toString(s)) keeps the meaning and the canonical string', () => {
    const key = fc.stringMatching(/^[a-z]([a-z0-9.-]{0,8}[a-z0-9])?$/);
    const value = fc.stringMatching(/^([A-Za-z0-9]([A-Za-z0-9_.-]{0,6}[A-Za-z0-9])?)?$/);
    const term = fc.oneof(
      fc.tuple(key, fc.constantFrom('=', '==', '!='), value).map(([k, op, v]) => `${k}${op}${v}`),
      fc.tuple(key, fc.constantFrom('in', 'notin'), fc.array(value.filter((v) => v !== ''), { minLength: 1, maxLength: 3 })).map(([k, op, vs]) => `${k} ${op} (${vs.join(',')})`),
      key,
      key.map((k) => `!${k}`),
    );
    const labels = fc.dictionary(key, value, { maxKeys: 4 });
    fc.assert(
      fc.property(fc.array(term, { maxLength: 4 }), labels, (terms, lbls) => {
        const sel = parseSelector(terms.join(','));
        const again = parseSelector(selectorToString(sel));
        expect(selectorToString(again)).toBe(selectorToString(sel));
        expect(matches(again, lbls)).toBe(matches(sel, lbls));
      }),
      { numRuns: 300 },
    );
  });
});
