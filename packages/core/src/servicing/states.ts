// Loan lifecycle states and the moves between them. Delinquency (days past due, bucket) is
// tracked apart from the state: a loan in grace that owes its yearly interest can be late.

export const LOAN_STATES = [
  'in_school',
  'grace',
  'repayment',
  'deferment',
  'forbearance',
  'default',
  'charged_off',
  'discharged',
  'forgiven',
  'paid_off',
  'closed',
] as const;
export type LoanState = (typeof LOAN_STATES)[number];

/** States in which money still moves on the loan: interest accrues, payments post. */
export const OPEN_STATES: readonly LoanState[] = [
  'in_school',
  'grace',
  'repayment',
  'deferment',
  'forbearance',
  'default',
];
/** States that accept a payment: open ones, and charged-off loans (a recovery). */
export const PAYABLE_STATES: readonly LoanState[] = [...OPEN_STATES, 'charged_off'];

const TERMINAL_RELIEF: LoanState[] = ['discharged', 'forgiven', 'paid_off'];

export const LOAN_TRANSITIONS: Readonly<Record<LoanState, readonly LoanState[]>> = {
  in_school: ['grace', 'repayment', 'deferment', 'forbearance', ...TERMINAL_RELIEF],
  grace: ['repayment', 'deferment', 'forbearance', 'default', ...TERMINAL_RELIEF],
  repayment: ['deferment', 'forbearance', 'default', ...TERMINAL_RELIEF],
  deferment: ['repayment', 'grace', 'in_school', 'forbearance', ...TERMINAL_RELIEF],
  forbearance: ['repayment', 'deferment', ...TERMINAL_RELIEF],
  // Rehabilitation brings a defaulted loan back to repayment.
  default: ['repayment', 'charged_off', ...TERMINAL_RELIEF],
  charged_off: ['closed'],
  discharged: ['closed'],
  forgiven: ['closed'],
  // A reversed payment reopens a paid-off loan in the state it was in before.
  paid_off: ['closed', 'in_school', 'grace', 'repayment', 'deferment', 'forbearance', 'default'],
  closed: [],
};

export function isLoanState(s: string): s is LoanState {
  return (LOAN_STATES as readonly string[]).includes(s);
}

export function canMove(from: LoanState, to: LoanState): boolean {
  return LOAN_TRANSITIONS[from].includes(to);
}

export class LoanStateError extends Error {
  override readonly name = 'LoanStateError';
}

export function assertMove(from: LoanState, to: LoanState): void {
  if (!canMove(from, to)) throw new LoanStateError(`a loan cannot move from ${from} to ${to}`);
}
