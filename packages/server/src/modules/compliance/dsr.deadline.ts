// Statutory deadlines of data-subject requests, per privacy regime. Pure: the received date and
// the regime in, the last day to answer out. Sources (also in docs/user-guide/data-governance.md):
// - GDPR Art. 12(3): "without undue delay and in any event within one month of receipt"; the month
//   is counted as Regulation (EEC, Euratom) No 1182/71 Art. 3(2)(c) says: it ends on the same date
//   of the next month, or that month's last day when it has no such date (31 Jan → 28/29 Feb).
// - CCPA, Cal. Civ. Code §1798.130(a)(2)(A): respond "within 45 days of receiving" the request
//   (calendar days).
// - PIPL Art. 50 asks for timely handling without a number of days; we apply the 15 working days
//   of 《App违法违规收集使用个人信息行为认定方法》(国信办秘字〔2019〕191号) §6(4) for correction,
//   deletion and account cancellation, counted on the mainland business calendar (public holidays
//   and 调休 make-up working days included).
import { addDays, addMonthsIso, businessCalendar, toEpochDay, toIsoDate } from '@bursar/core';

export const PRIVACY_REGIMES = ['PIPL', 'GDPR', 'CCPA'] as const;
export type PrivacyRegime = (typeof PRIVACY_REGIMES)[number];

export interface RegimeRule {
  unit: 'months' | 'calendar-days' | 'working-days';
  amount: number;
  /** The business calendar working days are counted on. */
  calendar?: 'CN' | 'US' | 'GB-ENG';
  source: string;
}

export const DSR_DEADLINE_RULES: Readonly<Record<PrivacyRegime, RegimeRule>> = {
  PIPL: {
    unit: 'working-days',
    amount: 15,
    calendar: 'CN',
    source: 'PIPL Art. 50; App违法违规收集使用个人信息行为认定方法 §6(4): 15 working days',
  },
  GDPR: { unit: 'months', amount: 1, source: 'GDPR Art. 12(3): one month of receipt' },
  CCPA: { unit: 'calendar-days', amount: 45, source: 'Cal. Civ. Code §1798.130(a)(2)(A): 45 days' },
};

/** The last day (inclusive) to answer a request received on `receivedOn` (YYYY-MM-DD). */
export function dsrDueDate(
  regime: PrivacyRegime,
  receivedOn: string,
  rules: Readonly<Record<PrivacyRegime, RegimeRule>> = DSR_DEADLINE_RULES,
): string {
  const rule = rules[regime];
  switch (rule.unit) {
    case 'months':
      return addMonthsIso(receivedOn, rule.amount);
    case 'calendar-days':
      return addDays(receivedOn, rule.amount);
    case 'working-days':
      return toIsoDate(
        businessCalendar(rule.calendar ?? 'CN').addBusinessDays(toEpochDay(receivedOn), rule.amount),
      );
  }
}

/** Days from `today` to the due date: negative once overdue. */
export function daysLeft(dueOn: string, today: string): number {
  return toEpochDay(dueOn) - toEpochDay(today);
}
