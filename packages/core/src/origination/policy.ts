// The credit policy as pure rules: each fires pass, refer or decline with a reason code the
// adverse-action notice explains in plain language. The input type holds no protected attribute
// (sex, marital status, ethnicity, religion, nationality, disability); age enters only as legal
// capacity (an adult, or a minor with a guardian co-signing).
import type { DecisionOutcome, EnrolmentCheck } from './vocabulary.ts';

export interface PolicyScore {
  score: number;
  pd: number;
  grade: string;
  /** The model's principal reasons (features that cost the most points). */
  reasons: { feature: string; bin: string; pointsLost: number }[];
  model: string;
}

export interface PolicyInput {
  /** Product fit for the product applied for. */
  eligible: boolean;
  ineligibleReasons: readonly string[];
  requestedByYear: readonly { academicYear: string; amountMinor: number; limitMinor: number | null }[];
  requestedTotalMinor: number;
  remainingTotalMinor: number | null;
  /** Principal the customer owes on existing loans, minor units. */
  existingExposureMinor: number;
  /** The most a customer may owe across all loans after this one (configuration). */
  exposureCapMinor: number;
  ageYears: number;
  hasCosigner: boolean;
  enrolment: EnrolmentCheck;
  fraudFlags: readonly string[];
  duplicateIdentity: boolean;
  score: PolicyScore | null;
}

export type RuleResult = 'pass' | 'refer' | 'decline';

export interface FiredRule {
  rule: string;
  result: RuleResult;
  /** Stable code for the notice and the review page (see REASON_TEXT). */
  reason: string | null;
  detail: string;
}

export interface PolicyDecision {
  outcome: DecisionOutcome;
  rules: FiredRule[];
  /** Principal reasons for a decline or referral, most important first. */
  reasons: string[];
}

export interface PolicyConfig {
  /** Adulthood for a binding contract. */
  ageOfMajority: number;
  /** Grades the policy declines or refers. */
  declineGrades: readonly string[];
  referGrades: readonly string[];
}

export const DEFAULT_POLICY: PolicyConfig = { ageOfMajority: 18, declineGrades: ['E'], referGrades: ['D'] };

/** Whole years between a birth date and a day, both YYYY-MM-DD. */
export function ageOn(dateOfBirth: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return today.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}

/** Minor units as major with two decimals, exactly (detail text only). */
const fmt = (minor: number) => `${Math.trunc(minor / 100)}.${String(Math.abs(minor % 100)).padStart(2, '0')}`;

export function evaluatePolicy(input: PolicyInput, config: PolicyConfig = DEFAULT_POLICY): PolicyDecision {
  const rules: FiredRule[] = [];
  const fire = (rule: string, result: RuleResult, reason: string | null, detail: string) =>
    rules.push({ rule, result, reason: result === 'pass' ? null : reason, detail });

  fire(
    'eligibility',
    input.eligible ? 'pass' : 'decline',
    'not_eligible',
    input.eligible ? 'eligible for the product' : `not eligible: ${input.ineligibleReasons.join(', ')}`,
  );
  const over = input.requestedByYear.filter((y) => y.limitMinor !== null && y.amountMinor > y.limitMinor);
  fire(
    'annual_limit',
    over.length ? 'refer' : 'pass',
    'over_annual_limit',
    over.length
      ? `over the yearly limit in ${over.map((y) => y.academicYear).join(', ')}`
      : 'within the yearly limit',
  );
  const overTotal =
    input.remainingTotalMinor !== null && input.requestedTotalMinor > input.remainingTotalMinor;
  fire(
    'aggregate_limit',
    overTotal ? 'refer' : 'pass',
    'over_aggregate_limit',
    overTotal
      ? `asks ${fmt(input.requestedTotalMinor)}, ${fmt(input.remainingTotalMinor!)} left`
      : 'within the total limit',
  );
  const exposure = input.existingExposureMinor + input.requestedTotalMinor;
  fire(
    'exposure',
    exposure > input.exposureCapMinor ? 'refer' : 'pass',
    'high_existing_debt',
    `owes ${fmt(input.existingExposureMinor)}; with this loan ${fmt(exposure)} of ${fmt(input.exposureCapMinor)}`,
  );
  fire(
    'fraud',
    input.fraudFlags.length ? 'decline' : input.duplicateIdentity ? 'refer' : 'pass',
    input.fraudFlags.length ? 'fraud_flag' : 'identity_unverified',
    input.fraudFlags.length
      ? `fraud flags: ${input.fraudFlags.join(', ')}`
      : input.duplicateIdentity
        ? 'the ID number appears on another applicant'
        : 'no fraud flags',
  );
  const minor = input.ageYears < config.ageOfMajority;
  fire(
    'legal_capacity',
    minor && !input.hasCosigner ? 'decline' : 'pass',
    'legal_capacity',
    minor
      ? input.hasCosigner
        ? 'a minor, with a guardian co-signing'
        : 'a minor without a guardian co-signer'
      : 'an adult',
  );
  fire(
    'enrolment',
    input.enrolment === 'confirmed' ? 'pass' : input.enrolment === 'rejected' ? 'decline' : 'refer',
    input.enrolment === 'rejected' ? 'enrolment_not_confirmed' : 'enrolment_pending',
    `enrolment ${input.enrolment}`,
  );
  if (input.score) {
    const g = input.score.grade;
    const result: RuleResult = config.declineGrades.includes(g)
      ? 'decline'
      : config.referGrades.includes(g)
        ? 'refer'
        : 'pass';
    fire(
      'credit_score',
      result,
      'credit_score',
      `score ${input.score.score}, grade ${g} (${input.score.model})`,
    );
  } else {
    fire('credit_score', 'pass', null, 'no active scorecard: decided on policy rules alone');
  }
  const declines = rules.filter((r) => r.result === 'decline');
  const refers = rules.filter((r) => r.result === 'refer');
  const outcome: DecisionOutcome = declines.length ? 'decline' : refers.length ? 'refer' : 'approve';
  const reasons = [...declines, ...refers].map((r) => r.reason!).filter((r, i, all) => all.indexOf(r) === i);
  return { outcome, rules, reasons };
}

/** Whether an approval needs a second approver: above the amount, or against the policy's outcome. */
export function needsSecondApproval(
  amountMinor: number,
  thresholdMinor: number,
  policyOutcome: DecisionOutcome,
): { required: boolean; why: ('amount' | 'outside_policy')[] } {
  const why: ('amount' | 'outside_policy')[] = [];
  if (amountMinor > thresholdMinor) why.push('amount');
  if (policyOutcome !== 'approve') why.push('outside_policy');
  return { required: why.length > 0, why };
}

/** Plain-language reasons for the adverse-action notice, in both languages. */
export const REASON_TEXT: Readonly<Record<string, { en: string; 'zh-CN': string }>> = {
  not_eligible: {
    en: 'You do not meet the eligibility conditions of the product you applied for.',
    'zh-CN': '您不符合所申请产品的申请条件。',
  },
  over_annual_limit: {
    en: 'The amount requested for an academic year is above the yearly limit.',
    'zh-CN': '某一学年的申请金额超过了年度贷款限额。',
  },
  over_aggregate_limit: {
    en: 'The total requested is above the amount you may still borrow under this product.',
    'zh-CN': '申请总额超过了该产品剩余可贷额度。',
  },
  high_existing_debt: {
    en: 'Your existing student loans together with this one would be above our lending limit.',
    'zh-CN': '您现有的助学贷款加上本次申请将超过我们的贷款上限。',
  },
  fraud_flag: {
    en: 'We could not verify the information given in the application.',
    'zh-CN': '我们无法核实申请中提供的信息。',
  },
  identity_unverified: {
    en: 'We could not confirm your identity.',
    'zh-CN': '我们无法确认您的身份。',
  },
  legal_capacity: {
    en: 'Applicants under the age of majority need a parent or guardian to co-sign.',
    'zh-CN': '未成年申请人需要父母或监护人作为共同借款人签署。',
  },
  enrolment_not_confirmed: {
    en: 'Your school did not confirm your enrolment.',
    'zh-CN': '您的学校未确认您的在读/录取状态。',
  },
  enrolment_pending: {
    en: 'Your school has not yet confirmed your enrolment.',
    'zh-CN': '您的学校尚未确认您的在读/录取状态。',
  },
  credit_score: {
    en: 'Your credit score is below the level we approve.',
    'zh-CN': '您的信用评分低于我们的审批标准。',
  },
  officer_judgement: {
    en: 'After review, the application does not meet our lending criteria.',
    'zh-CN': '经审核，该申请不符合我们的贷款标准。',
  },
};
