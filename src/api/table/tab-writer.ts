/**
 * Elastic tabstops as Go's `text/tabwriter` lays them out with kubectl's
 * settings (minimum cell width 6, padding 3, space padding, left aligned).
 * kubectl writes every table through it, so reproducing the algorithm (not
 * just "pad to the widest cell") keeps output byte-identical even in odd
 * cases: a tab inside a cell, or a column of one-character values.
 *
 * Semantics: each line is split at tabs; every cell but the last of a line
 * is a column cell. A column block is a run of consecutive lines that all
 * have a cell in that column; its width is the widest cell plus padding, at
 * least the minimum width. The last cell of a line is never padded.
 */

export interface TabWriterOptions {
  readonly minWidth: number;
  readonly padding: number;
}

/** kubectl's `printers.GetNewTabWriter` settings. */
export const KUBECTL_TABWRITER: TabWriterOptions = { minWidth: 6, padding: 3 };

/** Width in runes (code points), as tabwriter counts UTF-8 text. */
const runeWidth = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/** Lays out `lines` (tab-separated cells, no newlines) and returns them newline-terminated. */
export function tabAlign(lines: readonly string[], opts: TabWriterOptions = KUBECTL_TABWRITER): string {
  const cells = lines.map((l) => l.split('\t'));
  const widths: number[] = [];
  const out: string[] = [];

  const writeLines = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const line = cells[i] ?? [];
      let text = '';
      line.forEach((cell, j) => {
        text += cell;
        const w = widths[j];
        if (j < line.length - 1 && w !== undefined) text += ' '.repeat(Math.max(0, w - runeWidth(cell)));
      });
      out.push(text);
    }
  };

  const format = (from: number, to: number): void => {
    const column = widths.length;
    let start = from;
    let i = from;
    while (i < to) {
      if (column >= (cells[i]?.length ?? 0) - 1) {
        i++;
        continue;
      }
      writeLines(start, i);
      start = i;
      let width = opts.minWidth;
      for (; i < to; i++) {
        const line = cells[i] ?? [];
        if (column >= line.length - 1) break;
        width = Math.max(width, runeWidth(line[column] ?? '') + opts.padding);
      }
      widths.push(width);
      format(start, i);
      widths.pop();
      start = i;
    }
    writeLines(start, to);
  };

  format(0, cells.length);
  return out.map((l) => `${l}\n`).join('');
}
