// Demo loan book: a few hundred loans in every state, with months of history produced by the
// real close of business over past business dates, payments on the way, relief granted,
// legacy loans boarded with arrears that age into default and charge-off.
import { randomUUID } from 'node:crypto';
import { addDays, addMonthsIso, businessCalendar, formatMoney, toEpochDay, toIsoDate } from '@bursar/core';
import { SYSTEM_ACTOR, type ActorContext, type Deps } from '../../deps.ts';
import { customersGraduatingBetween } from '../customers/index.ts';
import { installBuiltInProducts } from '../products/index.ts';
import { importLoans } from './boarding.service.ts';
import { closeBusinessDay } from './cob.service.ts';
import {
  changeLoanState,
  DEFAULT_CALENDAR,
  disburseTranche,
  openBusinessDate,
  openLoan,
  STAFF_ACCESS,
} from './loans.service.ts';
import { postPayment } from './payments.service.ts';
import { decideHardship, requestHardship } from './relief.service.ts';
import * as repo from './servicing.repository.ts';

const DEMO: ActorContext = { ...SYSTEM_ACTOR, actorName: 'demo-seed' };
const APPROVER: ActorContext = {
  ...SYSTEM_ACTOR,
  actorId: '00000000-0000-4000-8000-0000000000a1',
  actorName: 'demo-approver',
};

/** A small deterministic generator so the demo book is the same on every install. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export interface DemoLoanOptions {
  /** Linked customers (the demo student gets loans of their own). */
  customerIds?: string[];
  studentCustomerId?: string;
  loans?: number;
  historyMonths?: number;
}

/** Demo size: a few hundred loans and five months of history; none under tests, which build their own (BURSAR_DEMO_LOANS overrides). */
export function demoLoanOptions(
  env: NodeJS.ProcessEnv = process.env,
): Pick<DemoLoanOptions, 'loans' | 'historyMonths'> {
  const n = Number(env.BURSAR_DEMO_LOANS ?? (env.VITEST ? 0 : 150));
  return { loans: Number.isInteger(n) && n >= 0 ? n : 150, historyMonths: 4 };
}

export async function seedDemoLoans(
  deps: Deps,
  opts: DemoLoanOptions = {},
): Promise<{ loans: number; businessDays: number }> {
  if (opts.loans === 0) return { loans: 0, businessDays: 0 };
  await installBuiltInProducts(deps, DEMO);
  const r = rng(20260901);
  const cal = businessCalendar(DEFAULT_CALENDAR);
  const today = toIsoDate(cal.adjust(toEpochDay(deps.now().toISOString().slice(0, 10)), 'following'));
  const start = toIsoDate(
    cal.adjust(toEpochDay(addMonthsIso(today, -(opts.historyMonths ?? 5))), 'following'),
  );
  await repo.initState(deps.database.db, start, DEFAULT_CALENDAR);
  if ((await openBusinessDate(deps)) !== start) return { loans: 0, businessDays: 0 };
  const count = opts.loans ?? 150;
  // Borrowers are the demo customers; their expected graduation dates drive the loan phases.
  const pool = opts.customerIds?.length
    ? opts.customerIds.map((customerId) => ({ customerId, expectedGraduationDate: '' }))
    : await customersGraduatingBetween(deps.database.db, '1990-01-01', '2100-12-31');
  const customer = (i: number) => pool[i % Math.max(pool.length, 1)]?.customerId ?? randomUUID();
  const studying = pool.filter((c) => c.expectedGraduationDate > addMonthsIso(today, 6));
  const graduating = pool.filter(
    (c) => c.expectedGraduationDate > addDays(start, 10) && c.expectedGraduationDate < addDays(start, 80),
  );
  const profiles: { id: string; payer: 'good' | 'late' | 'never' | 'early' }[] = [];

  const open = async (
    input: Parameters<typeof openLoan>[2],
    amounts: string[],
    payer: 'good' | 'late' | 'never' | 'early',
  ) => {
    const loan = await openLoan(deps, DEMO, input);
    for (const amount of amounts) await disburseTranche(deps, DEMO, loan.id, { amount });
    profiles.push({ id: loan.id, payer });
    return loan.id;
  };

  // The demo student: a national loan in school and a tuition loan in repayment.
  if (opts.studentCustomerId) {
    await open(
      {
        customerId: opts.studentCustomerId,
        productCode: 'CN-NSL-HOME',
        amount: '16000.00',
        studyEndDate: addMonthsIso(today, 20),
        yearsOfStudy: 4,
      },
      ['8000.00', '8000.00'],
      'good',
    );
    await open(
      { customerId: opts.studentCustomerId, productCode: 'CN-BANK-LIVING', amount: '6000.00' },
      ['6000.00'],
      'good',
    );
  }
  for (let i = 0; i < count; i++) {
    const kind = r();
    const amount = String(Math.round((3000 + r() * 27000) / 100) * 100);
    const payer = r() < 0.7 ? 'good' : r() < 0.5 ? 'late' : r() < 0.6 ? 'never' : 'early';
    if (kind < 0.15) {
      const c = studying[i % Math.max(studying.length, 1)];
      await open(
        {
          customerId: c?.customerId ?? customer(i),
          productCode: 'CN-NSL-HOME',
          amount: '16000.00',
          studyEndDate: c?.expectedGraduationDate ?? addMonthsIso(today, 6 + Math.floor(r() * 30)),
          yearsOfStudy: 4,
        },
        ['8000.00'],
        payer,
      );
    } else if (kind < 0.25) {
      // Graduating during the history: grace begins, US loans with a 6-month grace.
      const c = graduating[i % Math.max(graduating.length, 1)];
      await open(
        {
          customerId: c?.customerId ?? customer(i),
          productCode: 'US-DIRECT-UNSUB',
          amount: '5500.00',
          studyEndDate: c?.expectedGraduationDate ?? addDays(start, 20 + Math.floor(r() * 60)),
        },
        ['2750.00', '2750.00'],
        payer,
      );
    } else if (kind < 0.33) {
      await open(
        { customerId: customer(i), productCode: 'CN-BANK-GRADUATE', amount: `${amount}.00` },
        [`${amount}.00`],
        payer,
      );
    } else {
      await open(
        {
          customerId: customer(i),
          productCode: kind < 0.6 ? 'CN-BANK-TUITION' : 'CN-BANK-LIVING',
          amount: `${amount}.00`,
          termMonths: kind < 0.45 ? 12 : undefined,
        },
        [`${amount}.00`],
        payer,
      );
    }
  }
  // Legacy loans boarded in arrears: they age into default and charge-off.
  const legacy = [
    'loan_number,customer_id,product_code,currency,opened_on,commitment,principal,principal_due,interest_due,interest_accrued,oldest_due_date,next_due_date,instalments_remaining',
  ];
  for (let i = 0; i < 12; i++) {
    const arrearsDays = 40 + i * 12;
    legacy.push(
      `LEGACY-${String(i + 1).padStart(4, '0')},${customer(count + i)},CN-BANK-TUITION,CNY,${addMonthsIso(start, -18)},20000.00,14000.00,900.00,120.00,0,${addDays(start, -arrearsDays)},${addMonthsIso(start, 1)},30`,
    );
  }
  await importLoans(deps, DEMO, legacy.join('\n'));

  // Walk the business days to today: borrowers pay, relief is granted, the real COB closes each day.
  let days = 0;
  for (let date = start; date < today; date = await openBusinessDate(deps)) {
    const owing = new Map((await repo.loansInArrears(deps.database.db)).map((l) => [l.id, l]));
    for (const p of profiles) {
      if (p.payer === 'never') continue;
      const loan = owing.get(p.id);
      if (!loan?.oldestDueDate || !['repayment', 'grace', 'default'].includes(loan.state)) continue;
      const late = p.payer === 'late' ? 20 : 0;
      if (addDays(loan.oldestDueDate, late) > date) continue;
      const due = loan.principalDue + loan.interestDue + loan.penaltyDue + loan.feesDue;
      const extra = p.payer === 'early' && r() < 0.1 ? 50_000 : 0;
      if (due + extra <= 0) continue;
      await postPayment(deps, DEMO, STAFF_ACCESS, {
        loanId: loan.id,
        amount: formatMoney(due + extra, loan.currency),
        currency: loan.currency,
        channel: r() < 0.5 ? 'direct_debit' : r() < 0.7 ? 'bank_transfer' : 'card',
        idempotencyKey: `demo-${loan.loanNumber}-${date}`,
        prepayment: r() < 0.5 ? 'shorter-term' : 'lower-payment',
      });
    }
    await closeBusinessDay(deps, date);
    days++;
  }

  // Relief, discharge, forgiveness and payoff, so every state shows.
  const repaying = (await repo.findLoans(deps.database.db, { state: 'repayment' }, { limit: 500, offset: 0 }))
    .items;
  const take = (n: number) => repaying.splice(0, n);
  for (const [i, loan] of take(4).entries()) {
    const req = await requestHardship(deps, DEMO, STAFF_ACCESS, loan.id, {
      kind: i % 2 ? 'forbearance' : 'deferment',
      reason: i % 2 ? 'economic-hardship' : 'unemployment',
      endDate: addMonthsIso(today, 6),
    });
    await decideHardship(deps, APPROVER, req.id, 'approve', 'evidence checked');
  }
  const [toDischarge, toForgive] = take(2);
  if (toDischarge) await changeLoanState(deps, DEMO, toDischarge.id, 'discharged', 'school closure');
  if (toForgive) await changeLoanState(deps, DEMO, toForgive.id, 'forgiven', 'public-service forgiveness');
  for (const loan of take(3)) {
    // Paid off with a small overpayment, which stays as a credit balance.
    const owed = loan.principal + loan.interestDue + loan.interestAccrued + loan.penaltyDue + loan.feesDue;
    await postPayment(deps, DEMO, STAFF_ACCESS, {
      loanId: loan.id,
      amount: formatMoney(owed + 100, loan.currency),
      currency: loan.currency,
      channel: 'bank_transfer',
      idempotencyKey: `demo-payoff-${loan.loanNumber}`,
    });
  }
  const exact = take(1)[0];
  if (exact) {
    const owed =
      exact.principal + exact.interestDue + exact.interestAccrued + exact.penaltyDue + exact.feesDue;
    await postPayment(deps, DEMO, STAFF_ACCESS, {
      loanId: exact.id,
      amount: formatMoney(owed, exact.currency),
      currency: exact.currency,
      channel: 'bank_transfer',
      idempotencyKey: `demo-payoff-${exact.loanNumber}`,
    });
    await changeLoanState(deps, DEMO, exact.id, 'closed', 'settled in full');
  }
  return { loans: profiles.length + 12, businessDays: days };
}
