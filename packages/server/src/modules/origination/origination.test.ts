// Origination end to end over HTTP: registration, the portal's missing-fields submission, upload
// checks, school confirmation limited to the school, decisions with four eyes, the signed and
// sealed contract (a changed byte fails verification), idempotent disbursement with a balanced
// ledger, student isolation, and the adverse-action notice.
import { sql, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../deps.ts';
import { DEMO_PASSWORD, session, testApp, type Session } from '../../../test/http-client.ts';
import { openTestDeps, type TestDeps, seedTestDemo } from '../../../test/test-deps.ts';
import { createUser } from '../identity/index.ts';
import { reconcile, trialBalance } from '../servicing/index.ts';
import { scoringAttributes } from './decisions.service.ts';

let deps: TestDeps;
let app: FastifyInstance;
let schoolId: string;
const staff: Record<string, Session> = {};

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');
const b64 = (b: Buffer) => b.toString('base64');
async function rows<T>(q: SQL): Promise<T[]> {
  const result: unknown = await deps.database.db.execute(q);
  return (result as { rows: T[] }).rows;
}

beforeAll(async () => {
  deps = await openTestDeps();
  await seedTestDemo(deps);
  app = (await testApp(deps)).app;
  for (const u of ['officer', 'manager', 'risk', 'school', 'student', 'auditor']) {
    staff[u] = session(app);
    expect((await staff[u].login(u, DEMO_PASSWORD)).statusCode).toBe(200);
  }
  const me = await staff.school!.request('GET', '/api/v1/auth/me');
  schoolId = me.json<{ user: { schoolId: string } }>().user.schoolId;
});
afterAll(async () => {
  await app.close();
  await deps.dispose();
});

async function register(username: string): Promise<Session> {
  const anon = session(app);
  const r = await anon.request('POST', '/api/v1/portal/register', {
    username,
    password: 'Correct-Horse-Battery-42',
    legalName: '李同学',
    email: `${username}@example.cn`,
    dateOfBirth: '2007-03-01',
  });
  expect(r.statusCode, r.body).toBe(201);
  expect((await anon.login(username, 'Correct-Horse-Battery-42')).statusCode).toBe(200);
  return anon;
}

let applicants = 0;
/** Each applicant has their own ID number: the same one twice is a duplicate the policy refers. */
function answers(over: { amountMinor?: number; productCode?: string; years?: number } = {}) {
  const years = over.years ?? 1;
  applicants++;
  return {
    identity: {
      legalName: '李同学',
      dateOfBirth: '2007-03-01',
      nationalId: `1101012007030100${String(applicants).padStart(2, '0')}`,
      phone: '13800138000',
      email: 'li@example.cn',
    },
    school: {
      schoolId,
      level: 'undergraduate',
      programme: '经济学 Economics',
      yearOfStudy: 1,
      startDate: '2026-09-01',
      expectedGraduationDate: '2030-06-30',
      academicResult: 'excellent',
    },
    household: { size: 4, annualIncomeMinor: 3_000_000, needs: ['low_income'] },
    related: { guardianName: '李父' },
    purpose: {
      productCode: over.productCode ?? 'CN-NSL-HOME',
      purpose: 'tuition',
      years: Array.from({ length: years }, (_, k) => ({
        academicYear: `${2026 + k}-${2027 + k}`,
        amountMinor: over.amountMinor ?? 1_600_000,
        payee: 'school',
      })),
    },
  };
}

async function submitted(student: Session, over: Parameters<typeof answers>[0] = {}): Promise<string> {
  const created = await student.request('POST', '/api/v1/portal/applications', { answers: answers(over) });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json<{ id: string }>().id;
  for (const kind of ['identity_document', 'admission_letter', 'household_need_evidence'])
    expect(
      (
        await student.request('POST', `/api/v1/portal/applications/${id}/documents`, {
          kind,
          fileName: `${kind}.pdf`,
          content: b64(PDF),
        })
      ).statusCode,
    ).toBe(201);
  const s = await student.request('POST', `/api/v1/portal/applications/${id}/submit`);
  expect(s.statusCode, s.body).toBe(200);
  return id;
}

describe('demo seed', () => {
  it('holds applications at every stage', async () => {
    const r = await staff.manager!.request('GET', '/api/v1/origination/funnel');
    expect(r.statusCode).toBe(200);
    const f = r.json<{ byStatus: Record<string, number>; overall: { stages: { reached: number }[] } }>();
    for (const s of [
      'draft',
      'submitted',
      'referred',
      'pending_approval',
      'approved',
      'contracted',
      'disbursed',
      'declined',
      'withdrawn',
    ])
      expect(f.byStatus[s], s).toBeGreaterThan(0);
    expect(f.overall.stages.at(-1)!.reached).toBeGreaterThan(0);
  });
});

describe('applying in the portal', () => {
  it('saves a draft, names exactly what is missing, checks uploads, then submits', async () => {
    const student = await register('li.tongxue');
    const created = await student.request('POST', '/api/v1/portal/applications', {
      answers: { identity: { legalName: '李同学' } },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ id: string }>().id;

    const early = await student.request('POST', `/api/v1/portal/applications/${id}/submit`);
    expect(early.statusCode).toBe(400);
    expect(early.headers['content-type']).toMatch(/application\/problem\+json/);
    const fields = early.json<{ errors: { field: string }[] }>().errors.map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'identity.dateOfBirth',
        'school.schoolId',
        'purpose.years',
        'documents.identity_document',
      ]),
    );
    expect(fields).not.toContain('identity.legalName');

    const saved = await student.request('PUT', `/api/v1/portal/applications/${id}/answers`, answers());
    expect(saved.statusCode, saved.body).toBe(200);
    const view = saved.json<{
      answers: { identity: { nationalId: string } };
      missing: { field: string }[];
    }>();
    expect(view.answers.identity.nationalId).toMatch(/^\*{14}\d{4}$/);
    expect(view.missing.map((m) => m.field)).toEqual([
      'documents.identity_document',
      'documents.admission_letter',
      'documents.household_need_evidence',
    ]);
    const unknownField = await student.request('PUT', `/api/v1/portal/applications/${id}/answers`, {
      identity: { sex: 'f' },
    });
    expect(unknownField.statusCode).toBe(400);

    const exe = await student.request('POST', `/api/v1/portal/applications/${id}/documents`, {
      kind: 'identity_document',
      fileName: 'id.pdf',
      content: b64(Buffer.from('MZ\x90\x00 not a pdf')),
    });
    expect(exe.statusCode).toBe(415);
    expect(exe.json<{ errors: { field: string }[] }>().errors[0]!.field).toBe('content');
    const huge = await student.request('POST', `/api/v1/portal/applications/${id}/documents`, {
      kind: 'identity_document',
      fileName: 'big.pdf',
      content: b64(Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)])),
    });
    expect(huge.statusCode).toBe(413);

    const png = await student.request('POST', `/api/v1/portal/applications/${id}/documents`, {
      kind: 'identity_document',
      fileName: 'id.pdf',
      content: b64(PNG),
    });
    expect(png.json<{ mediaType: string }>().mediaType).toBe('image/png');
    for (const kind of ['admission_letter', 'household_need_evidence'])
      await student.request('POST', `/api/v1/portal/applications/${id}/documents`, {
        kind,
        fileName: 'x.pdf',
        content: b64(PDF),
      });
    const ok = await student.request('POST', `/api/v1/portal/applications/${id}/submit`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<{ status: string }>().status).toBe('submitted');
    const twice = await student.request('POST', `/api/v1/portal/applications/${id}/submit`);
    expect(twice.statusCode).toBe(409);

    const fit = await student.request('GET', `/api/v1/portal/applications/${id}/fit`);
    const home = fit
      .json<{ items: { code: string; eligible: boolean; remainingByYear: { remainingMinor: number }[] }[] }>()
      .items.find((p) => p.code === 'CN-NSL-HOME')!;
    expect(home.eligible).toBe(true);
    expect(home.remainingByYear[0]!.remainingMinor).toBe(2_000_000);
  });

  it('keeps students to their own applications and school officers to their school', async () => {
    const a = await register('student.a');
    const b = await register('student.b');
    const id = await submitted(a);
    expect((await b.request('GET', `/api/v1/portal/applications/${id}`)).statusCode).toBe(404);
    expect((await b.request('PUT', `/api/v1/portal/applications/${id}/answers`, {})).statusCode).toBe(404);
    expect((await b.request('GET', '/api/v1/portal/applications')).json<{ total: number }>().total).toBe(0);
    expect((await a.request('GET', '/api/v1/applications')).statusCode).toBe(403);
    expect(
      (await a.request('POST', `/api/v1/applications/${id}/decision`, { outcome: 'approve' })).statusCode,
    ).toBe(403);
    // An officer of another school sees nothing and cannot confirm.
    const [other] = await rows<{ id: string }>(sql`select id from schools where id <> ${schoolId} limit 1`);
    await createUser(deps, SYSTEM_ACTOR, {
      username: 'other.school',
      displayName: 'Other school',
      password: DEMO_PASSWORD,
      roles: ['school_officer'],
      schoolId: other!.id,
    });
    const otherOfficer = session(app);
    await otherOfficer.login('other.school', DEMO_PASSWORD);
    expect(
      (await otherOfficer.request('POST', `/api/v1/enrolment-checks/${id}`, { decision: 'confirmed' }))
        .statusCode,
    ).toBe(404);
    const mine = await staff.school!.request('GET', '/api/v1/enrolment-checks?enrolmentCheck=pending');
    expect(mine.json<{ items: { id: string }[] }>().items.map((i) => i.id)).toContain(id);
    const seen = await staff.school!.request('GET', `/api/v1/enrolment-checks/${id}`);
    expect(seen.json<{ answers: Record<string, unknown> }>().answers.household).toBeUndefined();
  });
});

describe('decision, four eyes, contract and disbursement', () => {
  it('runs from decision to a disbursed loan the student sees', async () => {
    const student = await register('wang.xuesheng');
    const id = await submitted(student, { productCode: 'CN-BANK-TUITION', amountMinor: 3_000_000, years: 2 });

    // Before the school confirms, the policy refers.
    const ev = await staff.officer!.request('GET', `/api/v1/applications/${id}/evaluation`);
    expect(ev.json<{ policy: { outcome: string; reasons: string[] } }>().policy).toMatchObject({
      outcome: 'refer',
      reasons: ['enrolment_pending'],
    });
    const confirm = await staff.school!.request('POST', `/api/v1/enrolment-checks/${id}`, {
      decision: 'confirmed',
    });
    expect(confirm.statusCode, confirm.body).toBe(200);

    // Too early to pay.
    const early = await staff.officer!.request('POST', `/api/v1/applications/${id}/disbursements`, {
      tranche: 1,
      idempotencyKey: `tranche-1-${id}`,
    });
    expect(early.statusCode).toBe(409);
    expect(early.json<{ type: string }>().type).toBe('/problems/contract-not-signed');

    // 60,000 is above the four-eyes threshold: the manager decides, and may not approve it too.
    const first = await staff.manager!.request('POST', `/api/v1/applications/${id}/decision`, {
      outcome: 'approve',
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json<{ status: string }>().status).toBe('pending_approval');
    const self = await staff.manager!.request('POST', `/api/v1/applications/${id}/approval`, {
      approve: true,
    });
    expect(self.statusCode).toBe(409);
    expect(self.json<{ type: string }>().type).toBe('/problems/four-eyes');
    expect(
      (await staff.officer!.request('POST', `/api/v1/applications/${id}/approval`, { approve: true }))
        .statusCode,
    ).toBe(403);
    const second = await staff.risk!.request('POST', `/api/v1/applications/${id}/approval`, {
      approve: true,
    });
    expect(second.statusCode, second.body).toBe(200);
    const approved = second.json<{
      status: string;
      decisionSeconds: number;
      offer: { rate: string; adjustments: { code: string }[]; tranches: unknown[]; preview: { apr: string } };
      contract: { status: string };
    }>();
    expect(approved.status).toBe('approved');
    expect(approved.decisionSeconds).toBeGreaterThanOrEqual(0);
    expect(approved.offer.tranches).toHaveLength(2);
    expect(approved.offer.adjustments.map((a) => a.code)).toEqual(['academic_excellent', 'financial_need']);
    expect(approved.offer.rate).toBe('0.0365');
    expect(approved.contract.status).toBe('pending_signature');

    // Sign: consent, code by email (through the outbox), wrong code refused, right code signs.
    expect(
      (await student.request('POST', `/api/v1/portal/applications/${id}/contract/code`)).statusCode,
    ).toBe(409);
    await student.request('POST', `/api/v1/portal/applications/${id}/contract/consent`);
    const sent = await student.request('POST', `/api/v1/portal/applications/${id}/contract/code`);
    expect(sent.statusCode, sent.body).toBe(200);
    const [msg] = await rows<{ body: string }>(
      sql`select body from engagement_messages where source_kind = 'origination.signing_code' order by created_at desc limit 1`,
    );
    const code = /is (\d{6})\./.exec(msg!.body)![1]!;
    const wrong = await student.request('POST', `/api/v1/portal/applications/${id}/contract/sign`, {
      code: code === '000000' ? '111111' : '000000',
    });
    expect(wrong.statusCode).toBe(400);
    const signed = await student.request('POST', `/api/v1/portal/applications/${id}/contract/sign`, { code });
    expect(signed.statusCode, signed.body).toBe(200);
    const c = signed.json<{
      status: string;
      contract: {
        status: string;
        sealedSha256: string;
        signatures: { method: string; documentSha256: string }[];
      };
    }>();
    expect(c.status).toBe('contracted');
    expect(c.contract.status).toBe('signed');
    expect(c.contract.signatures[0]).toMatchObject({ method: 'email-otp' });

    // Verify: the sealed copy is intact; one changed byte is not.
    const pdf = (await student.request('GET', `/api/v1/portal/applications/${id}/contract.pdf`)).rawPayload;
    const good = await staff.auditor!.request('POST', '/api/v1/contracts/verify', { content: b64(pdf) });
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json()).toMatchObject({
      intact: true,
      matchedBy: 'sha256',
      signature: { present: true, valid: true, lenderSeal: true },
    });
    const tampered = Buffer.from(pdf);
    // One bit of a byte early in the file (inside the signed range, outside the marker).
    const at = tampered.indexOf('stream') + 20;
    tampered[at] = tampered[at]! ^ 0x01;
    const bad = await staff.auditor!.request('POST', '/api/v1/contracts/verify', { content: b64(tampered) });
    expect(bad.json()).toMatchObject({ intact: false, matchedBy: 'marker', signature: { valid: false } });
    expect(bad.json<{ contract: { contractNumber: string } }>().contract.contractNumber).toMatch(/^C\d+$/);
    // A signed contract cannot be changed in place.
    await expect(
      deps.database.db.execute(
        sql`update origination_contracts set document = '\\x00' where sealed_sha256 is not null`,
      ),
    ).rejects.toThrow();

    // Disburse tranche 1 twice with one key: posted once, ledger balanced.
    const key = `tranche-1-${id}`;
    const one = await staff.officer!.request('POST', `/api/v1/applications/${id}/disbursements`, {
      tranche: 1,
      idempotencyKey: key,
    });
    expect(one.statusCode, one.body).toBe(201);
    const again = await staff.officer!.request('POST', `/api/v1/applications/${id}/disbursements`, {
      tranche: 1,
      idempotencyKey: key,
    });
    expect(again.statusCode).toBe(200);
    expect(again.json<{ replay: boolean; disbursement: { id: string } }>()).toMatchObject({
      replay: true,
      disbursement: { id: one.json<{ disbursement: { id: string } }>().disbursement.id },
    });
    const otherKey = await staff.officer!.request('POST', `/api/v1/applications/${id}/disbursements`, {
      tranche: 1,
      idempotencyKey: `another-${id}`,
    });
    expect(otherKey.statusCode).toBe(409);
    const loanId = one.json<{ disbursement: { loanId: string } }>().disbursement.loanId;
    const [journals] = await rows<{ n: number }>(
      sql`select count(*)::int as n from journals where loan_id = ${loanId} and kind = 'disbursement'`,
    );
    expect(journals!.n).toBe(1);
    // The loan is booked at the personalised rate the borrower signed for, not the product's.
    const booked = await staff.officer!.request('GET', `/api/v1/loans/${loanId}`);
    expect(booked.json<{ loan: { annualRate: string } }>().loan.annualRate).toBe('0.0365');
    expect((await trialBalance(deps)).totals.every((t) => t.balanced)).toBe(true);
    expect((await reconcile(deps, loanId)).ok).toBe(true);

    const loans = await student.request('GET', '/api/v1/loans');
    const mine = loans.json<{ items: { id: string; commitment: string; disbursed: string }[] }>().items;
    expect(mine).toEqual([
      expect.objectContaining({ id: loanId, commitment: '60000.00', disbursed: '30000.00' }),
    ]);

    // Cancel within the window: funds returned through servicing.
    const d1 = one.json<{ disbursement: { id: string } }>().disbursement.id;
    const cancel = await staff.officer!.request(
      'POST',
      `/api/v1/applications/${id}/disbursements/${d1}/cancel`,
      { reason: 'School refunded' },
    );
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(cancel.json<{ status: string }>().status).toBe('cancelled');
    expect((await trialBalance(deps)).totals.every((t) => t.balanced)).toBe(true);
  });

  it('declines with an adverse-action notice naming the principal reasons, and never scores protected attributes', async () => {
    const student = await register('zhao.xuesheng');
    const id = await submitted(student, { amountMinor: 2_500_000 });
    await staff.school!.request('POST', `/api/v1/enrolment-checks/${id}`, {
      decision: 'rejected',
      note: 'Not enrolled',
    });
    const r = await staff.officer!.request('POST', `/api/v1/applications/${id}/decision`, {
      outcome: 'decline',
    });
    expect(r.statusCode, r.body).toBe(200);
    const d = r.json<{
      status: string;
      decisions: { reasons: string[]; rules: { rule: string; result: string }[] }[];
    }>();
    expect(d.status).toBe('declined');
    expect(d.decisions[0]!.reasons).toEqual(['enrolment_not_confirmed', 'over_annual_limit']);
    const [notice] = await rows<{ body: string }>(
      sql`select body from engagement_messages where source_kind = 'origination.adverse_action' and source_id = ${id}`,
    );
    expect(notice!.body).toContain('Your school did not confirm your enrolment.');
    expect(notice!.body).toContain('您的学校未确认您的在读/录取状态。');
    const attrs = Object.keys(scoringAttributes(answers() as never, 1));
    for (const p of [
      'sex',
      'gender',
      'maritalStatus',
      'ethnicity',
      'religion',
      'nationality',
      'disability',
      'age',
      'dateOfBirth',
    ])
      expect(attrs).not.toContain(p);
  });
});
