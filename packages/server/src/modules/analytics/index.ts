// Public surface of the analytics module: lifetime value, retention and churn, market share,
// management dashboards and scheduled reports.
export { analyticsRoutes } from './analytics.routes.ts';
export { analyticsJobs, refreshDashboardsIfStale } from './analytics.jobs.ts';
export {
  refreshDashboards,
  managementDashboard,
  drillDown,
  registerAcquisitionCostSource,
  type AcquisitionCostSource,
  type AcquisitionMonth,
} from './dashboards.service.ts';
export { seedDemoAnalytics } from './demo-seed.ts';
// The pre-aggregated reads on their own (the dashboards benchmark times each).
export { bookTrend, originationTrend, cohortDefaults } from './analytics.repository.ts';
