// The surveys module end to end over HTTP: design and publish, waves and invitations, the public
// signed-link page (partial save, one submission), phone entry, the closed loop through the
// service desk, reports with PDF and XLSX exports, improvement actions and verification waves.
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { studentLoanSatisfactionTemplate, type Answers } from '@bursar/core';
import { rowsOf } from '../../db/database.ts';
import { SYSTEM_ACTOR } from '../../deps.ts';
import { DEMO_PASSWORD, session, testApp, type Session } from '../../../test/http-client.ts';
import { openTestDeps, type TestDeps } from '../../../test/test-deps.ts';
import { seedDemoCustomers } from '../customers/index.ts';
import { createUser } from '../identity/index.ts';
import { seedDemoSurveys } from './demo-seed.ts';
import { surveyToken } from './links.ts';
import { addToTriggeredWaves, journeySurveyHook, sendReminders } from './waves.service.ts';

let deps: TestDeps;
let app: FastifyInstance;
let manager: Session;
let agent: Session;
let anonymous: Session;
let customers: string[];

/** A full answer set: every dimension item `item`, overall `overall`, NPS `nps`. */
function fullAnswers(item: number, overall: number, nps: number, comment?: string): Answers {
  const def = studentLoanSatisfactionTemplate().definition;
  const a: Answers = {};
  for (const d of def.dimensions) for (let i = 1; i <= 3; i++) a[`${d.code}_${i}`] = item;
  a.overall = overall;
  a.nps = nps;
  if (comment) a.comment = comment;
  return a;
}

beforeAll(async () => {
  deps = await openTestDeps();
  // Only what the surveys need (the whole demo portfolio is slow): customers, three staff, a student.
  const demo = await seedDemoCustomers(deps, SYSTEM_ACTOR, 40);
  for (const [username, role] of [
    ['manager', 'manager'],
    ['agent', 'service_agent'],
    ['student', 'student'],
  ] as const)
    await createUser(deps, SYSTEM_ACTOR, {
      username,
      displayName: username,
      password: DEMO_PASSWORD,
      roles: [role],
      ...(role === 'student' ? { customerId: demo.studentCustomerId } : {}),
    });
  await seedDemoSurveys(deps);
  app = (await testApp(deps)).app;
  manager = session(app);
  await manager.login('manager', DEMO_PASSWORD);
  agent = session(app);
  await agent.login('agent', DEMO_PASSWORD);
  anonymous = session(app);
  customers = (
    await rowsOf<{ id: string }>(
      deps.database.db,
      sql`select id from customers order by created_at desc, id limit 12`,
    )
  ).map((r) => r.id);
  // Seeding is slow on a busy machine; the tests themselves are quick.
}, 600_000);
afterAll(async () => {
  await app.close();
  await deps.dispose();
});

let versionId: string;
let waveId: string;

describe('designing a survey', () => {
  it('creates a draft from the template, validates edits, publishes, and freezes the published version', async () => {
    const created = await manager.request('POST', '/api/v1/surveys', {
      code: 'exit-survey',
      name: { en: 'Exit survey', 'zh-CN': '结清调查' },
      template: 'student-loan-satisfaction',
    });
    expect(created.statusCode).toBe(201);
    versionId = created.json().id;
    const def = created.json().definition;
    expect(def.dimensions).toHaveLength(6);

    const bad = await manager.request('PUT', `/api/v1/surveys/versions/${versionId}`, {
      definition: {
        ...def,
        sections: [{ ...def.sections[0], questions: [{ ...def.sections[0].questions[0], type: 'nps' }] }],
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toMatch(/^definition\.sections\.0\.questions\.0\.dimension/);

    expect((await manager.request('POST', `/api/v1/surveys/versions/${versionId}/publish`)).statusCode).toBe(
      200,
    );
    const frozen = await manager.request('PUT', `/api/v1/surveys/versions/${versionId}`, { definition: def });
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json().type).toBe('/problems/survey-version-published');
    expect(
      (
        await manager.request('POST', '/api/v1/surveys', {
          code: 'exit-survey',
          name: { en: 'x', 'zh-CN': 'x' },
          template: 'student-loan-satisfaction',
        })
      ).statusCode,
    ).toBe(409);
  });

  it('keeps students away from the staff API', async () => {
    const student = session(app);
    await student.login('student', DEMO_PASSWORD);
    expect((await student.request('GET', '/api/v1/surveys')).statusCode).toBe(403);
  });
});

describe('responding through a signed link', () => {
  it('opens a wave, invites by e-mail through the outbox, and serves the page without a login', async () => {
    const w = await manager.request('POST', '/api/v1/surveys/waves', {
      code: 'exit-2026',
      name: 'Exit 2026',
      versionId,
      kind: 'manual',
      channel: 'email',
      reminderAfterDays: 2,
    });
    expect(w.statusCode).toBe(201);
    waveId = w.json().id;
    expect((await manager.request('POST', `/api/v1/surveys/waves/${waveId}/open`)).json().status).toBe(
      'open',
    );
    const inv = await manager.request('POST', `/api/v1/surveys/waves/${waveId}/invitations`, {
      customerId: customers[0],
    });
    expect(inv.json()).toMatchObject({ invited: true });
    const again = await manager.request('POST', `/api/v1/surveys/waves/${waveId}/invitations`, {
      customerId: customers[0],
    });
    expect(again.json()).toEqual({ invited: false, invitationId: null, reason: 'already-invited' });
    const msgs = await rowsOf<{ n: number }>(
      deps.database.db,
      sql`select count(*)::int as n from engagement_messages where source_kind = 'survey-invitation' and source_id = ${inv.json().invitationId}`,
    );
    expect(msgs[0]!.n).toBe(1);

    const token = surveyToken(deps, inv.json().invitationId);
    const page = await anonymous.request('GET', `/api/v1/surveys/s/${token}`);
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ status: 'open', answers: {} });
    expect((await anonymous.request('GET', `/api/v1/surveys/s/${token.slice(0, -2)}xx`)).statusCode).toBe(
      404,
    );

    // Partial answers are kept; a submission with gaps names the missing fields.
    const partial = await anonymous.request('PUT', `/api/v1/surveys/s/${token}`, {
      answers: { application_1: 4 },
      submit: false,
    });
    expect(partial.json()).toEqual({ status: 'partial' });
    expect((await anonymous.request('GET', `/api/v1/surveys/s/${token}`)).json().answers).toEqual({
      application_1: 4,
    });
    const gaps = await anonymous.request('PUT', `/api/v1/surveys/s/${token}`, {
      answers: { application_1: 4 },
      submit: true,
    });
    expect(gaps.statusCode).toBe(400);
    expect(gaps.json().errors.map((e: { field: string }) => e.field)).toContain('answers.overall');

    // A detractor's submission opens a follow-up ticket at the service desk.
    const done = await anonymous.request('PUT', `/api/v1/surveys/s/${token}`, {
      answers: { ...fullAnswers(3, 3, 4, 'App keeps crashing'), main_issue: 'platform' },
      submit: true,
    });
    expect(done.json()).toEqual({ status: 'complete' });
    const twice = await anonymous.request('PUT', `/api/v1/surveys/s/${token}`, {
      answers: fullAnswers(5, 5, 10),
      submit: true,
    });
    expect(twice.statusCode).toBe(409);
    expect((await anonymous.request('GET', `/api/v1/surveys/s/${token}`)).json().status).toBe('completed');

    const loop = (await manager.request('GET', '/api/v1/surveys/follow-ups')).json().items;
    const mine = loop.find(
      (f: { customerId: string; waveId: string }) => f.customerId === customers[0] && f.waveId === waveId,
    );
    expect(mine).toMatchObject({ reason: 'detractor', status: 'open' });
    expect(mine.ticketReference).toBeTruthy();
    const ticket = await rowsOf<{ type: string; customer_id: string }>(
      deps.database.db,
      sql`select type, customer_id from desk_tickets where id = ${mine.ticketId}`,
    );
    expect(ticket[0]).toEqual({ type: 'complaint', customer_id: customers[0] });

    // The agent records the result of the call-back.
    const result = await agent.request('POST', `/api/v1/surveys/follow-ups/${mine.id}/result`, {
      outcome: 'resolved',
      result: 'Called back; app 3.2 fixes the crash',
    });
    expect(result.json()).toMatchObject({ status: 'closed', outcome: 'resolved', closedBy: 'agent' });
  });

  it('takes phone interviews keyed in by staff, mode recorded, low scores looped', async () => {
    const r = await agent.request('POST', `/api/v1/surveys/waves/${waveId}/responses`, {
      customerId: customers[1],
      mode: 'phone',
      answers: fullAnswers(2, 1, 8),
    });
    expect(r.statusCode).toBe(201);
    expect(r.json().followUp).toBe(true);
    const happy = await agent.request('POST', `/api/v1/surveys/waves/${waveId}/responses`, {
      customerId: customers[2],
      mode: 'paper',
      answers: fullAnswers(5, 5, 10, '客服态度很好'),
    });
    expect(happy.json().followUp).toBe(false);
    const invs = (await manager.request('GET', `/api/v1/surveys/waves/${waveId}/invitations`)).json().items;
    expect(invs.map((i: { mode: string }) => i.mode).sort()).toEqual(['email', 'paper', 'phone']);
  });

  it('reminds non-responders once the reminder delay has passed', async () => {
    await manager.request('POST', `/api/v1/surveys/waves/${waveId}/invitations`, {
      customerId: customers[3],
    });
    const reminded = async () =>
      (await manager.request('GET', `/api/v1/surveys/waves/${waveId}/invitations`))
        .json()
        .items.find((i: { customerId: string }) => i.customerId === customers[3]).remindersSent;
    await sendReminders(deps); // the demo's older waves may be due; this invitation is not
    expect(await reminded()).toBe(0);
    deps.advance(3 * 86_400_000);
    // Sessions do not outlive three idle days: sign in again.
    await manager.login('manager', DEMO_PASSWORD);
    await agent.login('agent', DEMO_PASSWORD);
    expect(await sendReminders(deps)).toBeGreaterThanOrEqual(1);
    expect(await reminded()).toBe(1);
    // Answered invitations are never reminded: the e-mail respondent's count stays 0.
    const invs = (await manager.request('GET', `/api/v1/surveys/waves/${waveId}/invitations`)).json().items;
    expect(invs.find((i: { customerId: string }) => i.customerId === customers[0]).remindersSent).toBe(0);
  });
});

describe('event-fed waves, sampling and quotas', () => {
  it('adds a resolved ticket’s customer to the waiting wave, within its quota', async () => {
    const w = await manager.request('POST', '/api/v1/surveys/waves', {
      code: 'after-ticket-quota',
      name: 'After ticket (quota)',
      versionId,
      kind: 'event',
      triggerEvent: 'ticket.resolved',
      channel: 'portal',
      quotaField: 'channel',
      quotaPerGroup: 1,
    });
    await manager.request('POST', `/api/v1/surveys/waves/${w.json().id}/open`);
    const counts = await deps.database.db.transaction(async (tx) => [
      await addToTriggeredWaves(tx, deps, { type: 'ticket.resolved', customerId: customers[4]!, id: 't-1' }),
      await addToTriggeredWaves(tx, deps, { type: 'ticket.resolved', customerId: customers[4]!, id: 't-2' }),
    ]);
    // The first event invites into this wave (and the demo's open after-ticket wave); the second finds both done.
    expect(counts[0]).toBeGreaterThanOrEqual(1);
    expect(counts[1]).toBe(0);
    const invs = (await manager.request('GET', `/api/v1/surveys/waves/${w.json().id}/invitations`)).json()
      .items;
    expect(invs).toHaveLength(1);
    expect(invs[0].attributes.channel).toBe('portal');
    // Another customer falls in the same group (channel = portal), which is full.
    const n = await deps.database.db.transaction((tx) =>
      addToTriggeredWaves(tx, deps, { type: 'ticket.resolved', customerId: customers[5]!, id: 't-3' }),
    );
    const after = (await manager.request('GET', `/api/v1/surveys/waves/${w.json().id}/invitations`)).json()
      .items;
    expect(after).toHaveLength(1);
    expect(n).toBeLessThanOrEqual(1);
  });
  it('takes a journey’s “add to a survey wave” step, with the loan’s product and grade from the run', async () => {
    const run = (wave: string, customerId: string) =>
      deps.database.db.transaction((tx) =>
        journeySurveyHook(tx, deps, {
          customerId,
          runId: 'run-1',
          journeyCode: 'after-disbursement',
          step: { id: 's', kind: 'survey', wave },
          context: { productCode: 'tuition-loan', riskGrade: 'B' },
        }),
      );
    expect(await run('no-such-wave', customers[6]!)).toMatch(/not open/);
    expect(await run('after-ticket', customers[6]!)).toMatch(/^invitation /);
    expect(await run('after-ticket', customers[6]!)).toBe('not invited (already-invited)');
    const waves = (await manager.request('GET', '/api/v1/surveys/waves')).json().items;
    const wave = waves.find((w: { code: string }) => w.code === 'after-ticket');
    const invs = (await manager.request('GET', `/api/v1/surveys/waves/${wave.id}/invitations`)).json().items;
    expect(invs.find((i: { customerId: string }) => i.customerId === customers[6]).attributes).toMatchObject({
      product: 'tuition-loan',
      riskGrade: 'B',
    });
  });
});

describe('reports', () => {
  it('shows the demo’s weak platform dimension, drivers, themes and cross-tabs', async () => {
    const waves = (await manager.request('GET', '/api/v1/surveys/waves')).json().items;
    const spring = waves.find((w: { code: string }) => w.code === 'spring-2026');
    const report = (await manager.request('GET', `/api/v1/surveys/waves/${spring.id}/report`)).json();
    expect(report.responseRate.completed).toBeGreaterThan(5);
    const dims = report.dimensions as { code: string; summary: { mean: number } }[];
    const weakest = [...dims].sort((a, b) => a.summary.mean - b.summary.mean)[0]!;
    expect(weakest.code).toBe('platform');
    expect(report.crossTabs.map((c: { field: string }) => c.field)).toEqual([
      'studyLevel',
      'school',
      'product',
      'channel',
      'riskGrade',
    ]);
    expect(report.nps.n).toBe(report.responseRate.completed);
    expect(report.drivers.drivers).toHaveLength(6);
  });

  it('compares the verification wave with the baseline: the platform improved', async () => {
    const actions = (await manager.request('GET', '/api/v1/surveys/actions')).json().items;
    const done = actions.find(
      (a: { status: string; verificationWaveId: string | null }) =>
        a.status === 'done' && a.verificationWaveId,
    );
    const v = (await manager.request('GET', `/api/v1/surveys/actions/${done.id}/verification`)).json();
    const platform = v.comparison.dimensions.find((d: { code: string }) => d.code === 'platform');
    expect(platform.after).toBeGreaterThan(platform.before);
    expect(platform.test.pValue).toBeGreaterThanOrEqual(0);
  });

  it('exports a PDF with charts in Chinese and an XLSX workbook', async () => {
    const pdf = await manager.request('GET', `/api/v1/surveys/waves/${waveId}/report.pdf?lang=zh-CN`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const doc = await getDocumentProxy(new Uint8Array(pdf.rawPayload));
    expect(doc.numPages).toBeGreaterThanOrEqual(1);
    const { text } = await extractText(doc, { mergePages: true });
    expect(text).toContain('满意度调查报告');
    expect(text).toContain('各维度得分');
    expect(text).toContain('线上平台体验');
    expect(text).toContain('推荐者');
    const en = await manager.request('GET', `/api/v1/surveys/waves/${waveId}/report.pdf?lang=en`);
    const enText = (
      await extractText(await getDocumentProxy(new Uint8Array(en.rawPayload)), { mergePages: true })
    ).text;
    expect(enText).toContain('Dimension scores');
    expect(enText).toContain('Online platform experience');

    const xlsx = await manager.request('GET', `/api/v1/surveys/waves/${waveId}/report.xlsx?lang=en`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Summary',
      'Dimensions',
      'Questions',
      'Cross-tabs',
      'Drivers',
      'Themes',
    ]);
    expect(wb.getWorksheet('Summary')!.getRow(3).getCell(2).value).toBe(3);
  });
});

describe('improvement actions and verification', () => {
  it('logs an action, and once done sends a verification wave to people the baseline did not ask', async () => {
    const a = await manager.request('POST', '/api/v1/surveys/actions', {
      baselineWaveId: waveId,
      dimension: 'platform',
      finding: 'Platform scored lowest',
      action: 'Fix the login crash',
      owner: 'Wang Li',
      dueOn: '2026-10-01',
    });
    expect(a.statusCode).toBe(201);
    const early = await manager.request('POST', `/api/v1/surveys/actions/${a.json().id}/verification`, {
      code: 'exit-verify',
      name: 'Verify',
    });
    expect(early.statusCode).toBe(409);
    await manager.request('PATCH', `/api/v1/surveys/actions/${a.json().id}`, { status: 'done' });
    const v = await manager.request('POST', `/api/v1/surveys/actions/${a.json().id}/verification`, {
      code: 'exit-verify',
      name: 'Verify',
    });
    expect(v.statusCode).toBe(201);
    expect(v.json()).toMatchObject({ status: 'open', verifiesActionId: a.json().id, kind: 'manual' });
    const badDim = await manager.request('POST', '/api/v1/surveys/actions', {
      baselineWaveId: waveId,
      dimension: 'nope',
      finding: 'x',
      action: 'y',
      owner: 'z',
      dueOn: '2026-10-01',
    });
    expect(badDim.json().errors[0].field).toBe('dimension');
  });
});
