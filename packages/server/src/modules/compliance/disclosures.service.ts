// Disclosures and consents: versioned bilingual templates per stage (application, approval, final
// signing, annual privacy notice); each delivery stores its figures, exact content and content
// hash; the borrower acknowledges it in the portal (or in a branch, recorded by staff). The cost
// box is computed from the offer by core's aprWithWithheldFees (Reg Z APR, finance charge, amount
// financed, total of payments; the IRR-based 年化利率), never recomputed another way here.
import { createHash, randomUUID } from 'node:crypto';
import {
  addMonths,
  aprWithWithheldFees,
  formatMoney,
  MONTHS_PER_PERIOD,
  parseMoney,
  toEpochDay,
  type Frequency,
} from '@bursar/core';
import { SYSTEM_ACTOR, type ActorContext, type Deps } from '../../deps.ts';
import type { Executor } from '../../db/database.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { enqueueMessage } from '../engagement/index.ts';
import type { Actor } from '../identity/index.ts';
import { disclosureBasis, originationSettings, type DisclosureBasis } from '../origination/index.ts';
import { listLoans, STAFF_ACCESS } from '../servicing/index.ts';
import * as repo from './disclosures.repository.ts';
import type { DisclosureRow, Stage, TemplateRow } from './disclosures.repository.ts';
import { BUILT_IN_TEMPLATES } from './disclosures.templates.ts';

export type LoanStage = Exclude<Stage, 'privacy'>;

export interface DisclosureFigures {
  currency: string;
  /** Principal on the note. */
  principal: number;
  /** Fees withheld from the disbursement (prepaid finance charge). */
  fees: number;
  amountFinanced: number;
  financeCharge: number;
  totalOfPayments: number;
  /** Reg Z Appendix J APR, decimal string (10 places). */
  apr: string;
  /** 年化利率 by the IRR method (PBOC 2021 No. 3), decimal string. */
  annualisedRate: string;
  instalments: number;
  firstDueDate: string;
  frequency: Frequency;
}

/**
 * The cost box from an offer's repayment preview: payments as scheduled, the fee withheld, the
 * advance one regular period before the first due date (the preview's amortisation starts at the
 * end of grace), all through core's aprWithWithheldFees.
 */
export function disclosureFigures(offer: {
  currency: string;
  amount: number;
  preview: unknown;
}): DisclosureFigures {
  const p = offer.preview as {
    schedule: { dueDate: string; payment: string }[];
    fees: string;
    frequency: Frequency;
  };
  const payments = p.schedule.map((s) => ({
    day: toEpochDay(s.dueDate),
    amount: parseMoney(s.payment, offer.currency),
  }));
  if (payments.length === 0) throw new RangeError('the offer has no repayment schedule');
  const fees = parseMoney(p.fees, offer.currency);
  const r = aprWithWithheldFees({
    principal: offer.amount,
    withheldFees: fees,
    disbursementDay: addMonths(payments[0]!.day, -MONTHS_PER_PERIOD[p.frequency]),
    payments,
    frequency: p.frequency,
  });
  return {
    currency: offer.currency,
    principal: offer.amount,
    fees,
    amountFinanced: r.amountFinanced,
    financeCharge: r.financeCharge,
    totalOfPayments: r.amountFinanced + r.financeCharge,
    apr: r.regZApr,
    annualisedRate: r.irrNominal,
    instalments: payments.length,
    firstDueDate: p.schedule[0]!.dueDate,
    frequency: p.frequency,
  };
}

/** A rate as a percentage with two decimals, for reading (the stored figure keeps 10 places). */
function percent(rate: string): string {
  return `${(Math.round(Number(rate) * 1_000_000) / 10_000).toFixed(2)}%`;
}

function render(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (m, k: string) => values[k] ?? m);
}

function placeholders(
  basis: DisclosureBasis | null,
  figures: DisclosureFigures | null,
  extra: Record<string, string>,
) {
  const v: Record<string, string> = { lenderName: originationSettings().BURSAR_LENDER_NAME, ...extra };
  if (basis) {
    v.applicationNumber = basis.application.applicationNumber;
    const cur = basis.application.currency ?? basis.offer?.currency ?? 'CNY';
    v.currency = cur;
    v.requestedAmount = formatMoney(basis.application.requestedTotal ?? 0, cur);
    v.electronicConsent = basis.contract?.electronicConsentAt
      ? basis.contract.electronicConsentAt.toISOString()
      : 'not yet given / 尚未同意';
  }
  if (figures) {
    const m = (x: number) => `${formatMoney(x, figures.currency)} ${figures.currency}`;
    Object.assign(v, {
      principal: m(figures.principal),
      fees: m(figures.fees),
      amountFinanced: m(figures.amountFinanced),
      financeCharge: m(figures.financeCharge),
      totalOfPayments: m(figures.totalOfPayments),
      apr: percent(figures.apr),
      annualisedRate: percent(figures.annualisedRate),
      instalments: String(figures.instalments),
      firstDueDate: figures.firstDueDate,
    });
  }
  return v;
}

/** The active template of a stage; the built-in version 1 is installed on first use. */
async function templateFor(tx: Executor, deps: Deps, stage: Stage): Promise<TemplateRow> {
  const t = await repo.activeTemplate(tx, stage);
  if (t) return t;
  const b = BUILT_IN_TEMPLATES[stage];
  const latest = await repo.latestTemplate(tx, stage);
  return repo.insertTemplate(tx, {
    id: randomUUID(),
    stage,
    version: (latest?.version ?? 0) + 1,
    ...b,
    status: 'active',
    createdBy: 'system',
    createdAt: deps.now(),
  });
}

function contentHash(en: string, zh: string): string {
  return createHash('sha256').update(`${en}\n\u0000\n${zh}`).digest('hex');
}

/**
 * Deliver a stage's disclosure for an application, in the caller's transaction; idempotent (the
 * same stage twice keeps the first). Origination calls it on submission (application), on the
 * approval that makes the offer (approval) and when the borrower consents to electronic records
 * before signing (signing). Returns null when the stage's inputs do not exist (no offer yet).
 */
export async function deliverDisclosure(
  tx: Executor,
  deps: Deps,
  input: { stage: LoanStage; applicationId: string },
): Promise<DisclosureRow | null> {
  const existing = await repo.disclosureAt(tx, input.applicationId, input.stage);
  if (existing) return existing;
  const basis = await disclosureBasis(tx, input.applicationId);
  if (!basis) throw Problem.notFound('Application');
  if (input.stage !== 'application' && !basis.offer) return null;
  const figures = basis.offer ? disclosureFigures(basis.offer) : null;
  const t = await templateFor(tx, deps, input.stage);
  const values = placeholders(basis, figures, {});
  const contentEn = render(t.bodyEn, values);
  const contentZh = render(t.bodyZh, values);
  const now = deps.now();
  const row = await repo.insertDisclosure(tx, {
    id: randomUUID(),
    templateId: t.id,
    templateVersion: t.version,
    stage: input.stage,
    customerId: basis.application.customerId,
    applicationId: input.applicationId,
    figures,
    titleEn: render(t.titleEn, values),
    titleZh: render(t.titleZh, values),
    contentEn,
    contentZh,
    contentSha256: contentHash(contentEn, contentZh),
    deliveryChannel: 'portal',
    deliveredAt: now,
  });
  if (!row) return (await repo.disclosureAt(tx, input.applicationId, input.stage)) ?? null;
  await recordAudit(tx, SYSTEM_ACTOR, now, {
    action: 'disclosure.delivered',
    entityType: 'disclosure',
    entityId: row.id,
    after: {
      stage: row.stage,
      applicationId: row.applicationId,
      templateVersion: row.templateVersion,
      sha256: row.contentSha256,
    },
  });
  return row;
}

export function disclosureView(d: DisclosureRow) {
  return {
    id: d.id,
    stage: d.stage,
    applicationId: d.applicationId,
    customerId: d.customerId,
    year: d.year,
    templateVersion: d.templateVersion,
    titleEn: d.titleEn,
    titleZh: d.titleZh,
    contentEn: d.contentEn,
    contentZh: d.contentZh,
    contentSha256: d.contentSha256,
    figures: d.figures as DisclosureFigures | null,
    deliveryChannel: d.deliveryChannel,
    deliveredAt: d.deliveredAt.toISOString(),
    acknowledgedAt: d.acknowledgedAt?.toISOString() ?? null,
    acknowledgedByName: d.acknowledgedByName,
    acknowledgedChannel: d.acknowledgedChannel,
  };
}
export type DisclosureView = ReturnType<typeof disclosureView>;

/** A borrower's own disclosures (the portal), newest first. */
export async function myDisclosures(deps: Deps, actor: Actor): Promise<DisclosureView[]> {
  if (!actor.customerId) return [];
  return (await repo.disclosuresOfCustomer(deps.database.db, actor.customerId)).map(disclosureView);
}

/**
 * Record an acknowledgement: the borrower in the portal (only their own disclosure), or staff
 * with disclosures.manage recording one given in a branch. The content hash acknowledged must be
 * the one delivered, so a borrower acknowledges exactly what they were shown.
 */
export async function acknowledgeDisclosure(
  deps: Deps,
  ctx: ActorContext,
  actor: Actor,
  id: string,
  input: { contentSha256: string; channel: 'portal' | 'branch' },
): Promise<DisclosureView> {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const d = await repo.findDisclosure(tx, id, true);
    const own = !!d && !!actor.customerId && d.customerId === actor.customerId;
    if (!d || (input.channel === 'portal' ? !own : !actor.permissions.has('disclosures.manage')))
      throw Problem.notFound('Disclosure');
    if (d.acknowledgedAt) return disclosureView(d);
    if (input.contentSha256 !== d.contentSha256)
      throw Problem.conflict(
        'disclosure-changed',
        'Acknowledge the disclosure as delivered',
        'contentSha256',
      );
    const updated = await repo.updateDisclosure(tx, id, {
      acknowledgedAt: now,
      acknowledgedById: actor.userId,
      acknowledgedByName: actor.displayName,
      acknowledgedChannel: input.channel,
      acknowledgedIp: ctx.ip,
    });
    await recordAudit(tx, ctx, now, {
      action: 'disclosure.acknowledged',
      entityType: 'disclosure',
      entityId: id,
      after: {
        stage: d.stage,
        channel: input.channel,
        sha256: d.contentSha256,
        templateVersion: d.templateVersion,
      },
    });
    return disclosureView(updated);
  });
}

/** Staff view: the disclosures of an application, in delivery order. */
export async function applicationDisclosures(deps: Deps, applicationId: string) {
  return (await repo.disclosuresOfApplication(deps.database.db, applicationId)).map(disclosureView);
}

export async function disclosureLog(deps: Deps, pendingOnly: boolean) {
  return (await repo.recentDisclosures(deps.database.db, pendingOnly)).map(disclosureView);
}

export interface TemplateInput {
  stage: Stage;
  titleEn: string;
  titleZh: string;
  bodyEn: string;
  bodyZh: string;
}

export async function saveTemplate(deps: Deps, ctx: ActorContext, input: TemplateInput) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const latest = await repo.latestTemplate(tx, input.stage);
    await repo.retireTemplates(tx, input.stage);
    const row = await repo.insertTemplate(tx, {
      id: randomUUID(),
      ...input,
      version: (latest?.version ?? 0) + 1,
      status: 'active',
      createdBy: ctx.actorName,
      createdAt: now,
    });
    await recordAudit(tx, ctx, now, {
      action: 'disclosure.template_saved',
      entityType: 'disclosure_template',
      entityId: row.id,
      before: latest ? { version: latest.version } : null,
      after: { stage: row.stage, version: row.version },
    });
    return templateView(row);
  });
}

function templateView(t: TemplateRow) {
  return {
    id: t.id,
    stage: t.stage,
    version: t.version,
    titleEn: t.titleEn,
    titleZh: t.titleZh,
    bodyEn: t.bodyEn,
    bodyZh: t.bodyZh,
    status: t.status,
    createdBy: t.createdBy,
    createdAt: t.createdAt.toISOString(),
  };
}

export async function listTemplates(deps: Deps) {
  return (await repo.templates(deps.database.db)).map(templateView);
}

const ENDED = new Set(['charged_off', 'discharged', 'forgiven', 'paid_off', 'closed']);

/**
 * The annual privacy notice: the current notice to every borrower with an active loan, through
 * engagement's outbox (legally required, so it goes despite marketing opt-outs). Idempotent per
 * year: a customer's notice for a year is recorded once, and the outbox dedupes on the same key.
 */
export async function deliverPrivacyNotices(deps: Deps, ctx: ActorContext, year: number) {
  const customers = new Set<string>();
  for (let offset = 0; ; offset += 1000) {
    const { items } = await listLoans(deps, STAFF_ACCESS, {}, { limit: 1000, offset });
    for (const l of items) if (!ENDED.has(l.state)) customers.add(l.customerId);
    if (items.length < 1000) break;
  }
  let delivered = 0;
  let already = 0;
  const ids = [...customers].sort();
  for (let i = 0; i < ids.length; i += 100) {
    await deps.database.db.transaction(async (tx) => {
      const t = await templateFor(tx, deps, 'privacy');
      const values = placeholders(null, null, { year: String(year) });
      const contentEn = render(t.bodyEn, values);
      const contentZh = render(t.bodyZh, values);
      const now = deps.now();
      for (const customerId of ids.slice(i, i + 100)) {
        if (await repo.privacyNoticeOf(tx, customerId, year)) {
          already++;
          continue;
        }
        const sent = await enqueueMessage(
          tx,
          deps,
          {
            customerId,
            purpose: 'service',
            legallyRequired: true,
            dedupeKey: `compliance:privacy:${year}:${customerId}`,
            content: {
              subject: render(`${t.titleEn} · ${t.titleZh}`, values),
              body: `${contentEn}\n\n${contentZh}`,
            },
            source: { kind: 'compliance.privacy_notice', id: `${year}:${customerId}` },
          },
          now,
        );
        await repo.insertDisclosure(tx, {
          id: randomUUID(),
          templateId: t.id,
          templateVersion: t.version,
          stage: 'privacy',
          customerId,
          year,
          figures: null,
          titleEn: render(t.titleEn, values),
          titleZh: render(t.titleZh, values),
          contentEn,
          contentZh,
          contentSha256: contentHash(contentEn, contentZh),
          deliveryChannel: 'outbox',
          messageId: sent.id,
          deliveredAt: now,
        });
        delivered++;
      }
      await recordAudit(tx, ctx, now, {
        action: 'disclosure.privacy_notices_sent',
        entityType: 'disclosure_run',
        entityId: String(year),
        after: { year, batch: i / 100, templateVersion: t.version },
      });
    });
  }
  return { year, borrowers: ids.length, delivered, alreadyDelivered: already };
}

export const PRIVACY_NOTICE_QUEUE = 'compliance-privacy-notices';
