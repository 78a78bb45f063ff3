/**
 * An object as YAML, one line per entry, each line carrying the JSON
 * Pointer of the value it shows, so the page can highlight exactly the
 * lines a write changed (a changed path marks its own line and every line
 * below it). Block style as kubectl prints it; scalars quoted by the yaml
 * library's rules, so the text is valid YAML.
 */
import { stringify } from 'yaml';
import { formatPointer } from '../model/index.js';

export interface YamlLine {
  readonly text: string;
  /** JSON Pointer of the entry this line shows. */
  readonly path: string;
}

function scalar(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string' && v.includes('\n')) return JSON.stringify(v);
  return stringify(v, { lineWidth: 0 }).trimEnd();
}

function isContainer(v: unknown): v is Record<string, unknown> | unknown[] {
  return v !== null && typeof v === 'object' && (Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0);
}

function emptyContainer(v: unknown): string | undefined {
  if (Array.isArray(v) && v.length === 0) return '[]';
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) return '{}';
  return undefined;
}

export function yamlLines(value: unknown): YamlLine[] {
  const out: YamlLine[] = [];
  const walk = (v: unknown, segs: string[], indent: string, firstPrefix: string | undefined): void => {
    // firstPrefix: a sequence item's "- " put before the first line of a mapping inside it.
    let first = firstPrefix;
    const lead = (): string => {
      if (first === undefined) return indent;
      const s = first;
      first = undefined;
      return s;
    };
    if (Array.isArray(v)) {
      v.forEach((item, i) => {
        const path = [...segs, String(i)];
        if (isContainer(item) && !Array.isArray(item)) walk(item, path, `${indent}  `, `${lead()}- `);
        else if (isContainer(item)) {
          out.push({ text: `${lead()}-`, path: formatPointer(path) });
          walk(item, path, `${indent}  `, undefined);
        } else out.push({ text: `${lead()}- ${emptyContainer(item) ?? scalar(item)}`, path: formatPointer(path) });
      });
      return;
    }
    for (const [k, child] of Object.entries(v as Record<string, unknown>)) {
      const path = [...segs, k];
      const key = scalar(k);
      if (isContainer(child)) {
        out.push({ text: `${lead()}${key}:`, path: formatPointer(path) });
        walk(child, path, Array.isArray(child) ? indent : `${indent}  `, undefined);
      } else out.push({ text: `${lead()}${key}: ${emptyContainer(child) ?? scalar(child)}`, path: formatPointer(path) });
    }
  };
  if (isContainer(value)) walk(value, [], '', undefined);
  else out.push({ text: emptyContainer(value) ?? scalar(value), path: '' });
  return out;
}
