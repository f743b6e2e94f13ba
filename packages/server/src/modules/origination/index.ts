// Public surface of the origination module: applications to disbursement.
export { originationRoutes } from './origination.routes.ts';
export { seedDemoOrigination } from './demo-seed.ts';
export { originationSettings, type OriginationSettings } from './settings.ts';
