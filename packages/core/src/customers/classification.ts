// Customer classification along the four axes the business uses. Every class comes from one
// named rule with a plain explanation, so staff can see why a customer is where they are; the
// rules are pure and deterministic, and recomputed whenever an input changes.
import { formatMoney } from '../money/index.ts';
import type {
  ClassificationAxis,
  CreditFileStatus,
  CreditRecordClass,
  EconomicStatus,
  EducationLevel,
  EnrolmentStatus,
  LoanNeed,
  NeedIndicator,
} from './vocabulary.ts';

export interface ClassificationInput {
  /** ISO 3166-1 alpha-2 of the customer's home address, if known. */
  homeCountry: string | null;
  declaredLoanPurpose: LoanNeed | null;
  enrolment: { level: EducationLevel; status: EnrolmentStatus; schoolCountry: string | null } | null;
  household: {
    size: number | null;
    /** Annual household income in minor units of `currency`. */
    annualIncomeMinor: number | null;
    currency: string | null;
    needIndicators: { code: NeedIndicator; verified: boolean }[];
  } | null;
  credit: {
    fileStatus: CreditFileStatus | null;
    bureauScore: number | null;
    priorLoans: number;
    delinquencies: number;
    fraudFlags: string[];
  } | null;
}

export interface AxisResult<T extends string> {
  value: T | null;
  /** Stable rule id, e.g. `econ.low_income`; the web app translates it. */
  rule: string;
  explanation: string;
}

export interface Classification {
  educationLevel: AxisResult<EducationLevel>;
  economicStatus: AxisResult<EconomicStatus>;
  creditRecord: AxisResult<CreditRecordClass>;
  loanNeed: AxisResult<LoanNeed>;
}

/**
 * Per-capita annual household income thresholds, in minor units. Below `need` is financial
 * need; at or above `selfFunded` a household pays its own way and borrows for lifestyle.
 * CNY: about the rural minimum-living-standard line ×2 and a prosperous urban household;
 * USD: near twice the federal poverty guideline per person and a high-income household.
 */
export const INCOME_THRESHOLDS: Readonly<Record<string, { need: number; selfFunded: number }>> = {
  CNY: { need: 12_000_00, selfFunded: 100_000_00 },
  USD: { need: 15_000_00, selfFunded: 60_000_00 },
  GBP: { need: 12_000_00, selfFunded: 50_000_00 },
  HKD: { need: 100_000_00, selfFunded: 450_000_00 },
};

/** Indicators that on their own establish financial need once verified. */
export const ECONOMIC_NEED_INDICATORS: readonly NeedIndicator[] = [
  'low_income',
  'poverty_registered',
  'orphan',
  'disability',
  'disaster_affected',
];

export const ADVERSE_SCORE_BELOW = 580;

function r<T extends string>(value: T | null, rule: string, explanation: string): AxisResult<T> {
  return { value, rule, explanation };
}

/** Exact, with the currency's own minor digits (no float division, no per-call Intl formatter). */
function formatMinor(minor: number, currency: string): string {
  const [whole = '0', fraction = ''] = formatMoney(minor, currency).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${/^0*$/.test(fraction) ? grouped : `${grouped}.${fraction}`} ${currency}`;
}

export function classifyEducationLevel(input: ClassificationInput): AxisResult<EducationLevel> {
  if (!input.enrolment) return r<EducationLevel>(null, 'edu.none', 'No enrolment on record');
  return r<EducationLevel>(
    input.enrolment.level,
    'edu.enrolment',
    `Current enrolment is at ${input.enrolment.level} level`,
  );
}

export function classifyEconomicStatus(input: ClassificationInput): AxisResult<EconomicStatus> {
  const h = input.household;
  if (!h) return r('standard', 'econ.no_data', 'No household data: standard until it is recorded');
  const verified = h.needIndicators
    .filter((n) => n.verified && ECONOMIC_NEED_INDICATORS.includes(n.code))
    .map((n) => n.code);
  if (verified.length > 0)
    return r('financial_need', 'econ.need_indicator', `Verified need indicator: ${verified.join(', ')}`);
  const t = h.currency ? INCOME_THRESHOLDS[h.currency] : undefined;
  if (h.annualIncomeMinor !== null && h.size && h.size > 0 && t && h.currency) {
    const perCapita = Math.floor(h.annualIncomeMinor / h.size);
    if (perCapita < t.need) {
      return r(
        'financial_need',
        'econ.low_income',
        `Household income per person ${formatMinor(perCapita, h.currency)} is below ${formatMinor(t.need, h.currency)}`,
      );
    }
    if (perCapita >= t.selfFunded) {
      return r(
        'self_funded_lifestyle',
        'econ.high_income',
        `Household income per person ${formatMinor(perCapita, h.currency)} is at least ${formatMinor(t.selfFunded, h.currency)}`,
      );
    }
    return r(
      'standard',
      'econ.middle_income',
      `Household income per person ${formatMinor(perCapita, h.currency)} is between the need and self-funded thresholds`,
    );
  }
  const unverified = h.needIndicators
    .filter((n) => !n.verified && ECONOMIC_NEED_INDICATORS.includes(n.code))
    .map((n) => n.code);
  if (unverified.length > 0)
    return r(
      'standard',
      'econ.need_unverified',
      `Need indicator awaiting verification: ${unverified.join(', ')}`,
    );
  return r('standard', 'econ.no_income', 'Household income or size not recorded: standard');
}

export function classifyCreditRecord(input: ClassificationInput): AxisResult<CreditRecordClass> {
  const c = input.credit;
  if (!c) return r<CreditRecordClass>('thin_or_none', 'credit.no_record', 'No credit record on file');
  if (c.fraudFlags.length > 0) return r('adverse', 'credit.fraud', `Fraud flag: ${c.fraudFlags.join(', ')}`);
  if (c.delinquencies > 0)
    return r(
      'adverse',
      'credit.delinquency',
      `${c.delinquencies} delinquenc${c.delinquencies === 1 ? 'y' : 'ies'} reported`,
    );
  if (c.bureauScore !== null && c.bureauScore < ADVERSE_SCORE_BELOW) {
    return r('adverse', 'credit.low_score', `Bureau score ${c.bureauScore} is below ${ADVERSE_SCORE_BELOW}`);
  }
  if (c.fileStatus === 'established' || (c.priorLoans > 0 && c.bureauScore !== null)) {
    return r(
      'established',
      'credit.established',
      c.bureauScore !== null ? `Established file, bureau score ${c.bureauScore}` : 'Established bureau file',
    );
  }
  return r(
    'thin_or_none',
    'credit.thin',
    c.fileStatus === 'none' ? 'No bureau file (白户)' : 'Thin bureau file',
  );
}

export function classifyLoanNeed(
  input: ClassificationInput,
  economic: EconomicStatus | null,
): AxisResult<LoanNeed> {
  if (input.declaredLoanPurpose)
    return r(input.declaredLoanPurpose, 'need.declared', `Declared purpose: ${input.declaredLoanPurpose}`);
  const e = input.enrolment;
  if (e?.schoolCountry && input.homeCountry && e.schoolCountry !== input.homeCountry) {
    return r(
      'study_abroad',
      'need.study_abroad',
      `Studies in ${e.schoolCountry}, home is ${input.homeCountry}`,
    );
  }
  if (e && (e.level === 'master' || e.level === 'doctoral'))
    return r('graduate_study', 'need.graduate', `Enrolled at ${e.level} level`);
  if (e?.status === 'graduated')
    return r('entrepreneurship', 'need.graduated', 'Graduated: starting out or starting a business');
  if (economic === 'self_funded_lifestyle')
    return r('living_expenses', 'need.lifestyle', 'Household pays tuition; borrowing is for living expenses');
  return r('tuition', 'need.default', 'Enrolled student: tuition');
}

export function classifyCustomer(input: ClassificationInput): Classification {
  const economicStatus = classifyEconomicStatus(input);
  return {
    educationLevel: classifyEducationLevel(input),
    economicStatus,
    creditRecord: classifyCreditRecord(input),
    loanNeed: classifyLoanNeed(input, economicStatus.value),
  };
}

export interface ClassOverride {
  value: string;
  reason: string;
  by: string | null;
  at: string;
}

/** The class that applies: a staff override wins over the computed rule. */
export function effectiveClass(
  computed: AxisResult<string>,
  override: ClassOverride | undefined,
): string | null {
  return override ? override.value : computed.value;
}

export type Overrides = Partial<Record<ClassificationAxis, ClassOverride>>;
