// Request and response shapes of the servicing API (shared with the web app). Money is a
// decimal string in major units ("1234.56"); dates are YYYY-MM-DD.
import { LOAN_STATES } from '@bursar/core';
import { z } from 'zod';
import { PAYMENT_CHANNELS } from './ledger.ts';
import { DEFERMENT_REASONS, HARDSHIP_KINDS } from './relief.service.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const amount = z.string().max(30);
const uuid = z.uuid();

export const loanIdParams = z.strictObject({ loanId: uuid });
export const paymentIdParams = z.strictObject({ paymentId: uuid });
export const requestIdParams = z.strictObject({ requestId: uuid });
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
};

export const openLoanBody = z.strictObject({
  customerId: uuid,
  productCode: z.string().min(1).max(40),
  amount,
  openedOn: isoDate.optional(),
  studyEndDate: isoDate.optional(),
  yearsOfStudy: z.number().int().min(1).max(10).optional(),
  termMonths: z.number().int().min(1).max(600).optional(),
  loanNumber: z.string().min(1).max(40).optional(),
});

export const disburseBody = z.strictObject({ amount, date: isoDate.optional() });

export const stateBody = z.strictObject({
  state: z.enum(['discharged', 'forgiven', 'closed', 'repayment', 'charged_off']),
  reason: z.string().min(1).max(500),
});

export const paymentBody = z.strictObject({
  amount,
  currency: z.string().min(1).max(10),
  channel: z.enum(PAYMENT_CHANNELS),
  idempotencyKey: z.string().min(8).max(100),
  reference: z.string().max(140).optional(),
  prepayment: z.enum(['shorter-term', 'lower-payment', 'credit']).optional(),
});

export const customerPaymentBody = paymentBody.extend({
  customerId: uuid,
  allocations: z
    .array(z.strictObject({ loanId: uuid, amount }))
    .max(50)
    .optional(),
});

export const reversalBody = z.strictObject({ reason: z.string().min(1).max(500) });

export const cobRunBody = z.strictObject({ date: isoDate });

export const hardshipBody = z.strictObject({
  kind: z.enum(HARDSHIP_KINDS),
  reason: z.union([z.enum(DEFERMENT_REASONS), z.string().min(1).max(200)]),
  endDate: isoDate.optional(),
  extraInstalments: z.number().int().min(1).max(240).optional(),
  evidence: z.string().max(2000).optional(),
});

export const decisionBody = z.strictObject({
  decision: z.enum(['approve', 'decline']),
  note: z.string().max(1000).optional(),
});

export const collectionActionBody = z.strictObject({
  kind: z.enum(['contact', 'promise', 'legal-referral', 'note']),
  channel: z.enum(['phone', 'sms', 'email', 'letter', 'visit', 'wechat']).optional(),
  outcome: z.string().max(200).optional(),
  promisedAmount: amount.optional(),
  promisedDate: isoDate.optional(),
  note: z.string().max(2000).optional(),
});

export const loanFilterQuery = z.strictObject({
  customerId: uuid.optional(),
  state: z.enum(LOAN_STATES).optional(),
  bucket: z.string().max(20).optional(),
  productCode: z.string().max(40).optional(),
  ...pageQuery,
});

const moneyStr = z.string();
export const loanView = z.object({
  id: z.string(),
  loanNumber: z.string(),
  customerId: z.string(),
  productCode: z.string(),
  productVersion: z.number(),
  currency: z.string(),
  state: z.string(),
  stateSince: z.string(),
  annualRate: z.string(),
  dayCount: z.string(),
  commitment: moneyStr,
  disbursed: moneyStr,
  balances: z.object({
    principal: moneyStr,
    principalDue: moneyStr,
    interestAccrued: moneyStr,
    interestDue: moneyStr,
    penaltyDue: moneyStr,
    feesDue: moneyStr,
    subsidyAccrued: moneyStr,
    creditBalance: moneyStr,
    amountDue: moneyStr,
    chargedOff: moneyStr,
  }),
  delinquency: z.object({
    daysPastDue: z.number(),
    bucket: z.string(),
    oldestDueDate: z.string().nullable(),
  }),
  repayment: z.object({
    method: z.string(),
    frequencyMonths: z.number(),
    instalmentsTotal: z.number(),
    nextInstalment: z.number(),
    nextDueDate: z.string().nullable(),
    /** The day the next instalment must be paid: the due date moved by the business-day rule. */
    nextPaymentDate: z.string().nullable(),
    dueDateRule: z.string(),
    levelPayment: moneyStr,
  }),
  /** Floating rate: benchmark + spread and the next repricing day; null for a fixed rate. */
  floatingRate: z
    .object({
      benchmark: z.string(),
      spreadBp: z.number(),
      repricing: z.string(),
      nextRepricingDate: z.string().nullable(),
    })
    .nullable(),
  /** Income-driven plan and forgiveness progress. */
  plan: z.object({
    repaymentPlan: z.string().nullable(),
    recertifyBy: z.string().nullable(),
    standardPayment: moneyStr,
    forgivenessProgramme: z.string().nullable(),
    qualifyingPayments: z.number(),
    forgiveAfterPayments: z.number().nullable(),
    writeOffOn: z.string().nullable(),
  }),
  /** The customer's display name (lists only; null when the customer is not found). */
  customerName: z.string().nullable().optional(),
  phases: z.object({
    inSchoolUntil: z.string().nullable(),
    graceUntil: z.string().nullable(),
    reliefUntil: z.string().nullable(),
    interestMode: z.string(),
  }),
  openedOn: z.string(),
});

export const paymentView = z.object({
  id: z.string(),
  idempotencyKey: z.string(),
  batchKey: z.string().nullable(),
  loanId: z.string(),
  customerId: z.string(),
  channel: z.string(),
  amount: moneyStr,
  currency: z.string(),
  businessDate: z.string(),
  reference: z.string().nullable(),
  prepayment: z.string(),
  status: z.enum(['posted', 'reversed']),
  allocation: z.record(z.string(), moneyStr),
  journalId: z.number(),
  reversalJournalId: z.number().nullable(),
  reversalReason: z.string().nullable(),
  createdAt: z.string(),
  reversedAt: z.string().nullable(),
  replayed: z.boolean(),
});

export const anyObject = z.record(z.string(), z.unknown());
