// Journeys' "open a ticket" step opens a real ticket: engagement calls this hook on its own
// transaction with the run's customer and context.
import { SYSTEM_ACTOR } from '../../deps.ts';
import { registerJourneyActionHook, type ActionHook } from '../engagement/index.ts';
import { openTicket } from './tickets.service.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const openTicketFromJourney: ActionHook = async (tx, deps, a) => {
  const loanId =
    typeof a.context.loanId === 'string' && UUID.test(a.context.loanId) ? a.context.loanId : null;
  const subject = a.step.kind === 'ticket' ? a.step.subject : `Journey ${a.journeyCode}`;
  const t = await openTicket(tx, deps, SYSTEM_ACTOR, {
    customerId: a.customerId,
    type: 'consultation',
    channel: 'portal',
    subject,
    body: `Opened by the journey “${a.journeyCode}” (${typeof a.context.eventType === 'string' ? a.context.eventType : 'scheduled step'}).`,
    loanId,
    source: { kind: 'journey', id: a.runId },
    authorKind: 'agent',
  });
  return t.reference;
};

/** Plug the desk into journeys; returns the unregister function. */
export function registerServiceDeskHooks(): () => void {
  return registerJourneyActionHook('ticket', openTicketFromJourney);
}
