// Public surface of the compliance module: credit reporting and disputes, disclosures, KYC/AML,
// fair lending, data retention, regulator reporting, staff training and internal review.
export { complianceRoutes } from './compliance.routes.ts';
export { COMPLIANCE_DASHBOARD_SECTIONS, type DashboardSection } from './dashboard.ts';
// The training gate: origination (approve, disburse) and customers (unmask) call it first.
export { assertTrainingCurrent, type RegulatedAction } from './training.service.ts';
// Data protection and regulator reporting: the retention job, demo data, the residency check,
// and the hook another module uses to have the retention job act on its own record type.
export { retentionJobs, RETENTION_QUEUES } from './retention.jobs.ts';
export { seedDemoDataProtection } from './retention.demo-seed.ts';
export { enforceDataRegion, assertExportAllowed, DataRegionMismatch } from './residency.ts';
export { registerRetentionExecutor, runRetention, type RetentionExecutor } from './retention.service.ts';
// KYC / AML: identity verification, sanctions screening, payee-change controls, suspicious activity.
export { verifyCustomerIdentity, latestVerification, useIdentityProvider } from './kyc.service.ts';
export type { IdentityVerificationProvider, IdentityRequest, ProviderResult } from './identity-verification.ts';
export {
  screenCustomer,
  sanctionsClearance,
  assertNotSanctioned,
  importSanctionsList,
  runRescreens,
  sanctionsJobs,
} from './sanctions.service.ts';
export { assertDisbursementAllowed, assertPayeeAccountReady, requestPayeeAccount } from './payee-controls.service.ts';
export { seedDemoKycAml } from './kyc.demo-seed.ts';
// Disclosures: origination delivers each stage's disclosure in its own transaction.
export { deliverDisclosure, disclosureFigures, type DisclosureFigures } from './disclosures.service.ts';
// Compliance programme jobs (fair-lending monitoring, annual privacy notices) and demo data.
export { programmeJobs } from './programme.jobs.ts';
export { seedDemoComplianceProgramme } from './programme.demo-seed.ts';
// Credit-bureau furnishing (Metro 2, PBOC) and credit-reporting disputes: the monthly job, CLI and demo data.
export { furnishingJobs, furnishLastMonth, FURNISHING_QUEUE } from './bureau.jobs.ts';
export { generateRun as generateFurnishingRun, previewRun as previewFurnishingRun } from './bureau.service.ts';
export { seedDemoComplianceCreditReporting } from './bureau.demo.ts';
