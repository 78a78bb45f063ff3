/**
 * Concatenated JSON values parsed, each with the line it starts on; a value
 * that is not valid JSON fails with the line and column JSON.parse stopped at.
 */
import { splitConcatenatedJson } from './concatenated-json.js';
import { ImportError, lineIndex } from './import-error.js';
import { jsonErrorPosition, jsonReason } from './json-lines.js';

export interface JsonValueAt {
  readonly value: unknown;
  /** 1-based line of the value's first character. */
  readonly line: number;
}

export function concatenatedJsonValues(text: string, file: string, what: string): JsonValueAt[] {
  const lineColumn = lineIndex(text);
  return splitConcatenatedJson(text, file, what).map((c) => {
    try {
      return { value: JSON.parse(c.text) as unknown, line: lineColumn(c.start).line };
    } catch (e) {
      const pos = jsonErrorPosition(e, c.text);
      const at = lineColumn(c.start + (pos ?? 0));
      throw new ImportError(file, at.line, `not valid JSON (${jsonReason(e)})`, pos === undefined ? undefined : at.column);
    }
  });
}
