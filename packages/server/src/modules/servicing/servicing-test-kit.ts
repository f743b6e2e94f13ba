// Shared setup for the servicing tests (not a test file itself): products installed, a clock,
// and helpers that read the book straight from the database.
import { randomUUID } from 'node:crypto';
import { SYSTEM_ACTOR, type Deps } from '../../deps.ts';
import { installBuiltInProducts } from '../products/index.ts';
import { closeBusinessDaysThrough } from './cob.service.ts';
import { disburseTranche, openLoan, reconcile, STAFF_ACCESS, type OpenLoanInput } from './loans.service.ts';
import { postPayment, type PaymentInput } from './payments.service.ts';
import * as repo from './servicing.repository.ts';

export const OPS = { ...SYSTEM_ACTOR, actorName: 'test-ops' };

export async function installProducts(deps: Deps): Promise<void> {
  await installBuiltInProducts(deps, SYSTEM_ACTOR);
}

export async function newLoan(
  deps: Deps,
  input: Partial<OpenLoanInput> & { disburse?: string | string[] } = {},
) {
  const { disburse, ...rest } = input;
  const loan = await openLoan(deps, OPS, {
    customerId: randomUUID(),
    productCode: 'CN-BANK-TUITION',
    amount: '30000.00',
    ...rest,
  });
  for (const amount of disburse === undefined ? [rest.amount ?? '30000.00'] : [disburse].flat()) {
    await disburseTranche(deps, OPS, loan.id, { amount });
  }
  return (await repo.findLoan(deps.database.db, loan.id))!;
}

export async function pay(deps: Deps, loanId: string, amount: string, extra: Partial<PaymentInput> = {}) {
  return postPayment(deps, OPS, STAFF_ACCESS, {
    loanId,
    amount,
    currency: 'CNY',
    channel: 'bank_transfer',
    idempotencyKey: `key-${randomUUID()}`,
    ...extra,
  });
}

export async function loanRow(deps: Deps, id: string) {
  return (await repo.findLoan(deps.database.db, id))!;
}

export async function cobThrough(deps: Deps, date: string) {
  return closeBusinessDaysThrough(deps, date);
}

/** The ledger balances, every loan reconciles, and the books hold no money that was not lent or paid. */
export async function assertBooksSound(deps: Deps): Promise<void> {
  const r = await reconcile(deps);
  if (!r.ok)
    throw new Error(
      `books do not reconcile: ${JSON.stringify({ mismatches: r.mismatches.slice(0, 5), controls: r.controls.filter((c) => !c.ok) })}`,
    );
  const [tb] = await deps.database.query<{ total: string }>(
    `select coalesce(sum(amount), 0)::text as total from journal_lines`,
  );
  if (tb!.total !== '0') throw new Error(`trial balance is off by ${tb!.total}`);
}
