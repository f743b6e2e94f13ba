import { describe, expect, it } from 'vitest';
import { mergeSeries } from './projection.ts';

describe('mergeSeries', () => {
  it('samples each plan yearly and stops a line after the plan ends', () => {
    const a = Array.from({ length: 25 }, (_, i) => ({ month: i, balance: 2400 - i * 100 }));
    const b = Array.from({ length: 37 }, (_, i) => ({ month: i, balance: 3600 - i * 50 }));
    const rows = mergeSeries({ A: a, B: b });
    expect(rows.map((r) => r.year)).toEqual([0, 1, 2, 3]);
    expect(rows[0]).toEqual({ year: 0, A: 2400, B: 3600 });
    expect(rows[1]).toEqual({ year: 1, A: 1200, B: 3000 });
    expect(rows[2]).toEqual({ year: 2, A: 0, B: 2400 });
    expect(rows[3]).toEqual({ year: 3, B: 1800 });
  });

  it('adds a last row when the longest plan does not end on a whole year', () => {
    const rows = mergeSeries({ A: [{ month: 0, balance: 10 }, { month: 18, balance: 0 }] });
    expect(rows).toEqual([
      { year: 0, A: 10 },
      { year: 1, A: 10 },
      { year: 1.5, A: 0 },
    ]);
  });
});
