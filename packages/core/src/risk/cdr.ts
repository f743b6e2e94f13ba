// Cohort default rate, the US Department of Education definition: the borrowers whose loans
// entered repayment in a federal fiscal year (1 October – 30 September, named by the year it
// ends), and the share of them who defaulted by the end of the second following fiscal year
// (the three-year CDR window).

/** The US federal fiscal year a day falls in: 2025-10-01 … 2026-09-30 is FY2026. */
export function fiscalYearOf(date: string): number {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 10 ? year + 1 : year;
}

export function fiscalYearStart(fy: number): string {
  return `${fy - 1}-10-01`;
}

/** The last day a default still counts against cohort FY: 30 September of FY + 2. */
export function cdrWindowEnd(fy: number): string {
  return `${fy + 2}-09-30`;
}

export interface CdrLoan {
  borrowerId: string;
  /** What the rate is broken down by: a school, a programme, or one group for the whole book. */
  group: string;
  enteredRepaymentOn: string;
  /** The day the loan first went into default, if it did. */
  defaultedOn: string | null;
}

export interface CohortDefaultRate {
  group: string;
  fiscalYear: number;
  windowEnd: string;
  /** Borrowers entering repayment in the fiscal year. */
  borrowers: number;
  /** Of them, those with a loan (entering repayment that year) in default by the window's end. */
  defaulted: number;
  rate: number;
  /** False while the window is still open on `asOf`: the rate can only rise. */
  final: boolean;
}

/**
 * Cohort default rates per group and fiscal year. A borrower counts once per group and
 * cohort year, however many loans they have; a default counts if any of those loans defaulted
 * on or before the window's end.
 */
export function cohortDefaultRates(loans: readonly CdrLoan[], asOf: string): CohortDefaultRate[] {
  const cohorts = new Map<string, { group: string; fy: number; borrowers: Map<string, boolean> }>();
  for (const l of loans) {
    const fy = fiscalYearOf(l.enteredRepaymentOn);
    const key = `${l.group}\u0000${fy}`;
    let c = cohorts.get(key);
    if (!c) cohorts.set(key, (c = { group: l.group, fy, borrowers: new Map() }));
    const defaulted = l.defaultedOn !== null && l.defaultedOn <= cdrWindowEnd(fy);
    c.borrowers.set(l.borrowerId, (c.borrowers.get(l.borrowerId) ?? false) || defaulted);
  }
  return [...cohorts.values()]
    .map((c) => {
      const borrowers = c.borrowers.size;
      const defaulted = [...c.borrowers.values()].filter(Boolean).length;
      return {
        group: c.group,
        fiscalYear: c.fy,
        windowEnd: cdrWindowEnd(c.fy),
        borrowers,
        defaulted,
        rate: borrowers > 0 ? defaulted / borrowers : 0,
        final: asOf > cdrWindowEnd(c.fy),
      };
    })
    .sort((a, b) => a.group.localeCompare(b.group) || a.fiscalYear - b.fiscalYear);
}
