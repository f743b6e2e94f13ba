import path from 'node:path';

// The browser needs only the permission matrix and the customers vocabulary from @bursar/core, not the whole engine
// (zod schemas, decimal.js, calendars), so it imports those files under subpaths.
// tsconfig.json `paths` mirrors this for the type checker.
export const webAliases = {
  '@bursar/core/permissions': path.resolve(import.meta.dirname, '../core/src/identity/permissions.ts'),
  // The customers module's vocabulary (levels, statuses, axes…): plain constant lists.
  '@bursar/core/customers-vocabulary': path.resolve(import.meta.dirname, '../core/src/customers/vocabulary.ts'),
};
