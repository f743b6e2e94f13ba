// A throwaway, migrated database per test file (a copy of the run's template), with a
// controllable clock and a fresh data key.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../src/config.ts';
import { openDatabase, type Database } from '../src/db/database.ts';
import type { Deps } from '../src/deps.ts';
import { createDataCipher } from '../src/security/data-key.ts';
import { withDatabase } from './global-setup.ts';

export interface TestDeps extends Deps {
  /** Move the test clock. */
  setNow(d: Date | string): void;
  advance(ms: number): void;
  /** Drop the database and temporary files. */
  dispose(): Promise<void>;
}

async function openTestDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const info = inject('testDb');
  if (info.kind === 'pglite') {
    const blob = new Blob([readFileSync(info.templateFile)]);
    const database = await openDatabase({ dataDir: 'memory://', loadDataDir: blob });
    return { database, drop: async () => undefined };
  }
  const name = `${info.template.replace('bursar_tmpl_', 'bursar_t_')}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: info.serverUrl });
  await admin.connect();
  // Copies of one template may not start while another copy is being taken: retry briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`create database ${name} template ${info.template}`);
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

export async function openTestDeps(overrides: Partial<Config> = {}): Promise<TestDeps> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bursar-data-'));
  const { database, drop } = await openTestDatabase();
  // Tests sign in as the demo admin without an authenticator; http/totp-policy.test.ts checks the default.
  const config = loadConfig(
    { DATA_DIR: dataDir, LOG_LEVEL: 'silent', WEB_DIST: '', BURSAR_REQUIRE_TOTP_ROLES: 'none' },
    overrides,
  );
  let now = new Date('2026-09-01T09:00:00.000Z');
  return {
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
      await database.close();
      await drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
