export * from './sla.ts';
export * from './priority.ts';
export * from './assignment.ts';
export * from './search.ts';
export * from './performance.ts';
