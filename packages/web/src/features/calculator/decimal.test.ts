import { describe, expect, it } from 'vitest';
import { decimalToPercent, formatPercent, percentToDecimal, toMoneyString } from './decimal.ts';

describe('percentToDecimal', () => {
  it.each([
    ['4.35', '0.0435'],
    ['8', '0.08'],
    [8, '0.08'],
    [4.35, '0.0435'],
    ['0', '0'],
    ['100', '1'],
    ['12.5', '0.125'],
    ['0.6', '0.006'],
    ['3.05', '0.0305'],
  ])('%s %% → %s', (input, expected) => {
    expect(percentToDecimal(input)).toBe(expected);
  });

  it('rejects what is not a plain decimal', () => {
    expect(percentToDecimal('-1')).toBeNull();
    expect(percentToDecimal('abc')).toBeNull();
    expect(percentToDecimal(Number.NaN)).toBeNull();
  });
});

describe('decimalToPercent', () => {
  it.each([
    ['0.0435', '4.35'],
    ['0.08', '8'],
    ['1', '100'],
    ['0.125', '12.5'],
  ])('%s → %s %%', (input, expected) => {
    expect(decimalToPercent(input)).toBe(expected);
  });
});

describe('toMoneyString', () => {
  it.each([
    [15000, '15000.00'],
    ['15000.5', '15000.50'],
    ['1,234.56', '1234.56'],
    [0.1, '0.10'],
  ])('%s → %s', (input, expected) => {
    expect(toMoneyString(input)).toBe(expected);
  });
  it('rejects too many fraction digits', () => {
    expect(toMoneyString('1.234')).toBeNull();
  });
});

describe('formatPercent', () => {
  it.each([
    ['0.0653', '6.53 %'],
    ['0.043', '4.3 %'],
    ['0.0581234567', '5.812 %'],
    ['0.0599996', '6 %'],
    ['0', '0 %'],
  ])('%s → %s', (input, expected) => {
    expect(formatPercent(input)).toBe(expected);
  });
});
