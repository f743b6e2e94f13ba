import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, session, testApp, type Session } from '../../../test/http-client.ts';
import { openTestDeps, type TestDeps, seedTestDemo } from '../../../test/test-deps.ts';

let deps: TestDeps;
let app: FastifyInstance;
let admin: Session;

beforeAll(async () => {
  deps = await openTestDeps();
  await seedTestDemo(deps);
  app = (await testApp(deps)).app;
  admin = session(app);
  await admin.login('manager', DEMO_PASSWORD);
});
afterAll(async () => {
  await app.close();
  await deps.dispose();
});

describe('loan products', () => {
  it('lists the built-in templates, including the national student loan', async () => {
    const res = await admin.request('GET', '/api/v1/products/templates');
    const codes = res.json().items.map((t: { code: string }) => t.code);
    expect(codes).toEqual(expect.arrayContaining(['CN-NSL-HOME', 'US-DIRECT-SUB']));
  });

  it('installs the built-in catalogue as active version 1 on first start', async () => {
    const items = (await admin.request('GET', '/api/v1/products')).json().items;
    const nsl = items.find((p: { code: string }) => p.code === 'CN-NSL-HOME');
    expect(nsl).toMatchObject({ version: 1, status: 'active', name: { 'zh-CN': '生源地信用助学贷款' } });
  });

  it('copies a template as a new draft version, edits it, activates it and retires the previous one', async () => {
    const draft = await admin.request('POST', '/api/v1/products', { template: 'US-DIRECT-UNSUB' });
    expect(draft.statusCode).toBe(201);
    const v2 = draft.json();
    expect(v2).toMatchObject({
      code: 'US-DIRECT-UNSUB',
      version: 2,
      status: 'draft',
      basedOn: 'US-DIRECT-UNSUB',
    });

    const again = await admin.request('POST', '/api/v1/products', { template: 'US-DIRECT-UNSUB' });
    expect(again.statusCode).toBe(409);

    const edited = { ...v2.definition, name: { en: 'Our unsubsidised loan', 'zh-CN': '无补贴贷款' } };
    const put = await admin.request('PUT', '/api/v1/products/US-DIRECT-UNSUB/versions/2', {
      definition: edited,
    });
    expect(put.json().name.en).toBe('Our unsubsidised loan');

    expect(
      (await admin.request('POST', '/api/v1/products/US-DIRECT-UNSUB/versions/2/activate')).json().status,
    ).toBe('active');
    expect(
      (await admin.request('PUT', '/api/v1/products/US-DIRECT-UNSUB/versions/2', { definition: edited }))
        .statusCode,
    ).toBe(409);

    const v3 = await admin.request('POST', '/api/v1/products', {
      definition: { ...edited, defaultDaysPastDue: 360 },
    });
    expect(v3.json()).toMatchObject({ version: 3, status: 'draft' });
    expect((await admin.request('DELETE', '/api/v1/products/US-DIRECT-UNSUB/versions/3')).statusCode).toBe(
      204,
    );
    const history = (await admin.request('GET', '/api/v1/products/US-DIRECT-UNSUB')).json().items;
    expect(history.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [2, 'active'],
      [1, 'retired'],
    ]);
    const audit = await deps.database.query<{ action: string }>(
      `select action from audit_events where entity_type = 'product' and entity_id like 'US-DIRECT-UNSUB@%' and entity_id <> 'US-DIRECT-UNSUB@1' order by seq`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      'product.draft_created',
      'product.draft_updated',
      'product.activated',
      'product.draft_created',
      'product.draft_discarded',
    ]);
  });

  it('refuses an invalid definition naming the field, and stores nothing', async () => {
    const template = (await admin.request('GET', '/api/v1/products/templates')).json().items[0];
    const bad = {
      ...template,
      code: 'BAD-RATE',
      rate: { kind: 'fixed', annualRate: '1.5' },
      currency: 'XYZ',
    };
    const res = await admin.request('POST', '/api/v1/products', { definition: bad });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['definition.rate.annualRate', 'definition.currency']));
    expect((await admin.request('GET', '/api/v1/products/BAD-RATE')).statusCode).toBe(404);
  });

  it('lets loan officers read but not change products', async () => {
    const officer = session(app);
    await officer.login('officer', DEMO_PASSWORD);
    expect((await officer.request('GET', '/api/v1/products')).statusCode).toBe(200);
    expect((await officer.request('POST', '/api/v1/products', { template: 'CN-NSL-HOME' })).statusCode).toBe(
      403,
    );
  });
});
