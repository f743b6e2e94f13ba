// Opening Bursar's world: configuration, database (migrated), data key.
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { migrateDatabase } from './db/migrate.ts';
import type { Deps } from './deps.ts';
import { createKeyRingCipher, loadKeyRing } from './security/data-key.ts';

export async function openDeps(
  config: Config,
  opts: { migrate?: boolean; database?: Database } = {},
): Promise<Deps> {
  const database =
    opts.database ??
    (await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: `${config.dataDir}/pglite`,
      readUrl: config.databaseReadUrl,
    }));
  if (opts.migrate !== false) await migrateDatabase(database);
  const cipher = createKeyRingCipher(loadKeyRing({ keyHex: config.dataKeyHex, dataDir: config.dataDir }));
  return { config, database, cipher, now: () => new Date() };
}
