// Starts the real server on a free port against a throwaway embedded database, serving the
// built web app, for browser tests. Builds the web app first when it has not been built.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
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

export async function startTestApp(): Promise<{
  url: string;
  close(): Promise<void>;
  demoLogins: DemoLogin[];
}> {
  ensureWebBuilt();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bursar-e2e-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: '0',
    WEB_DIST: WEB_DIST,
  });
  const server = await startServer(config, {
    seedIfEmpty: true,
    demoPassword: E2E_DEMO_PASSWORD,
    logger: false,
  });
  return {
    url: server.url,
    demoLogins: server.demoLogins,
    close: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
