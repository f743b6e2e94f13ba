// Daily accrual in exact integers. Every day count's daily year fraction is a whole number of
// "day units" over one common denominator, so a loan's accrued interest is an exact integer
// numerator over (rate denominator × DAY_UNITS_PER_YEAR), summed day by day (in SQL at close of
// business) and rounded once when billed. Over a period with a steady balance this equals the
// schedule's balance × rate × year fraction exactly, so the ledger reconciles to the schedule.
import {
  civilFromDays,
  days360US,
  isLeapYear,
  type DayCountConvention,
  type EpochDay,
} from '../dates/index.ts';
import { divideRoundedBig, type MinorUnits, type Rate, type RoundingMode } from '../money/index.ts';

/** lcm(360, 365, 366, 1461/4 → 1461): one year in day units under every convention. */
export const DAY_UNITS_PER_YEAR = 780_699_960;

/** Day units for calendar day `day` (interest for the night after it). */
export function dayUnits(convention: DayCountConvention, day: EpochDay): number {
  switch (convention) {
    case 'ACT/360':
      return DAY_UNITS_PER_YEAR / 360;
    case 'ACT/365':
      return DAY_UNITS_PER_YEAR / 365;
    case 'ACT/365.25':
      return (DAY_UNITS_PER_YEAR / 1461) * 4;
    case 'ACT/ACT':
      return DAY_UNITS_PER_YEAR / (isLeapYear(civilFromDays(day).year) ? 366 : 365);
    case '30/360':
      // Additive daily approximation of 30/360 US: the 31st counts nothing, the last of February the rest of the month.
      return (days360US(day, day + 1) * DAY_UNITS_PER_YEAR) / 360;
  }
}

/** Day units in [from, to). */
export function dayUnitsBetween(convention: DayCountConvention, from: EpochDay, to: EpochDay): number {
  if (to <= from) return 0;
  switch (convention) {
    case 'ACT/360':
    case 'ACT/365':
    case 'ACT/365.25':
      return (to - from) * dayUnits(convention, from);
    case 'ACT/ACT':
    case '30/360': {
      let s = 0;
      for (let d = from; d < to; d++) s += dayUnits(convention, d);
      return s;
    }
  }
}

/** Exact accrual numerator for `principal` over `units` (denominator: rate.den × DAY_UNITS_PER_YEAR). */
export function accrualNumerator(principal: MinorUnits, r: Rate, units: number): bigint {
  return BigInt(principal) * BigInt(r.num) * BigInt(units);
}

export function accrualDenominator(r: Rate): bigint {
  return BigInt(r.den) * BigInt(DAY_UNITS_PER_YEAR);
}

/** Accrued interest in minor units from its exact numerator. */
export function roundAccrued(numerator: bigint, r: Rate, mode: RoundingMode): MinorUnits {
  return Number(divideRoundedBig(numerator, accrualDenominator(r), mode));
}

/** Cumulative day units from `base` to each day in [base, base + n] (for set-based SQL). */
export function cumulativeDayUnits(convention: DayCountConvention, base: EpochDay, n: number): number[] {
  const out = [0];
  for (let i = 0; i < n; i++) out.push(out[i]! + dayUnits(convention, base + i));
  return out;
}
