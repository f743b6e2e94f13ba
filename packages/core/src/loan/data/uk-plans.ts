// UK income-contingent student loans (England), by tax year (6 April to 5 April).
// Sources: gov.uk "Repaying your student loan: what you pay"
// (https://www.gov.uk/repaying-your-student-loan/what-you-pay), the Student Loans
// Company's annual "Student loan repayment thresholds and interest rates" notices, and
// HMRC's "Collection of Student Loans" guidance for employers (payroll rounding).
// The Plan 2 repayment threshold of £29,385 from April 2026 was announced in the
// November 2025 Budget (frozen to April 2030).

export type UkPlan = 'UK-PLAN-2' | 'UK-PLAN-5';

export interface UkTaxYearTerms {
  /** Annual repayment threshold, pounds. */
  threshold: number;
  /** Plan 2 only: income at which interest reaches RPI + 3 %, pounds. */
  upperInterestThreshold?: number;
}

export const UK_PLAN_TERMS: Readonly<Record<UkPlan, Readonly<Record<number, UkTaxYearTerms>>>> = {
  'UK-PLAN-2': {
    2018: { threshold: 25000, upperInterestThreshold: 45000 },
    2019: { threshold: 25725, upperInterestThreshold: 46305 },
    2020: { threshold: 26575, upperInterestThreshold: 47835 },
    2021: { threshold: 27295, upperInterestThreshold: 49130 },
    2022: { threshold: 27295, upperInterestThreshold: 49130 },
    2023: { threshold: 27295, upperInterestThreshold: 49130 },
    2024: { threshold: 27295, upperInterestThreshold: 49130 },
    2025: { threshold: 28470, upperInterestThreshold: 51245 },
    // 2026/27: £29,385 (repayment and lower interest threshold, November 2025 Budget) and
    // an upper interest threshold of £52,885 (GOV.UK "Student loans: interest and
    // repayment threshold announcement" for April 2026, as republished; see docs).
    2026: { threshold: 29385, upperInterestThreshold: 52885 },
  },
  'UK-PLAN-5': {
    2023: { threshold: 25000 },
    2024: { threshold: 25000 },
    2025: { threshold: 25000 },
    2026: { threshold: 25000 },
  },
};

/** RPI used for student-loan interest from 1 September of the year (the previous
 *  March's RPI), as a decimal string. Plan 2 adds up to 3 points by income; Plan 5 is
 *  RPI only. Source: SLC interest-rate notices for 2024/25 (4.3 %) and 2025/26 (3.2 %). */
export const UK_RPI_FROM_SEPTEMBER: Readonly<Record<number, string>> = {
  2024: '0.043',
  2025: '0.032',
};

/** Repayment share of income over the threshold: 9 %. */
export const UK_REPAYMENT_SHARE = { num: 9, den: 100 } as const;

/** Write-off: Plan 2 30 years, Plan 5 40 years after the April repayments were first due. */
export const UK_WRITE_OFF_YEARS: Record<UkPlan, number> = { 'UK-PLAN-2': 30, 'UK-PLAN-5': 40 };
