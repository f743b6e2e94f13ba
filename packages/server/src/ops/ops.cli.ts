// Operator commands: `bursar worker`, `bursar keys rotate|retire`, `bursar backup FILE`,
// `bursar restore FILE [--force] [--no-check]`.
import type { Command } from 'commander';
import { CommanderError } from 'commander';
import { openDeps } from '../bootstrap.ts';
import { loadConfig } from '../config.ts';
import { startAuditSealer, startBackgroundWork } from '../worker.ts';
import { backupDatabase, BackupError, checkRestoredDatabase, restoreDatabase } from './backup.ts';
import { KeyRotationError, retireOldKeys, rotateDataKey } from './keys.ts';

function fail(message: string, code: number): never {
  console.error(message);
  throw new CommanderError(code, 'bursar.ops', message);
}

export function addOpsCommands(program: Command): void {
  program
    .command('worker')
    .description(
      'run background jobs only (close of business, messaging, journeys, alerts, SLAs); start as many as needed',
    )
    .action(async () => {
      const config = loadConfig();
      // The embedded database belongs to one process: separate workers need a PostgreSQL server.
      if (!config.databaseUrl)
        fail(
          'bursar worker needs DATABASE_URL (PostgreSQL); bursar serve runs the jobs itself on the embedded database.',
          2,
        );
      const deps = await openDeps(config);
      const work = await startBackgroundWork(deps);
      const sealer = startAuditSealer(deps, (err) => console.error('audit sealing failed', err));
      console.log(`Bursar worker running on the ${deps.database.kind} database; SIGTERM or Ctrl-C to stop.`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      sealer.stop();
      await work.stop();
      await deps.database.close();
    });

  const keys = program.command('keys').description('the personal-data encryption keys');
  keys
    .command('rotate')
    .description(
      'add a new data key and re-encrypt all personal data to it (resumable: run again after a stop); --retire removes the old key after',
    )
    .option(
      '--retire',
      'remove the old keys once nothing is encrypted under them (servers stopped or restarted)',
    )
    .option('--batch-size <n>', 'rows per transaction', (v) => Number(v), 500)
    .action(async (opts: { retire?: boolean; batchSize: number }) => {
      const config = loadConfig();
      const deps = await openDeps(config);
      try {
        const r = await rotateDataKey(config, deps.database, {
          retire: opts.retire ?? false,
          batchSize: opts.batchSize,
        });
        console.log(
          `${r.started ? 'Rotated' : 'Resumed the rotation'}: active key ${r.activeKeyId}, ${r.reencrypted.total} values re-encrypted` +
            ` (${
              r.reencrypted.columns
                .filter((c) => c.reencrypted > 0)
                .map((c) => `${c.table}.${c.column} ${c.reencrypted}`)
                .join(', ') || 'none left'
            }).`,
        );
        if (r.retired.length) console.log(`Retired keys ${r.retired.join(', ')}.`);
        else
          console.log(
            `Old keys ${r.previousKeyIds.join(', ')} still decrypt: restart servers and workers, then run bursar keys retire.`,
          );
        if (config.dataKeyHex)
          console.log(
            'BURSAR_DATA_KEY is set: unset it, the key ring in DATA_DIR/keys/keyring.json now holds the keys.',
          );
      } catch (e) {
        if (e instanceof KeyRotationError) fail(e.message, 1);
        throw e;
      } finally {
        await deps.database.close();
      }
    });
  keys
    .command('retire')
    .description('remove old data keys from the key ring once nothing is encrypted under them')
    .action(async () => {
      const config = loadConfig();
      const deps = await openDeps(config);
      try {
        const retired = await retireOldKeys(config, deps.database);
        console.log(retired.length ? `Retired keys ${retired.join(', ')}.` : 'No old keys to retire.');
      } catch (e) {
        if (e instanceof KeyRotationError) fail(e.message, 1);
        throw e;
      } finally {
        await deps.database.close();
      }
    });

  program
    .command('backup <file>')
    .description(
      'copy the whole database to FILE (embedded: .tar.gz, stop the server first; PostgreSQL: pg_dump custom format)',
    )
    .action(async (file: string) => {
      try {
        const r = await backupDatabase(loadConfig(), file);
        console.log(`Backed up the ${r.kind} database to ${r.file} (${r.bytes} bytes, sha256 ${r.sha256}).`);
        console.log(
          'The data key is not in the backup: keep DATA_DIR/keys/data.key (or BURSAR_DATA_KEY) safe on its own.',
        );
      } catch (e) {
        if (e instanceof BackupError) fail(e.message, 2);
        throw e;
      }
    });

  program
    .command('restore <file>')
    .description(
      'replace the database with a backup, migrate it, then check the audit chain, ledger and loans',
    )
    .option('--force', 'replace an embedded database that is already there (it is kept aside, renamed)')
    .option('--no-check', 'skip the audit-chain, trial-balance and reconciliation check')
    .action(async (file: string, opts: { force?: boolean; check: boolean }) => {
      const config = loadConfig();
      try {
        const r = await restoreDatabase(config, file, { force: opts.force ?? false });
        if (r.keptAside) console.log(`The database that was there is kept at ${r.keptAside}.`);
      } catch (e) {
        if (e instanceof BackupError) fail(e.message, 2);
        throw e;
      }
      console.log(`Restored ${file}.`);
      if (!opts.check) return;
      const deps = await openDeps(config);
      try {
        const c = await checkRestoredDatabase(deps);
        console.log(
          `Audit chain: ${c.audit.ok ? 'verified' : `BROKEN at ${c.audit.firstBad?.chainPos} (${c.audit.firstBad?.reason})`} (${c.audit.checked} events); ` +
            `ledger: ${c.ledgerBalanced ? 'balanced' : 'NOT balanced'}; loans: ${c.loansChecked} checked, ${c.loansReconciled ? 'all reconcile' : 'MISMATCHES'}.`,
        );
        if (!c.ok)
          fail('The restored database failed its check (is the data key the one of the backup?).', 1);
      } finally {
        await deps.database.close();
      }
    });
}
