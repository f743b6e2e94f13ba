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
