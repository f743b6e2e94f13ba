// Service figures per agent or team and period: first-response and resolution times (business
// minutes), SLA attainment, reopen rate and satisfaction. Pure: the caller loads the tickets.
import { addDays } from '../dates/epoch-day.ts';

export interface TicketOutcome {
  /** Grouping key: an agent id, a team, or '' for everyone. */
  key: string;
  /** `YYYY-MM` or `YYYY-MM-DD` bucket of the ticket's creation. */
  period: string;
  firstResponseMinutes: number | null;
  resolutionMinutes: number | null;
  firstResponseMet: boolean | null;
  resolutionMet: boolean | null;
  reopened: boolean;
  satisfaction: number | null;
}

export interface PerformanceRow {
  key: string;
  period: string;
  tickets: number;
  medianFirstResponseMinutes: number | null;
  medianResolutionMinutes: number | null;
  /** Share of targets met among those decided (met or breached), 0…1; null if none decided. */
  slaAttainment: number | null;
  reopenRate: number | null;
  averageSatisfaction: number | null;
  ratings: number;
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function summarise(key: string, period: string, items: readonly TicketOutcome[]): PerformanceRow {
  const nums = (f: (t: TicketOutcome) => number | null) =>
    items.map(f).filter((x): x is number => x !== null);
  const decided = items.flatMap((t) => [t.firstResponseMet, t.resolutionMet]).filter((x) => x !== null);
  const resolved = items.filter((t) => t.resolutionMinutes !== null);
  const ratings = nums((t) => t.satisfaction);
  return {
    key,
    period,
    tickets: items.length,
    medianFirstResponseMinutes: median(nums((t) => t.firstResponseMinutes)),
    medianResolutionMinutes: median(nums((t) => t.resolutionMinutes)),
    slaAttainment: decided.length ? decided.filter(Boolean).length / decided.length : null,
    reopenRate: resolved.length ? resolved.filter((t) => t.reopened).length / resolved.length : null,
    averageSatisfaction: ratings.length ? ratings.reduce((a, b) => a + b, 0) / ratings.length : null,
    ratings: ratings.length,
  };
}

/** One row per key and period, sorted by key then period. */
export function performanceByKeyAndPeriod(outcomes: readonly TicketOutcome[]): PerformanceRow[] {
  const groups = new Map<string, TicketOutcome[]>();
  for (const o of outcomes) {
    const k = `${o.key}\u0000${o.period}`;
    const g = groups.get(k);
    if (g) g.push(o);
    else groups.set(k, [o]);
  }
  return [...groups.entries()]
    .map(([k, items]) => {
      const [key, period] = k.split('\u0000') as [string, string];
      return summarise(key, period, items);
    })
    .sort((a, b) => a.key.localeCompare(b.key) || a.period.localeCompare(b.period));
}

/** Complaints with a cause in equal windows before and after an improvement action started. */
export function causeVolumeBeforeAfter(
  occurrences: readonly string[],
  pivotDate: string,
  windowDays: number,
): { before: number; after: number; windowDays: number } {
  const from = addDays(pivotDate, -windowDays);
  const to = addDays(pivotDate, windowDays);
  return {
    before: occurrences.filter((d) => d >= from && d < pivotDate).length,
    after: occurrences.filter((d) => d >= pivotDate && d < to).length,
    windowDays,
  };
}
