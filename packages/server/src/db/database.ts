// One PostgreSQL dialect from laptop to cluster: PGlite (Postgres in WASM) under DATA_DIR by
// default, a pooled `pg` connection to a real server when DATABASE_URL is set.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** A database handle or an open transaction: repositories accept either. */
export type Executor = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Executor;
  /**
   * Where read-only analytics and report queries go: a streaming replica's pool when
   * DATABASE_READ_URL is set, else the same handle as `db`. Never used inside a write transaction,
   * and reads from it may lag the primary by the replica's delay.
   */
  readDb: Executor;
  /** The server's connection string, for the PostgreSQL kind. */
  url?: string;
  /** Run raw SQL that may hold several statements and no parameters (migrations, DDL). */
  exec(sqlText: string): Promise<void>;
  /** Run raw SQL that may hold several statements and no parameters; rows of the last one. */
  execRows(sqlText: string): Promise<Record<string, unknown>[]>;
  /** Run one parameterised statement and return its rows. */
  query<T extends Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** PGlite data directory; `memory://` for an in-memory database. */
  dataDir?: string;
  /** A PGlite data-dir dump to start from (tests restore a migrated template). */
  loadDataDir?: Blob;
  poolSize?: number;
  /** A read replica's connection string (PostgreSQL only): analytics reads go there. */
  readUrl?: string | undefined;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize ?? 10, opts.readUrl);
  if (opts.readUrl)
    throw new Error('DATABASE_READ_URL needs DATABASE_URL: a replica of the embedded database cannot exist');
  return openPglite(opts.dataDir ?? 'memory://', opts.loadDataDir);
}

function newPool(url: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client's network error must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  return pool;
}

function openPostgres(url: string, max: number, readUrl?: string): Database {
  const pool = newPool(url, max);
  const db = drizzlePg(pool, { schema }) as unknown as Executor;
  const readPool = readUrl ? newPool(readUrl, max) : null;
  const readDb = readPool ? (drizzlePg(readPool, { schema }) as unknown as Executor) : db;
  return {
    kind: 'postgres',
    db,
    readDb,
    url,
    async exec(text) {
      await pool.query(text);
    },
    async execRows(text) {
      // A multi-statement text answers with one result per statement.
      const res = (await pool.query(text)) as unknown as
        pg.QueryResult<Record<string, unknown>> | pg.QueryResult<Record<string, unknown>>[];
      return Array.isArray(res) ? (res.at(-1)?.rows ?? []) : res.rows;
    },
    async query<T extends Record<string, unknown>>(text: string, values: unknown[] = []) {
      const res = await pool.query<T>(text, values);
      return res.rows;
    },
    close: async () => {
      await Promise.all([pool.end(), readPool?.end()]);
    },
  };
}

async function openPglite(dataDir: string, loadDataDir?: Blob): Promise<Database> {
  if (!dataDir.startsWith('memory://')) mkdirSync(path.resolve(dataDir), { recursive: true });
  // pg_trgm: typo-tolerant name search (customers); the migration creates the extension.
  const client = await PGlite.create(dataDir, {
    extensions: { pg_trgm },
    ...(loadDataDir ? { loadDataDir } : {}),
  });
  const db = drizzlePglite(client, { schema }) as unknown as Executor;
  return {
    kind: 'pglite',
    db,
    readDb: db,
    async exec(text) {
      await client.exec(text);
    },
    async execRows(text) {
      const results = await client.exec(text);
      return results.at(-1)?.rows ?? [];
    },
    async query<T extends Record<string, unknown>>(text: string, values: unknown[] = []) {
      const res = await client.query<T>(text, values);
      return res.rows;
    },
    close: () => client.close(),
  };
}

/** Dump an open PGlite database (used to make a migrated template for tests). */
export async function dumpPglite(database: Database): Promise<Blob> {
  const client = (database.db as unknown as { $client: PGlite }).$client;
  return client.dumpDataDir('none');
}

/** Run a raw statement on a database or transaction and return its rows (both drivers give `rows`). */
export async function rowsOf<T = Record<string, unknown>>(db: Executor, query: SQL): Promise<T[]> {
  const res: unknown = await db.execute(query);
  return (res as { rows: T[] }).rows;
}
