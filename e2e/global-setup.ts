// Once per browser-test run: seed one demo database and keep it as a template directory, so
// each test file starts its app from a copy instead of migrating and seeding the whole demo
// portfolio again (the seed is most of an app's start-up time).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedE2eTemplate, E2E_TEMPLATE_ENV } from '../packages/server/test/app-harness.ts';

export default async function setup(): Promise<() => void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bursar-e2e-template-'));
  await seedE2eTemplate(dir);
  // Test workers are started after global setup, with this process's environment.
  process.env[E2E_TEMPLATE_ENV] = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
