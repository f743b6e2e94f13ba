import { describe, expect, it } from 'vitest';
import { businessCalendar, toEpochDay, toIsoDate } from '../dates/index.ts';
import { adjustedDueDay, movedDueDays } from './due-dates.ts';

const CN = businessCalendar('CN');
const d = toEpochDay;

describe('due-date adjustment table for close of business', () => {
  it('lists only non-business days, per rule, with the adjusted day (国庆节 2026 and its 调休 Saturday)', () => {
    const moved = movedDueDays(CN, d('2026-09-30'), d('2026-10-10'));
    const of = (rule: string, day: string) =>
      moved.filter((m) => m.rule === rule && toIsoDate(m.day) === day).map((m) => toIsoDate(m.adjusted));
    // 1–7 October are holidays; Thursday 8 October is the first business day after.
    expect(of('following', '2026-10-01')).toEqual(['2026-10-08']);
    expect(of('preceding', '2026-10-04')).toEqual(['2026-09-30']);
    expect(of('modified-following', '2026-10-07')).toEqual(['2026-10-08']);
    // Saturday 10 October is a 调休 working day: it does not move, and neither do business days.
    expect(moved.some((m) => toIsoDate(m.day) === '2026-10-10')).toBe(false);
    expect(moved.some((m) => toIsoDate(m.day) === '2026-09-30')).toBe(false);
    expect(new Set(moved.map((m) => m.rule))).toEqual(
      new Set(['following', 'modified-following', 'preceding']),
    );
  });

  it('modified following stays in the month: Saturday 31 October 2026 → Friday 30 October', () => {
    expect(toIsoDate(adjustedDueDay(CN, d('2026-10-31'), 'modified-following'))).toBe('2026-10-30');
    expect(toIsoDate(adjustedDueDay(CN, d('2026-10-31'), 'following'))).toBe('2026-11-02');
    expect(toIsoDate(adjustedDueDay(CN, d('2026-10-31'), 'none'))).toBe('2026-10-31');
  });
});
