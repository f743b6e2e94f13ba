// DATABASE_READ_URL: analytics and report reads go to the replica's pool, writes stay on the
// primary. On PostgreSQL the "replica" is a copy of the primary taken at one moment (what a
// lagging streaming replica shows); the primary then changes, and the dashboards must still show
// the copy's figures while a refresh writes to the primary. On PGlite there is no replica: reads
// share the one handle, and a read URL without a server is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/database.ts';
import { SYSTEM_ACTOR, type Deps } from '../../deps.ts';
import { drillDown, managementDashboard, refreshDashboards } from './dashboards.service.ts';
import { buildPortfolio } from './test-fixtures.ts';
import { openTestDeps, sideDatabase, type TestDeps } from '../../../test/test-deps.ts';
import { testApp, session, DEMO_PASSWORD } from '../../../test/http-client.ts';
import { createUser } from '../identity/index.ts';

const onPostgres = process.env.BURSAR_TEST_DB === 'postgres';
let deps: TestDeps;
let withReplica: Database | null = null;

beforeAll(async () => {
  deps = await openTestDeps();
});
afterAll(async () => {
  await withReplica?.close();
  await deps.dispose();
});

const par30Count = async (d: Deps) => (await drillDown(d, { metric: 'par30', currency: 'CNY' })).items.length;

describe.skipIf(onPostgres)('read handle on the embedded database', () => {
  it('is the primary handle, and a read URL without DATABASE_URL is refused', async () => {
    expect(deps.database.readDb).toBe(deps.database.db);
    await expect(
      openDatabase({ dataDir: 'memory://', readUrl: 'postgres://r@replica/bursar' }),
    ).rejects.toThrow(/DATABASE_READ_URL needs DATABASE_URL/);
  });
});

describe.skipIf(!onPostgres)('analytics on a read replica (PostgreSQL)', () => {
  it(
    'reads dashboards from the replica and writes refreshes to the primary',
    { timeout: 120_000 },
    async () => {
      await buildPortfolio(deps);
      await deps.database
        .exec(`insert into servicing_state (id, business_date, calendar) values (1, '2026-09-01', 'CN')
                              on conflict (id) do update set business_date = excluded.business_date`);
      await refreshDashboards(deps, '2026-09-01');
      const atCopy = await par30Count(deps);
      expect(atCopy).toBeGreaterThan(1);
      const dashAtCopy = await managementDashboard(deps, { currency: 'CNY' });

      // The replica: the primary as it is now.
      const url = deps.database.url!;
      const replicaUrl = await sideDatabase(deps, 'replica', { copy: true });

      // The primary moves on: one PAR30 loan is cured, and the summaries are rebuilt for a later date.
      await deps.database.exec(`update loans set days_past_due = 0 where loan_number = 'T002'`);
      expect(await par30Count(deps)).toBe(atCopy - 1);

      withReplica = await openDatabase({ databaseUrl: url, readUrl: replicaUrl, poolSize: 2 });
      expect(withReplica.readDb).not.toBe(withReplica.db);
      const viaReplica: Deps = { ...deps, database: withReplica };
      // Reads come from the replica: the copy's PAR30 list and book, not the primary's.
      expect(await par30Count(viaReplica)).toBe(atCopy);

      // A refresh is a write: it lands on the primary (the replica would refuse it), not the copy.
      await refreshDashboards(viaReplica, '2026-09-02');
      const asOf = async (d: Database) =>
        (await d.query<{ as_of: string }>(`select max(as_of)::text as as_of from analytics_refreshes`))[0]!
          .as_of;
      expect(await asOf(deps.database)).toBe('2026-09-02');
      // The primary's dashboard has the cured loan; the replica's is still the copy's.
      const [onPrimary, onReplica] = [
        await managementDashboard(deps, { currency: 'CNY' }),
        await managementDashboard(viaReplica, { currency: 'CNY' }),
      ];
      expect(onPrimary.asOf).toBe('2026-09-02');
      expect(onPrimary.par30.loans).toBe(dashAtCopy.par30.loans - 1);
      expect(onReplica.asOf).toBe('2026-09-01');
      expect(onReplica.par30).toEqual(dashAtCopy.par30);
      const replicaOnly = await openDatabase({ databaseUrl: replicaUrl, poolSize: 1 });
      try {
        expect(await asOf(replicaOnly)).toBe('2026-09-01');
      } finally {
        await replicaOnly.close();
      }

      // Over HTTP: the dashboard drill-down a manager opens is served from the replica too.
      await createUser(viaReplica, SYSTEM_ACTOR, {
        username: 'replica-manager',
        displayName: 'Replica Manager',
        roles: ['manager'],
        password: DEMO_PASSWORD,
      });
      const { app } = await testApp(viaReplica);
      try {
        const manager = session(app);
        expect((await manager.login('replica-manager', DEMO_PASSWORD)).statusCode).toBe(200);
        const res = await manager.request(
          'GET',
          '/api/v1/analytics/dashboard/drill?metric=par30&currency=CNY',
        );
        expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
        expect((JSON.parse(res.body) as { items: unknown[] }).items).toHaveLength(atCopy);
      } finally {
        await app.close();
      }
    },
  );
});
