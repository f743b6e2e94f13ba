import { defineConfig } from 'vitest/config';
import { webAliases } from './aliases.ts';

// Unit tests of the web app (pure functions, translation files). The root config's projects
// list can include this file as a project: `projects: [..., 'packages/web']`.
export default defineConfig({
  resolve: { alias: webAliases },
  test: {
    name: 'web',
    root: import.meta.dirname,
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
