// Public surface of the origination module: applications to disbursement.
export { originationRoutes } from './origination.routes.ts';
// Growth: a converted prospect's draft application, and where converted applications stand.
export { createDraftApplicationWithin, applicationProgress } from './applications.service.ts';
export { seedDemoOrigination } from './demo-seed.ts';
export { originationSettings, type OriginationSettings } from './settings.ts';
// Read models for compliance: fair-lending monitoring, the adverse-action log, disclosures.
export {
  finalDecisionsBetween,
  adverseActionLog,
  disclosureBasis,
  type FinalDecision,
  type AdverseActionEntry,
  type DisclosureBasis,
} from './compliance-feed.ts';
