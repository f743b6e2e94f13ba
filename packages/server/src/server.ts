// Serving: build the app, seed an empty embedded database, listen, seal the audit chain in the
// background, and shut down gracefully on SIGINT/SIGTERM.
import { openDeps } from './bootstrap.ts';
import type { Config } from './config.ts';
import type { Deps } from './deps.ts';
import { buildApp } from './http/app.ts';
import { startAuditSealer, startBackgroundWork } from './worker.ts';
import { sealAuditTrail } from './modules/audit/index.ts';
import { countAllUsers } from './modules/identity/index.ts';
import { formatDemoLogins, seedDemo, type DemoLogin } from './seed/demo.ts';

export interface RunningServer {
  url: string;
  deps: Deps;
  demoLogins: DemoLogin[];
  close(): Promise<void>;
}

export async function startServer(
  config: Config,
  opts: {
    seedIfEmpty?: boolean;
    demoPassword?: string | undefined;
    logger?: boolean;
    deps?: Deps;
    jobs?: boolean;
  } = {},
): Promise<RunningServer> {
  const deps = opts.deps ?? (await openDeps(config));
  let demoLogins: DemoLogin[] = [];
  // Seed only the embedded database by default: a real server is production-like.
  const seed = opts.seedIfEmpty ?? deps.database.kind === 'pglite';
  if (seed && (await countAllUsers(deps)) === 0) {
    demoLogins = await seedDemo(deps, { password: opts.demoPassword });
  }
  const { app } = await buildApp(deps, { logger: opts.logger ?? true });
  // Background jobs (pg-boss on the same database) and the audit sealer; API-only servers
  // (BURSAR_JOBS=off) leave the jobs to `bursar worker` processes.
  const background = opts.jobs === false || !config.runJobs ? null : await startBackgroundWork(deps);
  const sealer = startAuditSealer(deps, (err) => app.log.error({ err }, 'audit sealing failed'));
  await app.listen({ port: config.port, host: config.host });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      sealer.stop();
      await app.close();
      await background?.stop();
      await sealAuditTrail(deps).catch(() => undefined);
      await deps.database.close();
    })());
  return { url: `http://${host}:${port}`, deps, demoLogins, close };
}

export function announce(server: RunningServer): void {
  if (server.demoLogins.length) console.log(`\n${formatDemoLogins(server.demoLogins)}\n`);
  console.log(`Bursar is serving on ${server.url}  (API docs: ${server.url}/api/docs)`);
}
