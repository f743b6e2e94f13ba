// Business dates are 'YYYY-MM-DD' strings at the edges and integer days since 1970-01-01
// (epoch days) inside loops: adding, comparing and counting days is then plain integer
// arithmetic, with no time zones and no `Date` objects. The conversions are Howard
// Hinnant's civil-calendar algorithms (https://howardhinnant.github.io/date_algorithms.html),
// exact for the proleptic Gregorian calendar.

/** Days since 1970-01-01. */
export type EpochDay = number;
/** 'YYYY-MM-DD' */
export type IsoDate = string;

export class DateError extends Error {
  override readonly name = 'DateError';
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeapYear(y) ? 29 : MONTH_DAYS[m - 1]!;
}

export function daysInYear(y: number): number {
  return isLeapYear(y) ? 366 : 365;
}

/** Epoch day of a civil date (month 1–12). No validation: callers validate. */
export function daysFromCivil(y: number, m: number, d: number): EpochDay {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

export function civilFromDays(z: EpochDay): CivilDate {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date in 'YYYY-MM-DD' form (2024-02-29 yes, 2023-02-29 no). */
export function isValidIsoDate(text: string): boolean {
  const m = ISO.exec(text);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function toEpochDay(date: IsoDate): EpochDay {
  const m = ISO.exec(date);
  if (!m) throw new DateError(`'${date}' is not a date in YYYY-MM-DD form`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo))
    throw new DateError(`'${date}' is not a real calendar date`);
  return daysFromCivil(y, mo, d);
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

export function toIsoDate(day: EpochDay): IsoDate {
  const { year, month, day: d } = civilFromDays(day);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(d)}`;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function dayOfWeek(day: EpochDay): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Add calendar months, clamping to the month's end: 31 Jan + 1 month = 28/29 Feb.
 *  `anchorDay` keeps a schedule on its contractual day of month even after a short
 *  month has clamped it (31 Jan → 29 Feb → 31 Mar, not → 29 Mar). */
export function addMonths(day: EpochDay, months: number, anchorDay?: number): EpochDay {
  const c = civilFromDays(day);
  const total = c.year * 12 + (c.month - 1) + months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  const want = anchorDay ?? c.day;
  return daysFromCivil(y, m, Math.min(want, daysInMonth(y, m)));
}

export function addMonthsIso(date: IsoDate, months: number, anchorDay?: number): IsoDate {
  return toIsoDate(addMonths(toEpochDay(date), months, anchorDay));
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return toIsoDate(toEpochDay(date) + days);
}

export function isLastDayOfMonth(day: EpochDay): boolean {
  const c = civilFromDays(day);
  return c.day === daysInMonth(c.year, c.month);
}

/** Whole days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toEpochDay(b) - toEpochDay(a);
}

/** The next date on or after `from` that falls on the given month and day (e.g. the
 *  next 20 December for the national student loan's annual repayment date). */
export function nextAnnualDate(from: EpochDay, month: number, dayOfMonth: number): EpochDay {
  const c = civilFromDays(from);
  const thisYear = daysFromCivil(c.year, month, Math.min(dayOfMonth, daysInMonth(c.year, month)));
  if (thisYear >= from) return thisYear;
  return daysFromCivil(c.year + 1, month, Math.min(dayOfMonth, daysInMonth(c.year + 1, month)));
}
