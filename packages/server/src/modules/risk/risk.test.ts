import { writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seededRandom } from '@bursar/core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_PASSWORD, session, testApp, type Session } from '../../../test/http-client.ts';
import { openTestDeps, type TestDeps, seedTestDemo } from '../../../test/test-deps.ts';
import { parseCsvTable, riskTrainCli, scoreApplication } from './index.ts';

let deps: TestDeps;
let app: FastifyInstance;
let analyst: Session;
let manager: Session;
let admin: Session;
let officer: Session;
let auditor: Session;

/** A synthetic applicant file: income and study level drive default; sex is protected. */
function applicantsCsv(n: number, seed: number): string {
  const random = seededRandom(seed);
  const lines = ['income,study_level,months_at_address,sex,outcome'];
  for (let i = 0; i < n; i++) {
    const income = Math.round(random() * 100);
    const level = ['vocational', 'undergraduate, full-time', 'master'][Math.floor(random() * 3)]!;
    const months = random() < 0.1 ? '' : String(Math.floor(random() * 120));
    const sex = random() < 0.5 ? 'female' : 'male';
    const z = -0.3 - income / 35 + (level === 'vocational' ? 1 : level === 'master' ? -0.8 : 0);
    const bad = random() < 1 / (1 + Math.exp(-z));
    lines.push(`${income},"${level}",${months},${sex},${bad ? 'default' : 'repaid'}`);
  }
  return lines.join('\r\n') + '\r\n';
}

const CSV = applicantsCsv(800, 11);

const csvPost = (s: Session, url: string, body: string) =>
  s.request('POST', url, body, { 'content-type': 'text/csv' });

async function modelCount(): Promise<number> {
  const [row] = await deps.database.query<{ n: number }>(
    'select count(*)::int as n from risk_scorecard_models',
  );
  return row!.n;
}

beforeAll(async () => {
  deps = await openTestDeps();
  await seedTestDemo(deps);
  app = (await testApp(deps)).app;
  [analyst, manager, admin, officer, auditor] = [
    session(app),
    session(app),
    session(app),
    session(app),
    session(app),
  ];
  await analyst.login('risk', DEMO_PASSWORD);
  await manager.login('manager', DEMO_PASSWORD);
  await admin.login('admin', DEMO_PASSWORD);
  await officer.login('officer', DEMO_PASSWORD);
  await auditor.login('auditor', DEMO_PASSWORD);
});
afterAll(async () => {
  await app.close();
  await deps.dispose();
});

describe('CSV parsing', () => {
  it('reads quoted fields with commas, doubled quotes and CRLF', () => {
    const t = parseCsvTable('\ufeffa,b\r\n"x, y","say ""hi"""\r\n\r\n1,2\r\n');
    expect(t.columns).toEqual(['a', 'b']);
    expect(t.rows).toEqual([
      ['x, y', 'say "hi"'],
      ['1', '2'],
    ]);
  });
});

describe('training through the API', () => {
  let modelId: string;

  it('trains from a text/csv upload, saves a draft and audits it', async () => {
    const res = await csvPost(
      analyst,
      '/api/v1/risk/models/train?target=outcome&bad=default&folds=5&name=student-app',
      CSV,
    );
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      folds: 5,
      rows: 800,
      protectedAttributes: ['sex'],
      model: { name: 'student-app', version: 1, status: 'draft', source: 'trained', createdBy: 'risk' },
    });
    expect(body.auc).toBeGreaterThan(0.7);
    expect(body.gini).toBeCloseTo(2 * body.auc - 1, 9);
    expect(body.features.map((f: { name: string }) => f.name)).toEqual(
      expect.arrayContaining(['income', 'study_level']),
    );
    expect(body.features.map((f: { name: string }) => f.name)).not.toContain('sex');
    modelId = body.model.id;

    const model = (await analyst.request('GET', `/api/v1/risk/models/${modelId}`)).json();
    const study = model.definition.features.find((f: { name: string }) => f.name === 'study_level');
    expect(study.bins.flatMap((b: { levels?: string[] }) => b.levels ?? [])).toContain(
      'undergraduate, full-time',
    );
    expect(model.metrics.calibration).toHaveLength(10);
    expect(model.metrics.roc.length).toBeGreaterThan(10);
    expect(model.metrics.fairness[0].attribute).toBe('sex');
    expect(model.training).toMatchObject({ target: 'outcome', bad: 'default', folds: 5, rows: 800 });

    const audit = await deps.database.query<{ action: string }>(
      `select action from audit_events where entity_type = 'scorecard_model'`,
    );
    expect(audit.map((a) => a.action)).toEqual(['risk.model_trained']);
  });

  it('trains from JSON with the CSV inside, as the next version of the name', async () => {
    const res = await analyst.request('POST', '/api/v1/risk/models/train', {
      csv: CSV,
      target: 'outcome',
      bad: 'default',
      folds: 3,
      exclude: ['months_at_address'],
      name: 'student-app',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ folds: 3, excluded: ['months_at_address'], model: { version: 2 } });
  });

  it('refuses bad input naming the problem, and saves nothing', async () => {
    const before = await modelCount();
    const cases: [string, string, string][] = [
      ['target=result&bad=default', CSV, 'target'],
      ['target=outcome&bad=written-off', CSV, 'bad'],
      ['target=outcome&bad=default&exclude=salary', CSV, 'exclude'],
      ['target=outcome&bad=default&folds=5', CSV.split('\r\n').slice(0, 4).join('\n'), 'data'],
      ['target=outcome&bad=default', CSV.replace(/\r\n(\d+),/, '\r\nlots,'), 'data.income'],
      ['target=outcome&bad=default', 'a,b\n"unclosed,1\n', 'data'],
    ];
    for (const [query, csv, field] of cases) {
      const res = await csvPost(analyst, `/api/v1/risk/models/train?${query}`, csv);
      expect(res.statusCode, `${query}: ${res.body}`).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const missingTarget = await csvPost(analyst, '/api/v1/risk/models/train?bad=default', CSV);
    expect(missingTarget.statusCode).toBe(400);
    expect(await modelCount()).toBe(before);
  });

  it('lets only risk analysts (and admins) train', async () => {
    expect(
      (await csvPost(manager, '/api/v1/risk/models/train?target=outcome&bad=default', CSV)).statusCode,
    ).toBe(403);
    expect(
      (await csvPost(officer, '/api/v1/risk/models/train?target=outcome&bad=default', CSV)).statusCode,
    ).toBe(403);
    expect((await auditor.request('GET', '/api/v1/risk/models')).statusCode).toBe(200);
  });

  it('governs the model: validate, four-eyes approval, champion, challenger, retire', async () => {
    const post = (s: Session, url: string, body: unknown = {}) => s.request('POST', url, body);
    expect((await post(manager, `/api/v1/risk/models/${modelId}/approve`)).json().type).toBe(
      '/problems/invalid-model-state',
    );
    expect(
      (
        await post(analyst, `/api/v1/risk/models/${modelId}/validate`, { note: 'CV and hold-out reviewed' })
      ).json(),
    ).toMatchObject({ status: 'validated', validatedBy: 'risk' });
    // The analyst may not approve at all; an admin who trains and validates may not approve their own model.
    expect((await post(analyst, `/api/v1/risk/models/${modelId}/approve`)).statusCode).toBe(403);
    const approved = await post(manager, `/api/v1/risk/models/${modelId}/approve`);
    expect(approved.json()).toMatchObject({ status: 'approved', approvedBy: 'manager' });
    expect(
      (await post(manager, `/api/v1/risk/models/${modelId}/activate`, { role: 'champion' })).json(),
    ).toMatchObject({ status: 'active', role: 'champion' });

    const own = (
      await csvPost(admin, '/api/v1/risk/models/train?target=outcome&bad=default&name=admin-own', CSV)
    ).json().model.id;
    await post(admin, `/api/v1/risk/models/${own}/validate`);
    const refused = await post(admin, `/api/v1/risk/models/${own}/approve`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().type).toBe('/problems/four-eyes');

    // Version 2 as challenger: scored alongside, never deciding.
    const v2 = (await analyst.request('GET', '/api/v1/risk/models'))
      .json()
      .items.find((m: { name: string; version: number }) => m.name === 'student-app' && m.version === 2);
    await post(analyst, `/api/v1/risk/models/${v2.id}/validate`);
    await post(manager, `/api/v1/risk/models/${v2.id}/approve`);
    expect(
      (await post(manager, `/api/v1/risk/models/${v2.id}/activate`, { role: 'challenger' })).json().role,
    ).toBe('challenger');

    const scored = await officer.request('POST', '/api/v1/risk/score', {
      model: { name: 'student-app' },
      applicationRef: 'APP-1',
      attributes: { income: 12, study_level: 'vocational', months_at_address: '', sex: 'female' },
    });
    expect(scored.statusCode, scored.body).toBe(200);
    const s = scored.json();
    expect(s.model).toMatchObject({ name: 'student-app', version: 1, role: 'champion' });
    expect(s.challengers.map((c: { model: { version: number } }) => c.model.version)).toEqual([2]);
    expect(s.stored).toBe(true);
    expect(s.pd).toBeGreaterThan(0.3);
    expect(['D', 'E']).toContain(s.grade);
    expect(s.reasons[0].pointsLost).toBeGreaterThan(0);
    expect(s.reasons.map((r: { feature: string }) => r.feature)).toContain('income');
    const stored = (await officer.request('GET', '/api/v1/risk/applications/APP-1/scores')).json().items;
    expect(stored.map((r: { role: string }) => r.role).sort()).toEqual(['challenger', 'champion']);

    // Promoting the challenger demotes the champion.
    await post(manager, `/api/v1/risk/models/${v2.id}/activate`, { role: 'champion' });
    const roles = (await analyst.request('GET', '/api/v1/risk/models'))
      .json()
      .items.filter((m: { name: string }) => m.name === 'student-app')
      .map((m: { version: number; role: string }) => [m.version, m.role]);
    expect(roles).toEqual([
      [2, 'champion'],
      [1, 'challenger'],
    ]);
    expect(
      (await post(manager, `/api/v1/risk/models/${modelId}/retire`, { note: 'superseded' })).json(),
    ).toMatchObject({ status: 'retired', role: null });
    expect(
      (await officer.request('POST', '/api/v1/risk/score', { model: { id: modelId }, attributes: {} })).json()
        .type,
    ).toBe('/problems/model-retired');

    const audit = await deps.database.query<{ action: string }>(
      `select action from audit_events where entity_type = 'scorecard_model' and entity_id = 'student-app@1' order by seq`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      'risk.model_trained',
      'risk.model_validated',
      'risk.model_approved',
      'risk.model_activated_champion',
      'risk.model_retired',
    ]);
  });

  it('scores from the module surface, refusing a non-numeric value by field', async () => {
    const r = await scoreApplication(
      deps,
      { name: 'student-app' },
      { income: 90, study_level: 'master', months_at_address: 60 },
    );
    expect(r.score).toBeGreaterThan(500);
    expect(r.stored).toBe(false);
    const bad = await officer.request('POST', '/api/v1/risk/score', {
      model: { name: 'student-app' },
      attributes: { income: 'plenty' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('attributes.income');
  });

  it('reports fairness over stored scores by protected group, outside the model', async () => {
    const random = seededRandom(5);
    for (let i = 0; i < 40; i++) {
      await scoreApplication(
        deps,
        { name: 'student-app' },
        {
          income: Math.round(random() * 100),
          study_level: 'master',
          months_at_address: 12,
          sex: i % 2 ? 'female' : 'male',
        },
        { applicationRef: `F-${i}` },
      );
    }
    const res = await auditor.request('GET', '/api/v1/risk/fairness?model=student-app');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.cutoffScore).toEqual(expect.any(Number));
    const sex = body.reports.find((r: { attribute: string }) => r.attribute === 'sex');
    expect(sex.groups.map((g: { group: string }) => g.group)).toEqual(['female', 'male']);
    expect(Math.max(...sex.groups.map((g: { adverseImpactRatio: number }) => g.adverseImpactRatio))).toBe(1);
  });

  it('evaluates a model on a new file: PSI, realised against predicted, fairness', async () => {
    const models = (await analyst.request('GET', '/api/v1/risk/models')).json().items;
    const v2 = models.find(
      (m: { name: string; version: number }) => m.name === 'student-app' && m.version === 2,
    );
    const res = await csvPost(
      analyst,
      `/api/v1/risk/models/${v2.id}/evaluate?target=outcome&bad=default`,
      applicantsCsv(400, 99),
    );
    expect(res.statusCode, res.body).toBe(200);
    const e = res.json();
    expect(e.rows).toBe(400);
    expect(e.psi).toBeLessThan(0.1);
    expect(e.discrimination.auc).toBeGreaterThan(0.7);
    expect(e.fairness[0].attribute).toBe('sex');
  });
});

describe('import', () => {
  const definition = {
    basePoints: 450,
    features: [
      {
        name: 'gpa',
        kind: 'numeric',
        bins: [
          { label: '< 2.5', lower: null, upper: 2.5, points: 5 },
          { label: '>= 2.5', lower: 2.5, upper: null, points: 45 },
          { label: 'missing', missing: true, points: 15 },
        ],
      },
      {
        name: 'cosigner',
        kind: 'categorical',
        bins: [
          { label: 'yes', levels: ['yes'], points: 40 },
          { label: 'no', levels: ['no'], other: true, points: 0 },
        ],
      },
    ],
    grades: {
      by: 'score',
      bands: [
        { grade: 'A', minScore: 520 },
        { grade: 'B', minScore: 480 },
        { grade: 'C', minScore: null },
      ],
    },
  };

  it('imports a scorecard built elsewhere as a draft and scores with it', async () => {
    const res = await analyst.request('POST', '/api/v1/risk/models/import', {
      name: 'bureau-card',
      definition,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'draft', source: 'imported', version: 1, metrics: null });
    const scored = await analyst.request('POST', '/api/v1/risk/score', {
      model: { id: res.json().id },
      attributes: { gpa: 3.1, cosigner: 'no' },
    });
    expect(scored.json()).toMatchObject({ score: 495, grade: 'B' });
    expect(scored.json().reasons).toEqual([{ feature: 'cosigner', bin: 'no', points: 0, pointsLost: 40 }]);
  });

  it('refuses a protected attribute as a feature, naming the field', async () => {
    const bad = {
      ...definition,
      features: [
        ...definition.features,
        { name: 'age', kind: 'numeric', bins: [{ label: 'all', lower: null, upper: null, points: 0 }] },
      ],
    };
    const res = await analyst.request('POST', '/api/v1/risk/models/import', {
      name: 'bureau-card',
      definition: bad,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain('definition.features.2.name');
  });
});

describe('bursar risk train (CLI)', () => {
  it('prints the contract JSON and saves a draft; bad input exits 2 and saves nothing', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bursar-risk-'));
    const file = path.join(dir, 'applicants.csv');
    writeFileSync(file, CSV);
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const before = await modelCount();
      expect(
        await riskTrainCli({ data: file, target: 'outcome', bad: 'default', folds: '4', json: true }, (fn) =>
          fn(deps),
        ),
      ).toBe(0);
      const json = JSON.parse(out.join(''));
      expect(json).toMatchObject({ folds: 4, rows: 800, model: { name: 'applicants', status: 'draft' } });
      expect(
        json.features.every(
          (f: { name: string; iv: number }) => typeof f.name === 'string' && typeof f.iv === 'number',
        ),
      ).toBe(true);
      expect(await modelCount()).toBe(before + 1);
      expect(
        await riskTrainCli({ data: file, target: 'outcome', bad: 'default', exclude: 'nope' }, (fn) =>
          fn(deps),
        ),
      ).toBe(2);
      expect(await riskTrainCli({ data: file, target: 'missing', bad: 'default' }, (fn) => fn(deps))).toBe(2);
      expect(await modelCount()).toBe(before + 1);
    } finally {
      spy.mockRestore();
      err.mockRestore();
    }
  });
});
