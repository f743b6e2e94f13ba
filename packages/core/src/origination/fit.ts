// Product fit: from the applicant's study level, need and purpose, which products they may
// apply for and why, with the limits left per academic year and in total.
import type { EducationLevel, LoanNeed } from '../customers/vocabulary.ts';
import { parseMoney } from '../money/index.ts';
import type { ProductTemplate } from '../loan/templates.ts';
import type { YearRequest } from './application.ts';

export interface FitApplicant {
  level: EducationLevel | undefined;
  purpose: LoanNeed | undefined;
  /** A household need indicator is claimed (low income, registered poverty, orphan …). */
  financialNeed: boolean;
  expectedGraduationDate: string | undefined;
  years: readonly Pick<YearRequest, 'academicYear'>[];
  /** Amounts already lent or approved to this customer, per product code. */
  usage: Readonly<Record<string, ProductUsage>>;
  today: string;
}

export interface ProductUsage {
  totalMinor: number;
  byYear: Readonly<Record<string, number>>;
}

/** One reason for or against a product, as a stable code the UI translates. */
export interface FitReason {
  code: string;
  ok: boolean;
}

export interface ProductFit {
  code: string;
  name: { en: string; 'zh-CN': string };
  currency: string;
  eligible: boolean;
  reasons: FitReason[];
  perYearLimitMinor: number | null;
  aggregateLimitMinor: number | null;
  remainingTotalMinor: number | null;
  remainingByYear: { academicYear: string; limitMinor: number | null; remainingMinor: number | null }[];
}

/** The first day of an academic year ("2026-2027" → 2026-09-01): when its limit applies. */
export function academicYearStart(academicYear: string): string {
  return `${academicYear.slice(0, 4)}-09-01`;
}

function addYears(iso: string, years: number): string {
  return `${String(Number(iso.slice(0, 4)) + years).padStart(4, '0')}${iso.slice(4)}`;
}

/** The per-year and aggregate limits for a level on a date (the latest row in force), minor units. */
export function limitsFor(
  p: ProductTemplate,
  level: EducationLevel,
  on: string,
): { perYear: number; aggregate: number | null } | null {
  const rows = p.limits
    .filter((l) => l.level === level && (l.effectiveFrom ?? '0000-00-00') <= on)
    .sort((a, b) => (a.effectiveFrom ?? '').localeCompare(b.effectiveFrom ?? ''));
  const row = rows.at(-1);
  if (!row) return null;
  return {
    perYear: parseMoney(row.perYear, p.currency),
    aggregate: row.aggregate ? parseMoney(row.aggregate, p.currency) : null,
  };
}

/** The lender's product rules beyond study level, by product code (its configuration). */
const PRODUCT_RULES: Readonly<Record<string, (a: FitApplicant) => FitReason[]>> = {
  'CN-NSL-HOME': (a) => [{ code: 'need_based', ok: a.financialNeed }],
  'CN-NSL-CAMPUS': (a) => [{ code: 'need_based', ok: a.financialNeed }],
  'CN-BANK-TUITION': (a) => [{ code: 'purpose_tuition', ok: a.purpose === 'tuition' }],
  'CN-BANK-LIVING': (a) => [{ code: 'purpose_living', ok: a.purpose === 'living_expenses' }],
  'CN-BANK-GRADUATE': (a) => [{ code: 'purpose_graduate_study', ok: a.purpose === 'graduate_study' }],
  'CN-BANK-ENTREPRENEURSHIP': (a) => {
    const g = a.expectedGraduationDate;
    return [
      { code: 'purpose_entrepreneurship', ok: a.purpose === 'entrepreneurship' },
      { code: 'recent_graduate', ok: !!g && g <= a.today && g > addYears(a.today, -2) },
    ];
  },
};

export function productFit(products: readonly ProductTemplate[], a: FitApplicant): ProductFit[] {
  return products.map((p) => {
    const levelOk = !!a.level && (p.eligibleLevels as readonly string[]).includes(a.level);
    const reasons: FitReason[] = [
      { code: 'study_level', ok: levelOk },
      ...(PRODUCT_RULES[p.code]?.(a) ?? []),
    ];
    const firstYear = a.years[0]?.academicYear;
    const on = firstYear ? academicYearStart(firstYear) : a.today;
    const lim = a.level ? limitsFor(p, a.level, on) : null;
    const used = a.usage[p.code] ?? { totalMinor: 0, byYear: {} };
    const remainingByYear = a.years.map((y) => {
      const l = a.level ? limitsFor(p, a.level, academicYearStart(y.academicYear)) : null;
      return {
        academicYear: y.academicYear,
        limitMinor: l?.perYear ?? null,
        remainingMinor: l ? Math.max(0, l.perYear - (used.byYear[y.academicYear] ?? 0)) : null,
      };
    });
    return {
      code: p.code,
      name: p.name,
      currency: p.currency,
      eligible: reasons.every((r) => r.ok) && lim !== null,
      reasons,
      perYearLimitMinor: lim?.perYear ?? null,
      aggregateLimitMinor: lim?.aggregate ?? null,
      remainingTotalMinor: lim?.aggregate != null ? Math.max(0, lim.aggregate - used.totalMinor) : null,
      remainingByYear,
    };
  });
}
