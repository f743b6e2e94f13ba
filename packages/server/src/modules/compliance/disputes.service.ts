// Credit-reporting disputes: a borrower disputes their own loan's reporting in the portal, or
// staff enter a bureau's dispute (e-OSCAR ACDV). Each runs on a 30-day investigation clock; the
// account is furnished as disputed (Metro 2 XB / PBOC 异议标注) while open; the outcome is
// furnished in the next file and the borrower gets a notice in their language.
import { randomUUID } from 'node:crypto';
import type { ActorContext, Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { customerContacts } from '../customers/index.ts';
import { enqueueMessage } from '../engagement/index.ts';
import { loanOwner } from '../servicing/index.ts';
import * as repo from './disputes.repository.ts';
import type { DisputeRow } from './disputes.repository.ts';
import type { DISPUTE_OUTCOMES } from './disputes.tables.ts';

export const INVESTIGATION_DAYS = 30;
/** A dispute is at risk when this many days or fewer are left on its clock. */
export const AT_RISK_DAYS = 5;
const DAY_MS = 86_400_000;
export const DISPUTE_REASONS = ['balance', 'status', 'payment-history', 'identity', 'ownership', 'other'] as const;
export type DisputeOutcome = (typeof DISPUTE_OUTCOMES)[number];

/** Who files or reads: staff see every dispute; a student only their own customer's. */
export interface DisputeAccess {
  ownCustomerOnly: boolean;
  customerId: string | null;
}

export function disputeClock(d: Pick<DisputeRow, 'status' | 'dueAt'>, now: Date) {
  const msLeft = d.dueAt.getTime() - now.getTime();
  const open = d.status === 'open';
  return {
    daysLeft: Math.ceil(msLeft / DAY_MS),
    overdue: open && msLeft <= 0,
    atRisk: open && msLeft > 0 && msLeft <= AT_RISK_DAYS * DAY_MS,
  };
}

export function disputeView(d: DisputeRow, now: Date) {
  return {
    id: d.id,
    reference: d.reference,
    loanId: d.loanId,
    loanNumber: d.loanNumber,
    customerId: d.customerId,
    source: d.source,
    bureau: d.bureau,
    bureauReference: d.bureauReference,
    reason: d.reason,
    description: d.description,
    status: d.status,
    receivedAt: d.receivedAt.toISOString(),
    dueAt: d.dueAt.toISOString(),
    ...disputeClock(d, now),
    outcome: d.outcome,
    resolution: d.resolution,
    resolvedAt: d.resolvedAt?.toISOString() ?? null,
    furnished: d.furnishedRunId !== null,
    noticeMessageId: d.noticeMessageId,
  };
}
export type DisputeView = ReturnType<typeof disputeView>;

export interface FileDisputeInput {
  loanId: string;
  reason: (typeof DISPUTE_REASONS)[number];
  description: string;
  bureau?: string | undefined;
  /** Bureau disputes: the ACDV control number and when the bureau received it. */
  bureauReference?: string | undefined;
  receivedAt?: string | undefined;
}

export async function fileDispute(
  deps: Deps,
  ctx: ActorContext,
  access: DisputeAccess,
  input: FileDisputeInput,
): Promise<DisputeView> {
  const source = access.ownCustomerOnly ? 'borrower' : 'bureau';
  if (source === 'bureau' && !input.bureauReference?.trim())
    throw Problem.badRequest('bureauReference', 'the ACDV control number of the bureau dispute');
  const now = deps.now();
  let received = now;
  if (source === 'bureau' && input.receivedAt) {
    received = new Date(input.receivedAt);
    if (Number.isNaN(received.getTime())) throw Problem.badRequest('receivedAt', 'not a date-time');
    if (received > now) throw Problem.badRequest('receivedAt', 'cannot be in the future');
  }
  return deps.database.db.transaction(async (tx) => {
    const loan = await loanOwner(tx, input.loanId);
    if (!loan || (access.ownCustomerOnly && loan.customerId !== access.customerId))
      throw new Problem(404, 'not-found', 'Not found', 'Loan was not found', {
        errors: [{ field: 'loanId', message: 'no such loan' }],
      });
    const n = await repo.nextDisputeNumber(tx);
    const row = await repo.insertDispute(tx, {
      id: randomUUID(),
      reference: `DSP-${received.toISOString().slice(0, 10).replace(/-/g, '')}-${String(n).padStart(5, '0')}`,
      loanId: loan.loanId,
      loanNumber: loan.loanNumber,
      customerId: loan.customerId,
      source,
      bureau: input.bureau ?? null,
      bureauReference: input.bureauReference?.trim() || null,
      reason: input.reason,
      description: input.description.trim(),
      status: 'open',
      receivedAt: received,
      dueAt: new Date(received.getTime() + INVESTIGATION_DAYS * DAY_MS),
      createdBy: ctx.actorId,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(tx, ctx, now, {
      action: 'dispute.opened',
      entityType: 'credit_dispute',
      entityId: row.id,
      after: { reference: row.reference, loanId: row.loanId, source, reason: row.reason, dueAt: row.dueAt.toISOString() },
    });
    return disputeView(row, now);
  });
}

export interface DisputeQuery {
  status?: 'open' | 'resolved' | undefined;
  atRisk?: boolean | undefined;
  loanId?: string | undefined;
  limit: number;
  offset: number;
}

export async function listDisputes(deps: Deps, access: DisputeAccess, q: DisputeQuery) {
  const now = deps.now();
  const { items, total } = await repo.listDisputes(
    deps.database.db,
    {
      status: q.atRisk ? 'open' : q.status,
      loanId: q.loanId,
      customerId: access.ownCustomerOnly ? (access.customerId ?? '00000000-0000-0000-0000-000000000000') : undefined,
      dueBefore: q.atRisk ? new Date(now.getTime() + AT_RISK_DAYS * DAY_MS) : undefined,
    },
    { limit: q.limit, offset: q.offset },
  );
  return { items: items.map((d) => disputeView(d, now)), total };
}

export async function getDispute(deps: Deps, access: DisputeAccess, id: string): Promise<DisputeView> {
  const d = await repo.findDispute(deps.database.db, id);
  if (!d || (access.ownCustomerOnly && d.customerId !== access.customerId)) throw Problem.notFound('Dispute');
  return disputeView(d, deps.now());
}

const OUTCOME_TEXT: Record<DisputeOutcome, { en: string; zh: string }> = {
  verified: {
    en: 'We investigated and found the information we report to be accurate. It stays as reported.',
    zh: '经调查，我们报送的信息准确无误，将维持原报送内容。',
  },
  corrected: {
    en: 'We investigated and corrected the information. The correction goes to the credit bureau in our next monthly file.',
    zh: '经调查，我们已更正相关信息，更正内容将在下一期月度报送文件中报送征信机构。',
  },
  deleted: {
    en: 'We investigated and asked the credit bureau to delete this account from your credit report.',
    zh: '经调查，我们将通知征信机构从您的信用报告中删除该账户。',
  },
  frivolous: {
    en: 'We could not investigate because the dispute did not give enough information. You may send it again with details and documents.',
    zh: '由于异议申请未提供足够信息，我们无法开展调查。您可补充说明及材料后重新提交。',
  },
};

export interface ResolveInput {
  outcome: DisputeOutcome;
  resolution: string;
}

/** Record the outcome, audit it and queue the borrower's notice, all in one transaction. */
export async function resolveDispute(
  deps: Deps,
  ctx: ActorContext,
  id: string,
  input: ResolveInput,
): Promise<DisputeView> {
  if (!input.resolution.trim()) throw Problem.badRequest('resolution', 'say what the investigation found');
  return deps.database.db.transaction(async (tx) => {
    const d = await repo.findDispute(tx, id, true);
    if (!d) throw Problem.notFound('Dispute');
    if (d.status !== 'open') throw Problem.conflict('dispute-resolved', 'The dispute is already resolved', 'outcome');
    const now = deps.now();
    const contact = (await customerContacts(deps, tx, [d.customerId])).get(d.customerId);
    let noticeId: string | null = null;
    if (contact) {
      const zh = contact.preferredLanguage.startsWith('zh');
      const text = OUTCOME_TEXT[input.outcome];
      const body = zh
        ? `您对贷款 ${d.loanNumber} 征信报送提出的异议（编号 ${d.reference}）已处理完毕。${text.zh}\n处理说明：${input.resolution.trim()}`
        : `Your dispute ${d.reference} about the credit reporting of loan ${d.loanNumber} is resolved. ${text.en}\nWhat we found: ${input.resolution.trim()}`;
      const msg = await enqueueMessage(
        tx,
        deps,
        {
          customerId: d.customerId,
          language: zh ? 'zh-CN' : 'en',
          content: { subject: zh ? `征信异议处理结果 ${d.reference}` : `Outcome of your credit-reporting dispute ${d.reference}`, body },
          purpose: 'service',
          legallyRequired: true,
          dedupeKey: `credit-dispute-outcome:${d.id}`,
          source: { kind: 'credit_dispute', id: d.id },
          createdBy: ctx.actorId,
        },
        now,
      );
      noticeId = msg.id;
    }
    const updated = await repo.updateDispute(tx, id, {
      status: 'resolved',
      outcome: input.outcome,
      resolution: input.resolution.trim(),
      resolvedAt: now,
      resolvedBy: ctx.actorId,
      noticeMessageId: noticeId,
      updatedAt: now,
    });
    await recordAudit(tx, ctx, now, {
      action: 'dispute.resolved',
      entityType: 'credit_dispute',
      entityId: id,
      before: { status: 'open' },
      after: {
        status: 'resolved',
        outcome: input.outcome,
        withinDeadline: now <= d.dueAt,
        noticeMessageId: noticeId,
      },
    });
    return disputeView(updated, now);
  });
}

export async function disputeCounts(deps: Deps, now: Date) {
  return repo.countDisputes(deps.database.db, now, new Date(now.getTime() + AT_RISK_DAYS * DAY_MS));
}

/** Open disputes due within the at-risk window or overdue, soonest first. */
export async function disputesAtRisk(deps: Deps, now: Date, limit = 50): Promise<DisputeView[]> {
  const { items } = await repo.listDisputes(
    deps.database.db,
    { status: 'open', dueBefore: new Date(now.getTime() + AT_RISK_DAYS * DAY_MS) },
    { limit, offset: 0 },
  );
  return items.map((d) => disputeView(d, now));
}
