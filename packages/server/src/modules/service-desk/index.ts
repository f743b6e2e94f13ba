// Public surface of the service-desk module: other modules use it only through this file.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { registerServiceDeskHooks } from './journey-hook.ts';
import { serviceDeskRoutes } from './service-desk.routes.ts';

export {
  openTicket,
  type OpenTicketInput,
  type TicketType,
  type TicketChannel,
  type TicketStatus,
} from './tickets.service.ts';
export { escalateTickets, type EscalationResult } from './escalation.service.ts';
// Compliance: the complaint register as a regulator report.
export { complaintRegister, complaintRegisterCsv } from './insights.service.ts';
export { deskJobs, DESK_QUEUES } from './desk.jobs.ts';
export { installDeskDefaults, seedDemoServiceDesk } from './demo-seed.ts';
export { registerServiceDeskHooks } from './journey-hook.ts';

/** The desk's routes; while the app runs, journeys' "open a ticket" step opens real tickets. */
export const serviceDeskModule: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const unregister = registerServiceDeskHooks();
  app.addHook('onClose', async () => unregister());
  await app.register(serviceDeskRoutes, { deps });
};
