// PMML scorecard import, champion and challenger scored side by side, and monitoring.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, session, testApp, type Session } from '../../../test/http-client.ts';
import { openTestDeps, type TestDeps, seedTestDemo } from '../../../test/test-deps.ts';

let deps: TestDeps;
let app: FastifyInstance;
let risk: Session;
let manager: Session;

const pmml = (initialScore: number) => `<?xml version="1.0"?>
<PMML xmlns="http://www.dmg.org/PMML-4_3" version="4.3">
  <DataDictionary>
    <DataField name="months_at_school" optype="continuous" dataType="double"/>
    <DataField name="major" optype="categorical" dataType="string"/>
  </DataDictionary>
  <Scorecard modelName="Campus Card" functionName="regression" initialScore="${initialScore}" useReasonCodes="true">
    <MiningSchema><MiningField name="months_at_school"/><MiningField name="major"/></MiningSchema>
    <Characteristics>
      <Characteristic name="tenure" reasonCode="T1">
        <Attribute partialScore="10"><SimplePredicate field="months_at_school" operator="lessOrEqual" value="12"/></Attribute>
        <Attribute partialScore="40"><SimplePredicate field="months_at_school" operator="greaterThan" value="12"/></Attribute>
      </Characteristic>
      <Characteristic name="majorScore" reasonCode="M1">
        <Attribute partialScore="35"><SimpleSetPredicate field="major" booleanOperator="isIn"><Array n="2" type="string">engineering medicine</Array></SimpleSetPredicate></Attribute>
        <Attribute partialScore="5"><True/></Attribute>
      </Characteristic>
    </Characteristics>
  </Scorecard>
</PMML>`;

beforeAll(async () => {
  deps = await openTestDeps();
  await seedTestDemo(deps);
  app = (await testApp(deps)).app;
  risk = session(app);
  await risk.login('risk', DEMO_PASSWORD);
  manager = session(app);
  await manager.login('manager', DEMO_PASSWORD);
}, 300_000);
afterAll(async () => {
  await app.close();
  await deps.dispose();
});

async function importAndActivate(initialScore: number, role: 'champion' | 'challenger'): Promise<string> {
  // A PMML document as it is (XML body), the name in the query string.
  const res = await risk.request(
    'POST',
    '/api/v1/risk/models/import-pmml?name=campus-card',
    pmml(initialScore),
    {
      'content-type': 'application/xml',
    },
  );
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  expect((await risk.request('POST', `/api/v1/risk/models/${id}/validate`, {})).statusCode).toBe(200);
  expect((await manager.request('POST', `/api/v1/risk/models/${id}/approve`, {})).statusCode).toBe(200);
  expect((await manager.request('POST', `/api/v1/risk/models/${id}/activate`, { role })).statusCode).toBe(
    200,
  );
  return id;
}

describe('PMML scorecards, champion and challenger', () => {
  it('imports a PMML scorecard as a draft that scores the points PMML gives', async () => {
    const res = await risk.request('POST', '/api/v1/risk/models/import-pmml', {
      pmml: pmml(500),
      name: 'pmml-try',
    });
    expect(res.statusCode, res.body).toBe(201);
    const model = res.json();
    expect([model.status, model.source, model.features]).toEqual([
      'draft',
      'imported',
      ['months_at_school', 'major'],
    ]);
    expect(model.description).toContain('months_at_school=T1');
    const score = async (attributes: Record<string, unknown>) =>
      (await risk.request('POST', '/api/v1/risk/score', { model: { id: model.id }, attributes })).json();
    expect((await score({ months_at_school: 12, major: 'engineering' })).score).toBe(545);
    const low = await score({ months_at_school: 13, major: 'history' });
    expect(low.score).toBe(545);
    expect(low.reasons[0]).toMatchObject({ feature: 'major', bin: 'M1: any other value', pointsLost: 30 });

    const bad = await risk.request('POST', '/api/v1/risk/models/import-pmml', {
      pmml: pmml(500).replace('lessOrEqual', 'isNotMissing'),
      name: 'pmml-bad',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({
      field: 'pmml',
      message: expect.stringContaining('isNotMissing'),
    });
    expect(
      (await manager.request('POST', '/api/v1/risk/models/import-pmml', { pmml: pmml(1) })).statusCode,
    ).toBe(403);
  });

  it('scores new applications with the champion and the challenger, stores both, and monitors them', async () => {
    const champion = await importAndActivate(500, 'champion');
    const challenger = await importAndActivate(520, 'challenger');
    for (const [ref, months, major] of [
      ['app-1', 24, 'engineering'],
      ['app-2', 6, 'history'],
      ['app-3', 30, 'medicine'],
    ] as const) {
      const r = await risk.request('POST', '/api/v1/risk/score', {
        model: { name: 'campus-card' },
        applicationRef: ref,
        attributes: { months_at_school: months, major },
      });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().model.id).toBe(champion);
      expect(r.json().challengers.map((c: { model: { id: string } }) => c.model.id)).toEqual([challenger]);
    }
    const stored = (await risk.request('GET', '/api/v1/risk/applications/app-2/scores')).json().items;
    expect(stored.map((s: { role: string; score: number }) => [s.role, s.score]).sort()).toEqual([
      ['challenger', 535],
      ['champion', 515],
    ]);

    const mon = (await risk.request('GET', '/api/v1/risk/monitoring?model=campus-card')).json();
    expect(
      mon.models.map((m: { model: { id: string; role: string } }) => [m.model.id, m.model.role]),
    ).toEqual([
      [champion, 'champion'],
      [challenger, 'challenger'],
    ]);
    const champ = mon.models[0];
    expect(champ.applications).toBe(3);
    expect(champ.meanScore).toBeCloseTo((575 + 515 + 575) / 3, 9);
    // Imported models have no development sample: no PSI. No application has become a loan yet.
    expect(champ.psi).toBeNull();
    expect(champ.grades.reduce((s: number, g: { applications: number }) => s + g.applications, 0)).toBe(3);
    expect(
      champ.grades.every(
        (g: { booked: number; realisedRate: null }) => g.booked === 0 && g.realisedRate === null,
      ),
    ).toBe(true);
  });
});
