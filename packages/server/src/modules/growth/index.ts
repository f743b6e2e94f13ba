// Public surface of the growth module: prospects, campus events, campaigns and attribution,
// referrals and next-best offers.
export { growthRoutes } from './growth.routes.ts';
