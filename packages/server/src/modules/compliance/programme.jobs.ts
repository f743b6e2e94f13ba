// Scheduled compliance-programme work: fair-lending monitoring every Monday over the last 90
// days, and the annual privacy notice early in January (idempotent per year, so a rerun or a
// retry never sends one twice).
import type { Deps } from '../../deps.ts';
import { SYSTEM_ACTOR } from '../../deps.ts';
import type { JobHandler } from '../../jobs/jobs.ts';
import { deliverPrivacyNotices, PRIVACY_NOTICE_QUEUE } from './disclosures.service.ts';
import { FAIR_LENDING_QUEUE, scheduledMonitoring } from './fair-lending.service.ts';

export function programmeJobs(deps: Deps): JobHandler<object>[] {
  return [
    {
      queue: FAIR_LENDING_QUEUE,
      cron: '0 3 * * 1',
      retryLimit: 3,
      handle: async () => void (await scheduledMonitoring(deps)),
    },
    {
      queue: PRIVACY_NOTICE_QUEUE,
      cron: '0 4 2 1 *',
      retryLimit: 5,
      handle: async () =>
        void (await deliverPrivacyNotices(
          deps,
          { ...SYSTEM_ACTOR, actorName: 'privacy-notice-job' },
          deps.now().getUTCFullYear(),
        )),
    },
  ];
}
