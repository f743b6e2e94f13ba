// Once per test run: migrate a template database, so each test file starts from a copy of it
// instead of running initdb and every migration again. PGlite by default; a real PostgreSQL
// template database when BURSAR_TEST_DB=postgres (DATABASE_URL names the server).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { dumpPglite, openDatabase } from '../src/db/database.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { seedDemoTemplate, type DemoTemplate } from './demo-template.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    testDb: (
      { kind: 'pglite'; templateFile: string } | { kind: 'postgres'; serverUrl: string; template: string }
    ) & { demo: DemoTemplate };
  }
}

export function testDbKind(): 'pglite' | 'postgres' {
  return process.env.BURSAR_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (testDbKind() === 'postgres') {
    const serverUrl = process.env.DATABASE_URL;
    if (!serverUrl) throw new Error('BURSAR_TEST_DB=postgres needs DATABASE_URL');
    const template = `bursar_tmpl_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${template}`);
    const database = await openDatabase({ databaseUrl: withDatabase(serverUrl, template), poolSize: 2 });
    await migrateDatabase(database);
    await database.close();
    // The seeded demo: a second template, copied from the migrated one.
    const demoName = `${template}_demo`;
    await admin.query(`create database ${demoName} template ${template}`);
    const seeded = await openDatabase({ databaseUrl: withDatabase(serverUrl, demoName), poolSize: 2 });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bursar-test-'));
    const demo = await seedDemoTemplate(seeded, dir, demoName);
    await seeded.close();
    project.provide('testDb', { kind: 'postgres', serverUrl, template, demo });
    return async () => {
      rmSync(dir, { recursive: true, force: true });
      // Drop the templates (migrated, seeded) and every per-file database made from them in this run.
      const prefix = template.replace('bursar_tmpl_', 'bursar_t_');
      const { rows } = await admin.query<{ datname: string }>(
        `select datname from pg_database where datname like $1 or datname like $2`,
        [`${template}%`, `${prefix}%`],
      );
      for (const r of rows) await admin.query(`drop database if exists ${r.datname} with (force)`);
      await admin.end();
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bursar-test-'));
  const database = await openDatabase({ dataDir: 'memory://' });
  await migrateDatabase(database);
  const dump = await dumpPglite(database);
  const templateFile = path.join(dir, 'template.tar');
  writeFileSync(templateFile, Buffer.from(await dump.arrayBuffer()));
  const demo = await seedDemoTemplate(database, dir, path.join(dir, 'demo.tar'));
  await database.close();
  project.provide('testDb', { kind: 'pglite', templateFile, demo });
  return async () => rmSync(dir, { recursive: true, force: true });
}
