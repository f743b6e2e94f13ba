import { describe, expect, it } from 'vitest';
import { groupDecimal, parseInstant } from './format.ts';

describe('parseInstant', () => {
  it.each([
    ['2026-11-29T19:07:08.422Z', '2026-11-29T19:07:08.422Z'],
    ['2026-11-29 19:07:08.422+00', '2026-11-29T19:07:08.422Z'],
    ['2026-11-29 21:07:08+0200', '2026-11-29T19:07:08.000Z'],
    ['2026-11-29 21:07:08.5+02:00', '2026-11-29T19:07:08.500Z'],
  ])('%s', (input, expected) => {
    expect(parseInstant(input).toISOString()).toBe(expected);
  });
});

describe('groupDecimal', () => {
  it.each([
    ['1234567.80', '1,234,567.80'],
    ['304.15', '304.15'],
    ['-1000', '-1,000'],
    ['0.00', '0.00'],
  ])('%s → %s', (input, expected) => {
    expect(groupDecimal(input)).toBe(expected);
  });
});
