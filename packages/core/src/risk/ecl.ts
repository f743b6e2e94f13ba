// Expected credit loss: IFRS 9 staging (12-month ECL in stage 1, lifetime in stages 2 and 3),
// CECL (lifetime for every loan), China's five-tier loan classification (五级分类) with its
// provision rates, and a macro stress test that moves the PDs by a documented elasticity.
// ECL = PD × LGD × EAD per loan, in minor units rounded half-up; no discounting (student
// loans carry low rates and the horizon is short for the loans that drive the provision).

export interface EclConfig {
  /** 12-month probability of default per delinquency bucket (bucket code → PD). */
  pd12ByBucket: Record<string, number>;
  /** Loss given default: the share of the exposure lost once a loan defaults. */
  lgd: number;
  /** Significant increase in credit risk: more than this many days past due → stage 2. */
  sicrDaysPastDue: number;
  /** Credit-impaired: more than this many days past due (or in default) → stage 3. */
  impairedDaysPastDue: number;
  /** Provision rate per five-tier class. */
  fiveTierRates: Record<FiveTier, number>;
}

export const FIVE_TIERS = ['normal', 'special_mention', 'substandard', 'doubtful', 'loss'] as const;
export type FiveTier = (typeof FIVE_TIERS)[number];
/** The regulator's names: 正常, 关注, 次级, 可疑, 损失. */
export const FIVE_TIER_NAMES_ZH: Record<FiveTier, string> = {
  normal: '正常',
  special_mention: '关注',
  substandard: '次级',
  doubtful: '可疑',
  loss: '损失',
};

/**
 * Defaults: PDs a student lender would start from before calibrating on its own history,
 * LGD 60 % (unsecured, no collateral), the IFRS 9 rebuttable presumptions (30 and 90 days),
 * and the PBOC provisioning guideline rates (1 %, 2 %, 25 %, 50 %, 100 %).
 */
export const DEFAULT_ECL_CONFIG: EclConfig = {
  pd12ByBucket: {
    current: 0.02,
    '1-29': 0.1,
    '30-59': 0.3,
    '60-89': 0.5,
    '90-179': 1,
    '180-269': 1,
    '270+': 1,
  },
  lgd: 0.6,
  sicrDaysPastDue: 30,
  impairedDaysPastDue: 90,
  fiveTierRates: { normal: 0.01, special_mention: 0.02, substandard: 0.25, doubtful: 0.5, loss: 1 },
};

export interface EclExposure {
  /** Exposure at default: outstanding principal plus interest, penalties and fees owed (minor units). */
  ead: number;
  daysPastDue: number;
  bucket: string;
  state: string;
  /** Years of contractual life left (remaining instalments, plus any time before repayment starts). */
  remainingYears: number;
  /** Behavioural grade fell since origination: a qualitative SICR trigger. */
  downgraded?: boolean;
}

export type Ifrs9Stage = 1 | 2 | 3;

/** Stage 3 when credit-impaired, 2 on a significant increase in credit risk, else 1. */
export function ifrs9Stage(e: EclExposure, cfg: EclConfig = DEFAULT_ECL_CONFIG): Ifrs9Stage {
  if (e.state === 'default' || e.state === 'charged_off' || e.daysPastDue > cfg.impairedDaysPastDue) return 3;
  // Forbearance granted for hardship is a concession: IFRS 9 treats it as a SICR indicator.
  if (e.daysPastDue > cfg.sicrDaysPastDue || e.state === 'forbearance' || e.downgraded) return 2;
  return 1;
}

/** PD over `years` from a constant annual hazard: 1 − (1 − PD12)^years. */
export function cumulativePd(pd12: number, years: number): number {
  if (pd12 >= 1) return 1;
  return 1 - (1 - pd12) ** Math.max(0, years);
}

function pd12Of(e: EclExposure, cfg: EclConfig): number {
  const pd = cfg.pd12ByBucket[e.bucket];
  if (pd === undefined) throw new RangeError(`no PD configured for bucket ${e.bucket}`);
  return pd;
}

/** Lifetime PD: 1 for an impaired loan, else the cumulative PD over its remaining life. */
export function lifetimePd(e: EclExposure, cfg: EclConfig = DEFAULT_ECL_CONFIG): number {
  if (ifrs9Stage(e, cfg) === 3) return 1;
  return cumulativePd(pd12Of(e, cfg), e.remainingYears);
}

/** 12-month PD, capped by the remaining life (a loan ending in 6 months has only 6 months of risk). */
export function twelveMonthPd(e: EclExposure, cfg: EclConfig = DEFAULT_ECL_CONFIG): number {
  if (ifrs9Stage(e, cfg) === 3) return 1;
  return cumulativePd(pd12Of(e, cfg), Math.min(1, e.remainingYears));
}

const loss = (pd: number, lgd: number, ead: number) => Math.round(pd * lgd * ead);

export function ifrs9Ecl(e: EclExposure, cfg: EclConfig = DEFAULT_ECL_CONFIG): number {
  const pd = ifrs9Stage(e, cfg) === 1 ? twelveMonthPd(e, cfg) : lifetimePd(e, cfg);
  return loss(pd, cfg.lgd, e.ead);
}

export function ceclEcl(e: EclExposure, cfg: EclConfig = DEFAULT_ECL_CONFIG): number {
  return loss(lifetimePd(e, cfg), cfg.lgd, e.ead);
}

/**
 * Five-tier class from arrears and state (the 2023 NFRA/PBOC asset risk classification rule's
 * day limits): charged off or more than 360 days → loss; more than 270 → doubtful; more than
 * 90 or in default → substandard; any arrears or forbearance (a concession) → special mention.
 */
export function fiveTierOf(e: Pick<EclExposure, 'daysPastDue' | 'state'>): FiveTier {
  if (e.state === 'charged_off' || e.daysPastDue > 360) return 'loss';
  if (e.daysPastDue > 270) return 'doubtful';
  if (e.daysPastDue > 90 || e.state === 'default') return 'substandard';
  if (e.daysPastDue > 0 || e.state === 'forbearance') return 'special_mention';
  return 'normal';
}

export function fiveTierProvision(e: EclExposure, cfg: EclConfig = DEFAULT_ECL_CONFIG): number {
  return Math.round(cfg.fiveTierRates[fiveTierOf(e)] * e.ead);
}

export interface ProvisionLine {
  key: string;
  count: number;
  ead: number;
  provision: number;
  /** Provision ÷ EAD. */
  coverage: number;
}

export interface ProvisionComparison {
  ead: number;
  ifrs9: { total: number; byStage: ProvisionLine[] };
  cecl: { total: number; byStage: ProvisionLine[] };
  fiveTier: { total: number; byTier: ProvisionLine[] };
}

function group(
  keys: readonly string[],
  rows: { key: string; ead: number; provision: number }[],
): ProvisionLine[] {
  const out = new Map(keys.map((k) => [k, { key: k, count: 0, ead: 0, provision: 0, coverage: 0 }]));
  for (const r of rows) {
    const line = out.get(r.key)!;
    line.count++;
    line.ead += r.ead;
    line.provision += r.provision;
  }
  for (const l of out.values()) l.coverage = l.ead > 0 ? l.provision / l.ead : 0;
  return [...out.values()];
}

/** IFRS 9, CECL and the five-tier provisions for one book, side by side (CECL grouped by IFRS 9 stage too). */
export function compareProvisions(
  exposures: readonly EclExposure[],
  cfg: EclConfig = DEFAULT_ECL_CONFIG,
): ProvisionComparison {
  const stages = ['1', '2', '3'];
  const ifrs = exposures.map((e) => ({
    key: String(ifrs9Stage(e, cfg)),
    ead: e.ead,
    provision: ifrs9Ecl(e, cfg),
  }));
  const cecl = exposures.map((e) => ({
    key: String(ifrs9Stage(e, cfg)),
    ead: e.ead,
    provision: ceclEcl(e, cfg),
  }));
  const tiers = exposures.map((e) => ({
    key: fiveTierOf(e),
    ead: e.ead,
    provision: fiveTierProvision(e, cfg),
  }));
  const sum = (rows: { provision: number }[]) => rows.reduce((a, r) => a + r.provision, 0);
  return {
    ead: exposures.reduce((a, e) => a + e.ead, 0),
    ifrs9: { total: sum(ifrs), byStage: group(stages, ifrs) },
    cecl: { total: sum(cecl), byStage: group(stages, cecl) },
    fiveTier: { total: sum(tiers), byTier: group(FIVE_TIERS, tiers) },
  };
}

export interface StressScenario {
  /** Rise in the unemployment rate, percentage points (negative: a fall). */
  unemploymentPp: number;
  /** Fall in graduates' income, percent (negative: a rise). */
  incomeDropPct: number;
}

export interface StressElasticity {
  /** Relative PD change per percentage point of unemployment (0.1: +1 pp → PD × 1.10). */
  unemploymentPerPp: number;
  /** Relative PD change per percent of income lost (0.02: −10 % income → PD × 1.20). */
  incomePerPct: number;
}

export const DEFAULT_STRESS_ELASTICITY: StressElasticity = { unemploymentPerPp: 0.1, incomePerPct: 0.02 };

/** PD′ = min(1, PD × max(0, 1 + εu·Δu) × max(0, 1 + εy·Δy)). */
export function stressedPd(
  pd: number,
  s: StressScenario,
  el: StressElasticity = DEFAULT_STRESS_ELASTICITY,
): number {
  const factor =
    Math.max(0, 1 + el.unemploymentPerPp * s.unemploymentPp) *
    Math.max(0, 1 + el.incomePerPct * s.incomeDropPct);
  return Math.min(1, pd * factor);
}

/** The configuration with every bucket's 12-month PD stressed; LGD, stages and tiers unchanged. */
export function stressedConfig(
  cfg: EclConfig,
  s: StressScenario,
  el: StressElasticity = DEFAULT_STRESS_ELASTICITY,
): EclConfig {
  return {
    ...cfg,
    pd12ByBucket: Object.fromEntries(
      Object.entries(cfg.pd12ByBucket).map(([b, pd]) => [b, stressedPd(pd, s, el)]),
    ),
  };
}
