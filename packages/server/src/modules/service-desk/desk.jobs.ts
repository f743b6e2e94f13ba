// The service desk's job on pg-boss: SLA breach prediction and escalation every five minutes.
import type { Deps } from '../../deps.ts';
import type { JobHandler } from '../../jobs/jobs.ts';
import { escalateTickets } from './escalation.service.ts';

export const DESK_QUEUES = { escalation: 'desk-sla-escalation' } as const;

export function deskJobs(deps: Deps): JobHandler<object>[] {
  return [
    {
      queue: DESK_QUEUES.escalation,
      cron: '*/5 * * * *',
      retryLimit: 3,
      handle: async () => void (await escalateTickets(deps)),
    },
  ];
}
