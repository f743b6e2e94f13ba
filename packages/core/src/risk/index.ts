// Credit scorecards: binning, regression, scaling, validation, scoring and fairness.
export * from './random.ts';
export * from './metrics.ts';
export * from './scaling.ts';
export * from './logistic.ts';
export * from './binning.ts';
export * from './protected.ts';
export * from './fairness.ts';
export * from './scorecard.ts';
export * from './train.ts';
export * from './baseline.ts';
