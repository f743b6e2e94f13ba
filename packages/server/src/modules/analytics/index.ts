// Public surface of the analytics module: lifetime value, retention and churn, market share,
// management dashboards and scheduled reports.
export { analyticsRoutes } from './analytics.routes.ts';
