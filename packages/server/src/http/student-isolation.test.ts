// A student reaches only their own records: every route a student may call that takes an id is
// tried with the ids of everything another student owns (their customer record and every row of
// every table carrying their customer_id). None may answer 2xx. The owner, for contrast, does
// reach their own records through the same routes, so the ids are the right kind.
import { can, type Permission } from '@bursar/core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SYSTEM_ACTOR } from '../deps.ts';
import { createUser } from '../modules/identity/index.ts';
import { DEMO_PASSWORD, session, testApp, type Session } from '../../test/http-client.ts';
import { openTestDeps, type TestDeps, seedTestDemo } from '../../test/test-deps.ts';
import type { RegisteredRoute } from './guard.ts';

let deps: TestDeps;
let app: FastifyInstance;
let routes: RegisteredRoute[];
let owner: Session;
let intruder: Session;
let ownedIds: { table: string; id: string }[];

beforeAll(async () => {
  // The demo student gets loans (with close-of-business history), messages and the rest.
  vi.stubEnv('BURSAR_DEMO_LOANS', '3');
  deps = await openTestDeps();
  await seedTestDemo(deps);
  vi.unstubAllEnvs();
  ({ app, routes } = await testApp(deps));
  const [victim] = await deps.database.query<{ customer_id: string }>(
    `select customer_id::text from users where username = 'student'`,
  );
  const [other] = await deps.database.query<{ id: string }>(
    `select id::text from customers where id <> $1 and status = 'active' order by id limit 1`,
    [victim!.customer_id],
  );
  await createUser(deps, SYSTEM_ACTOR, {
    username: 'intruder',
    displayName: 'Another Student',
    password: DEMO_PASSWORD,
    roles: ['student'],
    customerId: other!.id,
  });
  owner = session(app);
  await owner.login('student', DEMO_PASSWORD);
  intruder = session(app);
  await intruder.login('intruder', DEMO_PASSWORD);

  // Every table that belongs to a customer: a few of the victim's rows from each.
  const tables = await deps.database.query<{ table_name: string }>(
    `select c.table_name from information_schema.columns c
       join information_schema.columns i on i.table_schema = c.table_schema and i.table_name = c.table_name and i.column_name = 'id'
      where c.table_schema = 'public' and c.column_name = 'customer_id'
      order by c.table_name`,
  );
  ownedIds = [{ table: 'customers', id: victim!.customer_id }];
  for (const { table_name } of tables) {
    const rows = await deps.database.query<{ id: string }>(
      `select id::text from "${table_name}" where customer_id = $1 limit 3`,
      [victim!.customer_id],
    );
    for (const r of rows) ownedIds.push({ table: table_name, id: r.id });
  }
}, 300_000);
afterAll(async () => {
  await app?.close();
  await deps?.dispose();
});

const studentRoutesWithIds = () =>
  routes.filter(
    (r) =>
      r.url.startsWith('/api/v1/') &&
      r.method !== 'HEAD' &&
      /:[A-Za-z]+/.test(r.url) &&
      r.permission !== undefined &&
      can(['student'], r.permission as Permission),
  );

describe('student isolation', () => {
  it('answers no 2xx to a student for another student’s ids, on any route', async () => {
    const candidates = studentRoutesWithIds();
    expect(candidates.length).toBeGreaterThan(5);
    expect(ownedIds.length).toBeGreaterThan(10);
    const leaks: string[] = [];
    let ownerReached = 0;
    for (const r of candidates) {
      for (const { table, id } of ownedIds) {
        const url = r.url.replace(/:[A-Za-z]+/g, id);
        const body = r.method === 'GET' || r.method === 'DELETE' ? undefined : {};
        const res = await intruder.request(r.method, url, body);
        if (res.statusCode < 300) leaks.push(`${r.method} ${r.url} with ${table} ${id} → ${res.statusCode}`);
        if (r.method === 'GET') {
          const own = await owner.request('GET', url);
          if (own.statusCode < 300) ownerReached++;
        }
      }
    }
    expect(leaks).toEqual([]);
    // The same ids do open the owner's own records: the probe used the right kinds of ids.
    expect(ownerReached).toBeGreaterThan(3);
  }, 600_000);
});
