// SLA clocks of the service desk: deadlines and elapsed time counted in business minutes on
// the lender's calendar (weekends, holidays and 调休 make-up working days included), plus the
// regulator's complaint deadline in calendar days. Instants are epoch milliseconds; the office's
// fixed UTC offset turns them into local wall-clock minutes, so no time-zone database is needed.
import {
  addBusinessMinutes,
  businessMinutesBetween,
  type BusinessCalendar,
  type BusinessHours,
  type LocalMinute,
} from '../dates/business-calendar.ts';
import { toIsoDate } from '../dates/epoch-day.ts';

export interface DeskClock {
  calendar: BusinessCalendar;
  hours: BusinessHours;
  /** Minutes east of UTC of the desk's office (China: 480). */
  utcOffsetMinutes: number;
}

const MS_PER_MINUTE = 60_000;

export function toLocalMinute(clock: DeskClock, instantMs: number): LocalMinute {
  return Math.floor(instantMs / MS_PER_MINUTE) + clock.utcOffsetMinutes;
}

export function fromLocalMinute(clock: DeskClock, local: LocalMinute): number {
  return (local - clock.utcOffsetMinutes) * MS_PER_MINUTE;
}

/** The instant `businessMinutes` of desk time after `startMs`. */
export function slaDeadline(clock: DeskClock, startMs: number, businessMinutes: number): number {
  return fromLocalMinute(
    clock,
    addBusinessMinutes(clock.calendar, clock.hours, toLocalMinute(clock, startMs), businessMinutes),
  );
}

/** Business minutes that passed between two instants (0 when `toMs` is earlier). */
export function businessMinutesElapsed(clock: DeskClock, fromMs: number, toMs: number): number {
  if (toMs <= fromMs) return 0;
  return businessMinutesBetween(
    clock.calendar,
    clock.hours,
    toLocalMinute(clock, fromMs),
    toLocalMinute(clock, toMs),
  );
}

/** The regulator's deadline: `days` calendar days after the day the complaint was received (local date). */
export function regulatoryDueDate(clock: DeskClock, receivedMs: number, days: number): string {
  return toIsoDate(Math.floor(toLocalMinute(clock, receivedMs) / 1440) + days);
}

export type SlaState = 'met' | 'breached' | 'on_track' | 'at_risk' | 'overdue';

export interface SlaClock {
  state: SlaState;
  /** Business minutes left (negative once overdue); null when the target is done. */
  remainingMinutes: number | null;
  /** Share of the target used, 0…1+ (what the board's heat colours show). */
  used: number;
}

/**
 * One SLA target of one ticket at `nowMs`. A target still running is `at_risk` when its
 * predicted finish lands after the deadline: less than a quarter of the time is left, or the
 * work queued ahead of it (minutes of the agent's other open tickets) does not fit.
 */
export function slaClock(
  clock: DeskClock,
  t: { startMs: number; dueMs: number; doneMs: number | null; nowMs: number; queuedAheadMinutes?: number },
): SlaClock {
  const target = Math.max(1, businessMinutesElapsed(clock, t.startMs, t.dueMs));
  if (t.doneMs !== null) {
    const used = businessMinutesElapsed(clock, t.startMs, t.doneMs) / target;
    return { state: t.doneMs <= t.dueMs ? 'met' : 'breached', remainingMinutes: null, used };
  }
  const usedMinutes = businessMinutesElapsed(clock, t.startMs, t.nowMs);
  if (t.nowMs > t.dueMs) {
    return {
      state: 'overdue',
      remainingMinutes: -businessMinutesElapsed(clock, t.dueMs, t.nowMs),
      used: usedMinutes / target,
    };
  }
  const remaining = businessMinutesElapsed(clock, t.nowMs, t.dueMs);
  const atRisk = remaining < target / 4 || (t.queuedAheadMinutes ?? 0) >= remaining;
  return { state: atRisk ? 'at_risk' : 'on_track', remainingMinutes: remaining, used: usedMinutes / target };
}
