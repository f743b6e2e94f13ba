// The daily early-warning job, an hour after close of business: evaluate the rules as of the
// last closed business date, and once a month end has been closed, run that month's
// behavioural review (idempotent: a reviewed month is not reviewed again).
import { previousMonth } from '@bursar/core';
import { SYSTEM_ACTOR, type Deps } from '../../deps.ts';
import { findReview } from './behaviour.repository.ts';
import { lastClosedBusinessDate, runBehaviourReview } from './behaviour.service.ts';
import { evaluateAlerts } from './early-warning.service.ts';

const JOB_ACTOR = { ...SYSTEM_ACTOR, actorName: 'risk-early-warning-job' };

/** The work of one run; returns what it did (for the CLI and tests). */
export async function runEarlyWarningCycle(deps: Deps): Promise<{ reviewed: string | null; raised: number }> {
  const closed = await lastClosedBusinessDate(deps);
  if (closed === null) return { reviewed: null, raised: 0 };
  // The month before the last closed date's month is complete once COB has passed into a new month.
  const month = previousMonth(closed.slice(0, 7));
  let reviewed: string | null = null;
  if (!(await findReview(deps.database.db, month))) {
    await runBehaviourReview(deps, JOB_ACTOR, month);
    reviewed = month;
  }
  const r = await evaluateAlerts(deps, JOB_ACTOR, { date: closed });
  return { reviewed, raised: r.raised };
}

export function earlyWarningJobs(deps: Deps, opts: { cron?: string } = {}) {
  return [
    {
      queue: 'risk-early-warning',
      // 17:30 UTC: an hour after the default close of business (16:30 UTC, 00:30 in Beijing).
      cron: opts.cron ?? '30 17 * * *',
      retryLimit: 3,
      handle: async () => {
        await runEarlyWarningCycle(deps);
      },
    },
  ];
}
