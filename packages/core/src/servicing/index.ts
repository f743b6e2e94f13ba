export * from './states.ts';
export * from './delinquency.ts';
export * from './allocation.ts';
export * from './accrual.ts';
export * from './due-dates.ts';
export * from './repricing.ts';
