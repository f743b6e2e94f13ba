// Crash safety of the outbox: a dispatcher in a child process is killed with SIGKILL in the
// middle of batches, again and again; after a restart every message is delivered exactly once
// (one file per message in the outbox, every row `sent`). The lease of the killed dispatcher
// runs out and a new one takes its messages over; the driver is idempotent by message id.
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/database.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { openTestDeps, sideDatabase, type TestDeps } from '../../../test/test-deps.ts';

const onPostgres = process.env.BURSAR_TEST_DB === 'postgres';
const CHILD = path.resolve(import.meta.dirname, 'dispatch-child.ts');
const N = 400;
const dir = mkdtempSync(path.join(os.tmpdir(), 'bursar-dispatch-crash-'));
const outbox = path.join(dir, 'outbox');
const pgliteDir = path.join(dir, 'pglite');
let deps: TestDeps;
let env: Record<string, string> = {};

async function openShared(): Promise<Database> {
  return onPostgres
    ? openDatabase({ databaseUrl: env.DATABASE_URL!, poolSize: 2 })
    : openDatabase({ dataDir: pgliteDir });
}

beforeAll(async () => {
  deps = await openTestDeps();
  if (onPostgres) {
    // The database must outlive the killed process: a database of its own beside this file's.
    env = { DATABASE_URL: await sideDatabase(deps, 'dispatch') };
  } else {
    env = { PGLITE_DIR: pgliteDir };
  }
  const db = await openShared();
  await migrateDatabase(db);
  await db.exec(`
    insert into engagement_messages (id, customer_id, channel, purpose, language, subject, body, status, source_kind, dedupe_key, next_attempt_at, created_at, updated_at)
    select gen_random_uuid(), gen_random_uuid(), (array['email','sms','wechat','app_push'])[1 + i % 4], 'service', 'zh-CN', '还款提醒', '第 ' || i || ' 条消息', 'queued', 'test', 'crash-' || i, now() - interval '1 minute', now(), now()
      from generate_series(1, ${N}) i;`);
  await db.close();
}, 180_000);

afterAll(async () => {
  await deps.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** Run the dispatcher; kill it after `killAfter` batch lines (plus jitter). */
function runDispatcher(killAfter: number | null): Promise<'killed' | 0> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      env: { ...process.env, ...env, OUTBOX_DIR: outbox, DATA_DIR: dir, LEASE_MS: '1500', BATCH: '25' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let lines = 0;
    let killed = false;
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      lines += chunk
        .toString()
        .split('\n')
        .filter((l) => l.startsWith('batch claimed=') && !l.startsWith('batch claimed=0')).length;
      if (killAfter !== null && lines >= killAfter && !killed) {
        killed = true;
        setTimeout(() => child.kill('SIGKILL'), randomInt(0, 15));
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve('killed');
      else if (code !== 0) reject(new Error(`dispatcher exited ${code}: ${err.slice(-2000)}`));
      else resolve(0);
    });
  });
}

describe('outbox crash safety', () => {
  it('delivers every message exactly once although the dispatcher is killed mid-batch', async () => {
    let kills = 0;
    for (const at of [2, 3, 4]) if ((await runDispatcher(at)) === 'killed') kills++;
    expect(kills).toBeGreaterThan(0);
    expect(await runDispatcher(null)).toBe(0);
    const files = ['email', 'sms', 'wechat', 'app_push'].flatMap((c) =>
      readdirSync(path.join(outbox, c)).filter((f) => f.endsWith('.json')),
    );
    expect(files).toHaveLength(N);
    expect(new Set(files).size).toBe(N);
    const db = await openShared();
    try {
      const rows = await db.query<{ status: string; n: number }>(
        `select status, count(*)::int as n from engagement_messages group by 1`,
      );
      expect(rows).toEqual([{ status: 'sent', n: N }]);
      const ids = await db.query<{ id: string }>(`select id from engagement_messages`);
      expect(new Set(files.map((f) => f.replace('.json', '')))).toEqual(new Set(ids.map((r) => r.id)));
    } finally {
      await db.close();
    }
  }, 240_000);
});
