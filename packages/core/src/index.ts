// @bursar/core: pure, deterministic domain logic. No I/O; clock and ids are passed in.
export * from './identity/permissions.ts';
export * from './money/index.ts';
export * from './dates/index.ts';
export * from './loan/index.ts';
export * from './customers/index.ts';
export * from './servicing/index.ts';
export * from './risk/index.ts';
export * from './engagement/index.ts';
export * from './text/csv.ts';
export * from './origination/index.ts';
export * from './desk/index.ts';
export * from './surveys/index.ts';
export * from './campaigns/index.ts';
export * from './analytics/index.ts';
