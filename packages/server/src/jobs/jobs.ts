// Durable background jobs on the same database (pg-boss 10): natively on PostgreSQL, and on
// the embedded PGlite through pg-boss's `db` option. Long operations (close of business,
// imports, bulk messaging, reports) run as jobs so they retry and survive restarts.
import PgBoss from 'pg-boss';
import type { Database } from '../db/database.ts';

export type JobQueue = PgBoss;

/** pg-boss's database adapter for PGlite: multi-statement text through `exec`, the rest through `query`. */
function pgliteAdapter(database: Database): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      if (values.length === 0) return { rows: await database.execRows(text) };
      return { rows: await database.query(text, values) };
    },
  };
}

export interface JobQueueOptions {
  /** Run cron schedules in this process (one scheduler per deployment is enough). */
  schedule?: boolean;
  /** How often idle workers poll for work. */
  pollingIntervalSeconds?: number;
  /** How often expired jobs (their worker died) are found and retried. */
  maintenanceIntervalSeconds?: number;
}

export async function startJobQueue(database: Database, opts: JobQueueOptions = {}): Promise<JobQueue> {
  const common = {
    schema: 'pgboss',
    schedule: opts.schedule ?? true,
    supervise: true,
    migrate: true,
    ...(opts.maintenanceIntervalSeconds ? { maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds } : {}),
  } as const;
  const boss =
    database.kind === 'postgres'
      ? new PgBoss({ ...common, connectionString: database.url, max: 4 })
      : new PgBoss({ ...common, db: pgliteAdapter(database) });
  boss.on('error', (err: unknown) => {
    // pg-boss reports maintenance hiccups here; they must never crash the server.
    console.error('job queue error', err);
  });
  await boss.start();
  return boss;
}

export interface JobHandler<T extends object> {
  queue: string;
  handle(data: T): Promise<void>;
  /** Cron schedule (UTC) when the job runs periodically. */
  cron?: string;
  retryLimit?: number;
}

/** Create each job's queue, attach its worker and register its schedule. */
export async function registerJobs(
  boss: JobQueue,
  handlers: JobHandler<object>[],
  pollingIntervalSeconds = 2,
): Promise<void> {
  for (const h of handlers) {
    await boss.createQueue(h.queue, { name: h.queue, retryLimit: h.retryLimit ?? 5, retryBackoff: true });
    await boss.work<object>(h.queue, { pollingIntervalSeconds }, async (jobs) => {
      for (const job of jobs) await h.handle(job.data);
    });
    if (h.cron) await boss.schedule(h.queue, h.cron, {}, { tz: 'UTC' });
  }
}
