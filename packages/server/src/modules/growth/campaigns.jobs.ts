// Campaign jobs on pg-boss: the send scheduler every minute (starts campaigns whose send time
// came, walks running sends page by page, completes ended campaigns) and the nightly
// next-best-offer run. Both are idempotent, so a retry or a second worker changes nothing.
import type { Deps } from '../../deps.ts';
import { SYSTEM_ACTOR } from '../../deps.ts';
import type { JobHandler } from '../../jobs/jobs.ts';
import { openBusinessDate } from '../servicing/index.ts';
import { runCampaignScheduler } from './campaigns.service.ts';
import { runNextBestOffers } from './next-best-offer.service.ts';

export const CAMPAIGN_QUEUES = {
  sends: 'growth-campaign-sends',
  nextBestOffers: 'growth-next-best-offers',
} as const;

export function campaignJobs(deps: Deps): JobHandler<object>[] {
  return [
    {
      queue: CAMPAIGN_QUEUES.sends,
      cron: '* * * * *',
      retryLimit: 3,
      handle: async () => void (await runCampaignScheduler(deps, await openBusinessDate(deps))),
    },
    {
      queue: CAMPAIGN_QUEUES.nextBestOffers,
      cron: '40 3 * * *',
      retryLimit: 3,
      handle: async () =>
        void (await runNextBestOffers(deps, { ...SYSTEM_ACTOR, actorName: 'next-best-offer-job' })),
    },
  ];
}
