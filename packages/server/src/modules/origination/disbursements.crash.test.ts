// Crash safety of disbursement: a batch of tranches paid by a child process that is killed with
// SIGKILL between and inside payments, again and again, then rerun with the same idempotency
// keys, pays every tranche exactly once: one posted disbursement, one servicing tranche and one
// balanced journal each, one loan per application, and the books reconcile (trial balance zero).
// PostgreSQL only: the database must outlive the killed process.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataCipher } from '../../security/data-key.ts';
import { seedDemo } from '../../seed/demo.ts';
import { runChild } from '../../../test/crash-kit.ts';
import { openTestDeps, type TestDeps } from '../../../test/test-deps.ts';
import { reconcile } from '../servicing/index.ts';
import { disbursementQueue } from './queries.service.ts';

const onPostgres = process.env.BURSAR_TEST_DB === 'postgres';
const CHILD = path.resolve(import.meta.dirname, 'disburse-batch.child.ts');
const dir = mkdtempSync(path.join(os.tmpdir(), 'bursar-disburse-crash-'));
const listFile = path.join(dir, 'batch.json');
const key = randomBytes(32).toString('hex');
let deps: TestDeps;

beforeAll(async () => {
  const base = await openTestDeps();
  // The child decrypts what the demo encrypted (notices name the borrower): one key for both.
  deps = { ...base, cipher: createDataCipher(Buffer.from(key, 'hex')) };
});
afterAll(async () => {
  await deps.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const q = <T extends Record<string, unknown>>(text: string, values: unknown[] = []) =>
  deps.database.query<T>(text, values);

/** The child is inside a payment's transaction: it holds the application row's lock. */
const insidePayment = async () =>
  (
    await q(
      `select 1 from pg_locks l join pg_class c on c.oid = l.relation
        where c.relname = 'origination_applications' and l.mode = 'RowShareLock' and l.pid <> pg_backend_pid()`,
    )
  ).length > 0;

/** Run the batch; with `kill`, SIGKILL it in the middle of a payment's transaction. */
const batchRun = (kill: boolean) =>
  runChild({
    args: ['--import', 'tsx', CHILD, listFile],
    env: { DATABASE_URL: deps.database.url!, BURSAR_DATA_KEY: key },
    killWhen: kill ? insidePayment : undefined,
    pollMs: 5,
  });

describe.skipIf(!onPostgres)('disbursement survives SIGKILL (PostgreSQL)', () => {
  it(
    'a rerun after kills pays each tranche exactly once and the ledger balances',
    { timeout: 300_000 },
    async () => {
      await seedDemo(deps, { password: 'Crash-Test-Password-1' });
      // Every contracted application's school confirms enrolment: all their tranches are payable.
      await deps.database.query(
        `update origination_applications set enrolment_check = 'confirmed' where status in ('contracted', 'disbursed')`,
      );
      const ready = (await disbursementQueue(deps)).ready.filter((t) => t.enrolmentConfirmed);
      expect(ready.length, 'the demo has tranches ready to pay').toBeGreaterThanOrEqual(1);
      const items = ready.map((t) => ({
        applicationId: t.applicationId,
        tranche: t.tranche,
        idempotencyKey: `crash-${t.applicationId}-${t.tranche}`,
      }));
      writeFileSync(listFile, JSON.stringify(items));
      const appIds = [...new Set(items.map((i) => i.applicationId))];
      const [before] = await q<{ loans: number; without_loan: number }>(
        `select (select count(*)::int from loans) as loans,
              (select count(*)::int from origination_applications where id = any($1::uuid[]) and loan_id is null) as without_loan`,
        [appIds],
      );

      let kills = 0;
      for (let attempt = 0; attempt < 4; attempt++) {
        const r = await batchRun(true);
        if (r.result === 'killed') kills++;
        else expect(r.result, r.output).toBe(0);
      }
      expect(kills).toBeGreaterThan(0);
      const final = await batchRun(false);
      expect(final.result, final.output).toBe(0);
      const lines = final.output.trim().split('\n');
      expect(
        lines.filter((l) => l.startsWith('failed')),
        final.output,
      ).toEqual([]);
      // A second full run changes nothing: every item is a replay of its key.
      const again = await batchRun(false);
      expect(
        again.output
          .trim()
          .split('\n')
          .filter((l) => l.startsWith('replay')),
      ).toHaveLength(items.length);

      // One posted disbursement per key, nothing pending or failed left behind.
      const rows = await q<{ idempotency_key: string; status: string; journal_id: string | null }>(
        `select idempotency_key, status, journal_id from origination_disbursements where idempotency_key like 'crash-%' order by 1`,
      );
      expect(rows.map((r) => r.idempotency_key)).toEqual(items.map((i) => i.idempotencyKey).sort());
      expect(rows.every((r) => r.status === 'posted' && r.journal_id)).toBe(true);
      // Per application and tranche, one posted payment (with the demo's earlier ones).
      const doubled = await q(
        `select application_id, tranche from origination_disbursements where status = 'posted' group by 1, 2 having count(*) > 1`,
      );
      expect(doubled).toEqual([]);
      // Servicing saw each payment once: its tranches and disbursement journals match origination's.
      const perLoan = await q<{
        loan_id: string;
        posted: number;
        tranches: number;
        journals: number;
        sum_ok: boolean;
      }>(
        `select a.loan_id,
              (select count(*)::int from origination_disbursements d where d.application_id = a.id and d.status = 'posted') as posted,
              (select count(*)::int from loan_disbursements s where s.loan_id = a.loan_id) as tranches,
              (select count(*)::int from journals j where j.loan_id = a.loan_id and j.kind = 'disbursement') as journals,
              (select coalesce(sum(s.amount), 0) from loan_disbursements s where s.loan_id = a.loan_id) =
                (select l.disbursed from loans l where l.id = a.loan_id) as sum_ok
         from origination_applications a where a.id = any($1::uuid[])`,
        [appIds],
      );
      expect(perLoan).toHaveLength(appIds.length);
      for (const l of perLoan) {
        expect(l.loan_id).toBeTruthy();
        expect(l.tranches).toBe(l.posted);
        expect(l.journals).toBe(l.posted);
        expect(l.sum_ok).toBe(true);
      }
      // One loan opened per application that had none, whatever the number of attempts.
      const [after] = await q<{ loans: number }>(`select count(*)::int as loans from loans`);
      expect(after!.loans - before!.loans).toBe(before!.without_loan);
      expect((await reconcile(deps)).ok).toBe(true);
      const [tb] = await q<{ total: string }>(
        `select coalesce(sum(amount), 0)::text as total from journal_lines`,
      );
      expect(tb!.total, 'trial balance').toBe('0');
    },
  );
});
