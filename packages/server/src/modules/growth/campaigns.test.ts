// Campaigns end to end on a real database: tracking codes, resumable idempotent sends with a
// deterministic hold-out, first/last-touch attribution with exact CPA and return, A/B results,
// and next-best offers usable as a segment.
import { randomUUID } from 'node:crypto';
import { assignArm, HOLDOUT_ARM } from '@bursar/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/database.ts';
import { SYSTEM_ACTOR } from '../../deps.ts';
import { openTestDeps, type TestDeps } from '../../../test/test-deps.ts';
import { countRule, createCustomer, createSegment, loadSchoolCatalogue } from '../customers/index.ts';
import { installEngagementDefaults } from '../engagement/index.ts';
import { installBuiltInProducts } from '../products/index.ts';
import { disburseTranche, openLoan } from '../servicing/index.ts';
import { acquisitionByMonth, attribution, experimentResults } from './attribution.service.ts';
import {
  addCost,
  advanceCampaignSend,
  createCampaign,
  launchCampaign,
  recordApplicationCode,
  recordLanding,
  runCampaignScheduler,
} from './campaigns.service.ts';
import { runNextBestOffers } from './next-best-offer.service.ts';

let deps: TestDeps;
let schoolId: string;
const ctx = { ...SYSTEM_ACTOR, actorName: 'test' };
const DAY = 86_400_000;

async function customer(
  enrolment: { level?: string; status?: string; start: string; grad: string; year?: number } | null,
) {
  const c = await createCustomer(deps, ctx, {
    legalName: `测试${randomUUID().slice(0, 6)}`,
    dateOfBirth: '2004-05-06',
    preferredLanguage: 'zh-CN',
    allowDuplicate: true,
    ...(enrolment
      ? {
          enrolment: {
            schoolId,
            level: (enrolment.level ?? 'undergraduate') as 'undergraduate',
            yearOfStudy: enrolment.year ?? 1,
            startDate: enrolment.start,
            expectedGraduationDate: enrolment.grad,
            status: (enrolment.status ?? 'enrolled') as 'enrolled',
          },
        }
      : {}),
  });
  return c.id;
}

/** An application as origination stores it once submitted (a fixture row: the shape attribution reads). */
async function application(customerId: string, submittedAt: Date, loanId: string | null = null) {
  const id = randomUUID();
  await deps.database.db.execute(sql`
    insert into origination_applications (id, application_number, customer_id, channel, status, answers, created_at, updated_at, submitted_at, loan_id)
    values (${id}, ${`T${id.slice(0, 8)}`}, ${customerId}, 'portal', ${loanId ? 'disbursed' : 'submitted'}, '{}'::jsonb, ${submittedAt}, ${submittedAt}, ${submittedAt}, ${loanId})`);
  return id;
}

beforeAll(async () => {
  deps = await openTestDeps();
  deps.setNow('2026-06-01T08:00:00Z');
  await installBuiltInProducts(deps, SYSTEM_ACTOR);
  await installEngagementDefaults(deps, SYSTEM_ACTOR);
  await loadSchoolCatalogue(deps, SYSTEM_ACTOR);
  [{ id: schoolId }] = (await rowsOf<{ id: string }>(
    deps.database.db,
    sql`select id::text from schools order by id limit 1`,
  )) as [{ id: string }];
});
afterAll(async () => {
  await deps.dispose();
});

describe('campaigns', () => {
  it('attributes applications and disbursed amounts by first and last touch, with exact CPA and return', async () => {
    const base = {
      channels: [] as ('email' | 'sms' | 'portal')[],
      currency: 'CNY',
      holdoutPercent: 0,
      lookbackDays: 90,
      marginBps: 800,
      budgetMinor: 0,
    };
    const a = await createCampaign(deps, ctx, {
      ...base,
      name: 'A',
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      variants: [{ key: 'A', name: 'A', weight: 1, templates: {} }],
    });
    const b = await createCampaign(deps, ctx, {
      ...base,
      name: 'B',
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      variants: [{ key: 'A', name: 'A', weight: 1, templates: {} }],
    });
    expect(a.trackingCodes.length).toBe(2); // campaign-level and variant A
    expect(new Set([...a.trackingCodes, ...b.trackingCodes].map((t) => t.code)).size).toBe(4);
    await addCost(deps, ctx, a.id, { costLine: 'media', amountMinor: 100_001, incurredOn: '2026-01-05' });
    await addCost(deps, ctx, b.id, { costLine: 'print', amountMinor: '50000', incurredOn: '2026-01-05' });
    await expect(
      addCost(deps, ctx, b.id, { costLine: 'print', amountMinor: 0, incurredOn: '2026-01-05' }),
    ).rejects.toMatchObject({ status: 400 });
    const codeA = a.trackingCodes.find((t) => t.variantKey === 'A')!.code;
    const codeB = b.trackingCodes.find((t) => t.variantKey === 'A')!.code;

    await installBuiltInProducts(deps, SYSTEM_ACTOR);
    const c1 = await customer(null);
    const c2 = await customer(null);
    const c3 = await customer(null);
    const loan1 = await openLoan(deps, ctx, {
      customerId: c1,
      productCode: 'CN-BANK-TUITION',
      amount: '10000.00',
    });
    await disburseTranche(deps, ctx, loan1.id, { amount: '10000.00' });
    const loan2 = await openLoan(deps, ctx, {
      customerId: c2,
      productCode: 'CN-BANK-TUITION',
      amount: '20000.01',
    });
    await disburseTranche(deps, ctx, loan2.id, { amount: '20000.01' });

    const T = Date.parse('2026-05-01T00:00:00Z');
    const at = (d: number) => new Date(T + d * DAY);
    // c1: A 90 days before (the edge: counts), B 1 day before, A again after applying (ignored).
    deps.setNow(at(-90));
    await recordLanding(deps, codeA, { customerId: c1 });
    deps.setNow(at(-1));
    await recordLanding(deps, codeB, { customerId: c1 });
    deps.setNow(at(2));
    await recordLanding(deps, codeA, { customerId: c1 });
    // c2: B 91 days before (outside), A 3 days before. c3: A only, application not funded.
    deps.setNow(at(-91));
    await recordLanding(deps, codeB, { customerId: c2 });
    deps.setNow(at(-3));
    await recordLanding(deps, codeA, { customerId: c2 });
    await recordLanding(deps, codeA, { customerId: c3 });
    deps.setNow('2026-06-01T08:00:00Z');
    await application(c1, at(0), loan1.id);
    const app2 = await application(c2, at(0), loan2.id);
    await application(c3, at(0));
    // The application carried B's code: an application touch at the application instant wins last touch.
    await recordApplicationCode(deps, ctx, {
      code: codeB,
      applicationId: app2,
      customerId: c2,
      occurredAt: at(0).toISOString(),
    });
    expect(
      (await recordApplicationCode(deps, ctx, { code: codeA, applicationId: app2, customerId: c2 })).recorded,
    ).toBe(false);
    await expect(
      recordApplicationCode(deps, ctx, { code: 'NOPE99', applicationId: app2, customerId: c2 }),
    ).rejects.toMatchObject({ status: 400 });

    const r = await attribution(deps, { from: '2026-04-01', to: '2026-05-31', lookbackDays: 90 });
    // The management dashboard's acquisition cost: spend by month incurred, customers won by
    // last touch in the month they were funded (c1 and c2, both last touched by B).
    expect(await acquisitionByMonth(deps, { currency: 'CNY', from: '2026-01-01' })).toEqual([
      { month: '2026-01', spend: 150_001, acquired: 0 },
      { month: '2026-05', spend: 0, acquired: 2 },
    ]);
    expect(await acquisitionByMonth(deps, { currency: 'USD', from: '2026-01-01' })).toEqual([]);
    expect(await acquisitionByMonth(deps, { currency: 'CNY', from: '2026-01-01', schoolId })).toBeNull();
    expect(r.applications).toBe(3);
    const first = Object.fromEntries(r.first.map((x) => [x.name, x]));
    const last = Object.fromEntries(r.last.map((x) => [x.name, x]));
    // First touch: c1 → A (edge), c2 → A (B was outside), c3 → A.
    expect(first.A).toMatchObject({
      applications: 3,
      funded: 2,
      disbursedMinor: '3000001',
      spendMinor: '100001',
      cpaMinor: '50001', // 100 001 ÷ 2, half-up
      revenueMinor: '240000', // 3 000 001 × 8 %
      returnBps: 14000, // (240 000 − 100 001) ÷ 100 001 = 1.399976 → 14 000 bps
    });
    expect(first.B).toMatchObject({ applications: 0, funded: 0, cpaMinor: null, returnBps: -10000 });
    // Last touch: c1 → B (day −1), c2 → B (its application carried B's code), c3 → A.
    expect(last.B).toMatchObject({
      applications: 2,
      funded: 2,
      disbursedMinor: '3000001',
      cpaMinor: '25000',
      revenueMinor: '240000',
      returnBps: 38000,
    });
    expect(last.A).toMatchObject({ applications: 1, funded: 0, cpaMinor: null, returnBps: -10000 });
  });

  it('sends to a segment idempotently with a deterministic hold-out, and reports arms against it', async () => {
    for (let i = 0; i < 12; i++) await customer({ start: '2025-09-01', grad: '2029-07-01' });
    const segment = await createSegment(deps, ctx, {
      name: 'all active',
      rule: { field: 'customer.status', op: 'eq', value: 'active' },
    });
    const c = await createCampaign(deps, ctx, {
      name: 'Term start',
      segmentId: segment.id,
      channels: ['portal', 'sms'],
      startsOn: '2026-06-01',
      endsOn: '2026-06-30',
      currency: 'CNY',
      budgetMinor: 1000,
      marginBps: 300,
      lookbackDays: 30,
      holdoutPercent: 25,
      variants: [
        { key: 'A', name: 'A', weight: 1, templates: { portal: 'product-update', sms: 'product-update' } },
        { key: 'B', name: 'B', weight: 3, templates: { portal: 'product-update', sms: 'product-update' } },
      ],
    });
    await expect(
      createCampaign(deps, ctx, {
        ...{
          name: 'x',
          startsOn: '2026-06-01',
          endsOn: '2026-06-30',
          currency: 'CNY',
          budgetMinor: 0,
          marginBps: 0,
          lookbackDays: 30,
          holdoutPercent: 0,
        },
        channels: ['sms'],
        segmentId: segment.id,
        variants: [{ key: 'A', name: 'A', weight: 1, templates: {} }],
      }),
    ).rejects.toMatchObject({ status: 400, extensions: { errors: [{ field: 'variants.0.templates.sms' }] } });
    await launchCampaign(deps, ctx, c.id);
    // Two pages, then a rerun of the whole send: nothing is written twice.
    expect(await advanceCampaignSend(deps, c.id, 5)).toBe(false);
    await runCampaignScheduler(deps, '2026-06-01');
    const { seed } = (
      await rowsOf<{ seed: string }>(
        deps.database.db,
        sql`select seed from growth_campaigns where id = ${c.id}::uuid`,
      )
    )[0]!;
    const assigned = await rowsOf<{ customer_id: string; arm: string }>(
      deps.database.db,
      sql`select customer_id::text, arm from growth_campaign_assignments where campaign_id = ${c.id}::uuid`,
    );
    const members = await rowsOf<{ id: string }>(
      deps.database.db,
      sql`select id::text from customers where status = 'active'`,
    );
    expect(assigned.length).toBe(members.length);
    const variants = [
      { key: 'A', weight: 1 },
      { key: 'B', weight: 3 },
    ];
    for (const a of assigned) expect(a.arm).toBe(assignArm(seed, a.customer_id, variants, 25));
    const treated = assigned.filter((a) => a.arm !== HOLDOUT_ARM).length;
    const msgs = async () =>
      (
        await rowsOf<{ n: number }>(
          deps.database.db,
          sql`select count(*)::int as n from engagement_messages where source_kind = 'campaign' and source_id = ${c.id}`,
        )
      )[0]!.n;
    expect(await msgs()).toBe(treated * 2);
    await rowsOf(deps.database.db, sql`update growth_campaigns set sent_at = null where id = ${c.id}::uuid`);
    await runCampaignScheduler(deps, '2026-06-01');
    expect(await msgs()).toBe(treated * 2);

    const holdout = assigned.filter((a) => a.arm === HOLDOUT_ARM).map((a) => a.customer_id);
    const inB = assigned.filter((a) => a.arm === 'B').map((a) => a.customer_id);
    const code = (
      await rowsOf<{ code: string }>(
        deps.database.db,
        sql`select code from growth_campaign_tracking_codes where campaign_id = ${c.id}::uuid and variant_key = 'B' and channel = 'sms'`,
      )
    )[0]!.code;
    deps.setNow('2026-06-03T08:00:00Z');
    for (const id of inB.slice(0, 2)) await recordLanding(deps, code, { customerId: id });
    const r = await experimentResults(deps, c.id);
    const arm = Object.fromEntries(r.arms.map((x) => [x.arm, x]));
    expect(arm[HOLDOUT_ARM]?.n ?? 0).toBe(holdout.length);
    expect(arm.B?.responded ?? 0).toBe(Math.min(2, inB.length));
    expect(r.arms.reduce((s, x) => s + x.n, 0)).toBe(assigned.length);
    if (holdout.length && inB.length) expect(arm.B!.vsHoldout?.responded?.adequateSample).toBe(false);
    // The campaign completes once its end date has passed.
    await runCampaignScheduler(deps, '2026-07-01');
    expect(
      (
        await rowsOf<{ status: string }>(
          deps.database.db,
          sql`select status from growth_campaigns where id = ${c.id}::uuid`,
        )
      )[0]!.status,
    ).toBe('completed');
  });

  it('decides next-best offers, is idempotent, and a segment by offer counts exactly', async () => {
    deps.setNow('2026-06-10T08:00:00Z');
    const finalYear = await customer({ start: '2022-09-01', grad: '2027-01-15', year: 4 });
    const graduate = await customer({ start: '2020-09-01', grad: '2024-07-01', status: 'graduated' });
    const continuing = await customer({ start: '2025-09-01', grad: '2029-07-01' });
    const loan = await openLoan(deps, ctx, {
      customerId: continuing,
      productCode: 'CN-BANK-TUITION',
      amount: '8000.00',
    });
    await disburseTranche(deps, ctx, loan.id, { amount: '8000.00' });
    const first = await runNextBestOffers(deps, ctx);
    const codeOf = async (id: string) =>
      (
        await rowsOf<{ code: string | null }>(
          deps.database.db,
          sql`select code from growth_next_best_offers where customer_id = ${id}::uuid`,
        )
      )[0]?.code;
    expect(await codeOf(finalYear)).toBe('graduate-loan');
    expect(await codeOf(graduate)).toBeNull();
    // Term starts 2026-09-01, within 120 days of the business date; loan in good standing → next year's tranche (before literacy content).
    expect(await codeOf(continuing)).toBe('next-year-tranche');
    const again = await runNextBestOffers(deps, ctx);
    expect(again.changed).toBe(0);
    expect(again.evaluated).toBe(first.evaluated);
    const stored = await rowsOf<{ n: number }>(
      deps.database.db,
      sql`select count(*)::int as n from growth_next_best_offers where code = 'graduate-loan'`,
    );
    const bySegment = await countRule(deps, {
      field: 'customer.tags',
      op: 'hasAny',
      value: ['nbo:graduate-loan'],
    });
    expect(bySegment.count).toBe(stored[0]!.n);
    expect(bySegment.count).toBeGreaterThanOrEqual(1);
    const tranche = await countRule(deps, {
      field: 'customer.tags',
      op: 'hasAny',
      value: ['nbo:next-year-tranche'],
    });
    expect(tranche.count).toBe(1);
    const audits = await rowsOf<{ n: number }>(
      deps.database.db,
      sql`select count(*)::int as n from audit_events where action = 'customer.tags_changed' and entity_id = ${finalYear}`,
    );
    expect(audits[0]!.n).toBe(1);
  });
});
