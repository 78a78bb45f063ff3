/**
 * Kubernetes resource quantities (`100m`, `1Gi`, `1e3`, `0.5`, `1500k`),
 * parsed and printed exactly as apimachinery's `resource.Quantity`.
 *
 * Written here rather than taken from npm: the packages found there
 * (`kubernetes-resource-parser`, `k8s-resource-parser`, client-node's
 * `quantityToScalar`) convert to floating point and have no canonical
 * formatter, while Kubernetes compares and prints quantities exactly. The
 * value is kept as an integer count of nano-units (a bigint), which holds
 * every quantity Kubernetes keeps (it rounds finer values up to 1n).
 *
 * @example
 * formatQuantity(parseQuantity('1024Mi')) // '1Gi'
 * formatQuantity(parseQuantity('0.5'))    // '500m'
 * compareQuantities(parseQuantity('1'), parseQuantity('1000m')) // 0
 */

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** The value in units of 10^-9. */
  readonly nanos: bigint;
  /** How the quantity is printed; taken from the suffix it was written with. */
  readonly format: QuantityFormat;
}

/** The message Kubernetes gives for a malformed quantity. */
export const QUANTITY_FORMAT_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

export class QuantityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuantityError';
  }
}

const SHAPE = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;
const DEC_SUFFIX: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BIN_SUFFIX: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DEC_BY_EXP = new Map(Object.entries(DEC_SUFFIX).map(([s, e]) => [e, s]));
const BIN_NAMES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
/** Beyond this decimal exponent a quantity is refused rather than allocating a huge integer. */
const MAX_EXPONENT = 400;

const pow10 = (n: number): bigint => 10n ** BigInt(n);
const abs = (n: bigint): bigint => (n < 0n ? -n : n);

/** Divides rounding away from zero, as Kubernetes rounds sub-nano precision up. */
function divUp(n: bigint, d: bigint): bigint {
  const q = n / d;
  return q * d === n ? q : n < 0n ? q - 1n : q + 1n;
}

/** Parses a quantity; a JSON number is read from its decimal form. Throws `QuantityError`. */
export function parseQuantity(input: string | number): Quantity {
  const text = typeof input === 'number' ? numberText(input) : input;
  if (text.length === 0) throw new QuantityError(QUANTITY_FORMAT_ERROR);
  const m = SHAPE.exec(text);
  if (m === null) throw new QuantityError(QUANTITY_FORMAT_ERROR);
  const num = m[1] as string;
  const suffix = m[2] as string;
  const sign = num.startsWith('-') ? -1n : 1n;
  const body = num.replace(/^[+-]/, '');
  const dot = body.indexOf('.');
  if (body === '.' || body.indexOf('.', dot + 1) >= 0 || body.length === 0) throw new QuantityError(QUANTITY_FORMAT_ERROR);
  const intPart = dot < 0 ? body : body.slice(0, dot);
  const fracPart = dot < 0 ? '' : body.slice(dot + 1);
  const digits = BigInt(`${intPart}${fracPart}` === '' ? '0' : `${intPart}${fracPart}`) * sign;
  const frac = fracPart.length;

  let format: QuantityFormat;
  let nanos: bigint;
  if (suffix in BIN_SUFFIX) {
    format = 'BinarySI';
    const scaled = digits * (1n << BigInt(BIN_SUFFIX[suffix] as number));
    nanos = frac <= 9 ? scaled * pow10(9 - frac) : divUp(scaled, pow10(frac - 9));
  } else {
    let exp: number;
    if (suffix in DEC_SUFFIX) {
      format = 'DecimalSI';
      exp = DEC_SUFFIX[suffix] as number;
    } else if (/^[eE][-+]?[0-9]+$/.test(suffix)) {
      format = 'DecimalExponent';
      exp = Number(suffix.slice(1));
      if (!Number.isSafeInteger(exp) || Math.abs(exp) > MAX_EXPONENT) throw new QuantityError(QUANTITY_SUFFIX_ERROR);
    } else {
      throw new QuantityError(QUANTITY_SUFFIX_ERROR);
    }
    const shift = exp - frac + 9;
    nanos = shift >= 0 ? digits * pow10(shift) : divUp(digits, pow10(-shift));
  }
  return Object.freeze({ nanos, format });
}

function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new QuantityError(QUANTITY_FORMAT_ERROR);
  return String(n);
}

/** True when `input` parses; a convenience for validation. */
export function isQuantity(input: unknown): input is string | number {
  if (typeof input !== 'string' && typeof input !== 'number') return false;
  try {
    parseQuantity(input);
    return true;
  } catch {
    return false;
  }
}

/**
 * The canonical string, as `Quantity.String()`: decimal values use the
 * largest SI suffix (or `eN`) that keeps the mantissa an integer; binary
 * values use the largest power of 1024 dividing them, and fall back to
 * decimal below 1024 or when not an integer.
 */
export function formatQuantity(q: Quantity): string {
  if (q.nanos === 0n) return '0';
  let format = q.format;
  const billion = pow10(9);
  if (format === 'BinarySI') {
    if (abs(q.nanos) < 1024n * billion || q.nanos % billion !== 0n) format = 'DecimalSI';
  }
  if (format === 'BinarySI') {
    let v = q.nanos / billion;
    let k = 0;
    while (k < BIN_NAMES.length - 1 && v % 1024n === 0n) {
      v /= 1024n;
      k++;
    }
    return `${v}${BIN_NAMES[k]}`;
  }
  // Strip trailing zeros, then lower the exponent to a multiple of 3.
  let mantissa = q.nanos;
  let exp = -9;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exp++;
  }
  const extra = ((exp % 3) + 3) % 3;
  mantissa *= pow10(extra);
  exp -= extra;
  if (format === 'DecimalExponent') return exp === 0 ? `${mantissa}` : `${mantissa}e${exp}`;
  if (exp > 18) {
    mantissa *= pow10(exp - 18);
    exp = 18;
  }
  return `${mantissa}${DEC_BY_EXP.get(exp) ?? ''}`;
}

/** Parses and prints canonically: `canonicalQuantity('1000')` is `'1k'`. */
export const canonicalQuantity = (input: string | number): string => formatQuantity(parseQuantity(input));

/** -1, 0 or 1. */
export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

export const quantityEquals = (a: Quantity, b: Quantity): boolean => a.nanos === b.nanos;

/** Sum, in `a`'s format (or `b`'s when `a` is zero), as `Quantity.Add`. */
export function addQuantities(a: Quantity, b: Quantity): Quantity {
  return Object.freeze({ nanos: a.nanos + b.nanos, format: a.nanos === 0n ? b.format : a.format });
}

export function subtractQuantities(a: Quantity, b: Quantity): Quantity {
  return Object.freeze({ nanos: a.nanos - b.nanos, format: a.nanos === 0n ? b.format : a.format });
}

export function negateQuantity(a: Quantity): Quantity {
  return Object.freeze({ nanos: -a.nanos, format: a.format });
}

/** The value in milli-units, rounded up (away from zero), as `MilliValue()`. */
export const milliValue = (q: Quantity): bigint => divUp(q.nanos, 1_000_000n);

/** The integer value, rounded up (away from zero), as `Value()`. */
export const quantityValue = (q: Quantity): bigint => divUp(q.nanos, 1_000_000_000n);

/** A quantity of `n` milli-units, printed in DecimalSI (`milliQuantity(1500)` → `1500m`). */
export const milliQuantity = (n: bigint | number, format: QuantityFormat = 'DecimalSI'): Quantity =>
  Object.freeze({ nanos: BigInt(n) * 1_000_000n, format });

/** A quantity of `n` whole units (`intQuantity(1024, 'BinarySI')` → `1Ki`). */
export const intQuantity = (n: bigint | number, format: QuantityFormat = 'DecimalSI'): Quantity =>
  Object.freeze({ nanos: BigInt(n) * 1_000_000_000n, format });

export const ZERO_QUANTITY: Quantity = Object.freeze({ nanos: 0n, format: 'DecimalSI' });
