// Interactions: calls, meetings, campus events, walk-ins, follow-up visits and collection
// contact attempts logged by staff (outcome, next step → a task), and inbound replies to
// messages. Each lands on the customer's timeline in the same transaction.
import { randomUUID } from 'node:crypto';
import type { InteractionDirection, InteractionKind, InteractionOutcome } from '@bursar/core';
import { isRealDate } from '@bursar/core';
import type { ActorContext, Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { assertCustomerVisible, publishTimelineEvent } from '../customers/index.ts';
import type { Actor } from '../identity/index.ts';
import * as repo from './engagement.repository.ts';
import { createAssignedTask } from './tasks.service.ts';

export interface InteractionInput {
  customerId: string;
  kind: InteractionKind;
  direction?: InteractionDirection | undefined;
  channel?: string | null | undefined;
  occurredAt?: string | undefined;
  durationMinutes?: number | null | undefined;
  subject?: string | null | undefined;
  notes?: string | null | undefined;
  outcome?: InteractionOutcome | null | undefined;
  nextStep?: string | null | undefined;
  nextStepDue?: string | null | undefined;
  /** Who takes the next step; default: the assignment rules, else the person logging. */
  nextStepAssigneeId?: string | null | undefined;
  loanId?: string | null | undefined;
  location?: string | null | undefined;
  messageId?: string | null | undefined;
}

export function interactionView(i: repo.InteractionRow) {
  return {
    id: i.id,
    customerId: i.customerId,
    kind: i.kind,
    direction: i.direction,
    channel: i.channel,
    occurredAt: i.occurredAt.toISOString(),
    durationMinutes: i.durationMinutes,
    subject: i.subject,
    notes: i.notes,
    outcome: i.outcome,
    nextStep: i.nextStep,
    nextStepDue: i.nextStepDue,
    taskId: i.taskId,
    messageId: i.messageId,
    loanId: i.loanId,
    location: i.location,
    loggedBy: i.loggedBy,
    createdAt: i.createdAt.toISOString(),
  };
}

const KIND_LABEL: Record<InteractionKind, string> = {
  call: 'Call 电话',
  meeting: 'Meeting 面谈',
  campus_event: 'Campus event 校园活动',
  walk_in: 'Walk-in 到访',
  follow_up_visit: 'Follow-up visit 回访',
  inbound_reply: 'Reply 客户回复',
  collection_attempt: 'Collection contact 催收联系',
};

export async function logInteraction(
  deps: Deps,
  ctx: ActorContext,
  actor: Actor | null,
  input: InteractionInput,
) {
  if (actor) await assertCustomerVisible(deps.database.db, actor, input.customerId);
  if (input.nextStepDue && !isRealDate(input.nextStepDue))
    throw Problem.badRequest('nextStepDue', 'is not a real date');
  if (input.nextStepDue && !input.nextStep)
    throw Problem.badRequest('nextStep', 'is required with a due date');
  const at = deps.now();
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : at;
  if (occurredAt.getTime() > at.getTime() + 5 * 60_000)
    throw Problem.badRequest('occurredAt', 'is in the future');
  return deps.database.db.transaction(async (tx) => {
    let taskId: string | null = null;
    if (input.nextStep) {
      const task = await createAssignedTask(
        tx,
        deps,
        ctx,
        {
          customerId: input.customerId,
          title: input.nextStep,
          dueDate: input.nextStepDue ?? null,
          queue: input.kind === 'collection_attempt' ? 'collections' : 'relationship',
          ...(input.nextStepAssigneeId !== undefined
            ? { assigneeId: input.nextStepAssigneeId }
            : actor
              ? { assigneeId: actor.userId }
              : {}),
        },
        at,
      );
      taskId = task.id;
    }
    const row = await repo.insertInteraction(tx, {
      id: randomUUID(),
      customerId: input.customerId,
      kind: input.kind,
      direction:
        input.direction ??
        (input.kind === 'inbound_reply' || input.kind === 'walk_in' ? 'inbound' : 'outbound'),
      channel: input.channel ?? null,
      occurredAt,
      durationMinutes: input.durationMinutes ?? null,
      subject: input.subject ?? null,
      notes: input.notes ?? null,
      outcome: input.outcome ?? null,
      nextStep: input.nextStep ?? null,
      nextStepDue: input.nextStepDue ?? null,
      taskId,
      messageId: input.messageId ?? null,
      loanId: input.loanId ?? null,
      location: input.location ?? null,
      loggedBy: ctx.actorName,
      loggedById: ctx.actorId,
      createdAt: at,
    });
    if (input.messageId)
      await repo.updateMessage(tx, input.messageId, { repliedAt: occurredAt, updatedAt: at });
    const summary = [
      KIND_LABEL[input.kind],
      input.outcome ? `outcome: ${input.outcome}` : null,
      input.subject ?? input.notes?.slice(0, 120) ?? null,
      input.nextStep ? `next: ${input.nextStep}` : null,
    ]
      .filter(Boolean)
      .join(' · ');
    await publishTimelineEvent(
      tx,
      {
        customerId: input.customerId,
        kind: 'engagement.interaction_logged',
        summary,
        data: { interactionId: row.id, kind: input.kind, outcome: input.outcome ?? null, taskId },
        occurredAt,
        actorName: ctx.actorName,
      },
      at,
    );
    await recordAudit(tx, ctx, at, {
      action: 'interaction.logged',
      entityType: 'customer',
      entityId: input.customerId,
      after: { interactionId: row.id, kind: input.kind, outcome: input.outcome ?? null, taskId },
    });
    return interactionView(row);
  });
}

/** A reply that came back through a provider, threaded to the message it answers. */
export async function recordInboundReply(
  deps: Deps,
  input: {
    messageId?: string | undefined;
    providerMessageId?: string | undefined;
    text: string;
    at?: string | undefined;
    channel?: string | undefined;
  },
) {
  const db = deps.database.db;
  const m = input.messageId
    ? await repo.findMessage(db, input.messageId)
    : input.providerMessageId
      ? await repo.findMessageByProviderId(db, input.providerMessageId)
      : undefined;
  if (!m) return null;
  const ctx: ActorContext = {
    actorId: null,
    actorName: `customer reply (${input.channel ?? m.channel})`,
    actorRole: null,
    requestId: null,
    ip: null,
  };
  return logInteraction(deps, ctx, null, {
    customerId: m.customerId,
    kind: 'inbound_reply',
    direction: 'inbound',
    channel: input.channel ?? m.channel,
    occurredAt: input.at,
    notes: input.text.slice(0, 4000),
    messageId: m.id,
    subject: m.subject,
  });
}

export async function listInteractions(
  deps: Deps,
  actor: Actor,
  f: {
    customerId?: string | undefined;
    kind?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
  },
  limit: number,
  offset: number,
) {
  if (f.customerId) await assertCustomerVisible(deps.database.db, actor, f.customerId);
  const rows = await repo.listInteractions(
    deps.database.db,
    {
      customerId: f.customerId,
      kind: f.kind,
      from: f.from ? new Date(f.from) : undefined,
      to: f.to ? new Date(f.to) : undefined,
    },
    limit,
    offset,
  );
  return rows.map(interactionView);
}
