// Import throughput of `bursar import customers` on PostgreSQL (DATABASE_URL): rows per second for
// 1,000,000 generated customers (CSV parsing, validation, AES-256-GCM encryption and blind
// indexes per row, classification, duplicate checks, and writes to customers, enrolments,
// households, credit records, related parties, consents and the timeline), against the
// baseline of a raw COPY of the same CSV rows into a table of text columns.
// Write path and measured figures: docs/adr/0005-bulk-import-write-path.md.
// Goal (issue 3): ratio >= 0.3. Without DATABASE_URL it runs on in-memory PGlite (small).
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { loadConfig } from '../packages/server/src/config.ts';
import { openDatabase, type Database } from '../packages/server/src/db/database.ts';
import { migrateDatabase } from '../packages/server/src/db/migrate.ts';
import { SYSTEM_ACTOR, type Deps } from '../packages/server/src/deps.ts';
import { parseCsv, type CsvRecord } from '@bursar/core';
import {
  importCustomerRecords,
  IMPORT_COLUMNS,
  loadSchoolCatalogue,
} from '../packages/server/src/modules/customers/index.ts';
import { createDataCipher } from '../packages/server/src/security/data-key.ts';
import { benchScale, printBench } from './bench-line.ts';
import { HEADER, rows } from './customers-data.ts';

const CHUNK = 10_000;

function* records(total: number): Generator<CsvRecord> {
  yield* parseCsv(HEADER);
  for (let from = 0; from < total; from += CHUNK) {
    for (const r of parseCsv(rows(from, Math.min(total, from + CHUNK))))
      yield { line: r.line + from + 1, cells: r.cells };
  }
}

function* csvChunks(total: number): Generator<string> {
  yield HEADER;
  for (let from = 0; from < total; from += CHUNK) yield rows(from, Math.min(total, from + CHUNK));
}

async function withBenchDatabase<T>(
  name: string,
  fn: (db: Database, url?: string) => Promise<T>,
): Promise<T> {
  const server = process.env.DATABASE_URL;
  if (!server) {
    const db = await openDatabase({ dataDir: 'memory://' });
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  }
  const dbName = `bench_${name}_${process.pid}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.query(`create database ${dbName}`);
  const u = new URL(server);
  u.pathname = `/${dbName}`;
  const db = await openDatabase({ databaseUrl: u.toString(), poolSize: 4 });
  try {
    return await fn(db, u.toString());
  } finally {
    await db.close();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}

async function rawCopy(db: Database, url: string | undefined, total: number): Promise<number> {
  await db.exec(
    `drop table if exists bench_raw; create table bench_raw (${IMPORT_COLUMNS.map((c) => `${c} text`).join(', ')})`,
  );
  const t0 = performance.now();
  if (url) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await pipeline(
      Readable.from(csvChunks(total)),
      client.query(copyFrom('copy bench_raw from stdin with (format csv, header true)')),
    );
    await client.end();
  } else {
    const blob = new Blob([...csvChunks(total)]);
    const client = (
      db.db as unknown as {
        $client: { query: (q: string, p: unknown[], o: { blob: Blob }) => Promise<unknown> };
      }
    ).$client;
    await client.query(`copy bench_raw from '/dev/blob' with (format csv, header true)`, [], { blob });
  }
  const s = (performance.now() - t0) / 1000;
  const [c] = await db.query<{ n: number }>('select count(*)::int as n from bench_raw');
  if (c!.n !== total) throw new Error(`COPY loaded ${c!.n} rows, expected ${total}`);
  await db.exec('drop table bench_raw');
  return total / s;
}

export default async function customersImportBench(): Promise<void> {
  const onPg = !!process.env.DATABASE_URL;
  const total = benchScale(onPg ? 1_000_000 : 20_000);
  await withBenchDatabase('customers_import', async (db, url) => {
    await migrateDatabase(db);
    const deps: Deps = {
      config: loadConfig({ DATA_DIR: '/tmp/bursar-bench', LOG_LEVEL: 'silent' }),
      database: db,
      cipher: createDataCipher(randomBytes(32)),
      now: () => new Date('2026-09-01T09:00:00Z'),
    };
    await loadSchoolCatalogue(deps, SYSTEM_ACTOR);
    const baseline = await rawCopy(db, url, total);
    const t0 = performance.now();
    const summary = await importCustomerRecords(
      deps,
      { ...SYSTEM_ACTOR, actorName: 'bench' },
      records(total),
      { dryRun: false, totalRows: total },
    );
    const s = (performance.now() - t0) / 1000;
    if (summary.createdRows !== total)
      throw new Error(
        `imported ${summary.createdRows} of ${total}: ${JSON.stringify(summary.errors.slice(0, 5))}`,
      );
    console.error(
      `customers-import: ${total} rows in ${s.toFixed(1)} s on ${db.kind}; raw COPY ${(total / baseline).toFixed(1)} s`,
    );
    printBench({
      name: 'customers-import',
      metric: 'rows_per_s',
      value: Math.round(total / s),
      unit: 'rows/s',
      baseline: Math.round(baseline),
      goal: 'ratio >= 0.3',
    });
  });
}
