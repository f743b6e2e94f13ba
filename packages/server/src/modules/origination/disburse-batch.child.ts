// A disbursement batch in its own process, for the crash test: pays each tranche of a list
// (JSON file: [{ applicationId, tranche, idempotencyKey }]) in order, printing a line per item.
// Run: node --import tsx disburse-batch.child.ts LIST.json   (DATABASE_URL, BURSAR_DATA_KEY)
import { readFileSync } from 'node:fs';
import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../db/database.ts';
import { SYSTEM_ACTOR, type Deps } from '../../deps.ts';
import { createDataCipher } from '../../security/data-key.ts';
import { disburse } from './disbursements.service.ts';

const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', WEB_DIST: '' });
const database = await openDatabase({ databaseUrl: config.databaseUrl, poolSize: 2 });
const deps: Deps = {
  config,
  database,
  cipher: createDataCipher(Buffer.from(config.dataKeyHex!, 'hex')),
  now: () => new Date(),
};
const items = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as {
  applicationId: string;
  tranche: number;
  idempotencyKey: string;
}[];
const ctx = { ...SYSTEM_ACTOR, actorName: 'crash-batch' };
for (const item of items) {
  try {
    const r = await disburse(deps, ctx, item.applicationId, item);
    process.stdout.write(`${r.replay ? 'replay' : 'paid'} ${item.idempotencyKey}\n`);
  } catch (e) {
    process.stdout.write(`failed ${item.idempotencyKey} ${e instanceof Error ? e.message : String(e)}\n`);
  }
}
await database.close();
