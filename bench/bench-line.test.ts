import { describe, expect, it } from 'vitest';
import { benchLine, median } from './bench-line.ts';

describe('benchLine', () => {
  it('prints the contract format with ratio to the baseline', () => {
    const line = benchLine({
      name: 'schedule-generation',
      metric: 'schedules_per_s',
      value: 5000,
      unit: 'schedules/s',
      baseline: 10000,
      goal: 'ratio >= 0.3',
    });
    expect(line).toBe(
      'BENCH schedule-generation schedules_per_s=5000 schedules/s baseline=10000 ratio=0.5000 goal=ratio_>=_0.3',
    );
    expect(line).toMatch(/^BENCH [a-z0-9-]+ [a-z0-9_]+=-?[0-9.eE+-]+ \S+/);
  });
  it('takes the median of an even and odd count', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });
});
