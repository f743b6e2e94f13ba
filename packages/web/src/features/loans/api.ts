// The servicing API as the loan pages use it. Shapes mirror
// packages/server/src/modules/servicing/servicing.schema.ts and docs/user-guide/servicing.md.
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';

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
export const BUCKETS = ['current', '1-29', '30-59', '60-89', '90-179', '180-269', '270+'] as const;
export const PAYMENT_CHANNELS = [
  'bank_transfer',
  'direct_debit',
  'card',
  'branch_cash',
  'payroll',
  'state_subsidy',
  'simulated',
] as const;
export type PaymentChannel = (typeof PAYMENT_CHANNELS)[number];
export const PREPAYMENTS = ['lower-payment', 'shorter-term', 'credit'] as const;
export type Prepayment = (typeof PREPAYMENTS)[number];
export const HARDSHIP_KINDS = ['deferment', 'forbearance', 'term-extension'] as const;
export type HardshipKind = (typeof HARDSHIP_KINDS)[number];
export const DEFERMENT_REASONS = [
  'in-school',
  'unemployment',
  'economic-hardship',
  'further-study',
  'military-or-service',
  'other',
] as const;
export const HARDSHIP_STATUSES = ['requested', 'approved', 'declined'] as const;

export interface Loan {
  id: string;
  loanNumber: string;
  customerId: string;
  /** The customer's display name, when the list API carries it (else the page reads the customer). */
  customerName?: string | null;
  productCode: string;
  productVersion: number;
  currency: string;
  state: string;
  stateSince: string;
  annualRate: string;
  dayCount: string;
  commitment: string;
  disbursed: string;
  balances: {
    principal: string;
    principalDue: string;
    interestAccrued: string;
    interestDue: string;
    penaltyDue: string;
    feesDue: string;
    subsidyAccrued: string;
    creditBalance: string;
    amountDue: string;
    chargedOff: string;
  };
  delinquency: { daysPastDue: number; bucket: string; oldestDueDate: string | null };
  repayment: {
    method: string;
    frequencyMonths: number;
    instalmentsTotal: number;
    nextInstalment: number;
    nextDueDate: string | null;
    levelPayment: string;
  };
  phases: { inSchoolUntil: string | null; graceUntil: string | null; reliefUntil: string | null; interestMode: string };
  openedOn: string;
}

export interface ScheduleRow {
  n: number;
  dueDate: string;
  principal: string;
  interest: string;
  payment: string;
  balance: string;
}

export interface Schedule {
  startDate: string;
  payment: string;
  totalInterest: string;
  totalPaid: string;
  installments: ScheduleRow[];
}

export interface Bill {
  seq: number;
  instalment: number;
  dueDate: string;
  principal: string;
  interest: string;
  paidPrincipal: string;
  paidInterest: string;
  lateFeeCharged: boolean;
  settled: boolean;
}

export interface StateChange {
  from: string | null;
  to: string;
  reason: string | null;
  businessDate: string;
  at: string;
}

export interface Disbursement {
  tranche: number;
  amount: string;
  fee: string;
  date: string;
}

export interface LoanDetail {
  loan: Loan;
  schedule: Schedule | null;
  projection: Schedule | null;
  bills: Bill[];
  stateHistory: StateChange[];
  disbursements: Disbursement[];
}

export interface Payment {
  id: string;
  idempotencyKey: string;
  loanId: string;
  customerId: string;
  channel: string;
  amount: string;
  currency: string;
  businessDate: string;
  reference: string | null;
  prepayment: string;
  status: 'posted' | 'reversed';
  allocation: Record<string, string>;
  reversalReason: string | null;
  createdAt: string;
  reversedAt: string | null;
  replayed: boolean;
}

export interface JournalLine {
  account: string;
  currency: string;
  amount: string;
}

export interface Journal {
  id: number;
  businessDate: string;
  kind: string;
  description: string | null;
  reversesJournalId: number | null;
  paymentId: string | null;
  lines: JournalLine[];
}

export interface PayoffQuote {
  asOf: string;
  principal: string;
  interest: string;
  penalty: string;
  fees: string;
  credit: string;
  total: string;
}

export interface HardshipPreview {
  schedule?: Schedule | null;
  firstDueDateAfter?: string | null;
  interestTreatment?: string;
  currentPayment?: string;
  newPayment?: string | null;
}

export interface HardshipRequest {
  id: string;
  loanId: string;
  kind: HardshipKind;
  reason: string;
  startDate: string;
  endDate: string | null;
  extraInstalments: number;
  evidence: string | null;
  status: string;
  preview: HardshipPreview;
  decisionNote: string | null;
  createdAt: string;
  decidedAt: string | null;
}

export const LOANS_KEY = ['loans'] as const;

// ---- bank statements and suspense (payments.reconcile) ----------------------------------------

export const STATEMENT_HEADER = 'transaction_id,value_date,amount,currency,reference';
export const SUSPENSE_STATUSES = ['open', 'matched'] as const;
export const STATEMENT_OUTCOMES = ['matched', 'suspense', 'duplicate'] as const;

export interface StatementReport {
  lines: number;
  matched: number;
  suspense: number;
  duplicates: number;
  results: {
    transactionId: string;
    outcome: (typeof STATEMENT_OUTCOMES)[number];
    loanNumber?: string;
    paymentId?: string;
    suspenseId?: string;
    reason?: string;
  }[];
}

export interface SuspenseItem {
  id: string;
  bankTransactionId: string;
  valueDate: string;
  businessDate: string;
  amount: string;
  currency: string;
  reference: string;
  reason: string;
  status: (typeof SUSPENSE_STATUSES)[number];
  paymentId: string | null;
  createdAt: string;
  matchedAt: string | null;
}

// ---- collections (collections.work) --------------------------------------------------------

export const COLLECTION_KINDS = ['contact', 'promise', 'legal-referral', 'note'] as const;
export type CollectionKind = (typeof COLLECTION_KINDS)[number];
export const CONTACT_CHANNELS = ['phone', 'sms', 'email', 'letter', 'visit', 'wechat'] as const;
/** Outcomes offered for a contact attempt (the API keeps free text; these codes are translated). */
export const CONTACT_OUTCOMES = ['reached', 'no-answer', 'left-message', 'wrong-number', 'refused', 'dispute', 'promised'] as const;
export const PROMISE_STATUSES = ['open', 'kept', 'broken'] as const;

export interface CollectionQueueItem {
  loanId: string;
  loanNumber: string;
  customerId: string;
  customerName?: string | null;
  productCode: string;
  state: string;
  daysPastDue: number;
  bucket: string;
  amountDue: string;
  currency: string;
  lastActionAt: string | null;
  openPromiseDate: string | null;
}

export interface CollectionAction {
  id: string;
  loanId: string;
  kind: CollectionKind;
  channel: string | null;
  outcome: string | null;
  promisedAmount: string | null;
  promisedDate: string | null;
  promiseStatus: (typeof PROMISE_STATUSES)[number] | null;
  note: string | null;
  businessDate: string;
  createdAt: string;
}

/** A loan's behavioural grade from the risk module's latest monthly review (risk.read). */
export interface BehaviourGrade {
  month: string;
  loanId: string;
  score: number;
  pd: number;
  grade: string;
}

export const LEGAL_GROUNDS = ['malicious-default', 'fraud'] as const;
export const LEGAL_STATUSES = ['referred', 'filed', 'judgment', 'enforcement', 'settled', 'closed'] as const;
export type LegalStatus = (typeof LEGAL_STATUSES)[number];

export interface LegalDocument {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  createdAt: string;
}

export interface LegalCase {
  id: string;
  loanId: string;
  loanNumber?: string;
  ground: (typeof LEGAL_GROUNDS)[number];
  status: LegalStatus;
  summary: string;
  /** Where the case may go next (referred → filed → judgment → enforcement; settled or closed). */
  nextStatuses: LegalStatus[];
  createdAt: string;
  updatedAt: string;
  documents?: LegalDocument[];
}

// ---- mass relief (hardship.approve) -------------------------------------------------------

export const MASS_RELIEF_STATES = ['in_school', 'grace', 'repayment', 'deferment', 'forbearance', 'default'] as const;

export interface MassReliefFilter {
  productCode?: string;
  state?: string;
  studyEndFrom?: string;
  studyEndTo?: string;
}

export interface MassReliefResult {
  applied: boolean;
  loans: number;
  preview: { currency: string; loans: number; accruedInterest: string; billedInterest: string; total: string }[];
}

// ---- ledger reports (ledger.read) ----------------------------------------------------------

export interface TrialBalance {
  accounts: {
    account: string;
    type: string;
    name: { en: string; 'zh-CN': string };
    currency: string;
    debit: string;
    credit: string;
    balance: string;
  }[];
  totals: { currency: string; debit: string; credit: string; balanced: boolean }[];
}

export interface Reconciliation {
  ok: boolean;
  loansChecked: number;
  mismatches: { loanId: string; loanNumber: string; field: string; loan: string; ledger: string }[];
  controls: { productCode: string; currency: string; account: string; ledger: string; subLedger: string; ok: boolean }[];
}

export const loanPath = (id: string, rest = '') => `/api/v1/loans/${encodeURIComponent(id)}${rest}`;

export function fetchLoans(query: Record<string, string | number | undefined>, signal?: AbortSignal) {
  return api.get<Page<Loan>>('/api/v1/loans', { query, signal });
}

/** A random idempotency key for one payment attempt (kept across retries of the same form). */
export function newIdempotencyKey(): string {
  // randomUUID needs a secure context; getRandomValues works over plain http too.
  if (typeof crypto.randomUUID === 'function' && globalThis.isSecureContext) return `web-${crypto.randomUUID()}`;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Months of statements a loan can have: from its opening month to the business month, newest first. */
export function statementMonths(openedOn: string, until: string, max = 12): string[] {
  const out: string[] = [];
  let [y, m] = until.slice(0, 7).split('-').map(Number) as [number, number];
  const start = openedOn.slice(0, 7);
  while (out.length < max) {
    const ym = `${y}-${String(m).padStart(2, '0')}`;
    if (ym < start) break;
    out.push(ym);
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  return out;
}
