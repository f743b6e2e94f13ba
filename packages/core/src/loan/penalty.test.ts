import { describe, expect, it } from 'vitest';
import { toEpochDay } from '../dates/index.ts';
import { parseRate, rate } from '../money/index.ts';
import { lateFee, penaltyInterest, penaltyRate, penaltyTermsOf } from './penalty.ts';
import { productTemplate } from './templates.ts';

const d = toEpochDay;

describe('penalty (overdue) interest', () => {
  const contract = parseRate('0.036');
  it('China: contract rate + 50 % (银发〔2003〕251号 allows +30 % to +50 %): ¥10,000 overdue 30 days at 5.4 %, ACT/360 → ¥45.00', () => {
    expect(
      penaltyRate(contract, { kind: 'multiplier-of-contract-rate', multiplier: parseRate('1.5') }),
    ).toEqual(parseRate('0.054'));
    const r = penaltyInterest({
      overdue: [{ from: d('2025-01-21'), amount: 1000000 }],
      until: d('2025-02-20'),
      contractRate: contract,
      rule: { kind: 'multiplier-of-contract-rate', multiplier: parseRate('1.5') },
      dayCount: 'ACT/360',
      rounding: 'half-up',
    });
    expect(r).toMatchObject({ interest: 4500, days: 30 });
  });
  it('follows a changing overdue amount and rounds once: 10 days on ¥10,000 + 20 days on ¥4,000 at 1.3× → ¥13.00 + ¥10.40', () => {
    const r = penaltyInterest({
      overdue: [
        { from: d('2025-01-21'), amount: 1000000 },
        { from: d('2025-01-31'), amount: 400000 },
      ],
      until: d('2025-02-20'),
      contractRate: contract,
      rule: { kind: 'multiplier-of-contract-rate', multiplier: parseRate('1.3') },
      dayCount: 'ACT/360',
      rounding: 'half-up',
    });
    // 4.68 %: 10,000 × 4.68 % × 10/360 = 13.00; 4,000 × 4.68 % × 20/360 = 10.40.
    expect(r.interest).toBe(2340);
  });
  it('a fixed penalty rate, and nothing accrues while nothing is overdue', () => {
    const r = penaltyInterest({
      overdue: [
        { from: d('2025-03-01'), amount: 100 },
        { from: d('2025-03-02'), amount: 0 },
        { from: d('2025-03-10'), amount: 100 },
      ],
      until: d('2025-03-11'),
      contractRate: contract,
      rule: { kind: 'fixed', annualRate: rate(365, 100) },
      dayCount: 'ACT/365',
      rounding: 'half-up',
    });
    // 2 days × 1 cent × 365 % / 365 = 2 cents.
    expect(r).toMatchObject({ interest: 2, days: 2 });
  });
});

describe('late fees with caps (product template fields)', () => {
  it('US Direct Loans: 6 cents per dollar once 30 days late (34 CFR 685.202(d)); none within 30 days', () => {
    const { lateFee: terms, rule } = penaltyTermsOf(productTemplate('US-DIRECT-SUB'));
    expect(rule).toBeNull();
    expect(lateFee(30415, 30, terms)).toBe(0);
    expect(lateFee(30415, 31, terms)).toBe(1825); // 304.15 × 6 % = 18.249 → 18.25
  });
  it('a flat fee plus a share, capped', () => {
    expect(lateFee(100000, 5, { flat: 1500, share: parseRate('0.05'), cap: 4000 })).toBe(4000);
    expect(lateFee(10000, 5, { flat: 1500, share: parseRate('0.05'), cap: 4000 })).toBe(2000);
    expect(lateFee(0, 50, { flat: 1500 })).toBe(0);
  });
  it('the commercial templates carry a 1.5× penalty multiplier', () => {
    expect(penaltyTermsOf(productTemplate('CN-BANK-TUITION')).rule).toEqual({
      kind: 'multiplier-of-contract-rate',
      multiplier: parseRate('1.5'),
    });
  });
});
