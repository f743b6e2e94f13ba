// The desk's clock and rules from the environment (documented in docs/operations.md): which
// business calendar and office hours the SLA clocks count, and the regulator's complaint deadline.
import { businessCalendar, CALENDARS, type CalendarCode, type DeskClock } from '@bursar/core';
import type { Deps } from '../../deps.ts';

export interface DeskSettings {
  clock: DeskClock;
  /** Calendar days a complaint must be answered in (e.g. 15 under the consumer-protection rules). */
  complaintDeadlineDays: number;
  /** Where the portal links a help-centre article (answer assistant, replies). */
  helpCentrePath: string;
}

function minuteOf(hhmm: string, fallback: number): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : fallback;
}

const cache = new WeakMap<Deps, DeskSettings>();

export function deskSettings(deps: Deps): DeskSettings {
  let s = cache.get(deps);
  if (s) return s;
  const env = process.env;
  const code = (env.BURSAR_DESK_CALENDAR ?? 'CN') as CalendarCode;
  const [open, close] = (env.BURSAR_DESK_HOURS ?? '09:00-18:00').split('-');
  s = {
    clock: {
      calendar: businessCalendar(code in CALENDARS ? code : 'CN'),
      hours: { opensAt: minuteOf(open ?? '', 540), closesAt: minuteOf(close ?? '', 1080) },
      utcOffsetMinutes: Number(env.BURSAR_DESK_UTC_OFFSET_MINUTES ?? 480),
    },
    complaintDeadlineDays: Number(env.BURSAR_DESK_COMPLAINT_DAYS ?? 15),
    helpCentrePath: '/help',
  };
  cache.set(deps, s);
  return s;
}
