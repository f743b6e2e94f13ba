// Quiet hours in the customer's own time zone: a message due inside them waits for their end.

export interface QuietHours {
  /** Minutes after local midnight when quiet hours start, e.g. 21:00 → 1260. */
  startMinute: number;
  /** Minutes after local midnight when they end, e.g. 08:00 → 480. Start > end spans midnight. */
  endMinute: number;
}

export const DEFAULT_QUIET_HOURS: QuietHours = { startMinute: 21 * 60, endMinute: 8 * 60 };

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

/** Local minutes (with fraction) after midnight of an instant in a time zone. */
export function localMinuteOfDay(at: Date, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return get('hour') * 60 + get('minute') + get('second') / 60;
}

export function inQuietHours(minute: number, q: QuietHours): boolean {
  if (q.startMinute === q.endMinute) return false;
  return q.startMinute < q.endMinute
    ? minute >= q.startMinute && minute < q.endMinute
    : minute >= q.startMinute || minute < q.endMinute;
}

/**
 * The first instant at or after `at` outside quiet hours in `timeZone`. A DST jump inside the
 * window is corrected by checking the result again.
 */
export function nextAllowedInstant(at: Date, timeZone: string, q: QuietHours = DEFAULT_QUIET_HOURS): Date {
  let t = at;
  for (let i = 0; i < 3; i++) {
    const m = localMinuteOfDay(t, timeZone);
    if (!inQuietHours(m, q)) return t;
    const wait = (q.endMinute - m + 1440) % 1440;
    t = new Date(t.getTime() + Math.ceil((wait * 60_000) / 1000) * 1000);
  }
  return t;
}

/** The time zone to assume when a customer has not set one. */
export function defaultTimeZone(country: string | null | undefined): string {
  switch ((country ?? '').toUpperCase()) {
    case 'US':
      return 'America/New_York';
    case 'GB':
    case 'UK':
      return 'Europe/London';
    case 'HK':
      return 'Asia/Hong_Kong';
    case 'SG':
      return 'Asia/Singapore';
    case 'AU':
      return 'Australia/Sydney';
    default:
      return 'Asia/Shanghai';
  }
}
