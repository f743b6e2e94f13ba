export * from './vocabulary.ts';
export * from './template.ts';
export * from './quiet-hours.ts';
export * from './holdout.ts';
export * from './stats.ts';
export * from './backoff.ts';
export * from './journey.ts';
