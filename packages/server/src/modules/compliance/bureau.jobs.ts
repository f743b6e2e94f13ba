// The monthly furnishing job: after a month closes, generate each bureau format's file for it.
// Release stays a person's decision (the file is checked before it leaves); a file that fails
// validation shows on the compliance dashboard. Idempotent: a released run is left alone.
import type { Deps } from '../../deps.ts';
import { SYSTEM_ACTOR } from '../../deps.ts';
import { generateRun, lastClosedCycle } from './bureau.service.ts';
import { BUREAU_FORMATS } from './bureau.tables.ts';

export const FURNISHING_QUEUE = 'compliance-monthly-furnishing';

export async function furnishLastMonth(deps: Deps) {
  const cycle = await lastClosedCycle(deps);
  const out = [];
  for (const bureau of BUREAU_FORMATS)
    out.push(await generateRun(deps, { ...SYSTEM_ACTOR, actorName: 'furnishing-job' }, bureau, cycle));
  return out;
}

export function furnishingJobs(deps: Deps) {
  return [
    {
      queue: FURNISHING_QUEUE,
      // 02:00 UTC on the 2nd and 5th of each month: after month-end close of business, with a retry day.
      cron: process.env.BURSAR_FURNISHING_CRON ?? '0 2 2,5 * *',
      retryLimit: 3,
      handle: async () => {
        await furnishLastMonth(deps);
      },
    },
  ];
}
