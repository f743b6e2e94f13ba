// Campaigns: a target segment, a channel mix, content per arm (engagement templates), a
// schedule, budget and spend by cost line, and short tracking codes per arm and channel. The
// send job walks the segment page by page (resumable from its cursor), records each customer's
// arm once, and enqueues the arm's messages through engagement's outbox with a dedupe key, so a
// rerun never sends twice. Hold-out customers are recorded and get nothing.
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { assignArm, HOLDOUT_ARM, type MessageChannel } from '@bursar/core';
import { rowsOf, type Executor } from '../../db/database.ts';
import { SYSTEM_ACTOR, type ActorContext, type Deps } from '../../deps.ts';
import { Problem, validationProblem, type FieldError } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { segmentMemberIds } from '../customers/index.ts';
import { enqueueMessage, engagementSettings } from '../engagement/index.ts';
import * as repo from './campaigns.repository.ts';
import type * as S from './campaigns.schema.ts';

type CampaignInput = z.infer<typeof S.campaignBody>;

/** Letters and digits nobody misreads on a poster (no 0/O, 1/I/L). */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
function newTrackingCode(): string {
  const bytes = randomBytes(6);
  let s = '';
  for (const b of bytes) s += CODE_ALPHABET[b % CODE_ALPHABET.length];
  return s;
}

/** The link a tracking code stands for: opening it records a landing and sends the visitor on. */
export function landingPath(code: string): string {
  return `/api/v1/growth/l/${code}`;
}
export function landingUrl(deps: Deps, code: string): string {
  return `${engagementSettings(deps).publicBaseUrl}${landingPath(code)}`;
}

const big = (v: number | bigint | string) => BigInt(v);

function checkInput(input: Partial<CampaignInput>, current?: repo.CampaignRow): void {
  const errors: FieldError[] = [];
  const startsOn = input.startsOn ?? current?.startsOn;
  const endsOn = input.endsOn ?? current?.endsOn;
  if (startsOn && endsOn && endsOn < startsOn)
    errors.push({ field: 'endsOn', message: 'ends before it starts' });
  if (input.budgetMinor !== undefined && big(input.budgetMinor) < 0n)
    errors.push({ field: 'budgetMinor', message: 'must not be negative' });
  const channels = input.channels ?? current?.channels ?? [];
  if (input.variants) {
    const keys = new Set<string>();
    input.variants.forEach((v, i) => {
      if (v.key === HOLDOUT_ARM.toUpperCase() || keys.has(v.key))
        errors.push({ field: `variants.${i}.key`, message: 'must be unique' });
      keys.add(v.key);
      for (const ch of channels)
        if (!v.templates[ch as keyof typeof v.templates])
          errors.push({ field: `variants.${i}.templates.${ch}`, message: `a template for ${ch} is needed` });
    });
  }
  if (channels.length && !(input.segmentId ?? current?.segmentId) && input.segmentId !== undefined)
    errors.push({ field: 'segmentId', message: 'a campaign that sends needs a target segment' });
  if (errors.length) throw validationProblem(errors);
}

async function ensureTrackingCodes(
  tx: Executor,
  deps: Deps,
  campaignId: string,
  variants: { key: string }[],
  channels: string[],
) {
  const existing = await repo.trackingCodesOf(tx, [campaignId]);
  const has = new Set(existing.map((c) => `${c.variantKey ?? ''}|${c.channel ?? ''}`));
  const wanted: { variantKey: string | null; channel: string | null }[] = [
    { variantKey: null, channel: null },
  ];
  for (const v of variants) {
    wanted.push({ variantKey: v.key, channel: null });
    for (const ch of channels) wanted.push({ variantKey: v.key, channel: ch });
  }
  for (const w of wanted) {
    if (has.has(`${w.variantKey ?? ''}|${w.channel ?? ''}`)) continue;
    // A clash on the random code is retried; 31^6 ≈ 887 million codes.
    for (let attempt = 0; attempt < 5; attempt++) {
      const rows = await repo.insertTrackingCodes(tx, [
        {
          code: newTrackingCode(),
          campaignId,
          variantKey: w.variantKey,
          channel: w.channel,
          createdAt: deps.now(),
        },
      ]);
      if (rows.length) break;
    }
  }
}

async function viewsOf(db: Executor, rows: repo.CampaignRow[]): Promise<S.CampaignView[]> {
  const ids = rows.map((r) => r.id);
  const [variants, costs, codes] = await Promise.all([
    repo.variantsOf(db, ids),
    repo.costsOf(db, ids),
    repo.trackingCodesOf(db, ids),
  ]);
  return rows.map((c) => {
    const cs = costs.filter((x) => x.campaignId === c.id);
    return {
      id: c.id,
      code: c.code,
      name: c.name,
      objective: c.objective,
      segmentId: c.segmentId,
      status: c.status,
      channels: c.channels,
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      sendAt: c.sendAt?.toISOString() ?? null,
      currency: c.currency,
      budgetMinor: String(c.budget),
      spendMinor: String(cs.reduce((s, x) => s + big(x.amount), 0n)),
      marginBps: c.marginBps,
      lookbackDays: c.lookbackDays,
      holdoutPercent: c.holdoutPercent,
      progress: { processed: c.processed, queued: c.queued, suppressed: c.suppressed, heldOut: c.heldOut },
      variants: variants
        .filter((v) => v.campaignId === c.id)
        .map((v) => ({ key: v.key, name: v.name, weight: v.weight, templates: v.templates })),
      costs: cs.map((x) => ({
        id: x.id,
        costLine: x.costLine,
        description: x.description,
        amountMinor: String(x.amount),
        incurredOn: x.incurredOn,
        createdBy: x.createdBy,
      })),
      trackingCodes: codes
        .filter((t) => t.campaignId === c.id)
        .map((t) => ({
          code: t.code,
          variantKey: t.variantKey,
          channel: t.channel,
          landingPath: landingPath(t.code),
        })),
      createdAt: c.createdAt.toISOString(),
      launchedAt: c.launchedAt?.toISOString() ?? null,
      sentAt: c.sentAt?.toISOString() ?? null,
    };
  });
}

export async function listCampaigns(deps: Deps): Promise<S.CampaignView[]> {
  return viewsOf(deps.database.db, await repo.listCampaigns(deps.database.db));
}

export async function getCampaign(
  deps: Deps,
  id: string,
  db: Executor = deps.database.db,
): Promise<S.CampaignView> {
  const row = await repo.findCampaign(db, id);
  if (!row) throw Problem.notFound('Campaign');
  return (await viewsOf(db, [row]))[0]!;
}

export async function createCampaign(
  deps: Deps,
  ctx: ActorContext,
  input: CampaignInput,
): Promise<S.CampaignView> {
  checkInput({ ...input, segmentId: input.segmentId ?? null });
  return deps.database.db.transaction(async (tx) => {
    const at = deps.now();
    const id = randomUUID();
    await repo.insertCampaign(tx, {
      id,
      code: await repo.nextCampaignCode(tx),
      name: input.name,
      objective: input.objective ?? null,
      segmentId: input.segmentId ?? null,
      status: 'draft',
      channels: input.channels,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      sendAt: input.sendAt ? new Date(input.sendAt) : null,
      currency: input.currency,
      budget: Number(input.budgetMinor),
      marginBps: input.marginBps,
      lookbackDays: input.lookbackDays,
      holdoutPercent: input.holdoutPercent,
      seed: randomBytes(8).toString('hex'),
      createdBy: ctx.actorName,
      createdAt: at,
      updatedAt: at,
    });
    await repo.insertVariants(
      tx,
      input.variants.map((v) => ({
        id: randomUUID(),
        campaignId: id,
        key: v.key,
        name: v.name,
        weight: v.weight,
        templates: v.templates,
      })),
    );
    await ensureTrackingCodes(tx, deps, id, input.variants, input.channels);
    const view = await getCampaign(deps, id, tx);
    await recordAudit(tx, ctx, at, {
      action: 'campaign.created',
      entityType: 'campaign',
      entityId: id,
      after: view,
    });
    return view;
  });
}

export async function updateCampaign(
  deps: Deps,
  ctx: ActorContext,
  id: string,
  input: z.infer<typeof S.campaignPatch>,
): Promise<S.CampaignView> {
  return deps.database.db.transaction(async (tx) => {
    const row = await repo.findCampaign(tx, id, true);
    if (!row) throw Problem.notFound('Campaign');
    if (row.status !== 'draft')
      throw Problem.conflict('campaign-not-draft', 'Only a draft campaign can be edited', 'status');
    checkInput(input, row);
    const before = await getCampaign(deps, id, tx);
    const at = deps.now();
    await repo.updateCampaign(tx, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.objective !== undefined ? { objective: input.objective } : {}),
      ...(input.segmentId !== undefined ? { segmentId: input.segmentId } : {}),
      ...(input.channels !== undefined ? { channels: input.channels } : {}),
      ...(input.startsOn !== undefined ? { startsOn: input.startsOn } : {}),
      ...(input.endsOn !== undefined ? { endsOn: input.endsOn } : {}),
      ...(input.sendAt !== undefined ? { sendAt: input.sendAt ? new Date(input.sendAt) : null } : {}),
      ...(input.currency !== undefined ? { currency: input.currency } : {}),
      ...(input.budgetMinor !== undefined ? { budget: Number(input.budgetMinor) } : {}),
      ...(input.marginBps !== undefined ? { marginBps: input.marginBps } : {}),
      ...(input.lookbackDays !== undefined ? { lookbackDays: input.lookbackDays } : {}),
      ...(input.holdoutPercent !== undefined ? { holdoutPercent: input.holdoutPercent } : {}),
      updatedAt: at,
    });
    const channels = input.channels ?? row.channels;
    if (input.variants) {
      await repo.deleteVariants(tx, id);
      await repo.insertVariants(
        tx,
        input.variants.map((v) => ({
          id: randomUUID(),
          campaignId: id,
          key: v.key,
          name: v.name,
          weight: v.weight,
          templates: v.templates,
        })),
      );
    }
    const variants = input.variants ?? (await repo.variantsOf(tx, [id]));
    if (input.variants === undefined && input.channels)
      checkInput(
        {
          variants: variants.map((v) => ({ ...v, templates: v.templates })),
          channels: channels as CampaignInput['channels'],
        },
        row,
      );
    await ensureTrackingCodes(tx, deps, id, variants, channels);
    const view = await getCampaign(deps, id, tx);
    await recordAudit(tx, ctx, at, {
      action: 'campaign.updated',
      entityType: 'campaign',
      entityId: id,
      before,
      after: view,
    });
    return view;
  });
}

export async function addCost(
  deps: Deps,
  ctx: ActorContext,
  id: string,
  input: z.infer<typeof S.costBody>,
): Promise<S.CampaignView> {
  const amount = big(input.amountMinor);
  if (amount <= 0n) throw Problem.badRequest('amountMinor', 'must be positive');
  if (amount > BigInt(Number.MAX_SAFE_INTEGER)) throw Problem.badRequest('amountMinor', 'too large');
  return deps.database.db.transaction(async (tx) => {
    const row = await repo.findCampaign(tx, id, true);
    if (!row) throw Problem.notFound('Campaign');
    if (row.status === 'cancelled')
      throw Problem.conflict('campaign-cancelled', 'The campaign was cancelled', 'status');
    const at = deps.now();
    const cost = await repo.insertCost(tx, {
      id: randomUUID(),
      campaignId: id,
      costLine: input.costLine,
      description: input.description ?? null,
      amount: Number(amount),
      incurredOn: input.incurredOn,
      createdBy: ctx.actorName,
      createdAt: at,
    });
    await recordAudit(tx, ctx, at, {
      action: 'campaign.cost_recorded',
      entityType: 'campaign',
      entityId: id,
      after: {
        costId: cost.id,
        costLine: cost.costLine,
        amountMinor: String(cost.amount),
        currency: row.currency,
      },
    });
    return getCampaign(deps, id, tx);
  });
}

/** Active template codes among `codes` (engagement's templates, read-only). */
async function activeTemplateCodes(db: Executor, codes: string[]): Promise<Set<string>> {
  if (!codes.length) return new Set();
  const rows = await rowsOf<{ code: string }>(
    db,
    sql`select distinct code from engagement_templates where status = 'active' and code = any(${sql.param(codes)}::text[])`,
  );
  return new Set(rows.map((r) => r.code));
}

/** Launch: scheduled until its send time, then running. Checks the segment and every template first. */
export async function launchCampaign(deps: Deps, ctx: ActorContext, id: string): Promise<S.CampaignView> {
  return deps.database.db.transaction(async (tx) => {
    const row = await repo.findCampaign(tx, id, true);
    if (!row) throw Problem.notFound('Campaign');
    if (row.status !== 'draft')
      throw Problem.conflict('campaign-not-draft', 'Only a draft campaign can be launched', 'status');
    const variants = await repo.variantsOf(tx, [id]);
    if (row.channels.length) {
      if (!row.segmentId)
        throw Problem.badRequest('segmentId', 'a campaign that sends needs a target segment');
      const needed = variants.flatMap((v) =>
        row.channels.map((ch) => v.templates[ch]).filter((x): x is string => !!x),
      );
      const active = await activeTemplateCodes(tx, needed);
      const errors: FieldError[] = [];
      variants.forEach((v, i) => {
        for (const ch of row.channels) {
          const code = v.templates[ch];
          if (!code || !active.has(code))
            errors.push({
              field: `variants.${i}.templates.${ch}`,
              message: `template ${code ?? '—'} has no active version`,
            });
        }
      });
      if (errors.length) throw validationProblem(errors);
    }
    const at = deps.now();
    const status = row.sendAt && row.sendAt > at ? 'scheduled' : 'running';
    await repo.updateCampaign(tx, id, { status, launchedAt: at, updatedAt: at });
    await recordAudit(tx, ctx, at, {
      action: 'campaign.launched',
      entityType: 'campaign',
      entityId: id,
      before: { status: row.status },
      after: { status },
    });
    return getCampaign(deps, id, tx);
  });
}

export async function cancelCampaign(deps: Deps, ctx: ActorContext, id: string): Promise<S.CampaignView> {
  return deps.database.db.transaction(async (tx) => {
    const row = await repo.findCampaign(tx, id, true);
    if (!row) throw Problem.notFound('Campaign');
    if (row.status === 'completed' || row.status === 'cancelled')
      throw Problem.conflict('campaign-closed', `The campaign is already ${row.status}`, 'status');
    const at = deps.now();
    await repo.updateCampaign(tx, id, { status: 'cancelled', updatedAt: at });
    await recordAudit(tx, ctx, at, {
      action: 'campaign.cancelled',
      entityType: 'campaign',
      entityId: id,
      before: { status: row.status },
      after: { status: 'cancelled' },
    });
    return getCampaign(deps, id, tx);
  });
}

/**
 * Write the next page of a running campaign's sends. Resumable from the cursor and idempotent:
 * an arm is recorded once (the first draw stands) and every message has a dedupe key.
 * Returns true when the segment is exhausted (or the campaign no longer sends).
 */
export async function advanceCampaignSend(deps: Deps, campaignId: string, pageSize = 200): Promise<boolean> {
  const c0 = await repo.findCampaign(deps.database.db, campaignId);
  if (!c0 || c0.status !== 'running' || c0.sentAt || !c0.segmentId) return true;
  const ids = await segmentMemberIds(deps, c0.segmentId, c0.cursorCustomerId, pageSize);
  return deps.database.db.transaction(async (tx) => {
    const c = (await repo.findCampaign(tx, campaignId, true))!;
    if (c.status !== 'running' || c.sentAt) return true;
    if (c.cursorCustomerId !== c0.cursorCustomerId) return false; // another worker moved on
    const at = deps.now();
    if (ids.length === 0) {
      await repo.updateCampaign(tx, campaignId, { sentAt: at, updatedAt: at });
      await recordAudit(tx, SYSTEM_ACTOR, at, {
        action: 'campaign.sent',
        entityType: 'campaign',
        entityId: campaignId,
        after: { processed: c.processed, queued: c.queued, suppressed: c.suppressed, heldOut: c.heldOut },
      });
      return true;
    }
    const variants = await repo.variantsOf(tx, [campaignId]);
    const codes = await repo.trackingCodesOf(tx, [campaignId]);
    const codeOf = (arm: string, channel: string) =>
      codes.find((t) => t.variantKey === arm && t.channel === channel)?.code ??
      codes.find((t) => t.variantKey === arm && !t.channel)?.code ??
      codes.find((t) => !t.variantKey)!.code;
    const known = new Map((await repo.assignmentsOf(tx, campaignId, ids)).map((a) => [a.customerId, a.arm]));
    const fresh = ids
      .filter((id) => !known.has(id))
      .map((customerId) => ({
        campaignId,
        customerId,
        arm: assignArm(c.seed, customerId, variants, c.holdoutPercent),
        assignedAt: at,
      }));
    await repo.insertAssignments(tx, fresh);
    for (const f of fresh) known.set(f.customerId, f.arm);
    let queued = 0;
    let suppressed = 0;
    let heldOut = 0;
    for (const customerId of ids) {
      const arm = known.get(customerId)!;
      if (arm === HOLDOUT_ARM) {
        heldOut++;
        continue;
      }
      const v = variants.find((x) => x.key === arm);
      if (!v) continue;
      for (const channel of c.channels) {
        const template = v.templates[channel];
        if (!template) continue;
        const r = await enqueueMessage(
          tx,
          deps,
          {
            customerId,
            template,
            channel: channel as MessageChannel,
            purpose: 'marketing',
            dedupeKey: `campaign:${campaignId}:${channel}:${customerId}`,
            values: { 'campaign.url': landingUrl(deps, codeOf(arm, channel)) },
            source: { kind: 'campaign', id: campaignId },
            createdBy: c.createdBy,
            quiet: true,
          },
          at,
        );
        if (r.duplicate) continue;
        if (r.status === 'queued') queued++;
        else suppressed++;
      }
    }
    await repo.updateCampaign(tx, campaignId, {
      cursorCustomerId: ids.at(-1)!,
      processed: c.processed + ids.length,
      queued: c.queued + queued,
      suppressed: c.suppressed + suppressed,
      heldOut: c.heldOut + heldOut,
      updatedAt: at,
    });
    return false;
  });
}

/** The scheduler: start campaigns whose send time came, walk running sends, complete ended campaigns. */
export async function runCampaignScheduler(
  deps: Deps,
  today: string,
): Promise<{ started: number; completed: number }> {
  const db = deps.database.db;
  const now = deps.now();
  let started = 0;
  let completed = 0;
  for (const c of await repo.campaignsInStatus(db, ['scheduled', 'running'])) {
    if (c.status === 'scheduled' && (!c.sendAt || c.sendAt <= now)) {
      await db.transaction(async (tx) => {
        const row = await repo.findCampaign(tx, c.id, true);
        if (row?.status !== 'scheduled') return;
        await repo.updateCampaign(tx, c.id, { status: 'running', updatedAt: now });
        await recordAudit(tx, SYSTEM_ACTOR, now, {
          action: 'campaign.started',
          entityType: 'campaign',
          entityId: c.id,
          before: { status: 'scheduled' },
          after: { status: 'running' },
        });
      });
      started++;
    }
    while (!(await advanceCampaignSend(deps, c.id))) {
      // next page
    }
    const row = (await repo.findCampaign(db, c.id))!;
    if (
      row.status === 'running' &&
      row.endsOn < today &&
      (row.sentAt || !row.segmentId || !row.channels.length)
    ) {
      await db.transaction(async (tx) => {
        await repo.updateCampaign(tx, c.id, { status: 'completed', updatedAt: now });
        await recordAudit(tx, SYSTEM_ACTOR, now, {
          action: 'campaign.completed',
          entityType: 'campaign',
          entityId: c.id,
          before: { status: 'running' },
          after: { status: 'completed' },
        });
      });
      completed++;
    }
  }
  return { started, completed };
}

/** A landing on a tracking link (public). Unknown codes are ignored; returns the campaign or null. */
export async function recordLanding(
  deps: Deps,
  code: string,
  who: { customerId?: string | null; visitorId?: string | null },
): Promise<string | null> {
  const tc = await repo.findTrackingCode(deps.database.db, code.toUpperCase());
  if (!tc) return null;
  await repo.insertTouch(deps.database.db, {
    campaignId: tc.campaignId,
    trackingCode: tc.code,
    kind: 'landing',
    customerId: who.customerId ?? null,
    visitorId: who.visitorId ?? null,
    occurredAt: deps.now(),
  });
  return tc.campaignId;
}

/**
 * An application that carried a tracking code (`?tc=` on the apply link, or keyed in by staff).
 * One code per application; the first stands. Audited.
 */
export async function recordApplicationCode(
  deps: Deps,
  ctx: ActorContext,
  input: z.infer<typeof S.applicationCodeBody>,
): Promise<{ campaignId: string; recorded: boolean }> {
  return deps.database.db.transaction(async (tx) => {
    const tc = await repo.findTrackingCode(tx, input.code.toUpperCase());
    if (!tc) throw Problem.badRequest('code', 'unknown tracking code');
    const exists = await rowsOf<{ ok: number }>(
      tx,
      sql`select 1 as ok from origination_applications where id = ${input.applicationId}::uuid and customer_id = ${input.customerId}::uuid`,
    );
    if (!exists.length) throw Problem.badRequest('applicationId', 'no such application of this customer');
    const at = input.occurredAt ? new Date(input.occurredAt) : deps.now();
    const recorded = await repo.insertTouch(tx, {
      campaignId: tc.campaignId,
      trackingCode: tc.code,
      kind: 'application',
      customerId: input.customerId,
      applicationId: input.applicationId,
      occurredAt: at,
    });
    if (recorded)
      await recordAudit(tx, ctx, deps.now(), {
        action: 'campaign.application_attributed',
        entityType: 'campaign',
        entityId: tc.campaignId,
        after: { applicationId: input.applicationId, trackingCode: tc.code },
      });
    return { campaignId: tc.campaignId, recorded };
  });
}
