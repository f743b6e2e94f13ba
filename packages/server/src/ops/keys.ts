// Data-key rotation (ADR 0013, docs/operations.md "Rotate the encryption key"): a new active key
// joins the key ring, every encrypted value is re-encrypted to it in batches (one transaction per
// batch, resumable and idempotent: a batch takes only values not yet under the active key), and
// then the old keys are retired (their material removed from the ring). The blind-index and
// audit-seal keys do not change, so lookups, issued links and the sealed audit chain keep working.
import { randomBytes } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { SYSTEM_ACTOR } from '../deps.ts';
import { recordAudit } from '../modules/audit/index.ts';
import {
  createKeyRingCipher,
  keyIdOf,
  loadDataKey,
  readKeyRing,
  singleKeyRing,
  writeKeyRing,
  type DataCipher,
  type KeyRing,
} from '../security/data-key.ts';

/** Encrypted columns whose names do not end in `_enc` (found by name at run time when the table exists). */
const OTHER_ENCRYPTED_COLUMNS = [
  // compliance: regulator extracts hold personal data, encrypted whole.
  { table: 'regulator_report_files', column: 'content' },
];

export interface EncryptedColumn {
  table: string;
  column: string;
}

/** Every column that holds ciphertext: the `*_enc` text columns of the schema, plus the few above. */
export async function encryptedColumns(database: Database): Promise<EncryptedColumn[]> {
  const rows = await database.query<{ table_name: string; column_name: string }>(
    `select c.table_name, c.column_name from information_schema.columns c
       join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
      where c.table_schema = 'public' and c.data_type = 'text'
        and (c.column_name like '%\\_enc' or (c.table_name::text, c.column_name::text) in (select * from unnest($1::text[], $2::text[])))
      order by 1, 2`,
    [OTHER_ENCRYPTED_COLUMNS.map((c) => c.table), OTHER_ENCRYPTED_COLUMNS.map((c) => c.column)],
  );
  return rows.map((r) => ({ table: r.table_name, column: r.column_name }));
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Values of a column not (yet) under the active key. */
const staleWhere = (column: string) => `${ident(column)} is not null and ${ident(column)} not like $1`;

export interface ReencryptReport {
  columns: { table: string; column: string; reencrypted: number }[];
  total: number;
}

/** Re-encrypt every value not under the cipher's active key, `batchSize` rows per transaction. */
export async function reencryptAll(
  database: Database,
  cipher: DataCipher,
  opts: { batchSize?: number; onBatch?: (table: string, column: string, n: number) => void } = {},
): Promise<ReencryptReport> {
  const batchSize = opts.batchSize ?? 500;
  const prefix = `v2.${cipher.activeKeyId}.%`;
  const report: ReencryptReport = { columns: [], total: 0 };
  for (const { table, column } of await encryptedColumns(database)) {
    let done = 0;
    for (;;) {
      // The row's physical id: no assumption about primary keys. A row changed meanwhile gets a
      // new ctid, its update matches nothing and the next batch picks it up again.
      const rows = await database.query<{ rid: string; v: string }>(
        `select ctid::text as rid, ${ident(column)} as v from ${ident(table)} where ${staleWhere(column)} limit ${batchSize}`,
        [prefix],
      );
      if (rows.length === 0) break;
      const updates = rows.map((r) => {
        let plain: string;
        try {
          plain = cipher.decrypt(r.v);
        } catch {
          throw new Error(`${table}.${column} holds a value no key of the ring decrypts (row ${r.rid})`);
        }
        return { rid: r.rid, old: r.v, v: cipher.encrypt(plain) };
      });
      await database.db.transaction(async (tx) => {
        await tx.execute(
          // One statement per batch: the new values joined to their rows by ctid and old value.
          sqlUpdate(table, column, updates),
        );
      });
      done += rows.length;
      opts.onBatch?.(table, column, rows.length);
    }
    report.columns.push({ table, column, reencrypted: done });
    report.total += done;
  }
  return report;
}

function sqlUpdate(table: string, column: string, updates: { rid: string; old: string; v: string }[]): SQL {
  return sql`update ${sql.raw(ident(table))} t set ${sql.raw(ident(column))} = u.v
    from unnest(${sql.param(updates.map((u) => u.rid))}::tid[], ${sql.param(updates.map((u) => u.old))}::text[],
                ${sql.param(updates.map((u) => u.v))}::text[]) as u(rid, old, v)
    where t.ctid = u.rid and t.${sql.raw(ident(column))} = u.old`;
}

/** Values under keys other than the active one, per column (0 everywhere once re-encryption is done). */
export async function staleCiphertexts(database: Database, cipher: DataCipher): Promise<number> {
  let n = 0;
  for (const { table, column } of await encryptedColumns(database)) {
    const [r] = await database.query<{ n: number }>(
      `select count(*)::int as n from ${ident(table)} where ${staleWhere(column)}`,
      [`v2.${cipher.activeKeyId}.%`],
    );
    n += r!.n;
  }
  return n;
}

export class KeyRotationError extends Error {}

function currentRing(config: Config): KeyRing {
  return (
    readKeyRing(config.dataDir) ??
    singleKeyRing(loadDataKey({ keyHex: config.dataKeyHex, dataDir: config.dataDir }))
  );
}

export interface RotationResult {
  activeKeyId: string;
  previousKeyIds: string[];
  /** True when this call started the rotation; false when it resumed one already started. */
  started: boolean;
  reencrypted: ReencryptReport;
  retired: string[];
}

/**
 * Rotate: add a new active key (unless a rotation is under way: then resume it), re-encrypt
 * everything to it, and with `retire` remove the old keys once nothing needs them.
 */
export async function rotateDataKey(
  config: Config,
  database: Database,
  opts: {
    retire: boolean;
    now?: Date;
    batchSize?: number;
    onBatch?: (table: string, column: string, n: number) => void;
  },
): Promise<RotationResult> {
  const now = opts.now ?? new Date();
  let ring = currentRing(config);
  const started = !ring.keys.some((k) => k.state === 'decrypt-only');
  if (started) {
    const key = randomBytes(32);
    ring = {
      ...ring,
      keys: [
        ...ring.keys.map((k) => ({ ...k, state: 'decrypt-only' as const })),
        { id: keyIdOf(key), key, state: 'active' },
      ],
    };
    // The ring is on disk before any value is written under the new key: a crash never strands data.
    writeKeyRing(config.dataDir, ring, now);
  }
  const cipher = createKeyRingCipher(ring);
  const previousKeyIds = ring.keys.filter((k) => k.state !== 'active').map((k) => k.id);
  const reencrypted = await reencryptAll(database, cipher, opts);
  await database.db.transaction((tx) =>
    recordAudit(tx, { ...SYSTEM_ACTOR, actorName: 'bursar keys' }, now, {
      action: 'data_key.rotated',
      entityType: 'data_key',
      entityId: null,
      after: {
        activeKeyId: cipher.activeKeyId,
        previousKeyIds,
        reencrypted: reencrypted.total,
        resumed: !started,
      },
    }),
  );
  const retired = opts.retire ? await retireOldKeys(config, database, now) : [];
  return { activeKeyId: cipher.activeKeyId, previousKeyIds, started, reencrypted, retired };
}

/** Remove the old keys from the ring, after a last sweep proves nothing is encrypted under them. */
export async function retireOldKeys(config: Config, database: Database, now = new Date()): Promise<string[]> {
  const ring = currentRing(config);
  const old = ring.keys.filter((k) => k.state !== 'active').map((k) => k.id);
  if (old.length === 0) return [];
  const cipher = createKeyRingCipher(ring);
  // A server started before the rotation may still have written under an old key: sweep again.
  await reencryptAll(database, cipher);
  const left = await staleCiphertexts(database, cipher);
  if (left > 0)
    throw new KeyRotationError(`${left} values are still under an old key; run bursar keys rotate again`);
  writeKeyRing(config.dataDir, { ...ring, keys: ring.keys.filter((k) => k.state === 'active') }, now);
  await database.db.transaction((tx) =>
    recordAudit(tx, { ...SYSTEM_ACTOR, actorName: 'bursar keys' }, now, {
      action: 'data_key.retired',
      entityType: 'data_key',
      entityId: null,
      after: { retiredKeyIds: old, activeKeyId: cipher.activeKeyId },
    }),
  );
  return old;
}
