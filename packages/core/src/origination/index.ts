// Origination's pure logic: the application form, product fit, credit policy, offer and funnel.
export * from './vocabulary.ts';
export * from './application.ts';
export * from './fit.ts';
export * from './policy.ts';
export * from './offer.ts';
export * from './funnel.ts';
