// A throwaway, migrated database per test file (a copy of the run's template), with a
// controllable clock and a fresh data key.
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../src/config.ts';
import { openDatabase, type Database } from '../src/db/database.ts';
import type { Deps } from '../src/deps.ts';
import { seedDemo, type DemoLogin } from '../src/seed/demo.ts';
import { createDataCipher } from '../src/security/data-key.ts';
import { demoSize, TEST_CLOCK_START } from './demo-template.ts';
import { withDatabase } from './global-setup.ts';
import { DEMO_PASSWORD } from './http-client.ts';

export interface TestDeps extends Deps {
  /** Move the test clock. */
  setNow(d: Date | string): void;
  advance(ms: number): void;
  /** Drop the database and temporary files. */
  dispose(): Promise<void>;
}

type Opened = { database: Database; drop: () => Promise<void> };

/** A copy of one of the run's templates: the migrated one, or the seeded demo. */
async function openTestDatabase(seeded = false): Promise<Opened> {
  const info = inject('testDb');
  if (info.kind === 'pglite') {
    const blob = new Blob([readFileSync(seeded ? info.demo.source : info.templateFile)]);
    const database = await openDatabase({ dataDir: 'memory://', loadDataDir: blob });
    return { database, drop: async () => undefined };
  }
  const template = seeded ? info.demo.source : info.template;
  const name = `${info.template.replace('bursar_tmpl_', 'bursar_t_')}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: info.serverUrl });
  await admin.connect();
  // Copies of one template may not start while another copy is being taken: retry briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`create database ${name} template ${template}`);
      break;
    } catch (e) {
      if (attempt >= 20 || !/being accessed by other users/.test(String(e))) throw e;
      await new Promise((r) => setTimeout(r, 100 + attempt * 50));
    }
  }
  await admin.end();
  const database = await openDatabase({ databaseUrl: withDatabase(info.serverUrl, name), poolSize: 4 });
  return {
    database,
    drop: async () => {
      const c = new pg.Client({ connectionString: info.serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

const dropOf = new WeakMap<TestDeps, () => Promise<void>>();

export async function openTestDeps(overrides: Partial<Config> = {}): Promise<TestDeps> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bursar-data-'));
  const { database, drop } = await openTestDatabase();
  // Tests sign in as the demo admin without an authenticator; http/totp-policy.test.ts checks the default.
  const config = loadConfig(
    { DATA_DIR: dataDir, LOG_LEVEL: 'silent', WEB_DIST: '', BURSAR_REQUIRE_TOTP_ROLES: 'none' },
    overrides,
  );
  let now = new Date(TEST_CLOCK_START);
  const deps: TestDeps = {
    config,
    database,
    cipher: createDataCipher(randomBytes(32)),
    now: () => new Date(now),
    setNow: (d) => {
      now = new Date(d);
    },
    advance: (ms) => {
      now = new Date(now.getTime() + ms);
    },
    dispose: async () => {
      await deps.database.close();
      await dropOf.get(deps)!();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  dropOf.set(deps, drop);
  return deps;
}

/**
 * `seedDemo(deps, { password: DEMO_PASSWORD })`, fast: while the file's database is still empty and
 * its clock unmoved and the demo's size unchanged (BURSAR_DEMO_*), swap the database (and data key and data-directory files) for a copy of the
 * run's seeded demo; otherwise seed for real. Call it before building an app on `deps`, and read
 * `deps.database` afterwards, not a handle taken before.
 */
export async function seedTestDemo(deps: TestDeps): Promise<DemoLogin[]> {
  const demo = inject('testDb').demo;
  const [{ n }] = (await deps.database.query<{ n: number }>(
    `select ((select count(*) from users) + (select count(*) from customers) + (select count(*) from product_versions))::int as n`,
  )) as [{ n: number }];
  if (n > 0 || deps.now().toISOString() !== TEST_CLOCK_START || demoSize() !== demo.size)
    return seedDemo(deps, { password: DEMO_PASSWORD });
  const { database, drop } = await openTestDatabase(true);
  await deps.database.close();
  await dropOf.get(deps)!();
  dropOf.set(deps, drop);
  deps.database = database;
  deps.cipher = createDataCipher(Buffer.from(demo.keyHex, 'hex'));
  cpSync(demo.dataDir, deps.config.dataDir, { recursive: true });
  return demo.logins.map((l) => ({ ...l }));
}
