// The demo portfolio seeded once per test run. Two dozen test files start from the demo; seeding it
// in each costs 5–7 s of CPU per file per database. Global setup seeds one copy (database, data
// directory and data key) and `seedTestDemo` (test-deps.ts) swaps a file's empty database for a
// copy of it: the same state `seedDemo(deps, { password: DEMO_PASSWORD })` leaves, at the same clock.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config.ts';
import { demoCustomerCount } from '../src/modules/customers/index.ts';
import { demoLoanOptions } from '../src/modules/servicing/index.ts';
import { dumpPglite, type Database } from '../src/db/database.ts';
import { createDataCipher } from '../src/security/data-key.ts';
import { seedDemo, type DemoLogin } from '../src/seed/demo.ts';
import { DEMO_PASSWORD } from './http-client.ts';

/** Every test file's clock starts here (test-deps.ts); the seeded copy is made at this time. */
export const TEST_CLOCK_START = '2026-09-01T09:00:00.000Z';

export interface DemoTemplate {
  /** PGlite: the seeded database's dump. PostgreSQL: the seeded template database's name. */
  source: string;
  /** Files the seed wrote under DATA_DIR (the contract-seal certificate, the outbox). */
  dataDir: string;
  /** The data key the seed encrypted personal data with. */
  keyHex: string;
  logins: DemoLogin[];
  /** The demo's size as the environment set it then (tests may stub BURSAR_DEMO_* before seeding). */
  size: string;
}

/** The environment's demo size, as `seedDemo` reads it. */
export const demoSize = () => JSON.stringify({ customers: demoCustomerCount(), ...demoLoanOptions() });

/** Seed `database` (migrated, empty) with the demo; for PGlite, dump it to `dumpFile`. */
export async function seedDemoTemplate(
  database: Database,
  dir: string,
  source: string,
): Promise<DemoTemplate> {
  const dataDir = path.join(dir, 'demo-data');
  mkdirSync(dataDir, { recursive: true });
  const keyHex = randomBytes(32).toString('hex');
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    WEB_DIST: '',
    BURSAR_REQUIRE_TOTP_ROLES: 'none',
  });
  const now = new Date(TEST_CLOCK_START);
  const logins = await seedDemo(
    { config, database, cipher: createDataCipher(Buffer.from(keyHex, 'hex')), now: () => new Date(now) },
    { password: DEMO_PASSWORD },
  );
  if (database.kind === 'pglite')
    writeFileSync(source, Buffer.from(await (await dumpPglite(database)).arrayBuffer()));
  return { source, dataDir, keyHex, logins, size: demoSize() };
}
