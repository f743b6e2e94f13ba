// Day-count conventions: what fraction of a year lies between two dates. Each result is
// an exact rational of small integers, so interest = balance × rate × fraction can be
// computed exactly and rounded once.
//
// Definitions follow the ISDA 2006 Definitions, section 4.16, as summarised by
// OpenGamma's "Interest Rate Instruments and Market Conventions Guide" (2013):
//   ACT/365 (fixed)  days / 365
//   ACT/360          days / 360
//   ACT/365.25       days / 365.25 — the US Department of Education's daily interest
//                    factor (34 CFR 685.202(b): "simple daily interest", servicers use
//                    rate / 365.25)
//   ACT/ACT (ISDA)   days in non-leap years / 365 + days in leap years / 366
//   30/360 (US)      the "30/360 US" (NASD / bond basis) rule with its end-of-February
//                    adjustments.
import { civilFromDays, daysFromCivil, isLeapYear, type EpochDay } from './epoch-day.ts';

export const DAY_COUNT_CONVENTIONS = ['30/360', 'ACT/365', 'ACT/365.25', 'ACT/360', 'ACT/ACT'] as const;
export type DayCountConvention = (typeof DAY_COUNT_CONVENTIONS)[number];

/** num / den of a year, both safe integers, den > 0. Not reduced (callers don't need it). */
export interface YearFraction {
  readonly num: number;
  readonly den: number;
}

function isLastOfFebruary(y: number, m: number, d: number): boolean {
  return m === 2 && d === (isLeapYear(y) ? 29 : 28);
}

/** 30/360 US day count between two dates (start < end expected, but any order works). */
export function days360US(start: EpochDay, end: EpochDay): number {
  const a = civilFromDays(start);
  const b = civilFromDays(end);
  let d1 = a.day;
  let d2 = b.day;
  // The order of these adjustments is the rule; see the ISDA 30/360 US definition.
  if (isLastOfFebruary(a.year, a.month, d1) && isLastOfFebruary(b.year, b.month, d2)) d2 = 30;
  if (isLastOfFebruary(a.year, a.month, d1)) d1 = 30;
  if (d2 === 31 && d1 >= 30) d2 = 30;
  if (d1 === 31) d1 = 30;
  return 360 * (b.year - a.year) + 30 * (b.month - a.month) + (d2 - d1);
}

/** Fraction of a year between start (inclusive) and end (exclusive). */
export function yearFraction(convention: DayCountConvention, start: EpochDay, end: EpochDay): YearFraction {
  const days = end - start;
  switch (convention) {
    case 'ACT/365':
      return { num: days, den: 365 };
    case 'ACT/360':
      return { num: days, den: 360 };
    case 'ACT/365.25':
      return { num: days * 4, den: 1461 };
    case '30/360':
      return { num: days360US(start, end), den: 360 };
    case 'ACT/ACT': {
      if (days <= 0) return { num: days, den: 365 };
      // Split the period at each 1 January; a common denominator of 365 × 366 keeps it exact.
      let leap = 0;
      let common = 0;
      let from = start;
      while (from < end) {
        const y = civilFromDays(from).year;
        const nextYear = daysFromCivil(y + 1, 1, 1);
        const to = Math.min(end, nextYear);
        if (isLeapYear(y)) leap += to - from;
        else common += to - from;
        from = to;
      }
      return { num: common * 366 + leap * 365, den: 365 * 366 };
    }
  }
}
