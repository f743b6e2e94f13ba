// Public surface of the compliance module: credit reporting and disputes, disclosures, KYC/AML,
// fair lending, data retention, regulator reporting, staff training and internal review.
export { complianceRoutes } from './compliance.routes.ts';
export { COMPLIANCE_DASHBOARD_SECTIONS, type DashboardSection } from './dashboard.ts';
