// Bank statement import: each credit line is matched to a loan when its reference names the
// loan and the amount is what the loan asks for (its amount due or regular payment); it then
// posts through the ordinary payment path. Anything else is booked to suspense and waits in a
// queue for someone to match it by hand. A statement imported twice books nothing twice.
import { randomUUID } from 'node:crypto';
import { isValidIsoDate } from '@bursar/core';
import type { ActorContext, Deps } from '../../deps.ts';
import { Problem, validationProblem, type FieldError } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { ACCOUNTS, CLEARING_ACCOUNT, postJournal } from './ledger.ts';
import { money, openBusinessDate, parseAmount } from './loans.service.ts';
import { applyToLoan, paymentView } from './payments.service.ts';
import * as repo from './servicing.repository.ts';
import type { SuspenseRow } from './servicing.repository.ts';

export const STATEMENT_COLUMNS = ['transaction_id', 'value_date', 'amount', 'currency', 'reference'] as const;

function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cell);
      cell = '';
    } else cell += ch;
  }
  out.push(cell);
  return out.map((c) => c.trim());
}

export function suspenseView(s: SuspenseRow) {
  return {
    id: s.id,
    bankTransactionId: s.bankTransactionId,
    valueDate: s.valueDate,
    businessDate: s.businessDate,
    amount: money(s.amount, s.currency),
    currency: s.currency,
    reference: s.reference,
    reason: s.reason,
    status: s.status,
    paymentId: s.paymentId,
    createdAt: s.createdAt.toISOString(),
    matchedAt: s.matchedAt?.toISOString() ?? null,
  };
}

export interface StatementReport {
  lines: number;
  matched: number;
  suspense: number;
  duplicates: number;
  results: {
    transactionId: string;
    outcome: 'matched' | 'suspense' | 'duplicate';
    loanNumber?: string;
    paymentId?: string;
    suspenseId?: string;
    reason?: string;
  }[];
}

export async function importBankStatement(
  deps: Deps,
  ctx: ActorContext,
  csv: string,
): Promise<StatementReport> {
  const lines = csv
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const header = splitCsvLine(lines.shift() ?? '');
  const missing = STATEMENT_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length)
    throw validationProblem(missing.map((c) => ({ field: `header.${c}`, message: 'missing column' })));
  const errors: FieldError[] = [];
  const rows = lines.map((l, i) => {
    const cells = splitCsvLine(l);
    const get = (c: (typeof STATEMENT_COLUMNS)[number]) => cells[header.indexOf(c)] ?? '';
    const at = (c: string) => `rows.${i + 2}.${c}`;
    const currency = get('currency');
    let amount = 0;
    try {
      amount = parseAmount('amount', get('amount'), currency);
    } catch (e) {
      const fe = (e as Problem).extensions?.errors?.[0];
      errors.push({ field: at(fe?.field ?? 'amount'), message: fe?.message ?? 'bad amount' });
    }
    if (!get('transaction_id')) errors.push({ field: at('transaction_id'), message: 'required' });
    if (!isValidIsoDate(get('value_date')))
      errors.push({ field: at('value_date'), message: 'must be a date YYYY-MM-DD' });
    return {
      tx: get('transaction_id'),
      valueDate: get('value_date'),
      amount,
      currency,
      reference: get('reference'),
    };
  });
  if (errors.length) throw validationProblem(errors.slice(0, 200));

  const report: StatementReport = { lines: rows.length, matched: 0, suspense: 0, duplicates: 0, results: [] };
  const now = deps.now();
  for (const row of rows) {
    // One transaction per line: a line either posts completely or not at all.
    await deps.database.db.transaction(async (tx) => {
      await repo.shareBookLock(tx);
      const key = `bank:${row.tx}`;
      if ((await repo.findPaymentByKey(tx, key)) || (await repo.findSuspenseByBankTx(tx, row.tx))) {
        report.duplicates++;
        report.results.push({ transactionId: row.tx, outcome: 'duplicate' });
        return;
      }
      const businessDate = await openBusinessDate(deps, tx);
      const tokens = [...new Set(row.reference.split(/[^A-Za-z0-9-]+/).filter(Boolean))];
      const candidates = await repo.loansByNumbers(tx, tokens);
      let reason =
        candidates.length === 0
          ? 'no loan named in the reference'
          : candidates.length > 1
            ? 'the reference names several loans'
            : '';
      const found = candidates.length === 1 ? candidates[0]! : undefined;
      if (found) {
        const loan = (await repo.lockLoan(tx, found.id))!;
        const due = loan.principalDue + loan.interestDue + loan.penaltyDue + loan.feesDue;
        if (loan.currency !== row.currency) reason = `the loan is in ${loan.currency}`;
        else if (
          !['in_school', 'grace', 'repayment', 'deferment', 'forbearance', 'default'].includes(loan.state)
        )
          reason = `the loan is ${loan.state}`;
        else if (row.amount !== due && row.amount !== loan.levelPayment)
          reason = `amount ${money(row.amount, row.currency)} is neither the amount due ${money(due, loan.currency)} nor the regular payment`;
        else {
          const p = await applyToLoan(tx, ctx, now, loan, {
            amount: row.amount,
            channel: 'bank_transfer',
            idempotencyKey: key,
            batchKey: null,
            reference: row.reference,
            prepayment: 'lower-payment',
            businessDate,
          });
          report.matched++;
          report.results.push({
            transactionId: row.tx,
            outcome: 'matched',
            loanNumber: loan.loanNumber,
            paymentId: p.id,
          });
          return;
        }
      }
      const journalId = await postJournal(tx, {
        businessDate,
        kind: 'suspense',
        currency: row.currency,
        description: `Unmatched bank credit ${row.tx}: ${row.reference}`,
        lines: [
          { account: CLEARING_ACCOUNT.bank_transfer, amount: row.amount },
          { account: ACCOUNTS.suspense, amount: -row.amount },
        ],
      });
      const item = await repo.insertSuspense(tx, {
        id: randomUUID(),
        bankTransactionId: row.tx,
        valueDate: row.valueDate,
        businessDate,
        amount: row.amount,
        currency: row.currency,
        reference: row.reference,
        reason,
        status: 'open',
        journalId,
        createdAt: now,
      });
      report.suspense++;
      report.results.push({ transactionId: row.tx, outcome: 'suspense', suspenseId: item.id, reason });
    });
  }
  await deps.database.db.transaction(async (tx) => {
    await recordAudit(tx, ctx, now, {
      action: 'payments.statement_imported',
      entityType: 'bank_statement',
      after: {
        lines: report.lines,
        matched: report.matched,
        suspense: report.suspense,
        duplicates: report.duplicates,
      },
    });
  });
  return report;
}

/** Match a suspense item to a loan by hand: it posts as a payment taken out of suspense. */
export async function matchSuspense(deps: Deps, ctx: ActorContext, itemId: string, loanId: string) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    await repo.shareBookLock(tx);
    const item = await repo.findSuspense(tx, itemId, true);
    if (!item) throw Problem.notFound(`Suspense item ${itemId}`);
    if (item.status !== 'open')
      throw Problem.conflict('already-matched', 'The item is already matched', 'itemId');
    const loan = await repo.lockLoan(tx, loanId);
    if (!loan) throw Problem.badRequest('loanId', 'no such loan');
    if (loan.currency !== item.currency)
      throw Problem.badRequest('loanId', `the loan is in ${loan.currency}, the money in ${item.currency}`);
    const businessDate = await openBusinessDate(deps, tx);
    const p = await applyToLoan(tx, ctx, now, loan, {
      amount: item.amount,
      channel: 'bank_transfer',
      idempotencyKey: `bank:${item.bankTransactionId}`,
      batchKey: null,
      reference: item.reference,
      prepayment: 'lower-payment',
      businessDate,
      debitAccount: ACCOUNTS.suspense,
    });
    const updated = await repo.updateSuspense(tx, itemId, {
      status: 'matched',
      paymentId: p.id,
      matchedBy: ctx.actorId,
      matchedAt: now,
    });
    await recordAudit(tx, ctx, now, {
      action: 'payments.suspense_matched',
      entityType: 'loan',
      entityId: loanId,
      after: { suspenseId: itemId, paymentId: p.id },
    });
    return { item: suspenseView(updated), payment: paymentView(p) };
  });
}

export async function listSuspense(deps: Deps, status?: 'open' | 'matched') {
  return (await repo.suspenseList(deps.database.db, status)).map(suspenseView);
}
