/**
 * Duplicate keys in request bodies, which `JSON.parse` and a YAML parser
 * silently resolve (the last one wins, as Kubernetes' lenient decoding
 * does). Strict decoding reports them: JSON bodies by field path
 * (`duplicate field "spec.paused"`), YAML bodies and apply configurations
 * as go-yaml words them (`line 12: key "paused" already set in map`).
 */
import { isMap, LineCounter, parseDocument, visit } from 'yaml';
import type { PathSegment } from '../api/index.js';

/** One key of a JSON object, in document order; `duplicate` when an earlier key of the same object had its name. */
export interface KeyOccurrence {
  readonly path: readonly PathSegment[];
  readonly duplicate: boolean;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const VALUE_END = new Set([',', '}', ']', ' ', '\t', '\n', '\r']);

/**
 * Every object key of `text` (already known to be valid JSON) with its
 * path, in document order. Bodies nested too deeply to scan give none.
 */
export function jsonKeyOccurrences(text: string): KeyOccurrence[] {
  const out: KeyOccurrence[] = [];
  let i = 0;
  const skip = (): void => {
    while (i < text.length && WHITESPACE.has(text[i] as string)) i++;
  };
  const string = (): string => {
    let j = i + 1;
    while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
    const raw = text.slice(i, j + 1);
    i = j + 1;
    return JSON.parse(raw) as string;
  };
  const value = (path: readonly PathSegment[]): void => {
    skip();
    const c = text[i];
    if (c === '{') {
      i++;
      const seen = new Set<string>();
      skip();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        skip();
        const key = string();
        const at = [...path, key];
        out.push({ path: at, duplicate: seen.has(key) });
        seen.add(key);
        skip();
        i++; // ':'
        value(at);
        skip();
        if (text[i++] !== ',') return; // '}'
      }
    }
    if (c === '[') {
      i++;
      skip();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (let index = 0; ; index++) {
        value([...path, index]);
        skip();
        if (text[i++] !== ',') return; // ']'
      }
    }
    if (c === '"') {
      string();
      return;
    }
    while (i < text.length && !VALUE_END.has(text[i] as string)) i++;
  };
  try {
    value([]);
  } catch (e) {
    if (e instanceof RangeError) return [];
    throw e;
  }
  return out;
}

/** go-yaml's complaints about repeated map keys, in document order: `line 5: key "name" already set in map`. */
export function yamlDuplicateKeys(text: string): string[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { uniqueKeys: false, lineCounter: lines });
  const found: { at: number; message: string }[] = [];
  visit(doc, {
    Map(_key, node) {
      if (!isMap(node)) return;
      const seen = new Set<string>();
      for (const pair of node.items) {
        const k = pair.key as { value?: unknown; range?: readonly number[] } | null;
        const name = String(k?.value ?? k);
        const at = k?.range?.[0] ?? 0;
        if (seen.has(name)) found.push({ at, message: `line ${lines.linePos(at).line}: key ${JSON.stringify(name)} already set in map` });
        seen.add(name);
      }
    },
  });
  // The visit goes map by map; go-yaml meets the repeats in document order.
  return found.sort((a, b) => a.at - b.at).map((f) => f.message);
}
