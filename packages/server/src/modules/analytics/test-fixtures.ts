// A small constructed portfolio for the analytics tests: two schools, four customers and seven
// loans in known states, written straight into the tables as a read-model fixture.
import { randomUUID } from 'node:crypto';
import type { Deps } from '../../deps.ts';

export const SCHOOL_A = '00000000-0000-4000-8000-00000000000a';
export const SCHOOL_B = '00000000-0000-4000-8000-00000000000b';

interface LoanSpec {
  n: string;
  customer: string;
  product: string;
  state: string;
  dpd: number;
  principal: number;
  opened: string;
}

export async function buildPortfolio(deps: Deps) {
  const c = { c1: randomUUID(), c2: randomUUID(), c3: randomUUID(), c4: randomUUID() };
  await deps.database.exec(`
    insert into schools (id, name, name_local, country, type, external_code, source, created_at) values
      ('${SCHOOL_A}', 'Alpha University', '甲大学', 'CN', 'public', 'ALPHA', 'test', now()),
      ('${SCHOOL_B}', 'Beta College', '乙学院', 'CN', 'public', 'BETA', 'test', now());
    insert into customers (id, legal_name, search_name, classification, current_school_id, class_education_level, created_at, updated_at) values
      ('${c.c1}', '张三', '张三', '{}', '${SCHOOL_A}', 'undergraduate', now(), now()),
      ('${c.c2}', '李四', '李四', '{}', '${SCHOOL_A}', 'master', now(), now()),
      ('${c.c3}', '王五', '王五', '{}', '${SCHOOL_B}', 'undergraduate', now(), now()),
      ('${c.c4}', '赵六', '赵六', '{}', null, null, now(), now());`);
  const loans: LoanSpec[] = [
    { n: 'T001', customer: c.c1, product: 'CN-BANK-TUITION', state: 'repayment', dpd: 0, principal: 100000, opened: '2025-09-10' },
    { n: 'T002', customer: c.c1, product: 'CN-BANK-TUITION', state: 'repayment', dpd: 45, principal: 200000, opened: '2026-01-15' },
    { n: 'T003', customer: c.c2, product: 'CN-BANK-GRADUATE', state: 'default', dpd: 120, principal: 300000, opened: '2026-01-20' },
    { n: 'T004', customer: c.c3, product: 'CN-BANK-TUITION', state: 'repayment', dpd: 29, principal: 400000, opened: '2026-02-01' },
    { n: 'T005', customer: c.c3, product: 'CN-BANK-TUITION', state: 'grace', dpd: 30, principal: 50000, opened: '2026-02-01' },
    { n: 'T006', customer: c.c4, product: 'CN-BANK-TUITION', state: 'paid_off', dpd: 0, principal: 0, opened: '2024-09-01' },
    { n: 'T007', customer: c.c4, product: 'CN-BANK-TUITION', state: 'charged_off', dpd: 200, principal: 70000, opened: '2024-09-01' },
  ];
  const ids: Record<string, string> = {};
  for (const l of loans) {
    ids[l.n] = randomUUID();
    await deps.database.exec(`
      insert into loans (id, loan_number, customer_id, product_code, product_version, currency, state, state_since, rate_num, rate_den,
        day_count, rounding, interest_mode, grace_interest, capitalisation_events, commitment, disbursed, principal, repay_method, frequency_months,
        term_instalments, next_instalment, days_past_due, bucket, default_days_past_due, charge_off_days_past_due, allocation_order,
        opened_on, created_at, updated_at)
      values ('${ids[l.n]}', '${l.n}', '${l.customer}', '${l.product}', 1, 'CNY', '${l.state}', '${l.opened}', 79, 2000,
        'ACT/360', 'half-up', 'borrower', 'paid', '[]', ${l.principal + 10000}, ${l.principal + 10000}, ${l.principal}, 'annuity', 1,
        36, 7, ${l.dpd}, '${l.dpd >= 90 ? '90+' : l.dpd >= 30 ? '30-59' : l.dpd > 0 ? '1-29' : 'current'}', 90, 180, '["penalty","fees","interest","principal"]',
        '${l.opened}', now(), now())`);
  }
  return { customers: c, loans: ids };
}
