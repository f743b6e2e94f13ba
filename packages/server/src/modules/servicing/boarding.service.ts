// Loan boarding: existing loans from a legacy system, with their balances and arrears, from a
// CSV file. The whole file is validated first (every error names its row and column) and
// nothing is written unless all rows are good; then each loan is opened with one boarding
// journal against the migration clearing account, and the report reconciles the file's totals
// to the ledger.
import { randomUUID } from 'node:crypto';
import {
  CsvError,
  parseCsv,
  bucketOf,
  daysPastDue,
  formatMoney,
  isValidIsoDate,
  toEpochDay,
  type ProductTemplate,
} from '@bursar/core';
import type { ActorContext, Deps } from '../../deps.ts';
import { Problem, validationProblem, type FieldError } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { activeProduct } from '../products/index.ts';
import { ACCOUNTS, postJournal } from './ledger.ts';
import {
  contractRate,
  DEFAULT_ORDER,
  minor,
  penaltyRate,
  projectRemaining,
  repayMethodOf,
  scheduleJson,
} from './loan-terms.ts';
import { openBusinessDate, parseAmount } from './loans.service.ts';
import * as repo from './servicing.repository.ts';

export const BOARDING_COLUMNS = [
  'loan_number',
  'customer_id',
  'product_code',
  'currency',
  'opened_on',
  'commitment',
  'principal',
  'principal_due',
  'interest_due',
  'interest_accrued',
  'oldest_due_date',
  'next_due_date',
  'instalments_remaining',
] as const;

export interface ImportReport {
  imported: number;
  totals: {
    currency: string;
    principal: string;
    interestDue: string;
    interestAccrued: string;
    ledgerPrincipal: string;
    reconciled: boolean;
  }[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function importLoans(deps: Deps, ctx: ActorContext, csv: string): Promise<ImportReport> {
  let rows: string[][];
  try {
    // Core's RFC 4180 parser (BOM, quoted newlines); rows of blank cells are skipped.
    rows = [...parseCsv(csv)].map((r) => r.cells).filter((cells) => cells.some((c) => c.trim() !== ''));
  } catch (e) {
    if (e instanceof CsvError) throw validationProblem([{ field: 'csv', message: e.message }]);
    throw e;
  }
  const header = rows.shift()?.map((h) => h.trim()) ?? [];
  const missing = BOARDING_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length)
    throw validationProblem(missing.map((c) => ({ field: `header.${c}`, message: 'missing column' })));
  const col = (r: string[], c: (typeof BOARDING_COLUMNS)[number]) => (r[header.indexOf(c)] ?? '').trim();
  const products = new Map<string, { definition: ProductTemplate; version: number } | null>();
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const parsed: {
    loanNumber: string;
    customerId: string;
    product: { definition: ProductTemplate; version: number };
    currency: string;
    openedOn: string;
    commitment: number;
    principal: number;
    principalDue: number;
    interestDue: number;
    interestAccrued: number;
    oldestDue: string | null;
    nextDue: string | null;
    n: number;
  }[] = [];
  for (const [i, r] of rows.entries()) {
    const at = (c: string) => `rows.${i + 2}.${c}`;
    const err = (c: string, message: string) => errors.push({ field: at(c), message });
    const code = col(r, 'product_code');
    if (!products.has(code)) {
      const p = await activeProduct(deps, code);
      products.set(code, p ? { definition: p.definition, version: p.version } : null);
    }
    const product = products.get(code);
    if (!product) {
      err('product_code', `no active product ${code}`);
      continue;
    }
    const currency = col(r, 'currency');
    if (currency !== product.definition.currency) {
      err('currency', `product ${code} is in ${product.definition.currency}`);
      continue;
    }
    const num = (c: (typeof BOARDING_COLUMNS)[number], positive = false) => {
      try {
        const v = parseAmount(c, col(r, c) || '0', currency, positive);
        if (v < 0) err(c, 'must not be negative');
        return v;
      } catch (e) {
        err(c, e instanceof Problem ? (e.extensions.errors?.[0]?.message ?? e.message) : 'bad amount');
        return 0;
      }
    };
    const loanNumber = col(r, 'loan_number');
    if (!loanNumber) err('loan_number', 'required');
    else if (seen.has(loanNumber)) err('loan_number', 'duplicate in the file');
    seen.add(loanNumber);
    const customerId = col(r, 'customer_id');
    if (!UUID.test(customerId)) err('customer_id', 'must be a customer id (uuid)');
    const openedOn = col(r, 'opened_on');
    if (!isValidIsoDate(openedOn)) err('opened_on', 'must be a date YYYY-MM-DD');
    const nextDue = col(r, 'next_due_date');
    if (nextDue && !isValidIsoDate(nextDue)) err('next_due_date', 'must be a date YYYY-MM-DD');
    const oldestDue = col(r, 'oldest_due_date');
    if (oldestDue && !isValidIsoDate(oldestDue)) err('oldest_due_date', 'must be a date YYYY-MM-DD');
    const n = Number(col(r, 'instalments_remaining'));
    if (!Number.isInteger(n) || n < 0 || n > 600)
      err('instalments_remaining', 'must be a whole number 0–600');
    const commitment = num('commitment', true);
    const principal = num('principal');
    const principalDue = num('principal_due');
    const interestDue = num('interest_due');
    const interestAccrued = num('interest_accrued');
    if (principal > commitment) err('principal', 'exceeds the commitment');
    if (principalDue > principal) err('principal_due', 'exceeds the principal');
    if ((principalDue > 0 || interestDue > 0) && !oldestDue)
      err('oldest_due_date', 'required when something is overdue');
    if (principal - principalDue > 0 && (!nextDue || n === 0))
      err('next_due_date', 'a loan with principal left needs its next due date and instalments remaining');
    parsed.push({
      loanNumber,
      customerId,
      product,
      currency,
      openedOn,
      commitment,
      principal,
      principalDue,
      interestDue,
      interestAccrued,
      oldestDue: oldestDue || null,
      nextDue: nextDue || null,
      n,
    });
  }
  if (rows.length === 0) errors.push({ field: 'rows', message: 'the file has no loans' });
  if (errors.length) throw validationProblem(errors.slice(0, 200));

  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    await repo.shareBookLock(tx);
    const businessDate = await openBusinessDate(deps, tx);
    const totals = new Map<string, { principal: number; interestDue: number; interestAccrued: number }>();
    for (const r of parsed) {
      const p = r.product.definition;
      const rt = contractRate(p, r.openedOn);
      const pen = penaltyRate(p, rt);
      const id = randomUUID();
      const dpd = daysPastDue(r.oldestDue ? toEpochDay(r.oldestDue) : null, toEpochDay(businessDate));
      const base = {
        principal: r.principal,
        principalDue: r.principalDue,
        rateNum: rt.num,
        rateDen: rt.den,
        dayCount: p.dayCount,
        rounding: p.rounding,
        repayMethod: repayMethodOf(p),
        frequencyMonths:
          p.frequency === 'annual'
            ? 12
            : p.frequency === 'semi-annual'
              ? 6
              : p.frequency === 'quarterly'
                ? 3
                : 1,
        instalmentsTotal: r.n,
        nextInstalment: 1,
        nextDueDate: r.nextDue,
        firstDueDate: r.nextDue,
      };
      const projection = r.nextDue && r.n > 0 ? projectRemaining(base) : null;
      const state =
        r.principal + r.interestDue + r.interestAccrued === 0
          ? 'paid_off'
          : dpd >= p.defaultDaysPastDue
            ? 'default'
            : 'repayment';
      try {
        await repo.insertLoan(tx, {
          ...base,
          id,
          loanNumber: r.loanNumber,
          customerId: r.customerId,
          productCode: p.code,
          productVersion: r.product.version,
          currency: r.currency,
          state,
          stateSince: businessDate,
          penaltyRateNum: pen.num,
          penaltyRateDen: pen.den,
          interestMode: 'borrower',
          graceInterest: p.phases.grace.interest,
          capitalisationEvents: [...p.capitalisationEvents],
          commitment: r.commitment,
          disbursed: r.principal,
          interestDue: r.interestDue,
          interestAccrued: r.interestAccrued,
          // The legacy accrual comes over rounded: its numerator is the amount times the denominator.
          interestAccruedNum: (BigInt(r.interestAccrued) * BigInt(rt.den) * 780_699_960n).toString(),
          accruedThrough: businessDate,
          termInstalments: r.n,
          levelPayment: projection?.payment ?? 0,
          levelPrincipal: projection?.installments[0]?.principal ?? 0,
          oldestDueDate: r.oldestDue,
          daysPastDue: dpd,
          bucket: bucketOf(dpd),
          defaultDaysPastDue: p.defaultDaysPastDue,
          chargeOffDaysPastDue: p.defaultDaysPastDue + 90,
          lateFee: minor(p.fees.lateFee, p.currency),
          originationShare: null,
          allocationOrder: DEFAULT_ORDER,
          openedOn: r.openedOn,
          createdAt: now,
          updatedAt: now,
        });
      } catch (e) {
        if (
          (e as { cause?: { code?: string } }).cause?.code === '23505' ||
          (e as { code?: string }).code === '23505'
        ) {
          throw Problem.conflict('loan-exists', `Loan ${r.loanNumber} is already on the book`, 'loan_number');
        }
        throw e;
      }
      if (r.principalDue + r.interestDue > 0) {
        await repo.insertBills(tx, [
          {
            loanId: id,
            seq: 1,
            instalment: null,
            dueDate: r.oldestDue!,
            principal: r.principalDue,
            interest: r.interestDue,
            billedOn: businessDate,
          },
        ]);
        await repo.updateLoan(tx, id, { billsCount: 1 });
      }
      await postJournal(tx, {
        businessDate,
        kind: 'boarding',
        loanId: id,
        productCode: p.code,
        currency: r.currency,
        description: `Boarded from the legacy system as ${r.loanNumber}`,
        lines: [
          { account: ACCOUNTS.principal, amount: r.principal },
          { account: ACCOUNTS.interestDue, amount: r.interestDue },
          { account: ACCOUNTS.interestAccrued, amount: r.interestAccrued },
          { account: ACCOUNTS.boarding, amount: -(r.principal + r.interestDue + r.interestAccrued) },
        ],
      });
      await repo.insertStateHistory(tx, {
        loanId: id,
        fromState: null,
        toState: state,
        reason: 'boarded',
        businessDate,
        at: now,
      });
      if (projection)
        await repo.saveSchedule(tx, {
          loanId: id,
          version: 1,
          generatedOn: businessDate,
          reason: 'boarded',
          schedule: scheduleJson(projection, r.currency, formatMoney),
        });
      const t = totals.get(r.currency) ?? { principal: 0, interestDue: 0, interestAccrued: 0 };
      t.principal += r.principal;
      t.interestDue += r.interestDue;
      t.interestAccrued += r.interestAccrued;
      totals.set(r.currency, t);
    }
    await recordAudit(tx, ctx, now, {
      action: 'loan.boarded',
      entityType: 'loan_import',
      entityId: null,
      after: { loans: parsed.length },
    });
    const ledger = await repo.trialBalance(tx);
    return {
      imported: parsed.length,
      totals: [...totals].map(([currency, t]) => {
        const boarded = -Number(
          ledger.find((l) => l.account_code === ACCOUNTS.boarding && l.currency === currency)?.balance ?? 0,
        );
        return {
          currency,
          principal: formatMoney(t.principal, currency),
          interestDue: formatMoney(t.interestDue, currency),
          interestAccrued: formatMoney(t.interestAccrued, currency),
          ledgerPrincipal: formatMoney(boarded, currency),
          reconciled: boarded >= t.principal + t.interestDue + t.interestAccrued,
        };
      }),
    };
  });
}
