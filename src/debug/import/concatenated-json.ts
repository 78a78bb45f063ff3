/**
 * Splits concatenated JSON values (`{...}{...}`, one per line or pretty
 * printed over many, as `kubectl get --watch -o json` writes them) into
 * their texts and start offsets, without parsing them: a scan that tracks
 * strings, escapes and bracket depth. Bad JSON inside a value is left for
 * JSON.parse to report; what this reports is structure — a stray closing
 * bracket, text between values, or input that ends inside a value.
 */
import { ImportError, lineIndex } from './import-error.js';

export interface JsonChunk {
  readonly text: string;
  /** Character offset of the value's first character. */
  readonly start: number;
}

export function splitConcatenatedJson(text: string, file: string, what: string): JsonChunk[] {
  const out: JsonChunk[] = [];
  const lineColumn = lineIndex(text);
  let depth = 0;
  let start = -1;
  let inString = false;
  let escaped = false;
  const fail = (pos: number, reason: string): never => {
    const { line, column } = lineColumn(pos);
    throw new ImportError(file, line, reason, column);
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (depth === 0) {
      if (c === ' ' || c === '\n' || c === '\r' || c === '\t') continue;
      if (c !== '{') fail(i, `expected ${what} (a JSON object starting with "{"), found ${JSON.stringify(text.slice(i, i + 20))}`);
      start = i;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth < 0) fail(i, `an unmatched "${c}"`);
      if (depth === 0) out.push({ text: text.slice(start, i + 1), start });
    }
  }
  if (depth > 0) {
    const { line } = lineColumn(start);
    throw new ImportError(file, line, `truncated input: ${what} starting here never ends (the input stops ${depth} level${depth === 1 ? '' : 's'} deep)`);
  }
  return out;
}
