import { describe, expect, it } from 'vitest';
import { formatGoDuration, parseGoDuration, parseGoFloat, parseGoInt32 } from '../../src/runtime/flag-values.js';

describe("Go's duration syntax", () => {
  it('reads every unit, sums, signs, fractions and the bare 0', () => {
    expect(parseGoDuration('f', '40s')).toBe(40_000);
    expect(parseGoDuration('f', '5m0s')).toBe(300_000);
    expect(parseGoDuration('f', '1h30m')).toBe(5_400_000);
    expect(parseGoDuration('f', '1.5h')).toBe(5_400_000);
    expect(parseGoDuration('f', '.5s')).toBe(500);
    expect(parseGoDuration('f', '1.s')).toBe(1000);
    expect(parseGoDuration('f', '300ms')).toBe(300);
    expect(parseGoDuration('f', '2000us')).toBe(2);
    expect(parseGoDuration('f', '2000µs')).toBe(2);
    expect(parseGoDuration('f', '3000000ns')).toBe(3);
    expect(parseGoDuration('f', '-5s')).toBe(-5000);
    expect(parseGoDuration('f', '+5s')).toBe(5000);
    expect(parseGoDuration('f', '0')).toBe(0);
    expect(parseGoDuration('f', '-0')).toBe(0);
    expect(parseGoDuration('f', '0s')).toBe(0);
  });

  it("refuses what Go refuses, in pflag's words, and sub-millisecond remainders", () => {
    expect(() => parseGoDuration('node-monitor-grace-period', '20')).toThrow('invalid argument "20" for "--node-monitor-grace-period" flag: time: missing unit in duration "20"');
    expect(() => parseGoDuration('f', '1d')).toThrow('time: unknown unit "d" in duration "1d"');
    expect(() => parseGoDuration('f', 'abc')).toThrow('time: invalid duration "abc"');
    expect(() => parseGoDuration('f', '')).toThrow('time: invalid duration ""');
    expect(() => parseGoDuration('f', '.s')).toThrow('time: invalid duration ".s"');
    expect(() => parseGoDuration('f', '1500us')).toThrow("chronokube's clock counts whole milliseconds");
    expect(() => parseGoDuration('f', '5S')).toThrow('unknown unit "S"');
  });

  it("formats as Go's Duration.String does", () => {
    expect(formatGoDuration(0)).toBe('0s');
    expect(formatGoDuration(500)).toBe('500ms');
    expect(formatGoDuration(20_000)).toBe('20s');
    expect(formatGoDuration(1500)).toBe('1.5s');
    expect(formatGoDuration(300_000)).toBe('5m0s');
    expect(formatGoDuration(90_500)).toBe('1m30.5s');
    expect(formatGoDuration(3_600_000)).toBe('1h0m0s');
    expect(formatGoDuration(-20_000)).toBe('-20s');
    for (const s of ['20s', '1.5s', '5m0s', '1h0m0s', '1m30.5s', '500ms']) expect(formatGoDuration(parseGoDuration('f', s))).toBe(s);
  });
});

describe("Go's float and int32 syntax", () => {
  it('floats: decimal and exponent forms; Inf and NaN parse (callers decide)', () => {
    expect(parseGoFloat('f', '0.1')).toBe(0.1);
    expect(parseGoFloat('f', '.5')).toBe(0.5);
    expect(parseGoFloat('f', '1e-2')).toBe(0.01);
    expect(parseGoFloat('f', '-3')).toBe(-3);
    expect(parseGoFloat('f', '+Inf')).toBe(Infinity);
    expect(parseGoFloat('f', 'NaN')).toBeNaN();
    expect(() => parseGoFloat('node-eviction-rate', 'fast')).toThrow('invalid argument "fast" for "--node-eviction-rate" flag: strconv.ParseFloat: parsing "fast": invalid syntax');
    expect(() => parseGoFloat('f', '1.2.3')).toThrow('invalid syntax');
    expect(() => parseGoFloat('f', '')).toThrow('invalid syntax');
  });

  it('int32: base prefixes, octal by leading zero, underscores, range', () => {
    expect(parseGoInt32('f', '50')).toBe(50);
    expect(parseGoInt32('f', '-7')).toBe(-7);
    expect(parseGoInt32('f', '0x10')).toBe(16);
    expect(parseGoInt32('f', '010')).toBe(8);
    expect(parseGoInt32('f', '0b101')).toBe(5);
    expect(parseGoInt32('f', '0o17')).toBe(15);
    expect(parseGoInt32('f', '1_000')).toBe(1000);
    expect(parseGoInt32('f', '0')).toBe(0);
    expect(parseGoInt32('f', '2147483647')).toBe(2147483647);
    expect(() => parseGoInt32('large-cluster-size-threshold', '2147483648')).toThrow('invalid argument "2147483648" for "--large-cluster-size-threshold" flag: strconv.ParseInt: parsing "2147483648": value out of range');
    expect(() => parseGoInt32('f', '5.5')).toThrow('strconv.ParseInt: parsing "5.5": invalid syntax');
    expect(() => parseGoInt32('f', '09')).toThrow('invalid syntax');
    expect(() => parseGoInt32('f', '1__0')).toThrow('invalid syntax');
    expect(() => parseGoInt32('f', '')).toThrow('invalid syntax');
  });
});
