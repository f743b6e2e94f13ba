// Satisfaction surveys: definitions, skip logic, the built-in template and the statistics.
export * from './special.ts';
export * from './stats.ts';
export * from './themes.ts';
export * from './definition.ts';
export * from './template.ts';
