import { describe, expect, it } from 'vitest';
import { fractionToPercent, groupProducts, percentToFraction, setPath, shiftDecimal, type ProductVersion } from './products.ts';

describe('product helpers', () => {
  it('converts rates between fractions and per cent exactly', () => {
    expect(fractionToPercent('0.0395')).toBe('3.95');
    expect(fractionToPercent('0.0639')).toBe('6.39');
    expect(fractionToPercent('1')).toBe('100');
    expect(fractionToPercent('0.01057')).toBe('1.057');
    expect(percentToFraction('3.95')).toBe('0.0395');
    expect(percentToFraction('100')).toBe('1');
    expect(percentToFraction('0.5')).toBe('0.005');
    expect(percentToFraction('abc')).toBeNull();
    expect(shiftDecimal('.5', 1)).toBe('5');
  });

  it('sets and deletes nested values without touching the original', () => {
    const d = { a: { b: 1, c: 2 } };
    expect(setPath(d, 'a.b', 5)).toEqual({ a: { b: 5, c: 2 } });
    expect(setPath(d, 'a.c', undefined)).toEqual({ a: { b: 1 } });
    expect(setPath(d, 'x.y', 'z')).toEqual({ a: { b: 1, c: 2 }, x: { y: 'z' } });
    expect(d).toEqual({ a: { b: 1, c: 2 } });
  });

  it('groups versions by product, newest first', () => {
    const v = (code: string, version: number) => ({ code, version }) as ProductVersion;
    expect(groupProducts([v('B', 1), v('A', 1), v('B', 2)]).map((g) => [g.code, g.versions.map((x) => x.version)])).toEqual([
      ['A', [1]],
      ['B', [2, 1]],
    ]);
  });
});
