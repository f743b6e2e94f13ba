// Disputes and furnishing over HTTP with the demo users: a student disputes only their own
// loan, the auditor enters a bureau dispute, sees it at risk on the dashboard, resolves it and
// sees it leave the at-risk list; furnishing files are generated, downloaded with their
// checksum and released; errors name the field.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, session, testApp, type Session } from '../../../test/http-client.ts';
import { openTestDeps, type TestDeps } from '../../../test/test-deps.ts';
import { SYSTEM_ACTOR } from '../../deps.ts';
import { createUser } from '../identity/index.ts';
import { installBuiltInProducts } from '../products/index.ts';
import { createCustomer } from '../customers/index.ts';
import { disburseTranche, openLoan } from '../servicing/index.ts';

let deps: TestDeps;
let app: FastifyInstance;
let student: Session;
let auditor: Session;
let ownLoan: string;
let otherLoan: string;
const OPS = { ...SYSTEM_ACTOR, actorName: 'test' };

async function loanFor(customerId: string) {
  const l = await openLoan(deps, OPS, { customerId, productCode: 'CN-BANK-TUITION', amount: '12000.00' });
  await disburseTranche(deps, OPS, l.id, { amount: '12000.00' });
  return l.id;
}

beforeAll(async () => {
  deps = await openTestDeps();
  await installBuiltInProducts(deps, SYSTEM_ACTOR);
  const me = await createCustomer(deps, OPS, { legalName: '陈同学', preferredLanguage: 'zh-CN' });
  for (const [username, role] of [['student', 'student'], ['auditor', 'compliance_auditor']] as const)
    await createUser(deps, SYSTEM_ACTOR, {
      username,
      displayName: username,
      email: `${username}@test.example`,
      password: DEMO_PASSWORD,
      roles: [role],
      locale: 'en',
      ...(role === 'student' ? { customerId: me.id } : {}),
    });
  app = (await testApp(deps)).app;
  ownLoan = await loanFor(me.id);
  otherLoan = await loanFor((await createCustomer(deps, OPS, { legalName: '王五' })).id);
  student = session(app);
  expect((await student.login('student', DEMO_PASSWORD)).statusCode).toBe(200);
  auditor = session(app);
  expect((await auditor.login('auditor', DEMO_PASSWORD)).statusCode).toBe(200);
}, 120_000);

afterAll(async () => {
  await app?.close();
  await deps?.dispose();
});

describe('credit-reporting disputes over HTTP', () => {
  it('lets a student dispute only their own loan and see only their own disputes', async () => {
    const mine = await student.request('POST', '/api/v1/compliance/my/disputes', {
      loanId: ownLoan,
      reason: 'payment-history',
      description: '上月还款已按时完成，但报送为逾期。',
    });
    expect(mine.statusCode).toBe(201);
    expect(mine.json()).toMatchObject({ source: 'borrower', status: 'open', daysLeft: 30 });
    const theirs = await student.request('POST', '/api/v1/compliance/my/disputes', {
      loanId: otherLoan,
      reason: 'balance',
      description: 'not my loan at all',
    });
    expect(theirs.statusCode).toBe(404);
    expect(theirs.headers['content-type']).toMatch(/problem\+json/);
    const list = (await student.request('GET', '/api/v1/compliance/my/disputes')).json<{ items: { loanId: string }[] }>();
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((d) => d.loanId === ownLoan)).toBe(true);
    expect((await student.request('GET', '/api/v1/compliance/disputes')).statusCode).toBe(403);
    expect((await student.request('GET', '/api/v1/compliance/dashboard')).statusCode).toBe(403);
  });

  it('puts a dispute near its deadline on the dashboard at-risk list until it is resolved', async () => {
    const missing = await auditor.request('POST', '/api/v1/compliance/disputes', {
      loanId: otherLoan,
      reason: 'status',
      description: 'ACDV without a control number',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json<{ errors: { field: string }[] }>().errors[0]!.field).toBe('bureauReference');

    const receivedAt = new Date(deps.now().getTime() - 27 * 86_400_000).toISOString();
    const res = await auditor.request('POST', '/api/v1/compliance/disputes', {
      loanId: otherLoan,
      reason: 'status',
      description: 'Consumer disputes the account status (ACDV)',
      bureauReference: 'ACDV-777',
      receivedAt,
    });
    expect(res.statusCode).toBe(201);
    const d = res.json<{ id: string; atRisk: boolean; daysLeft: number }>();
    expect(d).toMatchObject({ atRisk: true, daysLeft: 3 });

    type Dash = { atRisk: { id: string; kind: string; href: string }[]; sections: { key: string }[] };
    const dash = (await auditor.request('GET', '/api/v1/compliance/dashboard')).json<Dash>();
    expect(dash.sections.map((s) => s.key)).toEqual(expect.arrayContaining(['credit-reporting', 'disputes', 'complaints']));
    expect(dash.atRisk).toContainEqual(
      expect.objectContaining({ id: d.id, kind: 'dispute', href: `/compliance/disputes/${d.id}` }),
    );

    const resolved = await auditor.request('POST', `/api/v1/compliance/disputes/${d.id}/resolve`, {
      outcome: 'verified',
      resolution: 'Status checked against the ledger: accurate.',
    });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({ status: 'resolved', atRisk: false, overdue: false });
    const after = (await auditor.request('GET', '/api/v1/compliance/dashboard')).json<Dash>();
    expect(after.atRisk.some((a) => a.id === d.id)).toBe(false);
    const again = await auditor.request('POST', `/api/v1/compliance/disputes/${d.id}/resolve`, {
      outcome: 'deleted',
      resolution: 'twice',
    });
    expect(again.statusCode).toBe(409);
  });

  it('generates, downloads with its checksum and releases a furnishing file', async () => {
    const bad = await auditor.request('POST', '/api/v1/compliance/furnishing/runs', { bureau: 'pboc', cycle: '2026-13' });
    expect(bad.statusCode).toBe(400);
    const cycle = deps.now().toISOString().slice(0, 7);
    const res = await auditor.request('POST', '/api/v1/compliance/furnishing/runs', { bureau: 'pboc', cycle });
    expect(res.statusCode).toBe(201);
    const run = res.json<{ id: string; status: string; sha256: string; accounts: number }>();
    expect(run.accounts).toBeGreaterThanOrEqual(2);
    const file = await auditor.request('GET', `/api/v1/compliance/furnishing/runs/${run.id}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['x-checksum-sha256']).toBe(run.sha256);
    expect(createHash('sha256').update(file.rawPayload).digest('hex')).toBe(run.sha256);
    if (run.status === 'validated') {
      const rel = await auditor.request('POST', `/api/v1/compliance/furnishing/runs/${run.id}/release`);
      expect(rel.statusCode).toBe(200);
      expect(rel.json()).toMatchObject({ status: 'released' });
    } else {
      // Demo customers without a national ID fail validation: release is refused with the errors.
      const rel = await auditor.request('POST', `/api/v1/compliance/furnishing/runs/${run.id}/release`);
      expect(rel.statusCode).toBe(409);
    }
    const list = (await auditor.request('GET', '/api/v1/compliance/furnishing/runs')).json<{ items: { id: string }[] }>();
    expect(list.items.map((r) => r.id)).toContain(run.id);
  });
});
