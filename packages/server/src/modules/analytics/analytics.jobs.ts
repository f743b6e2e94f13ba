// Background jobs of the analytics module (worker.ts registers them): the dashboard summaries are
// rebuilt once close of business has moved the business date on, and scheduled reports go out.
import type { Deps } from '../../deps.ts';
import { openBusinessDate } from '../servicing/index.ts';
import * as repo from './analytics.repository.ts';
import { refreshDashboards } from './dashboards.service.ts';
import { deliverDashboardReports } from './reports.service.ts';

/** Rebuild the summaries when the open business date is not the one they were built for. */
export async function refreshDashboardsIfStale(deps: Deps): Promise<boolean> {
  const [day, last] = await Promise.all([openBusinessDate(deps), repo.lastRefresh(deps.database.db)]);
  if (last?.asOf === day) return false;
  await refreshDashboards(deps, day);
  return true;
}

export function analyticsJobs(deps: Deps) {
  return [
    {
      queue: 'analytics-dashboard-refresh',
      cron: '*/15 * * * *',
      retryLimit: 3,
      handle: async () => void (await refreshDashboardsIfStale(deps)),
    },
    {
      queue: 'analytics-report-delivery',
      cron: '0 * * * *',
      retryLimit: 3,
      handle: async () => void (await deliverDashboardReports(deps)),
    },
  ];
}
