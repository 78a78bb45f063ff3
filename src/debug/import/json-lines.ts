/**
 * Parsing one line of a JSON-lines input with an error that says where and
 * why: the line, the column JSON.parse stopped at, and whether the input
 * simply ends mid-object (a truncated file: the last line, no newline after
 * it) rather than holding bad JSON.
 */
import { ImportError } from './import-error.js';
import { jsonErrorOffset } from './json-error-offset.js';

/** The character offset JSON.parse failed at: from its message when it names one, else found by a scan. */
export function jsonErrorPosition(e: unknown, text: string): number | undefined {
  const m = /position (\d+)/.exec(e instanceof Error ? e.message : '');
  return m === null ? jsonErrorOffset(text) : Number(m[1]);
}

/** JSON.parse's complaint without the echo of the input Node appends. */
export function jsonReason(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.replace(/, "[^]*" is not valid JSON$/, '').replace(/ in JSON at position \d+.*$/, '');
}

/**
 * `line` parsed as JSON (`raw` is the untrimmed line, for the column). A
 * failure on the last line of an input that does not end with a newline is
 * reported as truncation.
 */
export function parseJsonLine(line: string, raw: string, file: string, lineNo: number, maybeTruncated: boolean, what: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch (e) {
    const lead = raw.length - raw.trimStart().length;
    const pos = jsonErrorPosition(e, line);
    const column = pos === undefined ? undefined : lead + pos + 1;
    if (maybeTruncated) throw new ImportError(file, lineNo, `truncated input: the last line ends in the middle of ${what}`);
    if (!line.startsWith('{')) throw new ImportError(file, lineNo, `expected ${what} as one JSON object per line, found ${JSON.stringify(line.slice(0, 20))}`, lead + 1);
    throw new ImportError(file, lineNo, `not valid JSON (${jsonReason(e)})`, column);
  }
}
