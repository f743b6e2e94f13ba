// Data protection: the retention job (anonymises an expired customer, leaves a held one alone,
// the audit chain still verifies; idempotent; resumable), legal holds, data-subject requests and
// their statutory deadlines, and data residency.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDeps, type TestDeps } from '../../../test/test-deps.ts';
import { SYSTEM_ACTOR } from '../../deps.ts';
import { sealAuditTrail, verifyAuditTrail } from '../audit/index.ts';
import { createCustomer } from '../customers/index.ts';
import { installBuiltInProducts } from '../products/index.ts';
import { disburseTranche, openLoan } from '../servicing/index.ts';
import { dsrDueDate } from './dsr.deadline.ts';
import { fileDsr, fulfilDeletion, listDsrs } from './dsr.service.ts';
import { placeLegalHold, releaseLegalHold } from './legal-hold.service.ts';
import { assertExportAllowed, DataRegionMismatch, enforceDataRegion } from './residency.ts';
import { seedDemoDataProtection } from './retention.demo-seed.ts';
import { installDefaultRetentionSchedule, retentionEvidence, runRetention } from './retention.service.ts';

const ctx = { ...SYSTEM_ACTOR, actorName: 'test-compliance' };
let deps: TestDeps;

async function customer(name: string): Promise<string> {
  return (
    await createCustomer(deps, ctx, {
      legalName: name,
      phone: '13800138000',
      email: `${name.length}x@example.com`,
    })
  ).id;
}

/** Close a customer as of `closedAt` (fixture: the customers module's close, backdated). */
async function closedOn(id: string, closedAt: string): Promise<void> {
  await deps.database.query(`update customers set status = 'closed', closed_at = $2 where id = $1`, [
    id,
    closedAt,
  ]);
}

async function statusOf(id: string) {
  const [r] = await deps.database.query<{ status: string; legal_name: string; phone_enc: string | null }>(
    `select status, legal_name, phone_enc from customers where id = $1`,
    [id],
  );
  return r!;
}

beforeAll(async () => {
  deps = await openTestDeps();
  deps.setNow('2031-03-02T02:00:00Z');
  await installBuiltInProducts(deps, SYSTEM_ACTOR);
  await installDefaultRetentionSchedule(deps);
});
afterAll(async () => deps.dispose());

describe('retention job', () => {
  let expired: string;
  let held: string;
  let recent: string;
  let withLoan: string;
  const batchMates: string[] = [];

  beforeAll(async () => {
    expired = await customer('张三');
    held = await customer('李四');
    recent = await customer('王五');
    withLoan = await customer('赵六');
    for (const id of [expired, held, withLoan]) await closedOn(id, '2025-01-15T00:00:00Z');
    await closedOn(recent, '2030-06-01T00:00:00Z');
    for (let i = 0; i < 5; i++) {
      const id = await customer(`Batch Mate ${i}`);
      await closedOn(id, '2024-05-01T00:00:00Z');
      batchMates.push(id);
    }
    await placeLegalHold(deps, ctx, {
      subjectType: 'customer',
      subjectId: held,
      reason: 'litigation pending',
    });
    const loan = await openLoan(deps, ctx, {
      customerId: withLoan,
      productCode: 'CN-BANK-TUITION',
      amount: '1000.00',
    });
    await disburseTranche(deps, ctx, loan.id, { amount: '1000.00' });
  });

  it('anonymises the expired customer, leaves the held one untouched, and the audit chain still verifies', async () => {
    const before = await statusOf(held);
    // Interrupted after two batches of two: the run is left resumable.
    const partial = await runRetention(deps, { ctx, asOf: '2031-03-01', batchSize: 2, maxBatches: 2 });
    expect(partial.status).toBe('running');
    expect(partial.cursor?.recordType).toBe('customer_profile');
    const done = await runRetention(deps, { ctx, asOf: '2031-03-01', batchSize: 2 });
    expect(done.id).toBe(partial.id);
    expect(done.status).toBe('completed');
    expect(done.counts.customer_profile).toEqual({ anonymised: 6, deleted: 0, held: 1, kept: 1 });
    expect(done.errors).toEqual([]);
    expect(await statusOf(expired)).toMatchObject({
      status: 'anonymised',
      legal_name: 'Anonymised customer',
      phone_enc: null,
    });
    for (const id of batchMates) expect((await statusOf(id)).status).toBe('anonymised');
    expect(await statusOf(held)).toEqual(before);
    expect((await statusOf(recent)).status).toBe('closed');
    expect((await statusOf(withLoan)).status).toBe('closed');
    // No id in the evidence: keyed hashes only; the file's checksum is the recorded one.
    const ev = await retentionEvidence(deps, ctx, done.id);
    expect(ev.intact).toBe(true);
    expect(ev.sha256).toBe(done.evidenceSha256);
    expect(ev.content).not.toContain(expired);
    expect(JSON.parse(ev.content).items).toHaveLength(8);
    await sealAuditTrail(deps);
    const report = await verifyAuditTrail(deps);
    expect(report.ok, JSON.stringify(report.firstBad)).toBe(true);
    expect(report.checked).toBeGreaterThan(10);
  });

  it('changes nothing when run again, the same day or the next', async () => {
    const snapshot = async () =>
      deps.database.query(`select id, status, legal_name, updated_at from customers order by id`);
    const customersBefore = await snapshot();
    const [{ n: auditBefore }] = (await deps.database.query<{ n: number }>(
      `select count(*)::int as n from audit_events where action = 'customer.anonymised'`,
    )) as [{ n: number }];
    const again = await runRetention(deps, { ctx, asOf: '2031-03-01' });
    expect(again.status).toBe('completed');
    const next = await runRetention(deps, { ctx, asOf: '2031-03-02' });
    expect(next.counts.customer_profile).toEqual({ anonymised: 0, deleted: 0, held: 1, kept: 1 });
    expect(await snapshot()).toEqual(customersBefore);
    const [{ n: auditAfter }] = (await deps.database.query<{ n: number }>(
      `select count(*)::int as n from audit_events where action = 'customer.anonymised'`,
    )) as [{ n: number }];
    expect(auditAfter).toBe(auditBefore);
  });

  it('anonymises the held customer once the hold is released', async () => {
    const [hold] = await deps.database.query<{ id: string }>(
      `select id from legal_holds where customer_id = $1`,
      [held],
    );
    await releaseLegalHold(deps, ctx, hold!.id, 'judgment final');
    const run = await runRetention(deps, { ctx, asOf: '2031-03-03' });
    expect(run.counts.customer_profile).toMatchObject({ anonymised: 1, held: 0 });
    expect((await statusOf(held)).status).toBe('anonymised');
  });
});

describe('data-subject requests', () => {
  it('computes statutory deadlines per regime', () => {
    // GDPR: one month, clamped to the month's last day.
    expect(dsrDueDate('GDPR', '2026-01-31')).toBe('2026-02-28');
    expect(dsrDueDate('GDPR', '2028-01-31')).toBe('2028-02-29');
    expect(dsrDueDate('GDPR', '2026-03-15')).toBe('2026-04-15');
    // CCPA: 45 calendar days.
    expect(dsrDueDate('CCPA', '2026-11-20')).toBe('2027-01-04');
    // PIPL: 15 working days on the mainland calendar (National Day week 2026-10-01..07 is off).
    expect(dsrDueDate('PIPL', '2026-09-28')).toBe('2026-10-23');
    expect(dsrDueDate('PIPL', '2026-06-01')).toBe('2026-06-23');
  });

  it('refuses a deletion under a legal hold with the reason, and anonymises once free', async () => {
    deps.setNow('2031-04-01T02:00:00Z');
    const id = await customer('钱七');
    const hold = await placeLegalHold(deps, ctx, {
      subjectType: 'customer',
      subjectId: id,
      reason: 'regulator inquiry',
    });
    const r1 = await fileDsr(deps, ctx, null, {
      customerId: id,
      kind: 'deletion',
      regime: 'PIPL',
      details: '请删除我的个人信息',
    });
    expect(r1.dueOn).toBe(dsrDueDate('PIPL', r1.receivedOn));
    const refused = await fulfilDeletion(deps, ctx, r1.id);
    expect(refused).toMatchObject({
      status: 'refused',
      outcomeReason: expect.stringContaining('regulator inquiry'),
    });
    expect((await statusOf(id)).status).toBe('active');
    await releaseLegalHold(deps, ctx, hold.id, 'inquiry closed');
    const r2 = await fileDsr(deps, ctx, null, {
      customerId: id,
      kind: 'deletion',
      regime: 'GDPR',
      details: 'erase me',
    });
    const done = await fulfilDeletion(deps, ctx, r2.id);
    expect(done.status).toBe('completed');
    expect(done.evidenceSha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await statusOf(id)).status).toBe('anonymised');
    await expect(fulfilDeletion(deps, ctx, r2.id)).rejects.toMatchObject({ slug: 'dsr-closed' });
    const open = await listDsrs(deps, { roles: ['compliance_auditor'], customerId: null } as never, {
      customerId: id,
    });
    expect(open.map((d) => d.status)).toEqual(['refused', 'completed']);
  });
});

describe('data residency', () => {
  it('declares the region once, refuses a server configured for another, and blocks exports outside it', async () => {
    const d2 = { ...deps, config: { ...deps.config, dataRegion: 'cn' as const } };
    expect(await enforceDataRegion(d2)).toBe('cn');
    expect(await enforceDataRegion(deps)).toBe('cn');
    await expect(
      enforceDataRegion({ ...deps, config: { ...deps.config, dataRegion: 'eu' } }),
    ).rejects.toBeInstanceOf(DataRegionMismatch);
    await expect(assertExportAllowed(deps, 'cn')).resolves.toBeUndefined();
    await expect(assertExportAllowed(deps, 'us')).rejects.toMatchObject({
      status: 403,
      slug: 'residency-blocked',
    });
    await expect(
      assertExportAllowed({ ...deps, config: { ...deps.config, dataExportAllowedRegions: ['us'] } }, 'us'),
    ).resolves.toBeUndefined();
  });
});

describe('demo seed', () => {
  it('adds a legal hold, an open request three days from its deadline and a regulator run', async () => {
    deps.setNow('2031-05-04T02:00:00Z');
    const student = await customer('演示学生');
    await seedDemoDataProtection(deps, { studentCustomerId: student });
    const open = await deps.database.query<{ due_on: string }>(
      `select due_on::text from data_subject_requests where customer_id = $1 and status = 'open'`,
      [student],
    );
    expect(open).toHaveLength(1);
    expect(open[0]!.due_on <= '2031-05-07').toBe(true);
    const [runs] = await deps.database.query<{ n: number }>(
      `select count(*)::int as n from regulator_report_runs`,
    );
    expect(runs!.n).toBe(1);
    const [holds] = await deps.database.query<{ n: number }>(
      `select count(*)::int as n from legal_holds where subject_type = 'loan' and released_at is null`,
    );
    expect(holds!.n).toBe(1);
  });
});
