// The engagement jobs on pg-boss: the dispatcher, the journey scheduler (event sources, date
// scans, due runs), segment batches, and hourly escalation of overdue tasks. Cron fires each
// once a minute; a light ticker asks for a run every few seconds so messages leave promptly
// (singleton keys keep one pending run per queue).
import type { Deps } from '../../deps.ts';
import { registerJobs, type JobHandler, type JobQueue } from '../../jobs/jobs.ts';
import * as repo from './engagement.repository.ts';
import { pollEventSources, runDueJourneys, scanDateTriggers } from './journeys.service.ts';
import { runBatch } from './messages.service.ts';
import { closeDrivers, dispatchUntilIdle } from './outbox.service.ts';
import { escalateOverdueTasks } from './tasks.service.ts';

export const ENGAGEMENT_QUEUES = {
  dispatch: 'engagement-dispatch',
  journeys: 'engagement-journeys',
  batches: 'engagement-batches',
  escalation: 'engagement-task-escalation',
} as const;

/** Walk due journey runs until none is left (bounded, so one job run stays short). */
export async function runJourneyScheduler(deps: Deps): Promise<void> {
  await pollEventSources(deps);
  await scanDateTriggers(deps);
  for (let i = 0; i < 100 && (await runDueJourneys(deps)) > 0; i++) {
    // more due runs
  }
}

export function engagementJobs(deps: Deps): JobHandler<object>[] {
  return [
    {
      queue: ENGAGEMENT_QUEUES.dispatch,
      cron: '* * * * *',
      retryLimit: 3,
      handle: async () => void (await dispatchUntilIdle(deps, { maxMs: 50_000 })),
    },
    {
      queue: ENGAGEMENT_QUEUES.journeys,
      cron: '* * * * *',
      retryLimit: 3,
      handle: () => runJourneyScheduler(deps),
    },
    {
      queue: ENGAGEMENT_QUEUES.batches,
      cron: '* * * * *',
      retryLimit: 3,
      handle: async () => {
        for (const b of await repo.unfinishedBatches(deps.database.db)) await runBatch(deps, b.id);
      },
    },
    {
      queue: ENGAGEMENT_QUEUES.escalation,
      cron: '17 * * * *',
      retryLimit: 3,
      handle: async () => void (await escalateOverdueTasks(deps)),
    },
  ];
}

export interface EngagementJobs {
  stop(): Promise<void>;
}

export async function startEngagementJobs(
  deps: Deps,
  boss: JobQueue,
  opts: { tickSeconds?: number; pollingIntervalSeconds?: number } = {},
): Promise<EngagementJobs> {
  await registerJobs(boss, engagementJobs(deps), opts.pollingIntervalSeconds ?? 2);
  const every = opts.tickSeconds ?? 5;
  const tick = setInterval(() => {
    for (const q of [ENGAGEMENT_QUEUES.dispatch, ENGAGEMENT_QUEUES.journeys, ENGAGEMENT_QUEUES.batches]) {
      boss.send(q, {}, { singletonKey: 'tick', singletonSeconds: every }).catch(() => undefined);
    }
  }, every * 1000);
  tick.unref();
  return {
    async stop() {
      clearInterval(tick);
      await closeDrivers(deps);
    },
  };
}
