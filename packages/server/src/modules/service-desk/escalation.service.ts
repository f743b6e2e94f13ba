// Breach prediction and escalation, run by a pg-boss job: a ticket whose SLA clock is at risk
// gets its supervisor a task (level 1); once a deadline passes, the supervisor is told again and
// the ticket goes to another available agent (level 2). Each level happens once per ticket
// (a reopen resets it), so the job is idempotent.
import { randomUUID } from 'node:crypto';
import { addDays } from '@bursar/core';
import type { ActorContext, Deps } from '../../deps.ts';
import { SYSTEM_ACTOR } from '../../deps.ts';
import { recordAudit } from '../audit/index.ts';
import { createTaskWithin } from '../customers/index.ts';
import { activeUsersWithRole } from '../identity/index.ts';
import * as repo from './service-desk.repository.ts';
import { autoAssign, ticketClocks } from './tickets.service.ts';

export interface EscalationResult {
  checked: number;
  atRisk: number;
  breached: number;
  reassigned: number;
}

const LOOKAHEAD_MS = 3 * 86_400_000;

export async function escalateTickets(
  deps: Deps,
  ctx: ActorContext = SYSTEM_ACTOR,
): Promise<EscalationResult> {
  const at = deps.now();
  const result: EscalationResult = { checked: 0, atRisk: 0, breached: 0, reassigned: 0 };
  const due = await repo.ticketsDueBefore(deps.database.db, new Date(at.getTime() + LOOKAHEAD_MS));
  for (const candidate of due) {
    result.checked++;
    await deps.database.db.transaction(async (tx) => {
      const t = await repo.findTicket(tx, candidate.id, true);
      if (!t || !repo.ACTIVE_STATUSES.includes(t.status as (typeof repo.ACTIVE_STATUSES)[number])) return;
      const clocks = ticketClocks(deps, t, at);
      const states = [clocks.resolution.state, ...(t.firstResponseAt ? [] : [clocks.firstResponse.state])];
      const level = states.includes('overdue') ? 2 : states.includes('at_risk') ? 1 : 0;
      if (level <= t.escalationLevel) return;
      const agent = t.assigneeId ? await repo.findAgent(tx, t.assigneeId) : undefined;
      const supervisorId = agent?.supervisorId ?? (await activeUsersWithRole(tx, 'manager'))[0]?.id ?? null;
      const what = level === 2 ? 'SLA breached' : 'SLA at risk';
      await createTaskWithin(
        tx,
        ctx,
        {
          customerId: t.customerId,
          title: `${what}: ticket ${t.reference} (${t.type}, ${t.priority}) ${t.subject}`,
          dueDate: addDays(at.toISOString().slice(0, 10), level === 2 ? 0 : 1),
          assigneeId: supervisorId,
        },
        at,
      );
      let note = `${what}; supervisor notified.`;
      const patch: Partial<repo.NewTicketRow> = { escalationLevel: level, escalatedAt: at, updatedAt: at };
      if (level === 2) {
        result.breached++;
        const { agent: next } = await autoAssign(
          tx,
          { type: t.type, language: t.language, product: t.product },
          t.assigneeId,
        );
        if (next) {
          Object.assign(patch, { assigneeId: next.userId, assigneeName: next.displayName, team: next.team });
          await repo.touchAgent(tx, next.userId, at);
          note += ` Reassigned from ${t.assigneeName ?? 'nobody'} to ${next.displayName}.`;
          result.reassigned++;
        }
      } else result.atRisk++;
      await repo.updateTicket(tx, t.id, patch);
      await repo.insertEntry(tx, {
        id: randomUUID(),
        ticketId: t.id,
        visibility: 'internal',
        authorKind: 'system',
        authorId: null,
        authorName: 'SLA',
        body: note,
        channel: null,
        createdAt: at,
      });
      await recordAudit(tx, ctx, at, {
        action: 'ticket.escalated',
        entityType: 'ticket',
        entityId: t.id,
        before: { escalationLevel: t.escalationLevel, assigneeId: t.assigneeId },
        after: { escalationLevel: level, assigneeId: patch.assigneeId ?? t.assigneeId, supervisorId },
      });
    });
  }
  return result;
}
