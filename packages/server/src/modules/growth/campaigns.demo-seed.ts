// Demo campaigns: a term-start campaign with two variants and a 10 % hold-out, already sent two
// months ago (arms recorded; landings and responses drawn deterministically per arm so the A/B
// page has something to show), and a campus poster campaign with a tracking code only. Both
// have spend; demo applications that came in carry their codes. Next-best offers are decided.
import { assignArm, HOLDOUT_ARM, stableHash32 } from '@bursar/core';
import { SYSTEM_ACTOR, type Deps } from '../../deps.ts';
import { createSegment, segmentMemberIds } from '../customers/index.ts';
import * as read from './attribution.repository.ts';
import * as repo from './campaigns.repository.ts';
import { addCost, createCampaign, launchCampaign } from './campaigns.service.ts';
import { runNextBestOffers } from './next-best-offer.service.ts';

const DAY = 86_400_000;
const ctx = { ...SYSTEM_ACTOR, actorName: 'demo-seed' };

export async function seedDemoCampaigns(deps: Deps): Promise<{ campaigns: number; assigned: number }> {
  const now = deps.now();
  const day = (offset: number) => new Date(now.getTime() + offset * DAY).toISOString().slice(0, 10);
  const segment = await createSegment(deps, ctx, {
    name: 'Active customers 在册客户',
    description: 'Demo target of the term-start campaign',
    rule: { field: 'customer.status', op: 'eq', value: 'active' },
  });
  const termStart = await createCampaign(deps, ctx, {
    name: 'Term-start tranche reminder 新学年放款提醒',
    objective: 'Remind continuing students to apply for next year’s tranche before term starts',
    segmentId: segment.id,
    channels: ['portal'],
    startsOn: day(-60),
    endsOn: day(30),
    currency: 'CNY',
    budgetMinor: 2_000_000,
    marginBps: 300,
    lookbackDays: 90,
    holdoutPercent: 10,
    variants: [
      { key: 'A', name: 'Plain reminder 普通提醒', weight: 1, templates: { portal: 'product-update' } },
      { key: 'B', name: 'Deadline framing 截止日期提醒', weight: 1, templates: { portal: 'product-update' } },
    ],
  });
  const poster = await createCampaign(deps, ctx, {
    name: 'Campus posters: graduate study 校园海报：研究生贷款',
    objective: 'Posters with QR codes in final-year lecture halls',
    channels: [],
    startsOn: day(-45),
    endsOn: day(15),
    currency: 'CNY',
    budgetMinor: 500_000,
    marginBps: 300,
    lookbackDays: 90,
    holdoutPercent: 0,
    variants: [{ key: 'A', name: 'Poster 海报', weight: 1, templates: {} }],
  });
  await addCost(deps, ctx, termStart.id, {
    costLine: 'messaging',
    amountMinor: 180_000,
    incurredOn: day(-60),
    description: 'Portal and SMS fees',
  });
  await addCost(deps, ctx, termStart.id, {
    costLine: 'agency',
    amountMinor: 1_020_000,
    incurredOn: day(-62),
    description: 'Copywriting and design',
  });
  await addCost(deps, ctx, poster.id, {
    costLine: 'print',
    amountMinor: 260_000,
    incurredOn: day(-46),
    description: '400 A2 posters',
  });
  await addCost(deps, ctx, poster.id, { costLine: 'staff', amountMinor: 90_000, incurredOn: day(-44) });
  await launchCampaign(deps, ctx, poster.id);

  // The term-start campaign went out two months ago: its arms are on record (set-based here; the
  // live path is the send job). The demo keeps no messages, so responses are landings.
  const db = deps.database.db;
  const c = (await repo.findCampaign(db, termStart.id))!;
  const variants = await repo.variantsOf(db, [c.id]);
  const sentAt = new Date(now.getTime() - 60 * DAY);
  const codes = await repo.trackingCodesOf(db, [c.id, poster.id]);
  const codeOf = (campaignId: string, arm: string | null) =>
    codes.find(
      (t) => t.campaignId === campaignId && t.variantKey === arm && (t.channel === 'portal' || !t.channel),
    )!.code;
  const ids: string[] = [];
  for (let after: string | null = null; ;) {
    const page = await segmentMemberIds(deps, segment.id, after, 5000);
    if (!page.length) break;
    ids.push(...page);
    after = page.at(-1)!;
  }
  const arms = ids.map((customerId) => ({
    campaignId: c.id,
    customerId,
    arm: assignArm(c.seed, customerId, variants, c.holdoutPercent),
    assignedAt: sentAt,
  }));
  // Response rates per arm: hold-out 5 %, A 9 %, B 13 % (a fixed draw per customer, not random).
  const RESPONSE: Record<string, number> = { [HOLDOUT_ARM]: 0.05, A: 0.09, B: 0.13 };
  const landings = arms
    .filter((a) => stableHash32(`demo-response:${a.customerId}`) / 2 ** 32 < RESPONSE[a.arm]!)
    .map((a, i) => ({
      campaignId: c.id,
      trackingCode: codeOf(c.id, a.arm === HOLDOUT_ARM ? null : a.arm),
      kind: 'landing' as const,
      customerId: a.customerId,
      occurredAt: new Date(sentAt.getTime() + ((i % 20) + 1) * DAY),
    }));
  await db.transaction(async (tx) => {
    for (let i = 0; i < arms.length; i += 1000) await repo.insertAssignments(tx, arms.slice(i, i + 1000));
    for (let i = 0; i < landings.length; i += 1000) await repo.insertTouches(tx, landings.slice(i, i + 1000));
    const counts = { A: 0, B: 0, [HOLDOUT_ARM]: 0 } as Record<string, number>;
    for (const a of arms) counts[a.arm] = (counts[a.arm] ?? 0) + 1;
    await repo.updateCampaign(tx, c.id, {
      status: 'running',
      launchedAt: sentAt,
      sentAt,
      processed: arms.length,
      heldOut: counts[HOLDOUT_ARM]!,
      cursorCustomerId: ids.at(-1) ?? null,
      updatedAt: now,
    });
    // Demo applications came in through the two campaigns: a landing days before, then the
    // application carrying the code (alternating, so both campaigns win some).
    const apps = await read.conversionsBetween(tx, new Date(now.getTime() - 365 * DAY), now);
    const touches = apps.flatMap((a, i) => {
      const at = new Date(a.at).getTime();
      const campaignId = i % 2 === 0 ? c.id : poster.id;
      const code = codeOf(campaignId, 'A');
      const other = i % 3 === 0 ? (campaignId === c.id ? poster.id : c.id) : null;
      return [
        ...(other
          ? [
              {
                campaignId: other,
                trackingCode: codeOf(other, 'A'),
                kind: 'landing' as const,
                customerId: a.customer_id,
                occurredAt: new Date(at - 20 * DAY),
              },
            ]
          : []),
        {
          campaignId,
          trackingCode: code,
          kind: 'landing' as const,
          customerId: a.customer_id,
          occurredAt: new Date(at - 3 * DAY),
        },
        {
          campaignId,
          trackingCode: code,
          kind: 'application' as const,
          customerId: a.customer_id,
          applicationId: a.application_id,
          occurredAt: new Date(at),
        },
      ];
    });
    await repo.insertTouches(tx, touches);
  });
  await runNextBestOffers(deps, ctx);
  return { campaigns: 2, assigned: arms.length };
}
