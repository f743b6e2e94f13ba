// Crash safety of `bursar worker`: the real worker process is killed with SIGKILL while it runs the
// close-of-business job; the job stays "active" until its expiry, the queue's maintenance (in a
// restarted worker) retries it, and the books end with every business date closed exactly once.
// PostgreSQL only: separate worker processes need a database server.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobQueue, type JobQueue } from '../jobs/jobs.ts';
import { BURSAR_BIN, runChild } from '../../test/crash-kit.ts';
import { openTestDeps, type TestDeps } from '../../test/test-deps.ts';
import { SYSTEM_ACTOR } from '../deps.ts';
import { installBuiltInProducts } from '../modules/products/index.ts';
import {
  disburseTranche,
  openLoan,
  postPayment,
  reconcile,
  STAFF_ACCESS,
} from '../modules/servicing/index.ts';

const onPostgres = process.env.BURSAR_TEST_DB === 'postgres';
const QUEUE = 'servicing-close-of-business';
const dir = mkdtempSync(path.join(os.tmpdir(), 'bursar-worker-crash-'));
let deps: TestDeps;
let boss: JobQueue | null = null;

beforeAll(async () => {
  deps = await openTestDeps();
});
afterAll(async () => {
  await boss?.stop({ graceful: false, wait: true }).catch(() => undefined);
  await deps.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const OPS = { ...SYSTEM_ACTOR, actorName: 'test-ops' };

/** The ledger balances and every loan reconciles to it. */
async function assertBooksSound(): Promise<void> {
  expect((await reconcile(deps)).ok).toBe(true);
  const [tb] = await q<{ total: string }>(
    `select coalesce(sum(amount), 0)::text as total from journal_lines`,
  );
  expect(tb!.total).toBe('0');
}

const q = <T extends Record<string, unknown>>(text: string, values: unknown[] = []) =>
  deps.database.query<T>(text, values);
const closedDates = async () =>
  (await q<{ n: number }>(`select count(*)::int as n from cob_runs where status = 'completed'`))[0]!.n;

const worker = (killWhen?: () => Promise<boolean>) =>
  runChild({
    args: [BURSAR_BIN, 'worker'],
    env: {
      DATABASE_URL: deps.database.url!,
      DATA_DIR: dir,
      BURSAR_DATA_KEY: randomBytes(32).toString('hex'),
      BURSAR_JOB_MAINTENANCE_SECONDS: '2',
    },
    killWhen,
    pollMs: 20,
    timeoutMs: 200_000,
  });

describe.skipIf(!onPostgres)('bursar worker survives SIGKILL (PostgreSQL)', () => {
  it(
    'a job killed mid-way is retried by the next worker and takes effect once',
    { timeout: 300_000 },
    async () => {
      // The nightly job closes every date up to yesterday in the lender's time zone (UTC+8, real clock):
      // open the book 30 days back so the job has a month of dates to close.
      const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
      const start = new Date(Date.parse(today) - 30 * 86_400_000);
      deps.setNow(start);
      await installBuiltInProducts(deps, SYSTEM_ACTOR);
      for (let i = 0; i < 30; i++) {
        const amount = `${4000 + i * 300}.00`;
        const l = await openLoan(deps, OPS, {
          customerId: randomUUID(),
          productCode: 'CN-BANK-TUITION',
          amount,
        });
        await disburseTranche(deps, OPS, l.id, { amount });
        if (i % 3 === 0)
          await postPayment(deps, OPS, STAFF_ACCESS, {
            loanId: l.id,
            amount: '400.00',
            currency: 'CNY',
            channel: 'bank_transfer',
            idempotencyKey: `key-${randomUUID()}`,
          });
      }
      const openDate = async () =>
        (await q<{ d: string }>(`select business_date::text as d from servicing_state`))[0]!.d;
      // The book opens on the first business day on or after the test clock's date.
      expect((await openDate()) >= start.toISOString().slice(0, 10)).toBe(true);

      // First worker: creates the queues; then the job is sent with a short expiry (a dead worker's
      // job comes back after it) and the worker is killed once a few dates are closed.
      boss = await startJobQueue(deps.database, { schedule: false });
      // Our job by its id: the worker's own schedule may add other jobs of the same name. The kill
      // condition is polled every 20 ms while each poll is async: send the job once, not per poll.
      let sending: Promise<string | null> | null = null;
      let jobId: string | null = null;
      const first = await worker(async () => {
        if (!sending) {
          const queues = await q<{ name: string }>(`select name from pgboss.queue where name = $1`, [QUEUE]);
          if (queues.length === 0 || sending) return false;
          sending = boss!.send(QUEUE, {}, { expireInSeconds: 4, retryLimit: 5, retryDelay: 1 });
          jobId = await sending;
          return false;
        }
        if (!jobId) return false;
        const [job] = await q<{ state: string }>(`select state::text from pgboss.job where id = $1`, [jobId]);
        return job?.state === 'active' && (await closedDates()) >= 3 && (await openDate()) < today;
      });
      expect(first.result, first.output).toBe('killed');
      const atKill = await closedDates();
      expect((await openDate()) < today).toBe(true);
      const [active] = await q<{ state: string }>(`select state::text from pgboss.job where id = $1`, [
        jobId,
      ]);
      expect(active!.state).toBe('active');

      // A restarted worker: the expired job is retried and finishes the month.
      const second = await worker(async () => {
        const [job] = await q<{ state: string }>(`select state::text from pgboss.job where id = $1`, [jobId]);
        return job?.state === 'completed';
      });
      expect(second.result, second.output).toBe('killed');
      const [job] = await q<{ state: string; retry_count: number }>(
        `select state::text, retry_count from pgboss.job where id = $1`,
        [jobId],
      );
      expect(job).toMatchObject({ state: 'completed' });
      expect(job!.retry_count).toBeGreaterThanOrEqual(1);

      // Effect once: every date closed one time, one accrual journal per product and date, books sound.
      expect(await closedDates()).toBeGreaterThan(atKill);
      expect((await openDate()) >= today).toBe(true);
      const unfinished = await q(`select business_date from cob_runs where status <> 'completed'`);
      expect(unfinished).toEqual([]);
      const doubled = await q(
        `select product_code, business_date from journals where kind = 'accrual' group by 1, 2 having count(*) > 1`,
      );
      expect(doubled).toEqual([]);
      await assertBooksSound();
    },
  );
});
