// Backup and restore round trip: a seeded book with loans and close-of-business history goes out
// and comes back with the same rows, a verifying audit chain, a balanced ledger and reconciled loans.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openDeps } from '../bootstrap.ts';
import { main } from '../cli/main.ts';
import { loadConfig } from '../config.ts';
import { SYSTEM_ACTOR, type Deps } from '../deps.ts';
import { sealAuditTrail } from '../modules/audit/index.ts';
import { installBuiltInProducts } from '../modules/products/index.ts';
import {
  closeBusinessDaysThrough,
  disburseTranche,
  openLoan,
  postPayment,
  STAFF_ACCESS,
} from '../modules/servicing/index.ts';
import { openTestDeps, type TestDeps } from '../../test/test-deps.ts';
import { createDataCipher } from '../security/data-key.ts';
import { backupDatabase, checkRestoredDatabase, restoreDatabase, writeEmbeddedBackup } from './backup.ts';

const OPS = { ...SYSTEM_ACTOR, actorName: 'backup-test' };
const onPostgres = process.env.BURSAR_TEST_DB === 'postgres';
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'bursar-backup-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A small real book: loans disbursed, a payment, a few closed business days, the audit chain sealed. */
async function seedBook(deps: Deps): Promise<void> {
  await installBuiltInProducts(deps, OPS);
  for (let i = 0; i < 3; i++) {
    const loan = await openLoan(deps, OPS, {
      customerId: crypto.randomUUID(),
      productCode: 'CN-BANK-TUITION',
      amount: '30000.00',
    });
    await disburseTranche(deps, OPS, loan.id, { amount: '30000.00' });
    await postPayment(deps, OPS, STAFF_ACCESS, {
      loanId: loan.id,
      amount: `${100 + i}.25`,
      currency: 'CNY',
      channel: 'bank_transfer',
      idempotencyKey: `backup-${i}`,
    });
  }
  await closeBusinessDaysThrough(deps, '2026-09-08');
  await sealAuditTrail(deps);
}

async function fingerprint(deps: Deps) {
  const [r] = await deps.database.query<Record<string, string>>(
    `select (select count(*) from loans)::text as loans,
            (select count(*) from journal_lines)::text as lines,
            (select coalesce(sum(amount) filter (where amount > 0), 0) from journal_lines)::text as debits,
            (select count(*) from audit_events)::text as audit`,
  );
  return r;
}

describe.skipIf(onPostgres)('backup and restore of the embedded database', () => {
  let source: TestDeps;
  afterAll(async () => source?.dispose());

  it('round-trips through the CLI; refuses to overwrite without --force; a wrong key fails the check', async () => {
    // The book is built on the run's migrated template (fast), with a key the CLI is then given.
    const key = randomBytes(32);
    source = await openTestDeps();
    source.cipher = createDataCipher(key);
    source.setNow('2026-09-01T09:00:00Z');
    await seedBook(source);
    const before = await fingerprint(source);
    const first = path.join(tmp(), 'first.tar.gz');
    await writeEmbeddedBackup(source.database, first);

    const target = tmp();
    // The embedded path, even when the run exports DATABASE_URL for the PostgreSQL pass.
    vi.stubEnv('DATABASE_URL', undefined);
    vi.stubEnv('DATA_DIR', target);
    vi.stubEnv('BURSAR_DATA_KEY', key.toString('hex'));
    vi.stubEnv('LOG_LEVEL', 'silent');
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const said = () => log.mock.calls.flat().join('\n');
    try {
      expect(await main(['node', 'bursar', 'restore', first])).toBe(0);
      expect(said()).toMatch(/Audit chain: verified .* ledger: balanced; loans: 3 checked, all reconcile/);

      const second = path.join(tmp(), 'second.tar.gz');
      expect(await main(['node', 'bursar', 'backup', second])).toBe(0);
      expect(said()).toMatch(/Backed up the pglite database .* sha256 [0-9a-f]{64}/);

      // A database is already there: refused without --force, kept aside with it.
      expect(await main(['node', 'bursar', 'restore', second])).toBe(2);
      expect(err.mock.calls.flat().join('\n')).toMatch(/already holds a database/);
      expect(await main(['node', 'bursar', 'restore', second, '--force'])).toBe(0);
      expect(readdirSync(target).some((f) => f.startsWith('pglite.replaced-'))).toBe(true);
      const restored = await openDeps(loadConfig());
      expect(await fingerprint(restored)).toEqual(before);
      await restored.database.close();

      // Without the backup's key the chain cannot verify: the restore says so and exits 1.
      vi.stubEnv('DATA_DIR', tmp());
      vi.stubEnv('BURSAR_DATA_KEY', randomBytes(32).toString('hex'));
      expect(await main(['node', 'bursar', 'restore', second])).toBe(1);
      expect(said()).toMatch(/Audit chain: BROKEN/);
      expect(await main(['node', 'bursar', 'restore', path.join(target, 'missing.tar.gz')])).toBe(2);
    } finally {
      log.mockRestore();
      err.mockRestore();
      vi.unstubAllEnvs();
    }
  }, 180_000);
});

describe.skipIf(!onPostgres)('backup and restore on PostgreSQL (pg_dump / pg_restore)', () => {
  let source: TestDeps;
  let target: TestDeps;
  afterAll(async () => {
    await source?.dispose();
    await target?.dispose();
  });

  it('restores a dump into another database with the same rows, chain, ledger and loans', async () => {
    source = await openTestDeps();
    source.setNow('2026-09-01T09:00:00Z');
    await seedBook(source);
    const before = await fingerprint(source);
    const file = path.join(tmp(), 'bursar.dump');
    const base = loadConfig({ DATA_DIR: tmp(), LOG_LEVEL: 'silent' });
    const r = await backupDatabase({ ...base, databaseUrl: source.database.url }, file);
    expect(r.kind).toBe('postgres');
    expect(existsSync(file)).toBe(true);

    target = await openTestDeps();
    await restoreDatabase({ ...base, databaseUrl: target.database.url }, file);
    const check = await checkRestoredDatabase({ ...target, cipher: source.cipher });
    expect(check).toMatchObject({ ok: true, ledgerBalanced: true, loansReconciled: true, loansChecked: 3 });
    expect(await fingerprint(target)).toEqual(before);
  });
});
