import { formatMoney } from '@bursar/core';
// Model test: any random sequence of disbursements, payments, reversals, close-of-business days,
// deferments and term extensions leaves a ledger that balances, loans that reconcile, and no
// money created or lost (cash in and out of the clearing accounts equals what the loans record).
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDeps, type TestDeps } from '../../../test/test-deps.ts';
import { closeBusinessDay } from './cob.service.ts';
import { disburseTranche, openBusinessDate, openLoan } from './loans.service.ts';
import { reversePayment } from './payments.service.ts';
import { decideHardship, requestHardship } from './relief.service.ts';
import * as repo from './servicing.repository.ts';
import { assertBooksSound, installProducts, OPS, pay } from './servicing-test-kit.ts';
import { STAFF_ACCESS } from './loans.service.ts';

let deps: TestDeps;
const APPROVER = { ...OPS, actorId: randomUUID(), actorName: 'approver' };

beforeAll(async () => {
  deps = await openTestDeps();
  await installProducts(deps);
});
afterAll(async () => {
  await deps.dispose();
});

type Cmd =
  | {
      kind: 'open';
      product: 'CN-BANK-TUITION' | 'CN-BANK-GRADUATE' | 'US-DIRECT-UNSUB' | 'CN-NSL-HOME';
      amount: number;
      tranches: number;
    }
  | { kind: 'disburse'; loan: number; amount: number }
  | { kind: 'pay'; loan: number; amount: number; prepayment: 'shorter-term' | 'lower-payment' | 'credit' }
  | { kind: 'reverse'; loan: number }
  | { kind: 'cob'; days: number }
  | { kind: 'defer'; loan: number; months: number }
  | { kind: 'extend'; loan: number; extra: number };

const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('open' as const),
      product: fc.constantFrom(
        'CN-BANK-TUITION' as const,
        'CN-BANK-GRADUATE' as const,
        'US-DIRECT-UNSUB' as const,
        'CN-NSL-HOME' as const,
      ),
      amount: fc.integer({ min: 1000, max: 20000 }),
      tranches: fc.integer({ min: 1, max: 2 }),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('disburse' as const),
      loan: fc.nat(),
      amount: fc.integer({ min: 1, max: 5000 }),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('pay' as const),
      loan: fc.nat(),
      amount: fc.integer({ min: 1, max: 600_000 }),
      prepayment: fc.constantFrom('shorter-term' as const, 'lower-payment' as const, 'credit' as const),
    }),
    weight: 5,
  },
  { arbitrary: fc.record({ kind: fc.constant('reverse' as const), loan: fc.nat() }), weight: 2 },
  {
    arbitrary: fc.record({ kind: fc.constant('cob' as const), days: fc.integer({ min: 1, max: 12 }) }),
    weight: 4,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('defer' as const),
      loan: fc.nat(),
      months: fc.integer({ min: 1, max: 6 }),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('extend' as const),
      loan: fc.nat(),
      extra: fc.integer({ min: 1, max: 12 }),
    }),
    weight: 1,
  },
);

async function apply(c: Cmd, loans: string[]): Promise<void> {
  const pick = (i: number) => loans[i % loans.length];
  const tolerate = async (f: () => Promise<unknown>) => {
    try {
      await f();
    } catch (e) {
      // Refusals (4xx problems) are part of the model; anything else is a bug.
      if (!(
        e instanceof Error &&
        e.name === 'Problem' &&
        ((e as unknown as { status: number }).status ?? 500) < 500
      ))
        throw e;
    }
  };
  switch (c.kind) {
    case 'open': {
      const today = await openBusinessDate(deps);
      const inSchool = c.product === 'US-DIRECT-UNSUB' || c.product === 'CN-NSL-HOME';
      const l = await openLoan(deps, OPS, {
        customerId: randomUUID(),
        productCode: c.product,
        amount: `${c.amount}.00`,
        ...(inSchool ? { studyEndDate: addDaysIso(today, 20) } : {}),
      });
      const part = Math.floor(c.amount / c.tranches);
      for (let t = 0; t < c.tranches; t++)
        await disburseTranche(deps, OPS, l.id, {
          amount: `${t === c.tranches - 1 ? c.amount - part * (c.tranches - 1) : part}.00`,
        });
      loans.push(l.id);
      return;
    }
    case 'disburse':
      if (loans.length)
        await tolerate(() => disburseTranche(deps, OPS, pick(c.loan)!, { amount: `${c.amount}.00` }));
      return;
    case 'pay': {
      if (!loans.length) return;
      const loan = (await repo.findLoan(deps.database.db, pick(c.loan)!))!;
      await tolerate(() =>
        pay(deps, loan.id, formatMoney(c.amount, 'CNY'), {
          currency: loan.currency,
          prepayment: c.prepayment,
        }),
      );
      return;
    }
    case 'reverse': {
      if (!loans.length) return;
      const ps = (await repo.paymentsOfLoan(deps.database.db, pick(c.loan)!)).filter(
        (p) => p.status === 'posted',
      );
      const latest = ps.sort((a, b) => b.journalId - a.journalId)[0];
      if (latest) await tolerate(() => reversePayment(deps, OPS, latest.id, 'bounced'));
      return;
    }
    case 'cob':
      for (let i = 0; i < c.days; i++) await closeBusinessDay(deps, await openBusinessDate(deps));
      return;
    case 'defer':
    case 'extend': {
      if (!loans.length) return;
      const today = await openBusinessDate(deps);
      await tolerate(async () => {
        const r = await requestHardship(
          deps,
          OPS,
          STAFF_ACCESS,
          pick(c.loan)!,
          c.kind === 'defer'
            ? { kind: 'deferment', reason: 'economic-hardship', endDate: addMonthsIso(today, c.months) }
            : { kind: 'term-extension', reason: 'reduced income', extraInstalments: c.extra },
        );
        await decideHardship(deps, APPROVER, r.id, 'approve', undefined);
      });
      return;
    }
  }
}

function addDaysIso(d: string, n: number): string {
  return new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
function addMonthsIso(d: string, n: number): string {
  const x = new Date(`${d}T00:00:00Z`);
  x.setUTCMonth(x.getUTCMonth() + n);
  return x.toISOString().slice(0, 10);
}

async function assertNoMoneyCreatedOrLost(): Promise<void> {
  await assertBooksSound(deps);
  // Cash received (clearing accounts) equals the live payments; cash paid out equals net disbursements.
  const [cash] = await deps.database.query<{ gl: string; paid: string }>(
    `select (select coalesce(sum(amount), 0) from journal_lines where account_code between '1210' and '1216')::text as gl,
            (select coalesce(sum(amount), 0) from payments where status = 'posted')::text as paid`,
  );
  expect(cash!.gl).toBe(cash!.paid);
  const [out] = await deps.database.query<{ gl: string; net: string }>(
    `select (select coalesce(sum(amount), 0) from journal_lines where account_code = '1300')::text as gl,
            (select -coalesce(sum(amount - fee), 0) from loan_disbursements)::text as net`,
  );
  expect(out!.gl).toBe(out!.net);
  // Nothing negative on any loan.
  const [neg] = await deps.database.query<{ n: number }>(
    `select count(*)::int as n from loans where principal < 0 or principal_due < 0 or interest_due < 0 or interest_accrued < 0 or penalty_due < 0 or fees_due < 0 or credit_balance < 0 or principal_due > principal`,
  );
  expect(neg!.n).toBe(0);
}

describe('servicing model', () => {
  it('keeps the books sound under random operations', { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(cmd, { minLength: 4, maxLength: 18 }), async (cmds) => {
        const loans: string[] = [];
        for (const c of cmds) await apply(c, loans);
        await assertNoMoneyCreatedOrLost();
      }),
      { numRuns: Number(process.env.SERVICING_MODEL_RUNS ?? 12), endOnFailure: true },
    );
  });
});
