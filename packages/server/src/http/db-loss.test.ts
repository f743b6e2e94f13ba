// Losing the database mid-flight: requests answer 503 problem+json (nothing was done, retry), and
// the service recovers by itself once the database is back. PostgreSQL only: the embedded
// database lives in the process and cannot be cut off.
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, session, testApp, type Session } from '../../test/http-client.ts';
import { openTestDeps, type TestDeps, seedTestDemo } from '../../test/test-deps.ts';

const onPostgres = process.env.BURSAR_TEST_DB === 'postgres';

describe.skipIf(!onPostgres)('database connection loss', () => {
  let deps: TestDeps;
  let app: FastifyInstance;
  let manager: Session;
  let admin: pg.Client;
  let dbName: string;

  beforeAll(async () => {
    deps = await openTestDeps();
    await seedTestDemo(deps);
    app = (await testApp(deps)).app;
    manager = session(app);
    await manager.login('manager', DEMO_PASSWORD);
    dbName = new URL(deps.database.url!).pathname.slice(1);
    admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.query(`alter database ${dbName} allow_connections true`).catch(() => undefined);
    await admin?.end();
    await app?.close();
    await deps?.dispose();
  });

  it('answers 503 while the connections are cut, then recovers without a restart', async () => {
    expect((await manager.request('GET', '/api/v1/customers?limit=1')).statusCode).toBe(200);
    await admin.query(`alter database ${dbName} allow_connections false`);
    await admin.query(
      `select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`,
      [dbName],
    );
    for (let i = 0; i < 3; i++) {
      const res = await manager.request('GET', '/api/v1/customers?limit=1');
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.headers['retry-after']).toBe('5');
      expect(res.json().type).toBe('/problems/database-unavailable');
    }
    await admin.query(`alter database ${dbName} allow_connections true`);
    let status = 0;
    for (let i = 0; i < 5 && status !== 200; i++) {
      status = (await manager.request('GET', '/api/v1/customers?limit=1')).statusCode;
      if (status !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(200);
  });
});
