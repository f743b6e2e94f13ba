import path from 'node:path';

// The browser needs only the permission matrix from @bursar/core, not the whole engine
// (zod schemas, decimal.js, calendars), so it imports that one file under a subpath.
// tsconfig.json `paths` mirrors this for the type checker.
export const webAliases = {
  '@bursar/core/permissions': path.resolve(import.meta.dirname, '../core/src/identity/permissions.ts'),
};
