// A dispatcher in its own process, for the crash test: it drains the outbox through the
// file-outbox driver in small batches, printing a line per batch, until nothing is queued.
// Run: node --import tsx dispatch-child.ts   (DATABASE_URL or DATA_DIR, OUTBOX_DIR)
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import { createDataCipher } from '../../security/data-key.ts';
import { configureEngagement } from './channels.settings.ts';
import { dispatchOnce } from './outbox.service.ts';

const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', WEB_DIST: '' });
// PGLITE_DIR wins: the PGlite run of the suite must not follow a DATABASE_URL that CI exports.
const database = process.env.PGLITE_DIR
  ? await openDatabase({ dataDir: process.env.PGLITE_DIR })
  : await openDatabase({ databaseUrl: config.databaseUrl, poolSize: 2 });
const deps: Deps = { config, database, cipher: createDataCipher(randomBytes(32)), now: () => new Date() };
configureEngagement(deps, {
  outboxDir: process.env.OUTBOX_DIR!,
  drivers: { email: 'file', sms: 'file', wechat: 'file', app_push: 'file', portal: 'file', post: 'file' },
  leaseMs: Number(process.env.LEASE_MS ?? 1500),
  concurrency: 4,
  // Quiet hours would hold retried SMS back by real-clock hours; not what this test is about.
  quietChannels: [],
});
const worker = `child-${process.pid}`;
for (;;) {
  const r = await dispatchOnce(deps, { worker, limit: Number(process.env.BATCH ?? 25) });
  process.stderr.write(`batch claimed=${r.claimed} sent=${r.sent}\n`);
  if (r.claimed === 0) {
    const [q] = await database.query<{ n: number }>(
      `select count(*)::int as n from engagement_messages where status = 'queued'`,
    );
    if (q!.n === 0) break;
    await new Promise((res) => setTimeout(res, 100));
  }
}
await database.close();
