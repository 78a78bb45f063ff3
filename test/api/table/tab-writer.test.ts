import { describe, expect, it } from 'vitest';
import { tabAlign } from '../../../src/api/table/tab-writer.js';

describe('tabAlign (Go tabwriter, minwidth 6, padding 3)', () => {
  it('pads every column but the last to its widest cell plus three spaces', () => {
    expect(tabAlign(['NAME\tREADY\tSTATUS', 'web-1\t1/1\tRunning', 'a\t0/1\tPending'])).toBe(
      'NAME    READY   STATUS\n' + 'web-1   1/1     Running\n' + 'a       0/1     Pending\n',
    );
  });

  it('never makes a column narrower than six', () => {
    expect(tabAlign(['a\tb', 'c\td'])).toBe('a     b\nc     d\n');
  });

  it('leaves trailing padding when the last cell is empty, as tabwriter does', () => {
    expect(tabAlign(['NAME\tHOLDER', 'x\t'])).toBe('NAME   HOLDER\nx      \n');
    expect(tabAlign(['A\tB\tC', 'x\t\t'])).toBe('A     B     C\nx           \n');
  });

  it('counts runes, not bytes', () => {
    expect(tabAlign(['NAME\tX', 'héllo\ty'])).toBe('NAME    X\nhéllo   y\n');
  });

  it('aligns a column only over the run of lines that have it', () => {
    // The middle line has no second cell, which splits the first column into two blocks.
    expect(tabAlign(['aaaaaaaa\tb', 'c', 'd\te'])).toBe('aaaaaaaa   b\nc\nd     e\n');
  });

  it('gives an extra column to a line with an extra tab', () => {
    expect(tabAlign(['A\tB', 'x\ty\tz', 'p\tq'])).toBe('A     B\nx     y     z\np     q\n');
  });

  it('returns nothing for no lines', () => {
    expect(tabAlign([])).toBe('');
  });
});
