/**
 * Client-side rendering of a Table the way kubectl 1.32 prints one: column
 * names upper-cased, wide (priority > 0) columns only with `-o wide`, a
 * NAMESPACE column first with `-A` (taken from each row's object), cells cut
 * at the first line break with "...", terminal escapes neutralised, and the
 * whole laid out by Go's tabwriter with kubectl's settings.
 */
import { tabAlign } from './tab-writer.js';
import type { Table, TableCell, TableRow } from './table-types.js';

export interface PrintTableOptions {
  readonly wide?: boolean;
  /** Prefix a NAMESPACE column (`kubectl get -A`). */
  readonly withNamespace?: boolean;
  readonly noHeaders?: boolean;
}

/** kubectl's `WriteEscaped`: ESC and CR cannot reach the terminal raw. */
const escape = (s: string): string => s.replaceAll('\x1b', '^[').replaceAll('\r', '\\r');

/** A cell as kubectl writes it: nothing for null, text cut at the first \f, \n or \r. */
export function cellText(cell: TableCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell !== 'string') return escape(String(cell));
  const cut = cell.search(/[\f\n\r]/);
  return cut < 0 ? escape(cell) : `${escape(cell.slice(0, cut))}...`;
}

function namespaceOf(row: TableRow): string {
  const o = row.object;
  if (typeof o !== 'object' || o === null) return '';
  const meta = (o as { metadata?: { namespace?: unknown } }).metadata;
  return typeof meta?.namespace === 'string' ? meta.namespace : '';
}

/**
 * The table as kubectl prints it, newline-terminated; `''` when there are no
 * rows (saying "No resources found" is the caller's business).
 *
 * @example
 * printTable(toTable({ group: '', kind: 'Pod' }, pods, { now }), { withNamespace: true })
 * // 'NAMESPACE   NAME   READY   STATUS    RESTARTS   AGE\ndefault     web    1/1     Running   0          5m\n'
 */
export function printTable(table: Table, opts: PrintTableOptions = {}): string {
  if (table.rows.length === 0) return '';
  const shown = table.columnDefinitions.map((c, i) => ({ c, i })).filter(({ c }) => opts.wide === true || c.priority === 0);
  const lines: string[] = [];
  if (opts.noHeaders !== true) {
    const names = shown.map(({ c }) => c.name.toUpperCase());
    lines.push((opts.withNamespace === true ? ['NAMESPACE', ...names] : names).join('\t'));
  }
  for (const row of table.rows) {
    // Extra cells beyond the column definitions are ignored, as kubectl does.
    const cells = shown.map(({ i }) => cellText(row.cells[i]));
    lines.push((opts.withNamespace === true ? [escape(namespaceOf(row)), ...cells] : cells).join('\t'));
  }
  return tabAlign(lines);
}
