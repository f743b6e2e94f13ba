// The retention job on pg-boss: once a day, apply the retention schedule as of that day. A run
// interrupted by a crash or a deploy resumes from its cursor on the next attempt (pg-boss retries).
import type { Deps } from '../../deps.ts';
import { SYSTEM_ACTOR } from '../../deps.ts';
import type { JobHandler } from '../../jobs/jobs.ts';
import { runRetention } from './retention.service.ts';

export const RETENTION_QUEUES = { retention: 'compliance-retention' } as const;

export function retentionJobs(deps: Deps): JobHandler<object>[] {
  return [
    {
      queue: RETENTION_QUEUES.retention,
      // 03:10 UTC, after the nightly close of business in Asia and before the working day in Europe.
      cron: '10 3 * * *',
      retryLimit: 5,
      handle: async () =>
        void (await runRetention(deps, { ctx: { ...SYSTEM_ACTOR, actorName: 'retention-job' } })),
    },
  ];
}
