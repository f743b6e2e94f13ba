// The dispatcher's rate: 100,000 queued messages (BENCH_SCALE overrides) moved through the
// file-outbox driver (one file per message, written once), on PGlite or, with DATABASE_URL, on
// PostgreSQL. Goal (issue 7): report the rate.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../packages/server/src/config.ts';
import { openDatabase, type Database } from '../packages/server/src/db/database.ts';
import { migrateDatabase } from '../packages/server/src/db/migrate.ts';
import type { Deps } from '../packages/server/src/deps.ts';
import { configureEngagement, dispatchOnce } from '../packages/server/src/modules/engagement/index.ts';
import { createDataCipher } from '../packages/server/src/security/data-key.ts';
import { benchScale, printBench } from './bench-line.ts';

export default async function dispatchBench(): Promise<void> {
  const n = benchScale(100_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bursar-bench-dispatch-'));
  const url = process.env.DATABASE_URL;
  const name = `bursar_bench_dispatch_${Date.now().toString(36)}`;
  let database: Database;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    database = await openDatabase({ databaseUrl: u.toString(), poolSize: 4 });
  } else {
    database = await openDatabase({ dataDir: 'memory://' });
  }
  try {
    await migrateDatabase(database);
    await database.exec(`
      insert into engagement_messages (id, customer_id, channel, purpose, language, subject, body, status, source_kind, dedupe_key, next_attempt_at, created_at, updated_at)
      select gen_random_uuid(), gen_random_uuid(), (array['email','sms','wechat','app_push'])[1 + i % 4], 'service', 'zh-CN',
             '还款提醒', '您的助学贷款将于 2026-09-15 到期还款，应还金额 ¥1,234.56。请确保还款账户余额充足。 #' || i,
             'queued', 'bench', 'bench-' || i, now() - interval '1 minute', now(), now()
        from generate_series(1, ${n}) i;
      analyze engagement_messages;`);
    const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', WEB_DIST: '' });
    const deps: Deps = { config, database, cipher: createDataCipher(randomBytes(32)), now: () => new Date() };
    configureEngagement(deps, {
      outboxDir: path.join(dir, 'outbox'),
      drivers: { email: 'file', sms: 'file', wechat: 'file', app_push: 'file', portal: 'file', post: 'file' },
      batchSize: 1000,
      concurrency: 100,
      quietChannels: [],
    });
    const t0 = performance.now();
    let sent = 0;
    for (;;) {
      const r = await dispatchOnce(deps, { worker: 'bench' });
      sent += r.sent;
      if (r.claimed === 0) break;
    }
    const seconds = (performance.now() - t0) / 1000;
    if (sent !== n) throw new Error(`dispatched ${sent} of ${n}`);
    printBench({
      name: 'dispatch',
      metric: 'messages_per_s',
      value: Math.round(n / seconds),
      unit: 'messages/s',
      goal: 'report',
    });
  } finally {
    await database.close();
    if (url) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
