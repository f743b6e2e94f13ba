// The origination funnel: how far applications got, where they dropped off, and how long the
// decision and the money took, overall and by channel and school.
import { FUNNEL_STAGES, type FunnelStage } from './vocabulary.ts';

export interface FunnelRow {
  channel: string;
  schoolId: string | null;
  /** The furthest stage reached. */
  stage: FunnelStage;
  submittedAt: string | null;
  decidedAt: string | null;
  firstDisbursedAt: string | null;
}

export interface FunnelSummary {
  total: number;
  stages: { stage: FunnelStage; reached: number; conversion: number | null }[];
  /** The step that loses the most applications (null when none is lost). */
  dropOff: { from: FunnelStage; to: FunnelStage; lost: number } | null;
  medianHoursToDecision: number | null;
  medianHoursToDisbursement: number | null;
}

function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const hoursBetween = (from: string, to: string) =>
  Math.round(((Date.parse(to) - Date.parse(from)) / 3_600_000) * 10) / 10;

export function funnelSummary(rows: readonly FunnelRow[]): FunnelSummary {
  const rank = (s: FunnelStage) => FUNNEL_STAGES.indexOf(s);
  const stages = FUNNEL_STAGES.map((stage) => ({
    stage,
    reached: rows.filter((r) => rank(r.stage) >= rank(stage)).length,
    conversion: null as number | null,
  }));
  let dropOff: FunnelSummary['dropOff'] = null;
  for (let i = 1; i < stages.length; i++) {
    const prev = stages[i - 1]!;
    const cur = stages[i]!;
    cur.conversion = prev.reached ? Math.round((cur.reached / prev.reached) * 1000) / 1000 : null;
    const lost = prev.reached - cur.reached;
    if (lost > 0 && (!dropOff || lost > dropOff.lost)) dropOff = { from: prev.stage, to: cur.stage, lost };
  }
  const toDecision = rows.flatMap((r) =>
    r.submittedAt && r.decidedAt ? [hoursBetween(r.submittedAt, r.decidedAt)] : [],
  );
  const toMoney = rows.flatMap((r) =>
    r.submittedAt && r.firstDisbursedAt ? [hoursBetween(r.submittedAt, r.firstDisbursedAt)] : [],
  );
  return {
    total: rows.length,
    stages,
    dropOff,
    medianHoursToDecision: median(toDecision),
    medianHoursToDisbursement: median(toMoney),
  };
}

/** The summary for every value of a grouping key (channel, school). */
export function funnelBy(
  rows: readonly FunnelRow[],
  key: (r: FunnelRow) => string,
): { key: string; summary: FunnelSummary }[] {
  const groups = new Map<string, FunnelRow[]>();
  for (const r of rows) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, rs]) => ({ key: k, summary: funnelSummary(rs) }));
}
