import { formatMoney } from '@bursar/core';
// 50 concurrent payments on one loan, some repeating an idempotency key: each key posts exactly
// once and the balance is exact. Row locks need a real server: PostgreSQL only.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDeps, type TestDeps } from '../../../test/test-deps.ts';
import { STAFF_ACCESS } from './loans.service.ts';
import { postPayment } from './payments.service.ts';
import { assertBooksSound, installProducts, loanRow, newLoan, OPS } from './servicing-test-kit.ts';

let deps: TestDeps;
const onPostgres = process.env.BURSAR_TEST_DB === 'postgres';

beforeAll(async () => {
  deps = await openTestDeps();
  await installProducts(deps);
});
afterAll(async () => {
  await deps.dispose();
});

describe.skipIf(!onPostgres)('concurrent payments (PostgreSQL)', () => {
  it('posts each idempotency key exactly once under 50 concurrent requests', async () => {
    const loan = await newLoan(deps, { amount: '30000.00' });
    const keys = Array.from({ length: 30 }, (_, i) => ({ key: `conc-${randomUUID()}`, amount: 100 + i }));
    // 50 requests: every key once, and 20 of them a second time, shuffled deterministically.
    const requests = [...keys, ...keys.slice(0, 20)]
      .map((k, i) => ({ ...k, order: (i * 37) % 50 }))
      .sort((a, b) => a.order - b.order);
    const results = await Promise.all(
      requests.map((r) =>
        postPayment(deps, OPS, STAFF_ACCESS, {
          loanId: loan.id,
          amount: formatMoney(r.amount, 'CNY'),
          currency: 'CNY',
          channel: 'bank_transfer',
          idempotencyKey: r.key,
        }),
      ),
    );
    const byKey = new Map<string, Set<string>>();
    results.forEach((p) => byKey.set(p.idempotencyKey, (byKey.get(p.idempotencyKey) ?? new Set()).add(p.id)));
    expect(byKey.size).toBe(30);
    for (const ids of byKey.values()) expect(ids.size).toBe(1);
    expect(results.filter((p) => p.replayed)).toHaveLength(20);
    const [n] = await deps.database.query<{ n: number }>(
      `select count(*)::int as n from payments where loan_id = $1`,
      [loan.id],
    );
    expect(n!.n).toBe(30);
    const total = keys.reduce((s, k) => s + k.amount, 0);
    expect((await loanRow(deps, loan.id)).principal).toBe(loan.principal - total);
    await assertBooksSound(deps);
  });
});
