// Every module's tables, gathered for Drizzle (typed queries) and drizzle-kit (migrations).
// Modules still own their tables: only a module's repository imports its own *.tables.ts.
export * from '../modules/identity/identity.tables.ts';
export * from '../modules/audit/audit.tables.ts';
export * from '../modules/customers/customers.tables.ts';
export * from '../modules/products/products.tables.ts';
export * from '../modules/engagement/engagement.tables.ts';
export * from '../modules/risk/risk.tables.ts';
export * from '../modules/risk/portfolio.tables.ts';
export * from '../modules/risk/early-warning.tables.ts';
export * from '../modules/servicing/servicing.tables.ts';
export * from '../modules/surveys/surveys.tables.ts';
export * from '../modules/origination/origination.tables.ts';
export * from '../modules/service-desk/service-desk.tables.ts';
export * from '../modules/compliance/kyc.tables.ts';
export * from '../modules/compliance/retention.tables.ts';
export * from '../modules/growth/acquisition.tables.ts';
export * from '../modules/compliance/training.tables.ts';
export * from '../modules/compliance/disclosures.tables.ts';
export * from '../modules/compliance/fair-lending.tables.ts';
export * from '../modules/compliance/review.tables.ts';
export * from '../modules/compliance/bureau.tables.ts';
export * from '../modules/compliance/disputes.tables.ts';
export * from '../modules/growth/campaigns.tables.ts';
export * from '../modules/analytics/analytics.tables.ts';
