// Business days, due-date adjustment and business-hours counting over a calendar held as
// data (calendar-data.ts). Dates are epoch days; holidays of a year are generated once
// and memoised per calendar, so hot loops only do a Set lookup.
import {
  civilFromDays,
  dayOfWeek,
  daysFromCivil,
  daysInMonth,
  toEpochDay,
  DateError,
  type EpochDay,
} from './epoch-day.ts';
import { CALENDARS, type CalendarCode, type CalendarDefinition, type HolidayRule } from './calendar-data.ts';

export const BUSINESS_DAY_RULES = ['none', 'following', 'modified-following', 'preceding'] as const;
/** How a due date that is not a business day moves: `following` to the next business
 *  day; `modified-following` to the next unless that crosses into the next month, then
 *  to the previous; `preceding` to the previous; `none` stays. (ISDA 2006 §4.12.) */
export type BusinessDayRule = (typeof BUSINESS_DAY_RULES)[number];

/** Gregorian Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): EpochDay {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return daysFromCivil(year, month, day);
}

function nthWeekday(year: number, month: number, weekday: number, n: number): EpochDay {
  if (n > 0) {
    const first = daysFromCivil(year, month, 1);
    return first + ((weekday - dayOfWeek(first) + 7) % 7) + (n - 1) * 7;
  }
  const last = daysFromCivil(year, month, daysInMonth(year, month));
  return last - ((dayOfWeek(last) - weekday + 7) % 7) + (n + 1) * 7;
}

function ruleApplies(rule: HolidayRule, year: number): boolean {
  return (
    (rule.fromYear === undefined || year >= rule.fromYear) &&
    (rule.toYear === undefined || year <= rule.toYear)
  );
}

function ruleDate(rule: HolidayRule, year: number): EpochDay {
  switch (rule.kind) {
    case 'fixed':
      return daysFromCivil(year, rule.month, rule.day);
    case 'nth-weekday':
      return nthWeekday(year, rule.month, rule.weekday, rule.n);
    case 'easter':
      return easterSunday(year) + rule.offset;
  }
}

export interface Holiday {
  day: EpochDay;
  name: string;
}

/** A calendar ready for lookups. Build once with `businessCalendar(code or definition)`. */
export class BusinessCalendar {
  readonly definition: CalendarDefinition;
  private readonly weekend: boolean[];
  private readonly extra = new Map<EpochDay, string>();
  private readonly cancelled = new Set<EpochDay>();
  private readonly working = new Set<EpochDay>();
  private readonly byYear = new Map<number, Map<EpochDay, string>>();

  constructor(definition: CalendarDefinition) {
    this.definition = definition;
    this.weekend = [0, 1, 2, 3, 4, 5, 6].map((d) => definition.weekend.includes(d));
    for (const h of definition.extraHolidays) this.extra.set(toEpochDay(h.date), h.name);
    for (const d of definition.cancelledHolidays) this.cancelled.add(toEpochDay(d));
    for (const w of definition.workingWeekendDays) this.working.add(toEpochDay(w.date));
  }

  private isWeekend(day: EpochDay): boolean {
    return this.weekend[dayOfWeek(day)]!;
  }

  /** Rule-generated holidays that fall on or are observed in `year`. */
  private ruleHolidays(year: number): Map<EpochDay, string> {
    let cached = this.byYear.get(year);
    if (cached) return cached;
    cached = new Map();
    // Observance can move 1 January back into the previous year (US), so generate
    // the neighbouring years and keep what lands in this one.
    for (const y of [year - 1, year, year + 1]) {
      const taken = new Set<EpochDay>();
      const dated = this.definition.rules
        .filter((r) => ruleApplies(r, y))
        .map((r) => ({ day: ruleDate(r, y), name: r.name }))
        .sort((a, b) => a.day - b.day);
      for (const h of dated) taken.add(h.day);
      for (const h of dated) {
        let observed = h.day;
        const dow = dayOfWeek(h.day);
        if (this.isWeekend(h.day)) {
          switch (this.definition.observance) {
            case 'none':
              break;
            case 'us-federal':
              observed = dow === 6 ? h.day - 1 : h.day + 1;
              break;
            case 'substitute-next-weekday':
              observed = h.day + 1;
              while (this.isWeekend(observed) || taken.has(observed)) observed++;
              taken.add(observed);
              break;
          }
        }
        if (civilFromDays(observed).year === year && !this.cancelled.has(observed)) {
          cached.set(observed, observed === h.day ? h.name : `${h.name} (observed)`);
        }
      }
    }
    this.byYear.set(year, cached);
    return cached;
  }

  /** Name of the holiday on `day`, or undefined. */
  holidayName(day: EpochDay): string | undefined {
    return this.extra.get(day) ?? this.ruleHolidays(civilFromDays(day).year).get(day);
  }

  isBusinessDay(day: EpochDay): boolean {
    if (this.working.has(day)) return true;
    if (this.isWeekend(day)) return false;
    return this.holidayName(day) === undefined;
  }

  /** Holidays in a year, in date order (weekend-only days are not listed). */
  holidays(year: number): Holiday[] {
    const out = new Map(this.ruleHolidays(year));
    for (const [d, n] of this.extra) if (civilFromDays(d).year === year) out.set(d, n);
    return [...out].map(([day, name]) => ({ day, name })).sort((a, b) => a.day - b.day);
  }

  /** Whether holidays for `year` are known. Outside it only weekends (and rules) apply. */
  covers(year: number): boolean {
    const { fromYear, toYear } = this.definition.coverage;
    return year >= fromYear && (toYear === null || year <= toYear);
  }

  adjust(day: EpochDay, rule: BusinessDayRule): EpochDay {
    if (rule === 'none' || this.isBusinessDay(day)) return day;
    const next = (d: EpochDay, step: number): EpochDay => {
      let x = d + step;
      while (!this.isBusinessDay(x)) x += step;
      return x;
    };
    switch (rule) {
      case 'following':
        return next(day, 1);
      case 'preceding':
        return next(day, -1);
      case 'modified-following': {
        const f = next(day, 1);
        return civilFromDays(f).month === civilFromDays(day).month ? f : next(day, -1);
      }
    }
  }

  /** Move `n` business days forward (n > 0) or back (n < 0); n = 0 rolls to the next
   *  business day if `day` is not one. */
  addBusinessDays(day: EpochDay, n: number): EpochDay {
    let d = day;
    if (n === 0) return this.adjust(d, 'following');
    const step = n > 0 ? 1 : -1;
    let left = Math.abs(n);
    while (left > 0) {
      d += step;
      if (this.isBusinessDay(d)) left--;
    }
    return d;
  }

  /** Business days in (from, to]: the count an SLA or a "within 5 business days" rule means. */
  businessDaysBetween(from: EpochDay, to: EpochDay): number {
    if (to < from) return -this.businessDaysBetween(to, from);
    let n = 0;
    for (let d = from + 1; d <= to; d++) if (this.isBusinessDay(d)) n++;
    return n;
  }
}

const built = new Map<string, BusinessCalendar>();
export function businessCalendar(codeOrDefinition: CalendarCode | CalendarDefinition): BusinessCalendar {
  if (typeof codeOrDefinition !== 'string') return new BusinessCalendar(codeOrDefinition);
  const def = CALENDARS[codeOrDefinition] as CalendarDefinition | undefined;
  if (!def) throw new DateError(`Unknown calendar '${String(codeOrDefinition)}'`);
  let cal = built.get(codeOrDefinition);
  if (!cal) built.set(codeOrDefinition, (cal = new BusinessCalendar(def)));
  return cal;
}

// ---------------------------------------------------------------------------------------
// Business hours. Times are local wall-clock minutes since 1970-01-01 00:00 of the
// calendar's place (epochDay × 1440 + minute of day); the caller converts from instants
// with the office's time zone, so core stays free of clocks and zones.

export interface BusinessHours {
  /** Minute of day the desk opens, e.g. 9 × 60. */
  opensAt: number;
  /** Minute of day the desk closes, e.g. 18 × 60. */
  closesAt: number;
}

export type LocalMinute = number;
export const localMinute = (day: EpochDay, minuteOfDay: number): LocalMinute => day * 1440 + minuteOfDay;

/** Business minutes between two local times: what an SLA clock counts. */
export function businessMinutesBetween(
  cal: BusinessCalendar,
  hours: BusinessHours,
  from: LocalMinute,
  to: LocalMinute,
): number {
  if (to < from) return -businessMinutesBetween(cal, hours, to, from);
  let total = 0;
  const firstDay = Math.floor(from / 1440);
  const lastDay = Math.floor(to / 1440);
  for (let d = firstDay; d <= lastDay; d++) {
    if (!cal.isBusinessDay(d)) continue;
    const open = d * 1440 + hours.opensAt;
    const close = d * 1440 + hours.closesAt;
    const s = Math.max(open, from);
    const e = Math.min(close, to);
    if (e > s) total += e - s;
  }
  return total;
}

/** The local time after `minutes` business minutes from `from` (an SLA deadline). */
export function addBusinessMinutes(
  cal: BusinessCalendar,
  hours: BusinessHours,
  from: LocalMinute,
  minutes: number,
): LocalMinute {
  if (minutes < 0) throw new RangeError('minutes must be non-negative');
  let d = Math.floor(from / 1440);
  let at = from;
  let left = minutes;
  for (;;) {
    if (cal.isBusinessDay(d)) {
      const open = d * 1440 + hours.opensAt;
      const close = d * 1440 + hours.closesAt;
      const s = Math.max(open, at);
      if (s < close) {
        if (s + left <= close) return s + left;
        left -= close - s;
      }
    }
    d++;
    at = d * 1440;
  }
}
