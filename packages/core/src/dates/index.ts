export * from './epoch-day.ts';
export * from './day-count.ts';
export * from './calendar-data.ts';
export * from './business-calendar.ts';
