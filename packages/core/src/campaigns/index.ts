// Campaigns (growth): attribution, A/B tests with a hold-out, next-best offers.
export * from './attribution.ts';
export * from './experiment.ts';
export * from './next-best-offer.ts';
