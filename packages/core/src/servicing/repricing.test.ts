import { describe, expect, it } from 'vitest';
import { addRates, basisPoints, parseRate, rate } from '../money/index.ts';
import { lpr5yWith } from '../loan/index.ts';
import { nextRepricingDay, rescaleRate } from './repricing.ts';

describe('LPR repricing arithmetic', () => {
  it('writes the new rate over a common denominator so accrued numerators scale by a whole factor', () => {
    // 3.5 % − 60 bp = 2.9 % = 29/1000 on a loan stored at 3.45 % = 69/2000.
    const r = rescaleRate(2000, addRates(parseRate('0.035'), basisPoints(-60)));
    expect(r).toEqual({ num: 58, den: 2000, factor: 1 });
    const s = rescaleRate(1000, parseRate('0.0345'));
    expect(s).toEqual({ num: 69, den: 2000, factor: 2 });
    expect(rate(s.num, s.den)).toEqual(parseRate('0.0345'));
  });

  it('takes a recorded LPR over the held history, by effective day', () => {
    expect(lpr5yWith([], '2025-06-01').rate).toEqual(parseRate('0.035'));
    const recorded = [{ from: '2025-12-22', rate: '0.0340' }];
    expect(lpr5yWith(recorded, '2025-12-21').from).toBe('2025-05-20');
    expect(lpr5yWith(recorded, '2026-01-01')).toEqual({ rate: parseRate('0.034'), from: '2025-12-22' });
  });

  it('finds the next repricing day: 1 January, or the anniversary (29 February → 28 February)', () => {
    expect(nextRepricingDay('annual-1-january', '2025-03-10', '2025-03-10')).toBe('2026-01-01');
    expect(nextRepricingDay('annual-anniversary', '2025-03-10', '2025-03-10')).toBe('2026-03-10');
    expect(nextRepricingDay('annual-anniversary', '2025-03-10', '2025-01-05')).toBe('2025-03-10');
    expect(nextRepricingDay('annual-anniversary', '2024-02-29', '2024-02-29')).toBe('2025-02-28');
  });
});
