import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addQuantities,
  canonicalQuantity,
  compareQuantities,
  formatQuantity,
  milliValue,
  parseQuantity,
  QUANTITY_FORMAT_ERROR,
  QUANTITY_SUFFIX_ERROR,
  quantityValue,
  subtractQuantities,
} from '../../src/model/quantity.js';

describe('quantity', () => {
  // Canonical forms as apimachinery's Quantity.String() prints them.
  it.each([
    ['100m', '100m'],
    ['0.1', '100m'],
    ['1Gi', '1Gi'],
    ['1024Mi', '1Gi'],
    ['0.5Gi', '512Mi'],
    ['1.5Ki', '1536'],
    ['1000', '1k'],
    ['2048', '2048'],
    ['1500k', '1500k'],
    ['1000k', '1M'],
    ['0.5', '500m'],
    ['1.5', '1500m'],
    ['2000m', '2'],
    ['1e3', '1e3'],
    ['1E3', '1e3'],
    ['12e6', '12e6'],
    ['1e-3', '1e-3'],
    ['0.1n', '1n'],
    ['1.5n', '2n'],
    ['-100m', '-100m'],
    ['0Gi', '0'],
    ['+5', '5'],
    // apimachinery's own parse/emit table
    ['1000M', '1G'],
    ['.001Ki', '1024m'],
    ['.000001Ki', '1024u'],
    ['.000000001Ki', '1024n'],
    ['.000000000001Ki', '2n'],
    ['300Mi', '300Mi'],
    ['1025', '1025'],
    ['1080m', '1080m'],
    ['1.08', '1080m'],
    ['80e-3', '80e-3'],
    ['300e6', '300e6'],
    ['1E', '1E'],
    ['12E', '12E'],
    ['1.G', '1G'],
    ['.0001k', '100m'],
    ['100.035Ki', '102435840m'],
  ])('%s prints as %s', (input, want) => {
    expect(canonicalQuantity(input)).toBe(want);
  });

  it('reads JSON numbers', () => {
    expect(canonicalQuantity(1)).toBe('1');
    expect(canonicalQuantity(0.25)).toBe('250m');
  });

  it('refuses malformed quantities with Kubernetes messages', () => {
    for (const bad of ['', '.', 'abc', '1..2', '1Qi', 'Gi', ' 1', '1 ', '1.1.M', '1+1.0M', 'aoeu']) expect(() => parseQuantity(bad), bad).toThrow(QUANTITY_FORMAT_ERROR);
    for (const bad of ['1K', '1e', '1mi', '0.1mi', '.5i', '1i', '-3.01e-']) expect(() => parseQuantity(bad), bad).toThrow(QUANTITY_SUFFIX_ERROR);
  });

  it('compares exactly across formats', () => {
    expect(compareQuantities(parseQuantity('1'), parseQuantity('1000m'))).toBe(0);
    expect(compareQuantities(parseQuantity('1Ki'), parseQuantity('1k'))).toBe(1);
    expect(compareQuantities(parseQuantity('0.1'), parseQuantity('101m'))).toBe(-1);
  });

  it('adds and subtracts without float drift', () => {
    let sum = parseQuantity('0');
    for (let i = 0; i < 10; i++) sum = addQuantities(sum, parseQuantity('0.1'));
    expect(formatQuantity(sum)).toBe('1');
    expect(formatQuantity(subtractQuantities(parseQuantity('1Gi'), parseQuantity('512Mi')))).toBe('512Mi');
    expect(formatQuantity(addQuantities(parseQuantity('0'), parseQuantity('1Gi')))).toBe('1Gi');
  });

  it('rounds Value and MilliValue up', () => {
    expect(quantityValue(parseQuantity('1500m'))).toBe(2n);
    expect(milliValue(parseQuantity('1.0001'))).toBe(1001n);
  });

  it('canonical form parses back to the same value (property)', () => {
    const suffix = fc.constantFrom('', 'm', 'k', 'M', 'G', 'Ki', 'Mi', 'Gi', 'n', 'u', 'e3', 'e-2');
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.nat(999), suffix, (i, f, s) => {
        const q = parseQuantity(`${i}.${String(f).padStart(3, '0')}${s}`);
        const again = parseQuantity(formatQuantity(q));
        expect(again.nanos).toBe(q.nanos);
        expect(formatQuantity(again)).toBe(formatQuantity(q));
      }),
      { numRuns: 300 },
    );
  });
});
