// Prospects, campus events and referrals end to end: lead scoring, dedupe against customers and
// prospects, the stage rules, conversion with history, CSV import errors by line, referral
// reward rules and the public QR attendance form.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/database.ts';
import { SYSTEM_ACTOR } from '../../deps.ts';
import { DEMO_PASSWORD, session, testApp, type Session } from '../../../test/http-client.ts';
import { openTestDeps, type TestDeps } from '../../../test/test-deps.ts';
import { createCustomer, seedDemoCustomers } from '../customers/index.ts';
import { createUser } from '../identity/index.ts';
import { installBuiltInProducts } from '../products/index.ts';
import { leadScore, type LeadProfile } from './lead-score.ts';
import { costPerAttendee, eventToken } from './events.service.ts';
import { captureProspect } from './prospects.service.ts';
import { onReferralProgress, REFERRAL_RULES } from './referrals.service.ts';
import * as repo from './acquisition.repository.ts';
import { seedDemoAcquisition } from './demo-seed.ts';

let deps: TestDeps;
let app: FastifyInstance;
let manager: Session;
let officer: Session;
let student: Session;
let anonymous: Session;
let schoolId: string;
let studentCustomerId: string;

beforeAll(async () => {
  deps = await openTestDeps();
  const demo = await seedDemoCustomers(deps, SYSTEM_ACTOR, 20);
  schoolId = demo.schoolId;
  studentCustomerId = demo.studentCustomerId;
  await installBuiltInProducts(deps, SYSTEM_ACTOR);
  for (const [username, role] of [
    ['manager', 'manager'],
    ['officer', 'loan_officer'],
    ['officer2', 'loan_officer'],
    ['student', 'student'],
  ] as const)
    await createUser(deps, SYSTEM_ACTOR, {
      username,
      displayName: username,
      password: DEMO_PASSWORD,
      roles: [role],
      ...(role === 'student' ? { customerId: demo.studentCustomerId } : {}),
    });
  app = (await testApp(deps)).app;
  manager = session(app);
  await manager.login('manager', DEMO_PASSWORD);
  officer = session(app);
  await officer.login('officer', DEMO_PASSWORD);
  student = session(app);
  await student.login('student', DEMO_PASSWORD);
  anonymous = session(app);
}, 120_000);

afterAll(async () => {
  await app?.close();
  await deps?.dispose();
});

const base: LeadProfile = {
  educationLevel: null,
  hasSchool: false,
  cohortDefaultRate: null,
  financialNeed: false,
  requestedAmount: null,
  expectedLimitMinor: null,
  maxLimitMinor: 2_500_000,
  contacts: 0,
  eventsAttended: 0,
  linkClicks: 0,
};

describe('lead score', () => {
  it('ranks constructed profiles and explains every point', () => {
    const strong = leadScore({
      ...base,
      educationLevel: 'master',
      hasSchool: true,
      cohortDefaultRate: 2,
      financialNeed: true,
      requestedAmount: 1_600_000,
      expectedLimitMinor: 2_500_000,
      contacts: 2,
      eventsAttended: 1,
      linkClicks: 3,
    });
    // study 12 + school round(15 × 0.9)=14 (13.5 half-up) + need 15 + limit 18 = 59; 10 + 10 + 6 = 26
    expect(strong.fit).toBe(59);
    expect(strong.engagement).toBe(26);
    expect(strong.score).toBe(85);
    expect(Object.fromEntries(strong.factors.map((f) => [f.code, f.points]))).toEqual({
      study_level: 12,
      school: 14,
      need: 15,
      expected_limit: 18,
      contacts: 10,
      events: 10,
      link_clicks: 6,
    });
    const engagedOnly = leadScore({ ...base, contacts: 9, eventsAttended: 5, linkClicks: 40 });
    expect(engagedOnly.factors.filter((f) => f.group === 'engagement').map((f) => f.points)).toEqual([
      15, 15, 10,
    ]);
    const riskySchool = leadScore({
      ...base,
      educationLevel: 'undergraduate',
      hasSchool: true,
      cohortDefaultRate: 25,
      expectedLimitMinor: 2_000_000,
    });
    // 10 + 0 (CDR capped at 20 %) + 0 + round(18 × 0.8)=14
    expect(riskySchool.score).toBe(24);
    const unknown = leadScore(base);
    expect(unknown.score).toBe(0);
    const order = [unknown, riskySchool, engagedOnly, strong].map((s) => s.score);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(strong.factors.every((f) => f.points <= f.max)).toBe(true);
  });

  it('rounds cost per attendee half-up', () => {
    expect(costPerAttendee(1000, 3)).toBe(333);
    expect(costPerAttendee(1001, 2)).toBe(501);
    expect(costPerAttendee(1000, 0)).toBeNull();
  });
});

describe('prospects', () => {
  it('dedupes against customers (phone, e-mail) and against open prospects', async () => {
    const c = await createCustomer(deps, SYSTEM_ACTOR, {
      legalName: '王小明',
      phone: '13800138111',
      email: 'xiaoming.wang@example.cn',
      status: 'active',
    });
    const res = await officer.request('POST', '/api/v1/growth/prospects', {
      legalName: '王小明',
      phone: '+86 138 0013 8111',
      source: 'walk_in',
      schoolId,
      educationLevel: 'undergraduate',
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.matchedCustomers).toEqual([{ customerId: c.id, reasons: ['phone'] }]);
    expect(body.prospect.customerId).toBe(c.id);
    expect(body.prospect.phone).not.toContain('0013');
    // The same person again by e-mail: the open prospect is updated, not repeated.
    const again = await officer.request('POST', '/api/v1/growth/prospects', {
      legalName: 'Wang Xiaoming',
      phone: '13800138111',
      source: 'website',
    });
    expect(again.json().duplicateOf).toBe(body.prospect.id);
    const stored = await rowsOf<{ phone_enc: string }>(
      deps.database.db,
      sql`select phone_enc from growth_prospects where id = ${body.prospect.id}`,
    );
    expect(stored[0]!.phone_enc).not.toContain('13800138111');
  });

  it('refuses invalid stage moves as problem+json naming the field, and keeps the history', async () => {
    const { prospect } = await captureProspect(deps, SYSTEM_ACTOR, {
      legalName: '李华',
      email: 'li.hua@example.cn',
      source: 'social',
      trackingCode: 'WX-2026',
    });
    const bad = await officer.request('POST', `/api/v1/growth/prospects/${prospect.id}/stage`, {
      stage: 'funded',
    });
    expect(bad.statusCode).toBe(409);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json()).toMatchObject({ type: '/problems/prospect-stage-transition' });
    expect(JSON.stringify(bad.json())).toContain('stage');
    const noReason = await officer.request('POST', `/api/v1/growth/prospects/${prospect.id}/stage`, {
      stage: 'lost',
    });
    expect(noReason.statusCode).toBe(400);
    expect(JSON.stringify(noReason.json())).toContain('lostReason');
    const contacted = await officer.request('POST', `/api/v1/growth/prospects/${prospect.id}/contacts`, {
      channel: 'call',
      note: 'interested in a tuition loan',
    });
    expect(contacted.json().stage).toBe('contacted');
    expect(contacted.json().scoreFactors.find((f: { code: string }) => f.code === 'contacts').points).toBe(5);
    const q = await officer.request('POST', `/api/v1/growth/prospects/${prospect.id}/stage`, {
      stage: 'qualified',
    });
    expect(q.statusCode).toBe(200);
    const back = await officer.request('POST', `/api/v1/growth/prospects/${prospect.id}/stage`, {
      stage: 'new',
    });
    expect(back.statusCode).toBe(409);
  });

  it('converts to a customer and a draft application in one step, keeping the history', async () => {
    const { prospect } = await captureProspect(deps, SYSTEM_ACTOR, {
      legalName: '张伟',
      phone: '13900139222',
      source: 'partner_school',
      schoolId,
      educationLevel: 'master',
      financialNeed: true,
    });
    expect(prospect.customerId).toBeNull();
    const res = await officer.request('POST', `/api/v1/growth/prospects/${prospect.id}/convert`, {});
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p.stage).toBe('applied');
    expect(p.customerId).toBeTruthy();
    expect(p.applicationId).toBeTruthy();
    const [app] = await rowsOf<{ customer_id: string; status: string }>(
      deps.database.db,
      sql`select customer_id, status from origination_applications where id = ${p.applicationId}`,
    );
    expect(app).toEqual({ customer_id: p.customerId, status: 'draft' });
    const detail = (await officer.request('GET', `/api/v1/growth/prospects/${prospect.id}`)).json();
    expect(detail.activity.map((a: { kind: string }) => a.kind)).toEqual([
      'created',
      'stage_changed',
      'converted',
    ]);
    expect(detail.activity[1]).toMatchObject({ fromStage: 'new', toStage: 'applied' });
    const again = await officer.request('POST', `/api/v1/growth/prospects/${prospect.id}/convert`, {});
    expect(again.statusCode).toBe(409);
    const timeline = await rowsOf(
      deps.database.db,
      sql`select 1 from customer_timeline_events where customer_id = ${p.customerId} and kind = 'growth.prospect_converted'`,
    );
    expect(timeline.length).toBe(1);
  });

  it('imports CSV with errors by line and column, and re-imports idempotently', async () => {
    const csv = [
      'external_ref,legal_name,phone,email,education_level,financial_need,requested_amount',
      'PS-1,陈静,13700137001,,undergraduate,yes,8000',
      'PS-2,,13700137002,,undergraduate,no,',
      'PS-3,刘洋,12345,,doctorate,maybe,12.345',
      'PS-4,Zhao Lei,,zhao.lei@example.cn,associate,,5000.50',
    ].join('\n');
    const res = await officer.request('POST', '/api/v1/growth/prospects/import', { csv });
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.created).toBe(2);
    const byLine = (line: number) =>
      r.errors
        .filter((e: { line: number }) => e.line === line)
        .map((e: { field: string }) => e.field)
        .sort();
    expect(byLine(2)).toEqual([]);
    expect(byLine(3)).toEqual(['legal_name']);
    expect(byLine(4)).toEqual(['education_level', 'financial_need', 'phone', 'requested_amount']);
    const again = (await officer.request('POST', '/api/v1/growth/prospects/import', { csv })).json();
    expect(again).toMatchObject({ created: 0, unchanged: 2 });
    const [row] = await rowsOf<{ requested_amount: number }>(
      deps.database.db,
      sql`select requested_amount from growth_prospects where external_ref = 'PS-4'`,
    );
    expect(Number(row!.requested_amount)).toBe(500050);
  });

  it('assigns round-robin to the loan officers', async () => {
    const res = await manager.request('POST', '/api/v1/growth/prospects/auto-assign', { limit: 4 });
    expect(res.statusCode).toBe(200);
    const users = new Set(res.json().assigned.map((a: { userId: string }) => a.userId));
    expect(users.size).toBe(2);
  });
});

describe('campus events', () => {
  it('a QR attendance form creates an attendee prospect and starts the follow-up', async () => {
    const created = await manager.request('POST', '/api/v1/growth/events', {
      name: '2026 秋季宣讲会',
      schoolId,
      eventDate: '2026-09-15',
      venue: 'Main hall 大礼堂',
      budgetMinor: 300_000,
      trackingCode: 'EVT-FALL26',
    });
    expect(created.statusCode).toBe(201);
    const ev = created.json();
    const token = ev.attendancePath.slice(3);
    expect(token).toBe(eventToken(deps, ev.id));
    expect((await anonymous.request('GET', `/api/v1/growth/public/events/${token}`)).json()).toMatchObject({
      open: true,
    });
    const forged = await anonymous.request(
      'GET',
      `/api/v1/growth/public/events/${ev.id}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`,
    );
    expect(forged.statusCode).toBe(404);
    const attend = await anonymous.request('POST', `/api/v1/growth/public/events/${token}/attend`, {
      legalName: '周婷',
      phone: '13600136333',
      educationLevel: 'undergraduate',
      consentContact: true,
    });
    expect(attend.statusCode).toBe(201);
    const [p] = await rowsOf<{
      source: string;
      event_id: string;
      tracking_code: string;
      customer_id: string | null;
    }>(
      deps.database.db,
      sql`select source, event_id, tracking_code, customer_id from growth_prospects where reference = ${attend.json().reference}`,
    );
    expect(p).toMatchObject({ source: 'campus_event', event_id: ev.id, tracking_code: 'EVT-FALL26' });
    expect(p!.customer_id).toBeTruthy();
    const honeypot = await anonymous.request('POST', `/api/v1/growth/public/events/${token}/attend`, {
      legalName: 'bot',
      phone: '13600136999',
      consentContact: true,
      website: 'http://spam.example',
    });
    expect(honeypot.json()).toEqual({ reference: null });
    const results = (await manager.request('GET', `/api/v1/growth/events/${ev.id}`)).json().results;
    expect(results).toMatchObject({ attendees: 1, newProspects: 1, costPerAttendeeMinor: 300_000 });
    await manager.request('PATCH', `/api/v1/growth/events/${ev.id}`, { status: 'held' });
    const closed = await anonymous.request('POST', `/api/v1/growth/public/events/${token}/attend`, {
      legalName: '迟到者',
      phone: '13600136444',
      consentContact: true,
    });
    expect(closed.statusCode).toBe(409);
  });
});

describe('referrals', () => {
  it('gives the student a code, refuses self-referral, voids existing customers and caps rewards', async () => {
    const mine = (await student.request('GET', '/api/v1/growth/referrals/mine')).json();
    expect(mine.code).toMatch(/^[2-9A-Z]{8}$/);
    expect((await student.request('GET', '/api/v1/growth/referrals/mine')).json().code).toBe(mine.code);
    expect((await student.request('GET', '/api/v1/growth/referrals/rewards')).statusCode).toBe(403);
    const [me] = await rowsOf<{ email: string | null }>(
      deps.database.db,
      sql`select email from customers where id = ${studentCustomerId}`,
    );
    // Self-referral: the form's e-mail is the referrer's own.
    const self = await anonymous.request('POST', '/api/v1/growth/public/prospects', {
      legalName: 'Me Again',
      email: me!.email ?? 'x@example.cn',
      referralCode: mine.code,
      consentContact: true,
    });
    expect(self.statusCode).toBe(400);
    expect(JSON.stringify(self.json())).toContain('referralCode');
    const friends = [];
    for (let i = 0; i < 3; i++) {
      const r = await anonymous.request('POST', '/api/v1/growth/public/prospects', {
        legalName: `Friend ${i} 朋友`,
        email: `friend${i}@example.cn`,
        referralCode: mine.code.toLowerCase(),
        consentContact: true,
      });
      expect(r.statusCode).toBe(202);
      friends.push(`friend${i}@example.cn`);
    }
    const list = (await student.request('GET', '/api/v1/growth/referrals/mine')).json();
    expect(list.referrals).toHaveLength(3);
    expect(list.referrals[0].name).not.toContain('Friend');
    expect(list.referrals.every((r: { reward: { status: string } }) => r.reward.status === 'pending')).toBe(
      true,
    );
    // Fund them with an annual cap of 2: the third reward is void.
    const cap = REFERRAL_RULES.annualCap;
    REFERRAL_RULES.annualCap = 2;
    try {
      for (const email of friends)
        await deps.database.db.transaction(async (tx) => {
          const [p] = await repo.findMatchingProspects(tx, { email, phoneHash: null, nationalIdHash: null });
          await onReferralProgress.funded(tx, deps, SYSTEM_ACTOR, p!);
        });
    } finally {
      REFERRAL_RULES.annualCap = cap;
    }
    const rewards = (await manager.request('GET', '/api/v1/growth/referrals/rewards')).json().items;
    expect(rewards.map((r: { status: string }) => r.status).sort()).toEqual(['earned', 'earned', 'void']);
    expect(rewards.find((r: { status: string }) => r.status === 'void').voidReason).toBe('annual_cap');
    expect(rewards.find((r: { status: string }) => r.status === 'earned').amountMinor).toBe(10_000);
    const earned = rewards.find((r: { status: string }) => r.status === 'earned');
    const paid = await manager.request('POST', `/api/v1/growth/referrals/rewards/${earned.id}/pay`, {
      paymentRef: 'FIN-001',
    });
    expect(paid.json().status).toBe('paid');
    const twice = await manager.request('POST', `/api/v1/growth/referrals/rewards/${earned.id}/pay`, {
      paymentRef: 'FIN-002',
    });
    expect(twice.statusCode).toBe(409);
    // A friend who is already a customer: recorded, but no reward.
    const existing = await createCustomer(deps, SYSTEM_ACTOR, {
      legalName: '老客户',
      email: 'old.customer@example.cn',
    });
    await anonymous.request('POST', '/api/v1/growth/public/prospects', {
      legalName: '老客户',
      email: 'old.customer@example.cn',
      referralCode: mine.code,
      consentContact: true,
    });
    const after = (await student.request('GET', '/api/v1/growth/referrals/mine')).json();
    expect(after.referrals.find((r: { status: string }) => r.status === 'void').reward).toMatchObject({
      status: 'void',
      voidReason: 'existing_customer',
    });
    void existing;
  });

  it('drops honeypot submissions silently and validates the form', async () => {
    const bot = await anonymous.request('POST', '/api/v1/growth/public/prospects', {
      legalName: 'Bot',
      email: 'bot@example.cn',
      consentContact: true,
      website: 'spam',
    });
    expect(bot.statusCode).toBe(202);
    const [n] = await rowsOf<{ n: number }>(
      deps.database.db,
      sql`select count(*)::int as n from growth_prospects where email = 'bot@example.cn'`,
    );
    expect(n!.n).toBe(0);
    const noConsent = await anonymous.request('POST', '/api/v1/growth/public/prospects', {
      legalName: 'X',
      email: 'x@example.cn',
    });
    expect(noConsent.statusCode).toBe(400);
  });
});

describe('demo data', () => {
  it("seeds ~200 prospects, three events and the student's referrals in under a second", async () => {
    const started = performance.now();
    const r = await seedDemoAcquisition(deps, { schoolId, studentCustomerId, count: 200 });
    // Under a second on an idle machine; the bound leaves room for a loaded CI runner.
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(r).toEqual({ prospects: 200, events: 3 });
    const [stages] = await rowsOf<{ n: number }>(
      deps.database.db,
      sql`select count(distinct stage)::int as n from growth_prospects`,
    );
    expect(stages!.n).toBe(6);
    const held = (await manager.request('GET', '/api/v1/growth/events?status=held')).json().items;
    expect(held.some((e: { results: { attendees: number } }) => e.results.attendees >= 30)).toBe(true);
  });
});
