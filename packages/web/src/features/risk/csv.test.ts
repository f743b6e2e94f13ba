import { describe, expect, it } from 'vitest';
import { columnValues, guessBad, guessTarget, parseCsv } from './csv.ts';

describe('parseCsv', () => {
  it('reads quoted fields with commas, quotes and line breaks, CRLF and a BOM', () => {
    const p = parseCsv('\ufeffa,b,c\r\n1,"x, y",z\r\n2,"say ""hi""","two\nlines"\n\n');
    expect(p.columns).toEqual(['a', 'b', 'c']);
    expect(p.rows).toEqual([
      ['1', 'x, y', 'z'],
      ['2', 'say "hi"', 'two\nlines'],
    ]);
    expect(p.truncated).toBe(false);
  });

  it('keeps a last row without a newline and stops at maxRows', () => {
    expect(parseCsv('a,b\n1,2').rows).toEqual([['1', '2']]);
    const p = parseCsv('a\n1\n2\n3\n4\n', 2);
    expect(p.rows).toEqual([['1'], ['2']]);
    expect(p.truncated).toBe(true);
  });
});

describe('target guesses', () => {
  const p = parseCsv('id,gpa,outcome\n1,3.1,good\n2,2.0,bad\n3,3.5,good\n');
  it('finds the outcome column by name and its values by frequency', () => {
    expect(guessTarget(p)).toBe('outcome');
    expect(columnValues(p, 'outcome')).toEqual([
      { value: 'good', count: 2 },
      { value: 'bad', count: 1 },
    ]);
    expect(guessBad(columnValues(p, 'outcome'))).toBe('bad');
  });

  it('falls back to the last two-valued column and its rarer value', () => {
    const q = parseCsv('x,paid\n1,P\n2,P\n3,N\n');
    expect(guessTarget(q)).toBe('paid');
    expect(guessBad(columnValues(q, 'paid'))).toBe('N');
  });
});
