import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { businessCalendar, toEpochDay, toIsoDate } from '../dates/index.ts';
import { parseRate } from '../money/index.ts';
import { generateSchedule, type ScheduleTerms } from './schedule.ts';
import { calculateSchedule, scheduleRequestSchema } from './calculator.ts';

const d = toEpochDay;
const US = businessCalendar('US');
// $10,000 at 3.65 % ACT/365 accrues exactly $1.00 a day, so each period's interest in
// dollars is its length in days: the cents below are checkable by counting days.
const terms: ScheduleTerms = {
  principal: 1000000,
  annualRate: parseRate('0.0365'),
  startDay: d('2024-01-31'),
  installments: 6,
  frequency: 'monthly',
  method: 'interest-only',
  dayCount: 'ACT/365',
  rounding: 'half-up',
};
const dates = (s: ReturnType<typeof generateSchedule>) => s.installments.map((i) => toIsoDate(i.dueDay));
const interest = (s: ReturnType<typeof generateSchedule>) => s.installments.map((i) => i.interest / 100);

describe('due-date business-day adjustment inside schedule generation', () => {
  it('without a calendar nothing moves: 29 Feb, Sun 31 Mar, 30 Apr, 31 May, Sun 30 Jun, 31 Jul 2024', () => {
    const s = generateSchedule(terms);
    expect(dates(s)).toEqual([
      '2024-02-29',
      '2024-03-31',
      '2024-04-30',
      '2024-05-31',
      '2024-06-30',
      '2024-07-31',
    ]);
    expect(interest(s)).toEqual([29, 31, 30, 31, 30, 31]);
  });
  it('following: Sundays 31 Mar and 30 Jun move to Mon 1 Apr and Mon 1 Jul; interest still runs to the contractual dates (default)', () => {
    const s = generateSchedule({ ...terms, calendar: US, businessDayRule: 'following' });
    expect(dates(s)).toEqual([
      '2024-02-29',
      '2024-04-01',
      '2024-04-30',
      '2024-05-31',
      '2024-07-01',
      '2024-07-31',
    ]);
    expect(interest(s)).toEqual([29, 31, 30, 31, 30, 31]);
    expect(toIsoDate(s.installments[1]!.contractualDueDay!)).toBe('2024-03-31');
  });
  it('modified following keeps the month: 31 Mar → Fri 29 Mar, 30 Jun → Fri 28 Jun', () => {
    const s = generateSchedule({ ...terms, calendar: US, businessDayRule: 'modified-following' });
    expect(dates(s)).toEqual([
      '2024-02-29',
      '2024-03-29',
      '2024-04-30',
      '2024-05-31',
      '2024-06-28',
      '2024-07-31',
    ]);
  });
  it('accrual to adjusted dates moves the cents with the days: 32 + 29 days around 1 Apr, 31 + 30 around 1 Jul', () => {
    const s = generateSchedule({ ...terms, calendar: US, businessDayRule: 'following', accrual: 'adjusted' });
    expect(interest(s)).toEqual([29, 32, 29, 31, 31, 30]);
    const m = generateSchedule({
      ...terms,
      calendar: US,
      businessDayRule: 'modified-following',
      accrual: 'adjusted',
    });
    expect(interest(m)).toEqual([29, 29, 32, 31, 28, 33]);
  });
  it('China: 1 Oct 2025 (National Day, holiday 1–8 Oct per the State Council notice) → Thu 9 Oct', () => {
    const s = generateSchedule({
      ...terms,
      startDay: d('2025-09-01'),
      installments: 2,
      calendar: businessCalendar('CN'),
      businessDayRule: 'following',
    });
    expect(dates(s)).toEqual(['2025-10-09', '2025-11-03']); // 1 Nov 2025 is a Saturday
  });
  it('an annuity still repays exactly with adjusted accrual (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 1e8 }),
        fc.integer({ min: 1, max: 2000 }),
        fc.integer({ min: d('2024-01-01'), max: d('2026-12-31') }),
        fc.integer({ min: 1, max: 60 }),
        (p, bp, start, n) => {
          const s = generateSchedule({
            ...terms,
            principal: p,
            annualRate: { num: bp, den: 10000 },
            startDay: start,
            installments: n,
            method: 'annuity',
            dayCount: 'ACT/360',
            calendar: US,
            businessDayRule: 'modified-following',
            accrual: 'adjusted',
          });
          expect(s.installments.reduce((a, i) => a + i.principal, 0)).toBe(p);
          expect(s.installments.at(-1)!.balance).toBe(0);
          for (const i of s.installments) expect(US.isBusinessDay(i.dueDay)).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('calculator contract: optional calendar and businessDayRule', () => {
  const base = {
    principal: '10000.00',
    currency: 'USD',
    annualRate: '0.0365',
    startDate: '2024-01-31',
    installments: 6,
    frequency: 'monthly',
    method: 'interest-only',
    dayCount: 'ACT/365',
    rounding: 'half-up',
  } as const;
  it('existing requests are unchanged; a calendar moves due dates and (optionally) the cents', () => {
    expect(calculateSchedule(base).installments[1]!.dueDate).toBe('2024-03-31');
    const out = calculateSchedule({ ...base, calendar: 'US', businessDayRule: 'modified-following' });
    expect(out.installments[1]).toMatchObject({ dueDate: '2024-03-29', interest: '31.00' });
    const adj = calculateSchedule({ ...base, calendar: 'US', interestAccrual: 'adjusted' });
    expect(adj.installments.slice(1, 3).map((i) => [i.dueDate, i.interest])).toEqual([
      ['2024-04-01', '32.00'],
      ['2024-04-30', '29.00'],
    ]);
  });
  it('names the field for a bad calendar or rule, and a rule without a calendar', () => {
    const paths = (x: unknown) => {
      const r = scheduleRequestSchema.safeParse(x);
      return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
    };
    expect(paths({ ...base, calendar: 'FR' })).toEqual(['calendar']);
    expect(paths({ ...base, calendar: 'US', businessDayRule: 'nearest' })).toEqual(['businessDayRule']);
    expect(paths({ ...base, businessDayRule: 'following' })).toEqual(['calendar']);
    expect(paths({ ...base, businessDayRule: 'none' })).toEqual([]);
  });
});
