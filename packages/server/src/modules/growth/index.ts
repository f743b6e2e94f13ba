// Public surface of the growth module: prospects, campus events, campaigns and attribution,
// referrals and next-best offers.
export { growthRoutes } from './growth.routes.ts';
// The management dashboard's acquisition cost: campaign spend and the customers it won, by month.
export { acquisitionByMonth } from './attribution.service.ts';
// Prospects for attribution (campaigns read touches; a tracked click on a known prospect counts).
export {
  listProspectTouches,
  recordLinkClick,
  syncProspectOutcomes,
  prospectJobs,
} from './prospects.service.ts';
// Campaigns: jobs (send scheduler, nightly next-best offers) and the demo seed.
export { campaignJobs, CAMPAIGN_QUEUES } from './campaigns.jobs.ts';
export { seedDemoCampaigns } from './campaigns.demo-seed.ts';
export { seedDemoAcquisition } from './demo-seed.ts';
