// A school officer reaches only their own school's students: every route a school officer may
// call that takes an id is tried with the ids of another school's students (their customer record
// and every row of every table carrying their customer_id); none may answer 2xx, while the same
// routes do open the officer's own students. And masked data stays masked: for roles without
// `pii.read`, no customer, loan or application read route shows a customer's ID number or
// phone in clear.
import { can, type Permission, type Role } from '@bursar/core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_PASSWORD, session, type Session, testApp } from '../../test/http-client.ts';
import { openTestDeps, type TestDeps, seedTestDemo } from '../../test/test-deps.ts';
import type { RegisteredRoute } from './guard.ts';

let deps: TestDeps;
let app: FastifyInstance;
let routes: RegisteredRoute[];
let schoolId: string;

beforeAll(async () => {
  vi.stubEnv('BURSAR_DEMO_LOANS', '3');
  deps = await openTestDeps();
  await seedTestDemo(deps);
  vi.unstubAllEnvs();
  ({ app, routes } = await testApp(deps));
  const [u] = await deps.database.query<{ school_id: string }>(
    `select school_id::text from users where username = 'school'`,
  );
  schoolId = u!.school_id;
}, 300_000);
afterAll(async () => {
  await app?.close();
  await deps?.dispose();
});

const q = <T extends Record<string, unknown>>(text: string, values: unknown[] = []) =>
  deps.database.query<T>(text, values);

/** A customer's id and a few ids of every row carrying their customer_id. */
async function idsOf(customerId: string): Promise<{ table: string; id: string }[]> {
  const tables = await q<{ table_name: string }>(
    `select c.table_name from information_schema.columns c
       join information_schema.columns i on i.table_schema = c.table_schema and i.table_name = c.table_name and i.column_name = 'id'
      where c.table_schema = 'public' and c.column_name = 'customer_id' order by 1`,
  );
  const out = [{ table: 'customers', id: customerId }];
  for (const { table_name } of tables)
    for (const r of await q<{ id: string }>(
      `select id::text from "${table_name}" where customer_id = $1 limit 2`,
      [customerId],
    ))
      out.push({ table: table_name, id: r.id });
  return out;
}

const routesWithIdsFor = (role: Role) =>
  routes.filter(
    (r) =>
      r.url.startsWith('/api/v1/') &&
      r.method !== 'HEAD' &&
      /:[A-Za-z]+/.test(r.url) &&
      r.permission !== undefined &&
      can([role], r.permission as Permission),
  );

describe('school officer isolation', () => {
  it('answers no 2xx for another school’s students, on any route', { timeout: 600_000 }, async () => {
    const officer = session(app);
    expect((await officer.login('school', DEMO_PASSWORD)).statusCode).toBe(200);
    // Students of other schools (and of none), with their loans and applications where they have them.
    const others = await q<{ id: string }>(
      `select c.id::text from customers c
        where c.current_school_id is distinct from $1
          and not exists (select 1 from enrolments e where e.customer_id = c.id and e.school_id = $1)
          -- an application to study at the officer's school is theirs to confirm, whoever applies
          and not exists (select 1 from origination_applications a where a.customer_id = c.id and a.school_id = $1)
        order by (select count(*) from origination_applications a where a.customer_id = c.id) desc, c.id limit 3`,
      [schoolId],
    );
    const own = await q<{ id: string }>(
      `select id::text from customers where current_school_id = $1 limit 3`,
      [schoolId],
    );
    expect(others.length).toBe(3);
    expect(own.length).toBeGreaterThan(0);
    const foreign = (await Promise.all(others.map((o) => idsOf(o.id)))).flat();
    const mine = (await Promise.all(own.map((o) => idsOf(o.id)))).flat();
    const candidates = routesWithIdsFor('school_officer');
    expect(candidates.length).toBeGreaterThan(0);
    const leaks: string[] = [];
    let ownReached = 0;
    for (const r of candidates) {
      for (const { table, id } of foreign) {
        const url = r.url.replace(/:[A-Za-z]+/g, id);
        const res = await officer.request(
          r.method,
          url,
          r.method === 'GET' || r.method === 'DELETE' ? undefined : {},
        );
        if (res.statusCode < 300) leaks.push(`${r.method} ${r.url} with ${table} ${id} → ${res.statusCode}`);
      }
      if (r.method === 'GET')
        for (const { id } of mine)
          if ((await officer.request('GET', r.url.replace(/:[A-Za-z]+/g, id))).statusCode < 300) ownReached++;
    }
    expect(leaks).toEqual([]);
    expect(ownReached, 'the officer does open their own students through the same routes').toBeGreaterThan(0);
    // The list is scoped too: every customer it returns is at the officer's school.
    const list = await officer.request('GET', '/api/v1/customers?limit=100');
    expect(list.statusCode).toBe(200);
    const listed = list.json<{ items: { id: string }[] }>().items.map((c) => c.id);
    if (listed.length) {
      const outside = await q(
        `select id from customers where id = any($1::uuid[]) and current_school_id is distinct from $2
           and not exists (select 1 from enrolments e where e.customer_id = customers.id and e.school_id = $2)`,
        [listed, schoolId],
      );
      expect(outside).toEqual([]);
    }
  });
});

describe('masked data stays masked without pii.read', () => {
  it(
    'shows no ID number or phone in clear on customer, loan and application reads',
    { timeout: 600_000 },
    async () => {
      // A customer with a loan and an application, and their personal data in clear (from the database).
      const [c] = await q<{ id: string; nid: string | null; phone: string | null; email: string | null }>(
        `select c.id::text, c.national_id_enc as nid, c.phone_enc as phone, null::text as email from customers c
        where exists (select 1 from loans l where l.customer_id = c.id)
          and c.national_id_enc is not null and c.phone_enc is not null
        order by (select count(*) from origination_applications a where a.customer_id = c.id) desc limit 1`,
      );
      expect(c).toBeDefined();
      const secrets = [c!.nid, c!.phone, c!.email]
        .filter((v): v is string => v !== null)
        .map((v) => deps.cipher.decrypt(v))
        .filter((v) => v.length >= 6);
      expect(secrets.length).toBeGreaterThanOrEqual(2);
      const ids = await idsOf(c!.id);
      const reads = (role: Role) =>
        routesWithIdsFor(role).filter(
          (r) =>
            r.method === 'GET' && /\/(customers|loans|applications)\//.test(r.url) && !/\/pii$/.test(r.url),
        );
      let checked = 0;
      for (const [username, role] of [
        ['agent', 'service_agent'],
        ['risk', 'risk_analyst'],
      ] as const) {
        expect(can([role], 'pii.read')).toBe(false);
        const s: Session = session(app);
        expect((await s.login(username, DEMO_PASSWORD)).statusCode).toBe(200);
        for (const r of reads(role)) {
          for (const { id } of ids) {
            const res = await s.request('GET', r.url.replace(/:[A-Za-z]+/g, id));
            if (res.statusCode >= 300) continue;
            checked++;
            const body = res.rawPayload.toString('utf8');
            for (const secret of secrets)
              expect(body.includes(secret), `${role} ${r.url} shows ${secret}`).toBe(false);
          }
        }
        // Asking to reveal is refused without the permission.
        const reveal = await s.request('GET', `/api/v1/customers/${c!.id}?reveal=true`);
        expect(reveal.statusCode === 403 || !secrets.some((x) => reveal.body.includes(x))).toBe(true);
      }
      expect(checked, 'some reads answered (the ids were the right kinds)').toBeGreaterThan(3);
      // Positive control: a role with pii.read does see them when revealing.
      const officer = session(app);
      await officer.login('officer', DEMO_PASSWORD);
      const shown = await officer.request('GET', `/api/v1/customers/${c!.id}?reveal=true`);
      expect(shown.statusCode).toBe(200);
      expect(secrets.some((x) => shown.body.includes(x))).toBe(true);
    },
  );
});
