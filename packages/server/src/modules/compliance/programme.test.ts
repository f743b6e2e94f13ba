// Compliance programme: disclosure figures equal core's APR and finance charge; acknowledgement
// per stage in the portal; adverse-impact ratio and significance on constructed counts; the
// training gate refuses approve, disburse and unmask to a lapsed officer and allows a current one;
// review samples are reproducible and never include the reviewer's own acts; findings to closure.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMonths,
  aprWithWithheldFees,
  calculateSchedule,
  nominalApr,
  parseMoney,
  toEpochDay,
} from '@bursar/core';
import { DEMO_PASSWORD, session, testApp, type Session } from '../../../test/http-client.ts';
import { openTestDeps, type TestDeps, seedTestDemo } from '../../../test/test-deps.ts';
import { disclosureFigures } from './disclosures.service.ts';
import { adverseImpact, fisherExact, twoProportionZ } from './fair-lending.stats.ts';
import { sampleSize } from './review.service.ts';

describe('disclosure figures', () => {
  it('equal core’s APR, finance charge, amount financed and total of payments for a constructed offer', () => {
    const s = calculateSchedule({
      principal: '10000.00',
      currency: 'CNY',
      annualRate: '0.045',
      startDate: '2027-07-01',
      installments: 24,
      frequency: 'monthly',
      method: 'annuity',
      dayCount: '30/360',
      rounding: 'half-up',
    });
    const offer = {
      currency: 'CNY',
      amount: 1_000_000,
      preview: { schedule: s.installments, fees: '150.00', frequency: 'monthly' },
    };
    const f = disclosureFigures(offer);
    const payments = s.installments.map((i) => parseMoney(i.payment, 'CNY'));
    const total = payments.reduce((a, b) => a + b, 0);
    const core = aprWithWithheldFees({
      principal: 1_000_000,
      withheldFees: 15_000,
      // One regular month before the first due date.
      disbursementDay: addMonths(toEpochDay(s.installments[0]!.dueDate), -1),
      payments: s.installments.map((i) => ({
        day: toEpochDay(i.dueDate),
        amount: parseMoney(i.payment, 'CNY'),
      })),
      frequency: 'monthly',
    });
    expect(f.amountFinanced).toBe(985_000);
    expect(f.totalOfPayments).toBe(total);
    expect(f.financeCharge).toBe(total - 985_000);
    expect(f.financeCharge).toBe(core.financeCharge);
    expect(f.apr).toBe(core.regZApr);
    expect(f.annualisedRate).toBe(core.irrNominal);
    // A regular first period: the same APR as origination's preview (core's nominalApr).
    expect(Number(f.apr)).toBeCloseTo(Number(nominalApr(985_000, payments, 'monthly')), 9);
    expect(Number(f.apr)).toBeGreaterThan(0.045);
  });
});

describe('adverse-impact statistics', () => {
  it('computes the four-fifths ratio and a two-proportion z-test on constructed counts', () => {
    const r = adverseImpact(
      'sex',
      [
        { group: 'female', applications: 100, approved: 40 },
        { group: 'male', applications: 100, approved: 60 },
        { group: 'missing', applications: 3, approved: 0 },
      ],
      { minGroupSize: 30, threshold: 0.8, alpha: 0.05 },
    );
    expect(r.referenceGroup).toBe('male');
    const f = r.groups.find((g) => g.group === 'female')!;
    expect(f.adverseImpactRatio).toBeCloseTo(2 / 3, 10);
    expect(f.test).toBe('z');
    expect(f.z).toBeCloseTo(-2.828427, 5);
    expect(f.pValue).toBeCloseTo(0.004678, 5);
    expect(f.adverseImpact).toBe(true);
    expect(r.groups.find((g) => g.group === 'missing')!.insufficient).toBe(true);
    expect(r.flagged).toBe(true);
  });

  it('does not flag a ratio under 0.8 that is not significant, and uses Fisher’s exact test for small cells', () => {
    expect(twoProportionZ(45, 50, 45, 50).p).toBeCloseTo(1, 6);
    // R: fisher.test(matrix(c(1, 11, 9, 3), 2))$p.value = 0.002759456
    expect(fisherExact(1, 9, 11, 3)).toBeCloseTo(0.002759456, 8);
    const r = adverseImpact(
      'age',
      [
        { group: 'under 25', applications: 10, approved: 9 },
        { group: '25–34', applications: 10, approved: 6 },
      ],
      { minGroupSize: 10, threshold: 0.8, alpha: 0.05 },
    );
    const g = r.groups.find((x) => x.group === '25–34')!;
    expect(g.test).toBe('fisher');
    expect(g.adverseImpactRatio).toBeCloseTo(6 / 9, 10);
    expect(g.belowThreshold).toBe(true);
    expect(g.pValue!).toBeGreaterThan(0.05);
    expect(g.adverseImpact).toBe(false);
    expect(r.flagged).toBe(false);
  });

  it('draws rate per cent of a stratum, at least one', () => {
    expect(sampleSize(0, 10)).toBe(0);
    expect(sampleSize(3, 10)).toBe(1);
    expect(sampleSize(25, 10)).toBe(3);
    expect(sampleSize(5, 100)).toBe(5);
  });
});

describe('compliance programme over HTTP', () => {
  let deps: TestDeps;
  let app: FastifyInstance;
  const s: Record<string, Session> = {};
  const api = (who: string, method: string, url: string, body?: unknown) =>
    s[who]!.request(method, `/api/v1${url}`, body);

  beforeAll(async () => {
    deps = await openTestDeps();
    await seedTestDemo(deps);
    app = (await testApp(deps)).app;
    for (const u of ['officer', 'officer.lapsed', 'manager', 'auditor', 'student']) {
      s[u] = session(app);
      expect((await s[u].login(u, DEMO_PASSWORD)).statusCode).toBe(200);
    }
  }, 900_000);
  afterAll(async () => {
    await app.close();
    await deps.dispose();
  });

  it('delivers a disclosure at each stage and records the borrower’s acknowledgement', async () => {
    const mine = (await api('student', 'GET', '/portal/disclosures')).json<{
      items: {
        id: string;
        stage: string;
        applicationId: string;
        contentSha256: string;
        contentEn: string;
        contentZh: string;
        acknowledgedAt: string | null;
        figures: { apr: string; financeCharge: number } | null;
      }[];
    }>().items;
    const approval = mine.find((d) => d.stage === 'approval')!;
    expect(approval).toBeDefined();
    expect(mine.some((d) => d.stage === 'application' && d.applicationId === approval.applicationId)).toBe(
      true,
    );
    expect(approval.contentEn).toContain('ANNUAL PERCENTAGE RATE');
    expect(approval.contentZh).toContain('年化利率');
    expect(Number(approval.figures!.apr)).toBeGreaterThan(0);
    // Another borrower's disclosure is not found; a changed hash is refused.
    expect(
      (
        await api('officer', 'POST', `/portal/disclosures/${approval.id}/acknowledge`, {
          contentSha256: approval.contentSha256,
        })
      ).statusCode,
    ).toBe(403);
    const wrong = await api('student', 'POST', `/portal/disclosures/${approval.id}/acknowledge`, {
      contentSha256: '0'.repeat(64),
    });
    expect(wrong.statusCode).toBe(409);
    const ack = await api('student', 'POST', `/portal/disclosures/${approval.id}/acknowledge`, {
      contentSha256: approval.contentSha256,
    });
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json<{ acknowledgedChannel: string; acknowledgedAt: string }>().acknowledgedChannel).toBe(
      'portal',
    );
    // Final signing: consenting to electronic records delivers the signing disclosure.
    const consent = await api(
      'student',
      'POST',
      `/portal/applications/${approval.applicationId}/contract/consent`,
    );
    expect(consent.statusCode, consent.body).toBeLessThan(300);
    const after = (await api('student', 'GET', '/portal/disclosures')).json<{
      items: { id: string; stage: string; applicationId: string; contentSha256: string; contentEn: string }[];
    }>().items;
    const signing = after.find((d) => d.stage === 'signing' && d.applicationId === approval.applicationId)!;
    expect(signing.contentEn).toContain('Consent to electronic records: 20');
    expect(
      (
        await api('student', 'POST', `/portal/disclosures/${signing.id}/acknowledge`, {
          contentSha256: signing.contentSha256,
        })
      ).statusCode,
    ).toBe(200);
    const log = (
      await api('auditor', 'GET', `/compliance/disclosures/applications/${approval.applicationId}`)
    ).json<{ items: { stage: string; acknowledgedAt: string | null; acknowledgedByName: string | null }[] }>()
      .items;
    expect(
      log
        .filter((d) => d.acknowledgedAt)
        .map((d) => d.stage)
        .sort(),
    ).toEqual(['approval', 'signing']);
  });

  it('refuses approve, disburse and unmask to a staff member whose training lapsed, and allows a current one', async () => {
    const queue = (await api('officer', 'GET', '/applications?status=submitted')).json<{
      items: { id: string }[];
    }>();
    const appId = queue.items[0]?.id ?? '00000000-0000-4000-8000-000000000000';
    const customers = (await api('officer', 'GET', '/customers?limit=1')).json<{ items: { id: string }[] }>();
    const customerId = customers.items[0]!.id;
    const approve = await api('officer.lapsed', 'POST', `/applications/${appId}/decision`, {
      outcome: 'approve',
    });
    expect(approve.statusCode).toBe(403);
    const problem = approve.json<{ type: string; lapsedCourses: { code: string }[] }>();
    expect(problem.type).toBe('/problems/training-lapsed');
    expect(problem.lapsedCourses.map((c) => c.code)).toContain('code-of-conduct');
    const disburse = await api('officer.lapsed', 'POST', `/applications/${appId}/disbursements`, {
      tranche: 1,
      idempotencyKey: 'gate-test-1',
    });
    expect(disburse.statusCode).toBe(403);
    expect(disburse.json<{ type: string }>().type).toBe('/problems/training-lapsed');
    const unmask = await api('officer.lapsed', 'GET', `/customers/${customerId}/pii`);
    expect(unmask.statusCode).toBe(403);
    expect((await api('officer.lapsed', 'GET', `/customers/${customerId}?reveal=true`)).statusCode).toBe(403);
    // Masked reading is not a regulated action.
    expect((await api('officer.lapsed', 'GET', `/customers/${customerId}`)).statusCode).toBe(200);
    // A current officer passes the gate.
    expect((await api('officer', 'GET', `/customers/${customerId}/pii`)).statusCode).toBe(200);
    // The lapsed officer retakes the courses: a wrong answer fails, right answers pass, the gate opens.
    const mine = (await api('officer.lapsed', 'GET', '/compliance/training/mine')).json<{
      items: { courseId: string; code: string; status: string; kind: string }[];
    }>();
    expect(mine.items.every((i) => i.status === 'lapsed')).toBe(true);
    for (const c of mine.items) {
      const course = (
        await api('officer.lapsed', 'GET', `/compliance/training/courses/${c.courseId}/take`)
      ).json<{ quiz: { options: unknown[] }[] }>();
      expect(JSON.stringify(course)).not.toContain('"answer"');
      if (c.kind === 'attestation') {
        expect(
          (
            await api('officer.lapsed', 'POST', `/compliance/training/courses/${c.courseId}/complete`, {
              answers: [],
            })
          ).statusCode,
        ).toBe(400);
        const ok = await api(
          'officer.lapsed',
          'POST',
          `/compliance/training/courses/${c.courseId}/complete`,
          { answers: [], affirm: true },
        );
        expect(ok.json<{ passed: boolean }>().passed).toBe(true);
        continue;
      }
      const wrongAnswers = course.quiz.map((q) => q.options.length - 1);
      const right = { 'lending-compliance': [0, 1], 'privacy-basics': [0, 0], 'anti-fraud': [1] }[c.code]!;
      const fail = await api(
        'officer.lapsed',
        'POST',
        `/compliance/training/courses/${c.courseId}/complete`,
        {
          answers: wrongAnswers.map((w, i) =>
            w === right[i] ? (w + 1) % course.quiz[i]!.options.length : w,
          ),
        },
      );
      expect(fail.json<{ passed: boolean }>().passed).toBe(false);
      const pass = await api(
        'officer.lapsed',
        'POST',
        `/compliance/training/courses/${c.courseId}/complete`,
        { answers: right },
      );
      expect(pass.json<{ passed: boolean; score: number }>()).toMatchObject({ passed: true, score: 100 });
    }
    expect((await api('officer.lapsed', 'GET', `/customers/${customerId}/pii`)).statusCode).toBe(200);
    const matrix = (await api('auditor', 'GET', '/compliance/training/matrix')).json<{
      lapsedStaff: string[];
      completionPercent: number;
    }>();
    expect(matrix.lapsedStaff).not.toContain('officer.lapsed');
    expect(matrix.completionPercent).toBe(100);
  });

  it('draws a reproducible sample without the reviewer’s own acts, and tracks a finding to closure', async () => {
    // The manager decides an application, so the manager has an act of their own in the period.
    const queue = (await api('manager', 'GET', '/applications?status=submitted')).json<{
      items: { id: string }[];
    }>();
    const decided = await api('manager', 'POST', `/applications/${queue.items[0]!.id}/decision`, {
      outcome: 'decline',
      reasons: [],
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const body = { from: '2000-01-01', to: '2099-12-31', ratePercent: 50, seed: 'repro-1' };
    const a = (await api('auditor', 'POST', '/compliance/review/samples', body)).json<{
      items: { auditEventId: string }[];
    }>();
    const b = (await api('auditor', 'POST', '/compliance/review/samples', body)).json<{
      items: { auditEventId: string }[];
    }>();
    expect(a.items.length).toBeGreaterThan(0);
    expect(b.items.map((i) => i.auditEventId)).toEqual(a.items.map((i) => i.auditEventId));
    const c = (
      await api('auditor', 'POST', '/compliance/review/samples', { ...body, seed: 'repro-2' })
    ).json<{ items: { auditEventId: string }[] }>();
    expect(c.items.length).toBe(a.items.length);
    // Everything the officer decided, drawn in full by the auditor, and by the manager without the manager's own acts.
    const all = { ...body, ratePercent: 100 };
    const byAuditor = (await api('auditor', 'POST', '/compliance/review/samples', all)).json<{
      items: { id: string; originalActorName: string; subjectType: string }[];
    }>();
    const byManager = (await api('manager', 'POST', '/compliance/review/samples', all)).json<{
      strata: Record<string, { excludedOwn: number }>;
      items: { originalActorName: string }[];
    }>();
    const managersOwn = byAuditor.items.filter((i) => i.originalActorName === 'manager');
    expect(managersOwn.length).toBeGreaterThan(0);
    expect(byManager.items.some((i) => i.originalActorName === 'manager')).toBe(false);
    expect(byManager.strata.credit_decision!.excludedOwn).toBeGreaterThan(0);
    // The original actor cannot review their own act.
    const own = managersOwn[0]!;
    const answers = {
      policy_followed: 'no',
      evidence_verified: 'yes',
      reasons_recorded: 'yes',
      four_eyes: 'yes',
      notice_sent: 'na',
    };
    const refused = await api('manager', 'POST', `/compliance/review/items/${own.id}`, { answers });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ type: string }>().type).toBe('/problems/reviewer-is-original-actor');
    // A "no" needs a finding; with one, the item is reviewed and the finding is open.
    const noFinding = await api('auditor', 'POST', `/compliance/review/items/${own.id}`, { answers });
    expect(noFinding.statusCode).toBe(400);
    const due = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const reviewed = await api('auditor', 'POST', `/compliance/review/items/${own.id}`, {
      answers,
      finding: {
        title: 'Exception not justified',
        detail: 'Record why.',
        severity: 'medium',
        ownerName: 'Credit manager',
        dueDate: due,
      },
    });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    const finding = reviewed.json<{ finding: { id: string; status: string } }>().finding;
    expect(finding.status).toBe('open');
    const progress = await api('manager', 'POST', `/compliance/findings/${finding.id}`, {
      status: 'remediating',
      note: 'Team briefed',
    });
    expect(progress.json<{ status: string }>().status).toBe('remediating');
    const noEvidence = await api('auditor', 'POST', `/compliance/findings/${finding.id}`, {
      status: 'closed',
      note: 'done',
    });
    expect(noEvidence.statusCode).toBe(400);
    expect(noEvidence.json<{ errors: { field: string }[] }>().errors[0]!.field).toBe('evidence');
    const closed = await api('auditor', 'POST', `/compliance/findings/${finding.id}`, {
      status: 'closed',
      note: 'done',
      evidence: 'Justification added to file; retested 5 files',
    });
    expect(closed.json<{ status: string; remediation: unknown[]; closedBy: string }>()).toMatchObject({
      status: 'closed',
      closedBy: 'auditor',
    });
    expect(
      (
        await api('auditor', 'POST', `/compliance/findings/${finding.id}`, {
          status: 'closed',
          note: 'again',
          evidence: 'x',
        })
      ).statusCode,
    ).toBe(409);
    const open = (await api('auditor', 'GET', '/compliance/findings?open=true')).json<{
      items: { id: string }[];
    }>();
    expect(open.items.some((f) => f.id === finding.id)).toBe(false);
  });

  it('runs fair-lending monitoring on demand, lists adverse actions and shows on the dashboard', async () => {
    const run = await api('auditor', 'POST', '/compliance/fair-lending/runs', {
      from: '2000-01-01',
      to: '2099-12-31',
      minGroupSize: 1,
    });
    expect(run.statusCode, run.body).toBe(201);
    const r = run.json<{
      decisions: number;
      results: { attribute: string; groups: { applications: number }[] }[];
    }>();
    expect(r.decisions).toBeGreaterThan(0);
    expect(r.results.map((x) => x.attribute)).toEqual(['sex', 'age']);
    expect(r.results[0]!.groups.reduce((n, g) => n + g.applications, 0)).toBe(r.decisions);
    const adverse = (
      await api('auditor', 'GET', '/compliance/fair-lending/adverse-actions?from=2000-01-01&to=2099-12-31')
    ).json<{ items: { noticeKey: string }[] }>();
    expect(adverse.items.length).toBeGreaterThan(0);
    expect(
      (
        await api('officer', 'POST', '/compliance/fair-lending/runs', {
          from: '2000-01-01',
          to: '2099-12-31',
        })
      ).statusCode,
    ).toBe(403);
  });
});
