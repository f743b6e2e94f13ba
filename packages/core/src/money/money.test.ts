import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  allocateProportionally,
  divideRounded,
  divideRoundedBig,
  formatMoney,
  isExactHalf,
  mulDivRounded,
  parseMoney,
  parseRate,
  splitEvenly,
  CURRENCIES,
} from './index.ts';

describe('money parsing and formatting', () => {
  it('parses major-unit strings into minor units per ISO 4217 minor digits', () => {
    expect(parseMoney('15000.00', 'USD')).toBe(1500000);
    expect(parseMoney('15000', 'CNY')).toBe(1500000);
    expect(parseMoney('0.5', 'GBP')).toBe(50);
    expect(parseMoney('1200', 'JPY')).toBe(1200);
    expect(CURRENCIES.HKD.minorDigits).toBe(2);
  });
  it('rejects more decimals than the currency has, with a clear error', () => {
    expect(() => parseMoney('1.234', 'USD')).toThrow(/3 decimal places; USD allows at most 2/);
    expect(() => parseMoney('1.5', 'JPY')).toThrow(/JPY allows at most 0/);
    expect(() => parseMoney('1,000.00', 'USD')).toThrow(/not a decimal amount/);
    expect(() => parseMoney('10', 'XXX')).toThrow(/Unknown currency/);
  });
  it('formats with exactly the minor digits', () => {
    expect(formatMoney(30415, 'USD')).toBe('304.15');
    expect(formatMoney(0, 'USD')).toBe('0.00');
    expect(formatMoney(5, 'CNY')).toBe('0.05');
    expect(formatMoney(-1234, 'EUR')).toBe('-12.34');
    expect(formatMoney(1200, 'JPY')).toBe('1200');
  });
  it('round-trips any safe amount', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e15, max: 1e15 }),
        (v) => parseMoney(formatMoney(v, 'USD'), 'USD') === v,
      ),
    );
  });
  it('parses rates exactly', () => {
    expect(parseRate('0.08')).toEqual({ num: 2, den: 25 });
    expect(parseRate('0.0435')).toEqual({ num: 87, den: 2000 });
    expect(() => parseRate('0.12345678901')).toThrow(/decimal places/);
  });
});

describe('rounding', () => {
  it('applies half-up (away from zero) and half-even', () => {
    expect(divideRounded(5, 2, 'half-up')).toBe(3);
    expect(divideRounded(5, 2, 'half-even')).toBe(2);
    expect(divideRounded(7, 2, 'half-even')).toBe(4);
    expect(divideRounded(-5, 2, 'half-up')).toBe(-3);
    expect(divideRounded(-5, 2, 'half-even')).toBe(-2);
    expect(divideRounded(7, 3, 'floor')).toBe(2);
    expect(divideRounded(7, 3, 'ceiling')).toBe(3);
  });
  it('agrees with exact BigInt division for all safe integers', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 1, max: 1e12 }),
        fc.constantFrom('half-up', 'half-even', 'floor', 'ceiling') as fc.Arbitrary<'half-up'>,
        (n, d, mode) => {
          expect(divideRounded(n, d, mode)).toBe(Number(divideRoundedBig(BigInt(n), BigInt(d), mode)));
        },
      ),
    );
  });
  it('mulDivRounded stays exact when the product passes 2^53', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9e15 }),
        fc.integer({ min: 1, max: 1e6 }),
        fc.integer({ min: 1, max: 1e9 }),
        (a, b, c) => {
          expect(mulDivRounded(a, b, c, 'half-even')).toBe(
            Number(divideRoundedBig(BigInt(a) * BigInt(b), BigInt(c), 'half-even')),
          );
        },
      ),
    );
  });
  it('half-up and half-even differ only where the quotient is exactly a half', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }),
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        (n, d) => {
          const differ = divideRoundedBig(n, d, 'half-up') !== divideRoundedBig(n, d, 'half-even');
          if (differ) expect(isExactHalf(n, d)).toBe(true);
        },
      ),
    );
  });
});

describe('allocation', () => {
  it('splits so parts sum exactly and differ by at most one minor unit', () => {
    expect(splitEvenly(1000, 3)).toEqual([334, 333, 333]);
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 1, max: 50 }), (total, n) => {
        const parts = splitEvenly(total, n);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1);
      }),
    );
  });
  it('allocates proportionally by largest remainder', () => {
    expect(allocateProportionally(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocateProportionally(1000, [50, 30, 20])).toEqual([500, 300, 200]);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc
          .array(fc.integer({ min: 0, max: 1e6 }), { minLength: 1, maxLength: 20 })
          .filter((w) => w.some((x) => x > 0)),
        (total, w) => {
          expect(allocateProportionally(total, w).reduce((a, b) => a + b, 0)).toBe(total);
        },
      ),
    );
  });
});
