// Value and loyalty: lifetime value per loan and customer (core's formula on the loan's projected
// schedule), churn status with its reason, repeat borrowing, NPS by segment and market share by
// school over enrolment held as data (importable by CSV).
import {
  AMORTISATION_METHODS,
  classifyChurn,
  clvMonthsOfSchedule,
  DAY_COUNT_CONVENTIONS,
  FREQUENCIES,
  generateSchedule,
  lifetimeValue,
  marketShare,
  MONTHS_PER_PERIOD,
  nps,
  parseCsv,
  rate,
  repeatBorrowing,
  toEpochDay,
  type AmortisationMethod,
  type ChurnReason,
  type DayCountConvention,
  type Frequency,
} from '@bursar/core';
import type { ActorContext, Deps } from '../../deps.ts';
import { Problem, validationProblem, type FieldError } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { portfolioSettings } from '../risk/index.ts';
import { openBusinessDate } from '../servicing/index.ts';
import * as repo from './analytics.repository.ts';
import { analyticsSettings } from './analytics.settings.ts';

const frequencyOf = (months: number): Frequency =>
  FREQUENCIES.find((f) => MONTHS_PER_PERIOD[f] === months) ?? 'monthly';

/** Lifetime value of open loans (one loan, one customer's, or the largest `limit`), exact per core. */
export async function loanValues(
  deps: Deps,
  where: { customerId?: string; loanId?: string; limit?: number },
) {
  const [loans, risk, s, asOf] = await Promise.all([
    repo.openLoansForClv(deps.database.readDb, where),
    portfolioSettings(deps),
    analyticsSettings(deps),
    openBusinessDate(deps),
  ]);
  const items = loans.map((l) => {
    const pd12 = risk.ecl.pd12ByBucket[l.bucket] ?? risk.ecl.pd12ByBucket.current ?? 0;
    const frequency = frequencyOf(l.frequencyMonths);
    const schedule =
      l.principal > 0
        ? generateSchedule({
            principal: l.principal,
            annualRate: rate(l.rateNum, l.rateDen),
            startDay: toEpochDay(asOf),
            installments: l.remaining,
            frequency,
            method: (AMORTISATION_METHODS as readonly string[]).includes(l.repayMethod)
              ? (l.repayMethod as AmortisationMethod)
              : 'annuity',
            dayCount: (DAY_COUNT_CONVENTIONS as readonly string[]).includes(l.dayCount)
              ? (l.dayCount as DayCountConvention)
              : 'ACT/365',
            rounding: l.rounding === 'half-even' ? 'half-even' : 'half-up',
          })
        : { installments: [] };
    const v = lifetimeValue(clvMonthsOfSchedule(schedule, l.principal, MONTHS_PER_PERIOD[frequency]), {
      costToServePerMonth: s.costToServePerMonth,
      pd12,
      lgd: risk.ecl.lgd,
      monthlyDiscountRate: s.monthlyDiscountRate,
    });
    return {
      loanId: l.loanId,
      loanNumber: l.loanNumber,
      customerId: l.customerId,
      productCode: l.productCode,
      currency: l.currency,
      bucket: l.bucket,
      principal: l.principal,
      pd12,
      lgd: risk.ecl.lgd,
      months: v.months,
      interest: v.interest,
      fees: v.fees,
      costToServe: v.costToServe,
      expectedLoss: v.expectedLoss,
      value: v.value,
    };
  });
  return {
    asOf,
    assumptions: {
      costToServePerMonth: s.costToServePerMonth,
      monthlyDiscountRate: s.monthlyDiscountRate,
      lgd: risk.ecl.lgd,
    },
    total: items.reduce((a, i) => a + i.value, 0),
    items,
  };
}

/** Churn status and reason for every customer who has borrowed, a page at a time (keyset on customer id). */
export async function churnStatuses(
  deps: Deps,
  q: { after?: string | undefined; limit?: number | undefined; reason?: ChurnReason | undefined },
) {
  const [s, asOf] = await Promise.all([analyticsSettings(deps), openBusinessDate(deps)]);
  const limit = q.limit ?? 100;
  const facts = await repo.churnFacts(deps.database.readDb, q.after ?? null, limit);
  const items = facts.map((f) => ({
    name: f.name,
    ...classifyChurn(
      { ...f, loans: f.loans ?? [] },
      {
        asOf,
        academicYearStartMonth: s.academicYearStartMonth,
        earlyPayoffMonths: s.earlyPayoffMonths,
        disengagedMonths: s.disengagedMonths,
      },
    ),
  }));
  const counts = { retained: 0, early_payoff: 0, not_returning: 0, disengaged: 0 };
  for (const i of items) counts[i.reason ?? 'retained']++;
  return {
    asOf,
    rules: {
      earlyPayoffMonths: s.earlyPayoffMonths,
      disengagedMonths: s.disengagedMonths,
      academicYearStartMonth: s.academicYearStartMonth,
    },
    counts,
    items: q.reason ? items.filter((i) => i.reason === q.reason) : items,
    next: facts.length === limit ? facts[facts.length - 1]!.customerId : null,
  };
}

export async function repeatBorrowingFigures(deps: Deps, currency?: string) {
  const cur = currency ?? (await repo.currencies(deps.database.readDb))[0] ?? 'CNY';
  const s = await analyticsSettings(deps);
  const facts = await repo.borrowingFacts(deps.database.readDb, cur);
  return { currency: cur, ...repeatBorrowing(facts, s.academicYearStartMonth) };
}

/** NPS (and CSAT) by segment: the customers' study level. */
export async function npsBySegment(
  deps: Deps,
  q: { currency?: string | undefined; months?: number | undefined },
) {
  const currency = q.currency ?? (await repo.currencies(deps.database.readDb))[0] ?? 'CNY';
  const asOf = await openBusinessDate(deps);
  const from = `${Number(asOf.slice(0, 4)) - Math.ceil((q.months ?? 12) / 12)}${asOf.slice(4)}`;
  const rows = await repo.surveyScores(deps.database.readDb, { currency }, from);
  const segments = [...new Set(rows.map((r) => r.segment))].sort();
  return {
    from,
    segments: segments.map((segment) => {
      const mine = rows.filter((r) => r.segment === segment);
      const n = nps(mine.map((r) => r.nps).filter((v): v is number => v !== null));
      const overall = mine.map((r) => r.overall).filter((v): v is number => v !== null);
      return {
        segment,
        responses: n.n,
        promoters: n.promoters,
        passives: n.passives,
        detractors: n.detractors,
        nps: n.score,
        ci95: n.ci95,
        csat: overall.length ? overall.filter((v) => v >= 4).length / overall.length : null,
      };
    }),
  };
}

export async function marketShareBySchool(deps: Deps, q: { academicYear?: number | undefined }) {
  const db = deps.database.readDb;
  const s = await analyticsSettings(deps);
  const [borrowers, enrolment] = await Promise.all([
    repo.borrowersBySchoolYear(db, s.academicYearStartMonth),
    repo.enrolmentFigures(db),
  ]);
  const rows = marketShare(
    borrowers.filter((b) => q.academicYear === undefined || b.academicYear === q.academicYear),
    enrolment,
  );
  const names = await repo.schoolNames(db, [...new Set(rows.map((r) => r.schoolId))]);
  const source = new Map(enrolment.map((e) => [`${e.schoolId}|${e.academicYear}`, e.source]));
  return {
    items: rows
      .map((r) => ({
        ...r,
        school: names.get(r.schoolId)?.name ?? r.schoolId,
        schoolLocal: names.get(r.schoolId)?.nameLocal ?? null,
        source: source.get(`${r.schoolId}|${r.academicYear}`) ?? null,
      }))
      .sort((a, b) => b.academicYear - a.academicYear || b.borrowers - a.borrowers),
  };
}

export async function listEnrolment(deps: Deps) {
  const rows = await repo.enrolmentFigures(deps.database.readDb);
  const names = await repo.schoolNames(deps.database.readDb, [...new Set(rows.map((r) => r.schoolId))]);
  return rows.map((r) => ({
    schoolId: r.schoolId,
    school: names.get(r.schoolId)?.name ?? r.schoolId,
    schoolLocal: names.get(r.schoolId)?.nameLocal ?? null,
    academicYear: r.academicYear,
    enrolled: r.enrolled,
    source: r.source,
  }));
}

/**
 * Import enrolment figures from CSV: `school` (a school id or its external code), `academic_year`,
 * `enrolled`. All rows are checked first; one bad row rejects the file, naming the row and field.
 */
export async function importEnrolmentCsv(deps: Deps, ctx: ActorContext, text: string) {
  const records = [...parseCsv(text)];
  const header = records.shift();
  if (!header) throw Problem.badRequest('file', 'is empty');
  const cols = header.cells.map((c) => c.trim().toLowerCase());
  const at = (name: string) => cols.indexOf(name);
  const missing = ['school', 'academic_year', 'enrolled'].filter((c) => at(c) < 0);
  if (missing.length) throw Problem.badRequest('file', `missing column(s): ${missing.join(', ')}`);
  const refs = records.map((r) => (r.cells[at('school')] ?? '').trim());
  const db = deps.database.db;
  const [byCode, byId] = await Promise.all([
    repo.schoolIdsByCode(db, refs),
    repo.existingSchoolIds(
      db,
      refs.filter((r) => /^[0-9a-f-]{36}$/i.test(r)),
    ),
  ]);
  const errors: FieldError[] = [];
  const rows = records.map((r) => {
    const ref = (r.cells[at('school')] ?? '').trim();
    const schoolId = byId.has(ref) ? ref : byCode.get(ref);
    const year = Number((r.cells[at('academic_year')] ?? '').trim());
    const enrolled = Number((r.cells[at('enrolled')] ?? '').trim());
    if (!schoolId)
      errors.push({ field: `row ${r.line}.school`, message: `no school with id or code "${ref}"` });
    if (!Number.isInteger(year) || year < 1990 || year > 2100)
      errors.push({ field: `row ${r.line}.academic_year`, message: 'must be a year such as 2026' });
    if (!Number.isSafeInteger(enrolled) || enrolled < 0)
      errors.push({
        field: `row ${r.line}.enrolled`,
        message: 'must be a whole number of students, 0 or more',
      });
    return { schoolId: schoolId ?? '', academicYear: year, enrolled };
  });
  if (errors.length) throw validationProblem(errors.slice(0, 50));
  await db.transaction(async (tx) => {
    const now = deps.now();
    for (const r of rows) await repo.upsertEnrolment(tx, { ...r, source: 'import', updatedAt: now });
    await recordAudit(tx, ctx, now, {
      action: 'analytics.enrolment_imported',
      entityType: 'analytics_school_enrolments',
      after: { rows: rows.length },
    });
  });
  return { imported: rows.length };
}
