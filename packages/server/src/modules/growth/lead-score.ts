// The lead score: 0–100 points, fit (up to 60) plus engagement (up to 40), each factor reported
// with its points so staff see why a prospect ranks where it does. Pure: the service gathers
// the inputs (school's cohort default rate, product limits, activity counts).
//
// Fit
//   study level     vocational 6 · associate 8 · undergraduate 10 · master/doctoral 12 · unknown 0
//   school          no school 0; school without a published cohort default rate (CDR) 5;
//                   otherwise round(15 × (1 − min(CDR, 20 %) ÷ 20 %)) — 0 % CDR scores 15
//   need            financial need claimed 10; an amount needed stated 5 (max 15)
//   expected limit  round(18 × per-year limit for the level ÷ largest per-year limit of any
//                   active product), so the prospect the products can lend most to scores 18
// Engagement
//   contacts        5 per staff contact (call, meeting, reply), max 15
//   events          10 per campus event attended, max 15
//   link clicks     2 per tracked link click, max 10
// Rounding: half-up on each factor, totals are integer sums.

export const STUDY_LEVEL_POINTS: Readonly<Record<string, number>> = {
  vocational: 6,
  associate: 8,
  undergraduate: 10,
  master: 12,
  doctoral: 12,
};

export interface LeadProfile {
  educationLevel: string | null;
  /** Whether the prospect named a school, and its cohort default rate in percent (null: unpublished). */
  hasSchool: boolean;
  cohortDefaultRate: number | null;
  financialNeed: boolean;
  requestedAmount: number | null;
  /** Per-year limit the active products give the prospect's level, and the largest of any level (minor units). */
  expectedLimitMinor: number | null;
  maxLimitMinor: number | null;
  contacts: number;
  eventsAttended: number;
  linkClicks: number;
}

export interface ScoreFactor {
  code: 'study_level' | 'school' | 'need' | 'expected_limit' | 'contacts' | 'events' | 'link_clicks';
  group: 'fit' | 'engagement';
  points: number;
  max: number;
  /** The value the points came from, for the breakdown (level, CDR, amounts, counts). */
  value: string | number | boolean | null;
}

export interface LeadScore {
  score: number;
  fit: number;
  engagement: number;
  factors: ScoreFactor[];
}

const roundHalfUp = (x: number) => Math.floor(x + 0.5);
const capped = (n: number, each: number, max: number) => Math.min(max, Math.max(0, n) * each);

export function leadScore(p: LeadProfile): LeadScore {
  const cdr = p.cohortDefaultRate;
  const schoolPoints = !p.hasSchool ? 0 : cdr === null ? 5 : roundHalfUp(15 * (1 - Math.min(cdr, 20) / 20));
  const limitPoints =
    p.expectedLimitMinor && p.maxLimitMinor && p.maxLimitMinor > 0
      ? roundHalfUp((18 * Math.min(p.expectedLimitMinor, p.maxLimitMinor)) / p.maxLimitMinor)
      : 0;
  const factors: ScoreFactor[] = [
    {
      code: 'study_level',
      group: 'fit',
      points: STUDY_LEVEL_POINTS[p.educationLevel ?? ''] ?? 0,
      max: 12,
      value: p.educationLevel,
    },
    { code: 'school', group: 'fit', points: schoolPoints, max: 15, value: p.hasSchool ? cdr : null },
    {
      code: 'need',
      group: 'fit',
      points: (p.financialNeed ? 10 : 0) + (p.requestedAmount && p.requestedAmount > 0 ? 5 : 0),
      max: 15,
      value: p.financialNeed,
    },
    { code: 'expected_limit', group: 'fit', points: limitPoints, max: 18, value: p.expectedLimitMinor },
    { code: 'contacts', group: 'engagement', points: capped(p.contacts, 5, 15), max: 15, value: p.contacts },
    {
      code: 'events',
      group: 'engagement',
      points: capped(p.eventsAttended, 10, 15),
      max: 15,
      value: p.eventsAttended,
    },
    {
      code: 'link_clicks',
      group: 'engagement',
      points: capped(p.linkClicks, 2, 10),
      max: 10,
      value: p.linkClicks,
    },
  ];
  const sum = (g: ScoreFactor['group']) =>
    factors.filter((f) => f.group === g).reduce((s, f) => s + f.points, 0);
  const fit = sum('fit');
  const engagement = sum('engagement');
  return { score: fit + engagement, fit, engagement, factors };
}
