/**
 * The one error every importer throws: the file, the 1-based line (and
 * column where it means something) that failed, and why, so a user can open
 * the input at that place. Importers build the whole history in memory
 * before anything is written, so an ImportError always means nothing was.
 *
 * @example
 * new ImportError('audit.log', 12, 'not valid JSON: unexpected token', 7).message
 * // 'audit.log:12:7: not valid JSON: unexpected token'
 */
export class ImportError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
    readonly column?: number,
  ) {
    super(`${file}:${line}${column === undefined ? '' : `:${column}`}: ${reason}`);
    this.name = 'ImportError';
  }
}

/** A lookup from character offsets of `text` to 1-based line and column (binary search over line starts). */
export function lineIndex(text: string): (pos: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (pos) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((starts[mid] as number) <= pos) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: pos - (starts[lo] as number) + 1 };
  };
}

/** Parses a timestamp (RFC 3339, any number of fraction digits) to Unix milliseconds, or undefined. */
export function parseTimestamp(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/.exec(value);
  if (m === null) return undefined;
  const whole = Date.parse(`${m[1] ?? ''}${m[3] ?? ''}`);
  if (Number.isNaN(whole)) return undefined;
  const frac = m[2] === undefined ? 0 : Math.floor(Number(`0.${m[2]}`) * 1000);
  return whole + frac;
}
