import { readXlsxRecords, XLSX_MEDIA_TYPE } from '../../files/xlsx.ts';
import type { SegmentRule } from '@bursar/core';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../deps.ts';
import { DEMO_PASSWORD, session, testApp, type Session } from '../../../test/http-client.ts';
import { openTestDeps, type TestDeps, seedTestDemo } from '../../../test/test-deps.ts';
import { cnId } from './test-fixtures.ts';
import { closeCustomer, createCustomer } from './customers.service.ts';
import { countQuery } from './segments.compiler.ts';
import { countRule } from './segments.service.ts';
import type { CreateCustomerInput } from './customers.schema.ts';

let deps: TestDeps;
let app: FastifyInstance;
let manager: Session;
let risk: Session;
const ids: Record<string, string> = {};

let segCounter = 0;
const TAGGED: SegmentRule = { field: 'customer.tags', op: 'hasAny', value: ['segtest'] };

async function school(where: string): Promise<string> {
  const [r] = await deps.database.query<{ id: string }>(
    `select id from schools where ${where} order by name limit 1`,
  );
  return r!.id;
}

beforeAll(async () => {
  deps = await openTestDeps();
  await seedTestDemo(deps);
  app = (await testApp(deps)).app;
  manager = session(app);
  await manager.login('manager', DEMO_PASSWORD);
  risk = session(app);
  await risk.login('risk', DEMO_PASSWORD);
  const tsinghua = await school(`name_local = '清华大学'`);
  const poly = await school(`name_local = '金华职业技术学院'`);
  const us = await school(`country = 'US' and highest_level = 'doctoral'`);
  const people: Record<string, CreateCustomerInput> = {
    A: {
      legalName: '甲一',
      dateOfBirth: '2005-01-10',
      nationalId: cnId('2005-01-10', 901),
      address: { city: '北京', region: 'Beijing', country: 'CN' },
      tags: ['segtest', 'vip'],
      enrolment: {
        schoolId: tsinghua,
        level: 'undergraduate',
        startDate: '2023-09-01',
        expectedGraduationDate: '2027-07-01',
      },
      household: { size: 4, annualIncomeMinor: 400_000_00, currency: 'CNY' },
      creditRecord: { fileStatus: 'established', bureauScore: 720 },
      consents: [{ purpose: 'marketing', granted: true, source: 'web' }],
    },
    B: {
      legalName: '乙二',
      dateOfBirth: '2000-06-01',
      address: { city: '成都', region: 'Sichuan', country: 'CN' },
      tags: ['segtest'],
      enrolment: {
        schoolId: us,
        level: 'master',
        startDate: '2025-09-01',
        expectedGraduationDate: '2027-06-01',
      },
      household: {
        size: 5,
        annualIncomeMinor: 50_000_00,
        currency: 'CNY',
        needs: [{ code: 'orphan', verified: true }, { code: 'first_generation' }],
      },
      creditRecord: { fileStatus: 'none' },
      consents: [{ purpose: 'marketing', granted: false, source: 'paper' }],
    },
    C: {
      legalName: '丙三',
      dateOfBirth: '2006-12-31',
      address: { city: '广州', region: 'Guangdong', country: 'CN' },
      tags: ['segtest'],
      enrolment: {
        schoolId: poly,
        level: 'associate',
        startDate: '2025-09-01',
        expectedGraduationDate: '2028-07-01',
      },
      creditRecord: { fileStatus: 'established', bureauScore: 600, delinquencies: 1 },
    },
    D: {
      legalName: 'Dana Whitfield',
      dateOfBirth: '2003-03-03',
      status: 'prospect',
      address: { city: 'Austin', region: 'TX', country: 'US' },
      tags: ['segtest', 'alumni'],
      enrolment: {
        schoolId: us,
        level: 'undergraduate',
        startDate: '2022-09-01',
        expectedGraduationDate: '2026-12-15',
      },
      household: {
        size: 3,
        annualIncomeMinor: 90_000_00,
        currency: 'USD',
        needs: [{ code: 'disability', verified: true }],
      },
    },
    E: { legalName: '戊五', tags: ['segtest'] },
  };
  for (const [k, input] of Object.entries(people))
    ids[k] = (await createCustomer(deps, SYSTEM_ACTOR, input)).id;
  const adminActor = {
    userId: 'x',
    username: 'system',
    displayName: 'system',
    roles: ['admin' as const],
    permissions: new Set<never>(),
    mustEnrolTotp: false,
    sessionTokenHash: '',
    csrfToken: '',
    schoolId: null,
    customerId: null,
  };
  await closeCustomer(deps, SYSTEM_ACTOR, adminActor, ids.E!, 'test');
});
afterAll(async () => {
  await app.close();
  await deps.dispose();
});

async function members(rule: SegmentRule): Promise<string> {
  const res = await manager.request('POST', '/api/v1/segments/preview', { rule: { and: [TAGGED, rule] } });
  expect(res.statusCode, res.body).toBe(200);
  const seg = await manager.request('POST', '/api/v1/segments', {
    name: `t-${++segCounter}`,
    rule: { and: [TAGGED, rule] },
  });
  const listed = (
    await manager.request('GET', `/api/v1/customers?segmentId=${seg.json().id}&limit=200`)
  ).json().items as { id: string }[];
  const names = Object.entries(ids)
    .filter(([, id]) => listed.some((c) => c.id === id))
    .map(([k]) => k)
    .join('');
  expect(res.json().count, `count of ${JSON.stringify(rule)}`).toBe(names.length);
  return names;
}

describe('segment rules compile to SQL and select the right customers', () => {
  const cases: [SegmentRule, string][] = [
    [{ field: 'customer.status', op: 'eq', value: 'active' }, 'ABC'],
    [{ field: 'customer.status', op: 'neq', value: 'active' }, 'DE'],
    [{ field: 'enrolment.level', op: 'in', value: ['master', 'doctoral'] }, 'B'],
    [{ field: 'enrolment.level', op: 'notIn', value: ['undergraduate'] }, 'BCE'],
    [{ field: 'customer.city', op: 'contains', value: '都' }, 'B'],
    [{ field: 'customer.region', op: 'startsWith', value: 'guang' }, 'C'],
    [{ field: 'customer.age', op: 'gt', value: 21 }, 'BD'],
    [{ field: 'customer.age', op: 'gte', value: 21 }, 'ABD'],
    [{ field: 'customer.age', op: 'lt', value: 21 }, 'C'],
    [{ field: 'customer.age', op: 'lte', value: 21 }, 'AC'],
    [{ field: 'customer.age', op: 'eq', value: 19 }, 'C'],
    [{ field: 'customer.age', op: 'neq', value: 21 }, 'BCDE'],
    [{ field: 'customer.age', op: 'between', value: [20, 23] }, 'AD'],
    [{ field: 'customer.age', op: 'in', value: [19, 26] }, 'BC'],
    [{ field: 'customer.dateOfBirth', op: 'isNull' }, 'E'],
    [{ field: 'customer.dateOfBirth', op: 'between', value: ['2003-01-01', '2005-12-31'] }, 'AD'],
    [{ field: 'enrolment.schoolId', op: 'isNotNull' }, 'ABCD'],
    [{ field: 'enrolment.schoolCountry', op: 'eq', value: 'US' }, 'BD'],
    [{ field: 'credit.bureauScore', op: 'gt', value: 650 }, 'A'],
    [{ field: 'credit.bureauScore', op: 'lt', value: 650 }, 'C'],
    [{ field: 'credit.bureauScore', op: 'lte', value: 600 }, 'C'],
    [{ field: 'credit.bureauScore', op: 'gte', value: 600 }, 'AC'],
    [{ field: 'household.needIndicators', op: 'hasAny', value: ['orphan', 'disability'] }, 'BD'],
    [{ field: 'household.needIndicators', op: 'hasAll', value: ['orphan', 'first_generation'] }, 'B'],
    [{ field: 'household.needIndicators', op: 'isEmpty' }, 'ACE'],
    [{ field: 'household.needIndicators', op: 'isNotEmpty' }, 'BD'],
    [{ field: 'customer.tags', op: 'hasNone', value: ['vip'] }, 'BCDE'],
    [{ field: 'household.perCapitaIncome', op: 'gte', value: 100_000_00 }, 'A'],
    [{ field: 'consent.marketing', op: 'eq', value: true }, 'A'],
    [{ field: 'consent.marketing', op: 'eq', value: false }, 'BCDE'],
    [{ field: 'class.economicStatus', op: 'eq', value: 'financial_need' }, 'BD'],
    [{ field: 'class.loanNeed', op: 'eq', value: 'study_abroad' }, 'B'],
    [{ field: 'class.creditRecord', op: 'eq', value: 'adverse' }, 'C'],
    [{ field: 'customer.tags', op: 'hasAll', value: ['segtest', 'alumni'] }, 'D'],
    [{ not: { field: 'credit.bureauScore', op: 'gt', value: 650 } }, 'BCDE'],
    [
      {
        and: [
          {
            or: [
              { field: 'enrolment.level', op: 'eq', value: 'master' },
              { field: 'customer.city', op: 'contains', value: '京' },
            ],
          },
          { not: { field: 'consent.marketing', op: 'eq', value: true } },
        ],
      },
      'B',
    ],
    [{ or: [{ field: 'customer.gender', op: 'isNull' }, { not: { and: [TAGGED] } }] }, 'ABCDE'],
  ];
  it.each(cases)('%j → %s', async (rule, expected) => {
    expect(await members(rule)).toBe(expected);
  });

  it('binds every value as a parameter: nothing from the rule reaches the SQL text', () => {
    const evil = "x'; drop table customers; --";
    const q = new PgDialect().sqlToQuery(
      countQuery(
        {
          or: [
            { field: 'customer.city', op: 'eq', value: evil },
            { field: 'customer.tags', op: 'hasAny', value: [evil] },
          ],
        },
        '2026-09-01',
      ),
    );
    expect(q.sql).not.toContain('drop table');
    expect(q.params).toContain(evil);
    expect(q.sql.match(/select/gi)).toHaveLength(1);
  });

  it('names the wrong part of a rule in a 400', async () => {
    const res = await manager.request('POST', '/api/v1/segments/preview', {
      rule: {
        and: [
          { field: 'customer.nationalId', op: 'eq', value: '1' },
          { not: { field: 'customer.age', op: 'gt', value: 'old' } },
        ],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'rule.and.0.field',
      'rule.and.1.not.value',
    ]);
  });
});

describe('saved segments', () => {
  it('snapshots membership with a date and exports it masked, or unmasked with pii.read', async () => {
    const created = await manager.request('POST', '/api/v1/segments', {
      name: 'Financial need, segtest',
      rule: { and: [TAGGED, { field: 'class.economicStatus', op: 'eq', value: 'financial_need' }] },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const snap = await manager.request('POST', `/api/v1/segments/${id}/snapshots`);
    expect(snap.json()).toMatchObject({
      memberCount: 2,
      takenAt: '2026-09-01T09:00:00.000Z',
      takenBy: 'manager',
    });
    // A new member joins the live segment, not the snapshot.
    await createCustomer(deps, SYSTEM_ACTOR, {
      legalName: '己六',
      nationalId: cnId('2004-04-04', 902),
      phone: '13512345678',
      tags: ['segtest'],
      household: { size: 2, annualIncomeMinor: 10_000_00, currency: 'CNY' },
    });
    expect((await manager.request('GET', `/api/v1/segments/${id}/count`)).json().count).toBe(3);
    const old = await manager.request(
      'GET',
      `/api/v1/segments/${id}/export.csv?snapshotId=${snap.json().id}`,
    );
    expect(old.statusCode).toBe(200);
    expect(old.body.trim().split('\n')).toHaveLength(3);
    const live = await manager.request('GET', `/api/v1/segments/${id}/export.csv`);
    expect(live.headers['content-type']).toContain('text/csv');
    expect(live.body).toContain('135****5678');
    expect(live.body).not.toContain('13512345678');
    expect(live.body).toMatch(/110\*{11}\d{3}[\dX]/);
    const revealed = await manager.request('GET', `/api/v1/segments/${id}/export.csv?reveal=true`);
    expect(revealed.body).toContain('13512345678');
    expect((await risk.request('GET', `/api/v1/segments/${id}/export.csv?reveal=true`)).statusCode).toBe(403);
    expect((await risk.request('GET', `/api/v1/segments/${id}/export.csv`)).statusCode).toBe(200);
    const xlsx = await manager.request('GET', `/api/v1/segments/${id}/export.xlsx`);
    expect(xlsx.headers['content-type']).toBe(XLSX_MEDIA_TYPE);
    const sheet = await readXlsxRecords(xlsx.rawPayload);
    expect(sheet).toHaveLength(4);
    expect(sheet.flatMap((r) => r.cells)).toContain('135****5678');
    expect(sheet.flatMap((r) => r.cells)).not.toContain('13512345678');
    const actions = (
      await deps.database.query<{ action: string }>(
        `select action from audit_events where entity_id = $1 order by seq`,
        [id],
      )
    ).map((r) => r.action);
    expect(actions).toEqual([
      'segment.created',
      'segment.snapshot_taken',
      'segment.exported',
      'segment.exported',
      'segment.exported',
      'customer.pii_read',
      'segment.exported',
      'segment.exported',
    ]);
  });

  it('counts in one query', async () => {
    const r = await countRule(deps, { field: 'customer.status', op: 'eq', value: 'active' });
    expect(r.count).toBeGreaterThan(40);
  });
});
