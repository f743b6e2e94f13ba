import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addBusinessMinutes,
  addMonthsIso,
  businessCalendar,
  businessMinutesBetween,
  civilFromDays,
  dayOfWeek,
  daysFromCivil,
  easterSunday,
  isValidIsoDate,
  localMinute,
  toEpochDay,
  toIsoDate,
  yearFraction,
  days360US,
} from './index.ts';

const d = toEpochDay;

describe('epoch days', () => {
  it('converts known dates', () => {
    expect(toEpochDay('1970-01-01')).toBe(0);
    expect(toEpochDay('2000-03-01')).toBe(11017);
    expect(toIsoDate(19723)).toBe('2024-01-01');
    expect(dayOfWeek(d('2024-01-01'))).toBe(1); // a Monday
  });
  it('round-trips every day from 1900 to 2200', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: d('1900-01-01'), max: d('2200-12-31') }),
        (x) => toEpochDay(toIsoDate(x)) === x,
      ),
    );
    fc.assert(
      fc.property(fc.integer({ min: -100000, max: 100000 }), (x) => {
        const c = civilFromDays(x);
        return daysFromCivil(c.year, c.month, c.day) === x;
      }),
    );
  });
  it('rejects impossible dates', () => {
    expect(isValidIsoDate('2024-02-29')).toBe(true);
    expect(isValidIsoDate('2023-02-29')).toBe(false);
    expect(isValidIsoDate('2024-02-30')).toBe(false);
    expect(isValidIsoDate('2024-13-01')).toBe(false);
    expect(() => toEpochDay('2024-04-31')).toThrow(/not a real calendar date/);
  });
  it('adds months with end-of-month clamping, keeping the anchor day', () => {
    expect(addMonthsIso('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonthsIso('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonthsIso('2024-01-31', 2)).toBe('2024-03-31');
    expect(addMonthsIso('2024-02-29', 1, 31)).toBe('2024-03-31');
    expect(addMonthsIso('2024-11-15', 3)).toBe('2025-02-15');
    expect(addMonthsIso('2024-03-31', -1)).toBe('2024-02-29');
  });
});

describe('day counts', () => {
  it('ACT/ACT ISDA splits at year ends (ISDA 1998 "EMU and market conventions" example: 1 Nov 2003 – 1 May 2004 = 61/365 + 121/366)', () => {
    const f = yearFraction('ACT/ACT', d('2003-11-01'), d('2004-05-01'));
    expect(f.num * 365 * 366).toBe((61 * 366 + 121 * 365) * f.den);
    expect(f.num / f.den).toBeCloseTo(0.49772438056740776, 15);
  });
  it('ACT/365, ACT/360, ACT/365.25 count actual days', () => {
    expect(yearFraction('ACT/365', d('2024-01-01'), d('2024-02-01'))).toEqual({ num: 31, den: 365 });
    expect(yearFraction('ACT/360', d('2024-01-01'), d('2024-02-01'))).toEqual({ num: 31, den: 360 });
    expect(yearFraction('ACT/365.25', d('2024-01-01'), d('2025-01-01'))).toEqual({ num: 366 * 4, den: 1461 });
  });
  it('30/360 US applies the end-of-month and February rules', () => {
    expect(days360US(d('2024-01-31'), d('2024-03-31'))).toBe(60);
    expect(days360US(d('2024-01-15'), d('2024-02-15'))).toBe(30);
    expect(days360US(d('2024-02-29'), d('2024-03-31'))).toBe(30);
    expect(days360US(d('2023-02-28'), d('2024-02-29'))).toBe(360);
    expect(days360US(d('2024-01-30'), d('2024-03-31'))).toBe(60);
    expect(days360US(d('2024-01-15'), d('2024-03-31'))).toBe(76);
  });
});

describe('business calendars', () => {
  const cn = businessCalendar('CN');
  const us = businessCalendar('US');
  const gb = businessCalendar('GB-ENG');
  it('knows China’s holidays and 调休 make-up working days (国办发明电 notices)', () => {
    expect(cn.isBusinessDay(d('2025-01-28'))).toBe(false); // 春节 eve, first year it is statutory
    expect(cn.isBusinessDay(d('2025-01-26'))).toBe(true); // Sunday, 调休上班
    expect(cn.isBusinessDay(d('2026-02-14'))).toBe(true); // Saturday, 调休上班
    expect(cn.isBusinessDay(d('2026-10-07'))).toBe(false);
    expect(cn.isBusinessDay(d('2024-10-12'))).toBe(true);
    expect(cn.holidayName(d('2024-06-10'))).toBe('端午节');
    expect(cn.covers(2026)).toBe(true);
    expect(cn.covers(2027)).toBe(false);
  });
  it('observes US federal holidays on the nearest weekday', () => {
    expect(us.isBusinessDay(d('2026-07-03'))).toBe(false); // 4 July 2026 is a Saturday
    expect(us.isBusinessDay(d('2022-12-26'))).toBe(false); // Christmas 2022 was a Sunday
    expect(us.isBusinessDay(d('2021-12-31'))).toBe(false); // New Year 2022 on Saturday
    expect(us.isBusinessDay(d('2024-11-28'))).toBe(false); // Thanksgiving
    expect(us.isBusinessDay(d('2024-05-27'))).toBe(false); // Memorial Day
    expect(us.isBusinessDay(d('2024-06-19'))).toBe(false); // Juneteenth
    expect(us.isBusinessDay(d('2020-06-19'))).toBe(true); // before Juneteenth existed
  });
  it('knows England and Wales bank holidays including substitutes and one-offs (gov.uk/bank-holidays)', () => {
    expect(toIsoDate(easterSunday(2024))).toBe('2024-03-31');
    expect(toIsoDate(easterSunday(2025))).toBe('2025-04-20');
    expect(gb.holidays(2022).map((h) => toIsoDate(h.day))).toEqual([
      '2022-01-03',
      '2022-04-15',
      '2022-04-18',
      '2022-05-02',
      '2022-06-02',
      '2022-06-03',
      '2022-08-29',
      '2022-09-19',
      '2022-12-26',
      '2022-12-27',
    ]);
    expect(gb.holidays(2027).map((h) => toIsoDate(h.day))).toContain('2027-12-28'); // Boxing Day on Sunday → Tuesday
  });
  it('adjusts due dates: following, modified-following, none', () => {
    const sat = d('2024-08-31'); // Saturday, month end
    expect(toIsoDate(us.adjust(sat, 'following'))).toBe('2024-09-03'); // Monday 2 Sep is Labor Day
    expect(toIsoDate(us.adjust(sat, 'modified-following'))).toBe('2024-08-30');
    expect(us.adjust(sat, 'none')).toBe(sat);
    expect(toIsoDate(cn.adjust(d('2025-10-01'), 'following'))).toBe('2025-10-09');
  });
  it('counts and adds business days and hours', () => {
    expect(toIsoDate(cn.addBusinessDays(d('2025-01-24'), 1))).toBe('2025-01-26');
    expect(toIsoDate(cn.addBusinessDays(d('2025-01-27'), 1))).toBe('2025-02-05');
    expect(cn.businessDaysBetween(d('2025-01-27'), d('2025-02-10'))).toBe(5); // 5,6,7,8(Sat 调休),10
    const hours = { opensAt: 9 * 60, closesAt: 18 * 60 };
    const fri5pm = localMinute(d('2024-05-31'), 17 * 60);
    const due = addBusinessMinutes(gb, hours, fri5pm, 4 * 60);
    expect(toIsoDate(Math.floor(due / 1440))).toBe('2024-06-03');
    expect(due % 1440).toBe(12 * 60);
    expect(businessMinutesBetween(gb, hours, fri5pm, due)).toBe(240);
  });
});
