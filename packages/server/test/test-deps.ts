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
const sidesOf = new WeakMap<TestDeps, string[]>();

async function onServer(url: string, run: (admin: pg.Client) => Promise<void>): Promise<void> {
  const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    await run(admin);
  } finally {
    await admin.end();
  }
}

/**
 * PostgreSQL only: a database beside the file's own, dropped by `dispose`, for what must outlive a
 * killed process or stand in for a replica. Empty (migrate it yourself), or with `copy` a copy of
 * the file's database as it is now: a template copy needs the source idle, so the file's other
 * sessions are ended first (its pool reconnects). Returns its connection string.
 */
export async function sideDatabase(
  deps: TestDeps,
  suffix: string,
  opts: { copy?: boolean } = {},
): Promise<string> {
  const url = deps.database.url;
  if (!url) throw new Error('sideDatabase needs the PostgreSQL test database');
  const source = new URL(url).pathname.slice(1);
  const name = `${source}_${suffix}`;
  await onServer(url, async (admin) => {
    if (opts.copy) {
      await admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`,
        [source],
      );
      await admin.query(`create database ${name} template ${source}`);
    } else await admin.query(`create database ${name}`);
  });
  sidesOf.set(deps, [...(sidesOf.get(deps) ?? []), name]);
  return withDatabase(url, name);
}

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
      const url = deps.database.url;
      await deps.database.close();
      await dropOf.get(deps)!();
      const sides = sidesOf.get(deps) ?? [];
      if (url && sides.length)
        await onServer(url, async (admin) => {
          for (const name of sides) await admin.query(`drop database if exists ${name} with (force)`);
        });
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
