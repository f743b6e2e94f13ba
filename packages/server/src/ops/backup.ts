// `bursar backup FILE` / `bursar restore FILE`: a whole-database copy and its return, checked.
// Embedded: PGlite's data directory as a gzipped tar (the server must be stopped: PGlite is one
// process's database). PostgreSQL: pg_dump's custom format, restored with pg_restore.
// The data key is deliberately NOT in the backup: a stolen backup must not carry the key that
// decrypts it. Back up DATA_DIR/keys (or BURSAR_DATA_KEY) separately; restore needs the same key.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Config } from '../config.ts';
import { dumpPglite, openDatabase, type Database } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { verifyAuditTrail, type VerifyReport } from '../modules/audit/index.ts';
import { reconcile, trialBalance } from '../modules/servicing/index.ts';

export class BackupError extends Error {}

export interface BackupResult {
  file: string;
  kind: 'pglite' | 'postgres';
  bytes: number;
  sha256: string;
}

const pgliteDir = (config: Config) => path.resolve(config.dataDir, 'pglite');
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error) throw new BackupError(`${cmd} could not run: ${r.error.message} (is it on PATH?)`);
  if (r.status !== 0) throw new BackupError(`${cmd} failed (exit ${r.status}): ${r.stderr.trim()}`);
}

/** Write a consistent copy of the whole database to `file`. */
export async function backupDatabase(config: Config, file: string): Promise<BackupResult> {
  const target = path.resolve(file);
  mkdirSync(path.dirname(target), { recursive: true });
  if (config.databaseUrl) {
    // pg_dump reads one snapshot, so the copy is consistent while the server keeps running.
    run('pg_dump', [
      '--format=custom',
      '--no-owner',
      '--no-privileges',
      `--file=${target}`,
      config.databaseUrl,
    ]);
    return { file: target, kind: 'postgres', bytes: statSync(target).size, sha256: sha256(target) };
  }
  const dir = pgliteDir(config);
  if (!existsSync(dir) || readdirSync(dir).length === 0)
    throw new BackupError(`There is no embedded database under ${dir}`);
  const database = await openDatabase({ dataDir: dir });
  try {
    return await writeEmbeddedBackup(database, target);
  } finally {
    await database.close();
  }
}

/** Write an open embedded database's data directory to `file` as a gzipped tar. */
export async function writeEmbeddedBackup(database: Database, file: string): Promise<BackupResult> {
  const tar = Buffer.from(await (await dumpPglite(database)).arrayBuffer());
  writeFileSync(file, gzipSync(tar), { mode: 0o600 });
  return { file, kind: 'pglite', bytes: statSync(file).size, sha256: sha256(file) };
}

/**
 * Replace the database with the backup in `file`. An embedded database already in place is kept
 * aside (renamed, never deleted) and only with `force`; PostgreSQL objects are dropped and
 * recreated from the dump in one transaction.
 */
export async function restoreDatabase(
  config: Config,
  file: string,
  opts: { force?: boolean } = {},
): Promise<{ keptAside?: string }> {
  const source = path.resolve(file);
  if (!existsSync(source)) throw new BackupError(`No backup at ${source}`);
  if (config.databaseUrl) {
    run('pg_restore', [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--single-transaction',
      `--dbname=${config.databaseUrl}`,
      source,
    ]);
    return {};
  }
  let tar: Buffer;
  try {
    tar = gunzipSync(readFileSync(source));
  } catch {
    throw new BackupError(`${source} is not an embedded-database backup (a .tar.gz made by bursar backup)`);
  }
  const dir = pgliteDir(config);
  let keptAside: string | undefined;
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    if (!opts.force)
      throw new BackupError(
        `${dir} already holds a database: stop the server and pass --force to replace it`,
      );
    keptAside = `${dir}.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(dir, keptAside);
  }
  mkdirSync(dir, { recursive: true });
  const database = await openDatabase({ dataDir: dir, loadDataDir: new Blob([tar]) });
  await database.close();
  return keptAside ? { keptAside } : {};
}

export interface RestoreCheck {
  ok: boolean;
  audit: VerifyReport;
  ledgerBalanced: boolean;
  loansReconciled: boolean;
  loansChecked: number;
}

/** After a restore: the audit chain verifies, the ledger balances and every loan reconciles. */
export async function checkRestoredDatabase(deps: Deps): Promise<RestoreCheck> {
  const audit = await verifyAuditTrail(deps);
  const tb = await trialBalance(deps);
  const rec = await reconcile(deps);
  const ledgerBalanced = tb.totals.every((t) => t.balanced);
  return {
    ok: audit.ok && ledgerBalanced && rec.ok,
    audit,
    ledgerBalanced,
    loansReconciled: rec.ok,
    loansChecked: rec.loansChecked,
  };
}
