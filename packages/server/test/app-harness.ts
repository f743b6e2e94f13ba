// Starts the real server on a free port against a throwaway embedded database, serving the
// built web app, for browser tests. Builds the web app first when it has not been built.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.ts';
import type { DemoLogin } from '../src/seed/demo.ts';
import { startServer } from '../src/server.ts';

export const E2E_DEMO_PASSWORD = 'e2e-Demo-Password-2026';
// BURSAR_E2E_WEB_DIST lets parallel work build the web app into its own folder
// (`npx vite build --outDir DIR` in packages/web) instead of sharing packages/web/dist.
const WEB_DIST = process.env.BURSAR_E2E_WEB_DIST ?? path.resolve(import.meta.dirname, '../../web/dist');

export function ensureWebBuilt(): void {
  if (existsSync(path.join(WEB_DIST, 'index.html'))) return;
  if (process.env.BURSAR_E2E_WEB_DIST) throw new Error(`No web build in ${WEB_DIST}`);
  execFileSync('npm', ['run', 'build', '-w', '@bursar/web'], {
    cwd: path.resolve(import.meta.dirname, '../../..'),
    stdio: 'inherit',
  });
}

/** Where e2e/global-setup.ts left a seeded demo data directory for this run. */
export const E2E_TEMPLATE_ENV = 'BURSAR_E2E_TEMPLATE';
const LOGINS_FILE = 'e2e-demo-logins.json';

function testConfig(dataDir: string) {
  // Browser tests sign in as the demo admin without an authenticator (the default requires one for admin).
  return loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: '0',
    WEB_DIST,
    BURSAR_REQUIRE_TOTP_ROLES: 'none',
  });
}

/** Migrate and seed the demo portfolio into dataDir, closed cleanly so the directory can be copied. */
export async function seedE2eTemplate(dataDir: string): Promise<void> {
  const server = await startServer(testConfig(dataDir), {
    seedIfEmpty: true,
    demoPassword: E2E_DEMO_PASSWORD,
    logger: false,
    jobs: false,
  });
  const logins = server.demoLogins;
  await server.close();
  writeFileSync(path.join(dataDir, LOGINS_FILE), JSON.stringify(logins));
}

export async function startTestApp(): Promise<{
  url: string;
  close(): Promise<void>;
  demoLogins: DemoLogin[];
}> {
  ensureWebBuilt();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bursar-e2e-'));
  const template = process.env[E2E_TEMPLATE_ENV];
  // From the run's seeded template when there is one; else seed here (scripts, single files).
  let demoLogins: DemoLogin[] = [];
  if (template && existsSync(path.join(template, LOGINS_FILE))) {
    cpSync(template, dataDir, { recursive: true });
    demoLogins = JSON.parse(readFileSync(path.join(dataDir, LOGINS_FILE), 'utf8')) as DemoLogin[];
  }
  const server = await startServer(testConfig(dataDir), {
    seedIfEmpty: true,
    demoPassword: E2E_DEMO_PASSWORD,
    logger: false,
  });
  return {
    url: server.url,
    demoLogins: demoLogins.length ? demoLogins : server.demoLogins,
    close: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
