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
export * from './behaviour.ts';
export * from './early-warning.ts';
export * from './pmml.ts';
export * from './portfolio.ts';
export * from './cdr.ts';
export * from './ecl.ts';
export * from './register.ts';
