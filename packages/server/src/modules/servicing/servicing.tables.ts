// Tables owned by the servicing module: the loan book, its double-entry ledger, payments,
// close of business and hardship. Money is integer minor units in bigint columns; exact
// accrual numerators are `numeric` integers (see core/servicing/accrual.ts).
import { sql } from 'drizzle-orm';
import {
  customType,
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { ts, day, money } from '../../db/columns.ts';

/** Chart of accounts. Rows are inserted by the migration; balances come only from journal lines. */
export const glAccounts = pgTable('gl_accounts', {
  code: text('code').primaryKey(),
  type: text('type', { enum: ['asset', 'liability', 'income', 'expense', 'equity'] }).notNull(),
  nameEn: text('name_en').notNull(),
  nameZh: text('name_zh').notNull(),
});

/** One balanced double-entry journal entry. Immutable: corrections are reversals. */
export const journals = pgTable(
  'journals',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    businessDate: day('business_date').notNull(),
    kind: text('kind').notNull(),
    /** Set on per-loan journals; aggregate close-of-business journals name only the product. */
    loanId: uuid('loan_id'),
    productCode: text('product_code'),
    description: text('description').notNull(),
    reversesJournalId: bigint('reverses_journal_id', { mode: 'number' }),
    paymentId: uuid('payment_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('journals_loan_idx').on(t.loanId),
    index('journals_date_idx').on(t.businessDate),
    uniqueIndex('journals_reverses_uq').on(t.reversesJournalId),
  ],
);

/** Journal lines: debit positive, credit negative. Each journal sums to zero per currency (trigger). */
export const journalLines = pgTable(
  'journal_lines',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    journalId: bigint('journal_id', { mode: 'number' })
      .notNull()
      .references(() => journals.id),
    accountCode: text('account_code')
      .notNull()
      .references(() => glAccounts.code),
    currency: text('currency').notNull(),
    amount: money('amount').notNull(),
    loanId: uuid('loan_id'),
    productCode: text('product_code'),
  },
  (t) => [
    index('journal_lines_journal_idx').on(t.journalId),
    index('journal_lines_loan_idx').on(t.loanId, t.accountCode),
  ],
);

/** A loan account. Balances here are the sub-ledger; the reconciliation report checks them against the journals. */
export const loans = pgTable(
  'loans',
  {
    id: uuid('id').primaryKey(),
    loanNumber: text('loan_number').notNull(),
    /** The customers module's customer id (no cross-module foreign key). */
    customerId: uuid('customer_id').notNull(),
    productCode: text('product_code').notNull(),
    productVersion: integer('product_version').notNull(),
    currency: text('currency').notNull(),
    state: text('state').notNull(),
    stateSince: day('state_since').notNull(),
    /** Exact annual rate num/den, and the penalty rate added on overdue principal. */
    rateNum: bigint('rate_num', { mode: 'number' }).notNull(),
    rateDen: bigint('rate_den', { mode: 'number' }).notNull(),
    penaltyRateNum: bigint('penalty_rate_num', { mode: 'number' }).notNull().default(0),
    penaltyRateDen: bigint('penalty_rate_den', { mode: 'number' }).notNull().default(1),
    dayCount: text('day_count').notNull(),
    rounding: text('rounding').notNull(),
    /** Who bears interest now: the borrower, the state (subsidy receivable), or nobody. */
    interestMode: text('interest_mode', { enum: ['borrower', 'subsidy', 'none'] }).notNull(),
    /** Capitalise accrued interest when the current phase ends (product rule). */
    capitaliseAtPhaseEnd: boolean('capitalise_at_phase_end').notNull().default(false),
    /** The product's interest treatment in grace, and when it capitalises (end-of-deferment, …). */
    graceInterest: text('grace_interest', {
      enum: ['subsidised', 'paid', 'capitalised', 'accrued'],
    }).notNull(),
    capitalisationEvents: jsonb('capitalisation_events').$type<string[]>().notNull(),
    commitment: money('commitment').notNull(),
    disbursed: money('disbursed').notNull().default(0),
    principal: money('principal').notNull().default(0),
    principalDue: money('principal_due').notNull().default(0),
    interestAccruedNum: numeric('interest_accrued_num', { precision: 60, scale: 0 }).notNull().default('0'),
    interestAccrued: money('interest_accrued').notNull().default(0),
    interestDue: money('interest_due').notNull().default(0),
    subsidyAccruedNum: numeric('subsidy_accrued_num', { precision: 60, scale: 0 }).notNull().default('0'),
    subsidyAccrued: money('subsidy_accrued').notNull().default(0),
    penaltyDue: money('penalty_due').notNull().default(0),
    feesDue: money('fees_due').notNull().default(0),
    creditBalance: money('credit_balance').notNull().default(0),
    chargedOffAmount: money('charged_off_amount').notNull().default(0),
    /** Scratch for close of business: the last run's rounded accrual deltas, summed into GL journals. */
    accrualDelta: money('accrual_delta').notNull().default(0),
    subsidyDelta: money('subsidy_delta').notNull().default(0),
    /** First calendar day not yet accrued. */
    accruedThrough: day('accrued_through'),
    inSchoolUntil: day('in_school_until'),
    graceUntil: day('grace_until'),
    reliefUntil: day('relief_until'),
    /** State to return to when deferment or forbearance ends. */
    reliefReturnState: text('relief_return_state'),
    repayMethod: text('repay_method').notNull(),
    frequencyMonths: integer('frequency_months').notNull(),
    termInstalments: integer('term_instalments').notNull(),
    firstDueDate: day('first_due_date'),
    nextDueDate: day('next_due_date'),
    /** Next instalment number to bill (1-based) in the repayment phase. */
    nextInstalment: integer('next_instalment').notNull().default(1),
    billsCount: integer('bills_count').notNull().default(0),
    instalmentsTotal: integer('instalments_total').notNull().default(0),
    levelPayment: money('level_payment').notNull().default(0),
    levelPrincipal: money('level_principal').notNull().default(0),
    /** Annual interest date while not in repayment (national loan: 12-20), as MM-DD. */
    interestDateMd: text('interest_date_md'),
    oldestDueDate: day('oldest_due_date'),
    daysPastDue: integer('days_past_due').notNull().default(0),
    bucket: text('bucket').notNull().default('current'),
    defaultDaysPastDue: integer('default_days_past_due').notNull(),
    chargeOffDaysPastDue: integer('charge_off_days_past_due').notNull(),
    lateFee: money('late_fee').notNull().default(0),
    originationShare: text('origination_share'),
    allocationOrder: jsonb('allocation_order').$type<string[]>().notNull(),
    qualifyingPayments: integer('qualifying_payments').notNull().default(0),
    /** Business-day adjustment of due dates on the servicing calendar: none, following, modified-following, preceding. */
    dueDateRule: text('due_date_rule').notNull().default('none'),
    /** Income-driven plan (core's IncomeDrivenPlan) when the payment follows income; null = scheduled. */
    repaymentPlan: text('repayment_plan'),
    /** The standard payment an income-driven loan reverts to when recertification is missed. */
    standardPayment: money('standard_payment').notNull().default(0),
    /** Income must be recertified by this day, or the payment reverts to the standard one. */
    recertifyBy: day('recertify_by'),
    /** Forgiveness: the programme ('idr', 'public-service', 'uk-write-off'), the qualifying payments it needs, or its write-off day. */
    forgivenessProgramme: text('forgiveness_programme'),
    forgiveAfterPayments: integer('forgive_after_payments'),
    writeOffOn: day('write_off_on'),
    /** Floating rate: benchmark + spread, repriced on `nextRepricingDate` by `repricing`. */
    rateBenchmark: text('rate_benchmark'),
    rateSpreadBp: integer('rate_spread_bp'),
    repricing: text('repricing'),
    nextRepricingDate: day('next_repricing_date'),
    openedOn: day('opened_on').notNull(),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('loans_number_uq').on(t.loanNumber),
    index('loans_customer_idx').on(t.customerId),
    index('loans_state_idx').on(t.state),
    index('loans_next_due_idx').on(t.nextDueDate),
    index('loans_repricing_idx')
      .on(t.nextRepricingDate)
      .where(sql`${t.nextRepricingDate} is not null`),
    index('loans_recertify_idx')
      .on(t.recertifyBy)
      .where(sql`${t.recertifyBy} is not null`),
    index('loans_forgiveness_idx')
      .on(t.forgivenessProgramme)
      .where(sql`${t.forgivenessProgramme} is not null`),
    index('loans_oldest_due_idx')
      .on(t.oldestDueDate)
      .where(sql`${t.oldestDueDate} is not null`),
  ],
);

export const loanStateHistory = pgTable(
  'loan_state_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    loanId: uuid('loan_id')
      .notNull()
      .references(() => loans.id),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    reason: text('reason').notNull(),
    businessDate: day('business_date').notNull(),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('loan_state_history_loan_idx').on(t.loanId)],
);

export const loanDisbursements = pgTable(
  'loan_disbursements',
  {
    id: uuid('id').primaryKey(),
    loanId: uuid('loan_id')
      .notNull()
      .references(() => loans.id),
    tranche: integer('tranche').notNull(),
    amount: money('amount').notNull(),
    fee: money('fee').notNull(),
    businessDate: day('business_date').notNull(),
    journalId: bigint('journal_id', { mode: 'number' }).notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [uniqueIndex('loan_disbursements_tranche_uq').on(t.loanId, t.tranche)],
);

/** A billed instalment (or a yearly interest bill before repayment): what fell due and what has been paid of it. */
export const loanBills = pgTable(
  'loan_bills',
  {
    loanId: uuid('loan_id').notNull(),
    seq: integer('seq').notNull(),
    instalment: integer('instalment'),
    dueDate: day('due_date').notNull(),
    principal: money('principal').notNull(),
    interest: money('interest').notNull(),
    paidPrincipal: money('paid_principal').notNull().default(0),
    paidInterest: money('paid_interest').notNull().default(0),
    lateFeeCharged: boolean('late_fee_charged').notNull().default(false),
    billedOn: day('billed_on').notNull(),
  },
  (t) => [primaryKey({ columns: [t.loanId, t.seq] }), index('loan_bills_due_idx').on(t.dueDate)],
);

/** The repayment schedule as projected by the loan engine: what the ledger reconciles to. */
export const loanSchedules = pgTable('loan_schedules', {
  loanId: uuid('loan_id').primaryKey(),
  version: integer('version').notNull(),
  generatedOn: day('generated_on').notNull(),
  reason: text('reason').notNull(),
  schedule: jsonb('schedule').notNull(),
});

export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey(),
    idempotencyKey: text('idempotency_key').notNull(),
    /** Payments split across loans share a batch; the key then names the batch. */
    batchKey: text('batch_key'),
    loanId: uuid('loan_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    channel: text('channel').notNull(),
    amount: money('amount').notNull(),
    currency: text('currency').notNull(),
    businessDate: day('business_date').notNull(),
    reference: text('reference'),
    prepayment: text('prepayment', { enum: ['shorter-term', 'lower-payment', 'credit'] }).notNull(),
    status: text('status', { enum: ['posted', 'reversed'] }).notNull(),
    allocation: jsonb('allocation').notNull(),
    /** The loan as it was before this payment, so a reversal restores it exactly. */
    before: jsonb('before').notNull(),
    journalId: bigint('journal_id', { mode: 'number' }).notNull(),
    reversalJournalId: bigint('reversal_journal_id', { mode: 'number' }),
    reversalReason: text('reversal_reason'),
    createdAt: ts('created_at').notNull(),
    reversedAt: ts('reversed_at'),
  },
  (t) => [
    uniqueIndex('payments_idempotency_uq').on(t.idempotencyKey),
    index('payments_loan_idx').on(t.loanId),
  ],
);

/** One row per business date closed: status and the steps done, so a crashed run resumes. */
export const cobRuns = pgTable('cob_runs', {
  businessDate: day('business_date').primaryKey(),
  status: text('status', { enum: ['running', 'completed'] }).notNull(),
  stepsDone: jsonb('steps_done').$type<string[]>().notNull(),
  stats: jsonb('stats').$type<Record<string, number>>().notNull(),
  startedAt: ts('started_at').notNull(),
  finishedAt: ts('finished_at'),
});

/** The servicing clock: the open business date (the day after the last closed one). */
export const servicingState = pgTable('servicing_state', {
  id: integer('id').primaryKey(),
  businessDate: day('business_date').notNull(),
  calendar: text('calendar').notNull(),
});

/** Outbox of servicing events (payment due soon, missed, bucket change, state change) for engagement and risk. */
export const servicingEvents = pgTable(
  'servicing_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    type: text('type').notNull(),
    loanId: uuid('loan_id'),
    customerId: uuid('customer_id'),
    businessDate: day('business_date').notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('servicing_events_type_idx').on(t.type, t.id),
    index('servicing_events_loan_idx').on(t.loanId),
  ],
);

/** Deferment, forbearance and restructuring requests: requested, previewed, approved or declined. */
export const hardshipRequests = pgTable(
  'hardship_requests',
  {
    id: uuid('id').primaryKey(),
    loanId: uuid('loan_id')
      .notNull()
      .references(() => loans.id),
    kind: text('kind').notNull(),
    reason: text('reason').notNull(),
    startDate: day('start_date').notNull(),
    endDate: day('end_date').notNull(),
    extraInstalments: integer('extra_instalments').notNull().default(0),
    evidence: text('evidence'),
    status: text('status', { enum: ['requested', 'approved', 'declined', 'cancelled'] }).notNull(),
    preview: jsonb('preview').notNull(),
    requestedBy: uuid('requested_by'),
    decidedBy: uuid('decided_by'),
    decisionNote: text('decision_note'),
    createdAt: ts('created_at').notNull(),
    decidedAt: ts('decided_at'),
  },
  (t) => [
    index('hardship_requests_loan_idx').on(t.loanId),
    index('hardship_requests_status_idx').on(t.status),
  ],
);

/** Collections: contact attempts and promises to pay on delinquent loans. */
export const collectionActions = pgTable(
  'collection_actions',
  {
    id: uuid('id').primaryKey(),
    loanId: uuid('loan_id')
      .notNull()
      .references(() => loans.id),
    kind: text('kind', { enum: ['contact', 'promise', 'legal-referral', 'note'] }).notNull(),
    channel: text('channel'),
    outcome: text('outcome'),
    promisedAmount: money('promised_amount'),
    promisedDate: day('promised_date'),
    promiseStatus: text('promise_status', { enum: ['open', 'kept', 'broken'] }),
    note: text('note'),
    actorId: uuid('actor_id'),
    businessDate: day('business_date').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('collection_actions_loan_idx').on(t.loanId)],
);

/** Bank statement lines that matched no loan: money held in suspense until someone matches it. */
export const suspenseItems = pgTable(
  'suspense_items',
  {
    id: uuid('id').primaryKey(),
    /** The bank's transaction id: a statement imported twice never books twice. */
    bankTransactionId: text('bank_transaction_id').notNull(),
    valueDate: day('value_date').notNull(),
    businessDate: day('business_date').notNull(),
    amount: money('amount').notNull(),
    currency: text('currency').notNull(),
    reference: text('reference').notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: ['open', 'matched'] }).notNull(),
    journalId: bigint('journal_id', { mode: 'number' }).notNull(),
    paymentId: uuid('payment_id'),
    matchedBy: uuid('matched_by'),
    createdAt: ts('created_at').notNull(),
    matchedAt: ts('matched_at'),
  },
  (t) => [
    uniqueIndex('suspense_items_bank_tx_uq').on(t.bankTransactionId),
    index('suspense_items_status_idx').on(t.status),
  ],
);

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/** Published benchmark rates (China's LPR) recorded by staff; core's LPR history fills the gaps. */
export const benchmarkRates = pgTable(
  'benchmark_rates',
  {
    benchmark: text('benchmark').notNull(),
    effectiveFrom: day('effective_from').notNull(),
    /** Annual rate as a decimal string ("0.035"). */
    rate: text('rate').notNull(),
    source: text('source'),
    recordedBy: uuid('recorded_by'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.benchmark, t.effectiveFrom] })],
);

/** Every change of a loan's contract rate (LPR repricing), for the loan's history. */
export const loanRateChanges = pgTable(
  'loan_rate_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    loanId: uuid('loan_id').notNull(),
    businessDate: day('business_date').notNull(),
    benchmark: text('benchmark').notNull(),
    benchmarkRate: text('benchmark_rate').notNull(),
    spreadBp: integer('spread_bp').notNull(),
    oldRateNum: bigint('old_rate_num', { mode: 'number' }).notNull(),
    oldRateDen: bigint('old_rate_den', { mode: 'number' }).notNull(),
    newRateNum: bigint('new_rate_num', { mode: 'number' }).notNull(),
    newRateDen: bigint('new_rate_den', { mode: 'number' }).notNull(),
    reason: text('reason').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('loan_rate_changes_loan_idx').on(t.loanId)],
);

/** Income-driven repayment: a request (entering a plan or the annual recertification) with the payment it gives. */
export const incomeRecertifications = pgTable(
  'income_recertifications',
  {
    id: uuid('id').primaryKey(),
    loanId: uuid('loan_id')
      .notNull()
      .references(() => loans.id),
    plan: text('plan').notNull(),
    annualIncome: money('annual_income').notNull(),
    spouseIncome: money('spouse_income').notNull().default(0),
    familySize: integer('family_size').notNull(),
    filingStatus: text('filing_status').notNull(),
    region: text('region').notNull(),
    year: integer('year').notNull(),
    monthlyPayment: money('monthly_payment').notNull(),
    standardPayment: money('standard_payment').notNull(),
    preview: jsonb('preview').notNull(),
    status: text('status', { enum: ['requested', 'approved', 'declined'] }).notNull(),
    requestedBy: uuid('requested_by'),
    decidedBy: uuid('decided_by'),
    decisionNote: text('decision_note'),
    createdAt: ts('created_at').notNull(),
    decidedAt: ts('decided_at'),
  },
  (t) => [
    index('income_recertifications_loan_idx').on(t.loanId),
    index('income_recertifications_status_idx').on(t.status),
  ],
);

/** China's state repayment for graduates in qualifying employment (代偿): application, approval, yearly payments. */
export const stateRepayments = pgTable(
  'state_repayments',
  {
    id: uuid('id').primaryKey(),
    loanId: uuid('loan_id')
      .notNull()
      .references(() => loans.id),
    customerId: uuid('customer_id').notNull(),
    employer: text('employer').notNull(),
    region: text('region').notNull(),
    serviceStart: day('service_start').notNull(),
    yearsOfService: integer('years_of_service').notNull(),
    evidence: text('evidence').notNull(),
    /** Total the state repays, split evenly over the years of service (last year takes the remainder). */
    totalAmount: money('total_amount').notNull(),
    yearsPaid: integer('years_paid').notNull().default(0),
    status: text('status', { enum: ['requested', 'approved', 'declined', 'completed'] }).notNull(),
    requestedBy: uuid('requested_by'),
    decidedBy: uuid('decided_by'),
    decisionNote: text('decision_note'),
    createdAt: ts('created_at').notNull(),
    decidedAt: ts('decided_at'),
  },
  (t) => [index('state_repayments_loan_idx').on(t.loanId), index('state_repayments_status_idx').on(t.status)],
);

/** Legal referral for malicious default or fraud: a case with its status and documents. */
export const legalCases = pgTable(
  'legal_cases',
  {
    id: uuid('id').primaryKey(),
    loanId: uuid('loan_id')
      .notNull()
      .references(() => loans.id),
    ground: text('ground', { enum: ['malicious-default', 'fraud'] }).notNull(),
    status: text('status', {
      enum: ['referred', 'filed', 'judgment', 'enforcement', 'settled', 'closed'],
    }).notNull(),
    summary: text('summary').notNull(),
    openedBy: uuid('opened_by'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [index('legal_cases_loan_idx').on(t.loanId), index('legal_cases_status_idx').on(t.status)],
);

export const legalCaseDocuments = pgTable(
  'legal_case_documents',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => legalCases.id),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: uuid('uploaded_by'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('legal_case_documents_case_idx').on(t.caseId)],
);
