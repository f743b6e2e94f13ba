// Due-date business-day adjustment as data for set-based servicing: the days of a window that a
// rule moves, with where they move to. Close of business joins this small table to the loan book
// instead of adjusting each loan's date in code.
import type { BusinessCalendar, BusinessDayRule } from '../dates/index.ts';
import type { EpochDay } from '../dates/index.ts';

export interface MovedDueDay {
  rule: Exclude<BusinessDayRule, 'none'>;
  day: EpochDay;
  adjusted: EpochDay;
}

const MOVING_RULES = ['following', 'modified-following', 'preceding'] as const;

/** Every day in [from, to] that is not a business day, per rule, with its adjusted day. */
export function movedDueDays(cal: BusinessCalendar, from: EpochDay, to: EpochDay): MovedDueDay[] {
  const out: MovedDueDay[] = [];
  for (let day = from; day <= to; day++) {
    if (cal.isBusinessDay(day)) continue;
    for (const rule of MOVING_RULES) out.push({ rule, day, adjusted: cal.adjust(day, rule) });
  }
  return out;
}

/** A contractual due date as the borrower must pay it under `rule`. */
export function adjustedDueDay(cal: BusinessCalendar, day: EpochDay, rule: BusinessDayRule): EpochDay {
  return rule === 'none' ? day : cal.adjust(day, rule);
}
