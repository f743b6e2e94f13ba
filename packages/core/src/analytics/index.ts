export * from './clv.ts';
export * from './churn.ts';
export * from './loyalty.ts';
