// Serving: build the app, seed an empty embedded database, listen, seal the audit chain in the
// background, and shut down gracefully on SIGINT/SIGTERM.
import { openDeps } from './bootstrap.ts';
import type { Config } from './config.ts';
import type { Deps } from './deps.ts';
import { buildApp } from './http/app.ts';
import { sealAuditTrail } from './modules/audit/index.ts';
import { registerJobs, startJobQueue } from './jobs/jobs.ts';
import { registerDomainEventSource, startEngagementJobs } from './modules/engagement/index.ts';
import { servicingEventsAfter, servicingJobs } from './modules/servicing/index.ts';
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
  // Background jobs (pg-boss on the same database): engagement's dispatcher, journeys, batches, escalation.
  const boss = opts.jobs === false ? null : await startJobQueue(deps.database);
  const unregisterServicing = registerDomainEventSource({
    name: 'servicing',
    async after(db, afterId, limit) {
      const rows = await servicingEventsAfter(db, afterId, limit);
      return rows.map((e) => ({
        source: 'servicing',
        id: e.id,
        type: e.type,
        customerId: e.customerId,
        loanId: e.loanId,
        businessDate: e.businessDate,
        payload: e.payload as Record<string, unknown>,
      }));
    },
  });
  const engagementJobs = boss ? await startEngagementJobs(deps, boss) : null;
  // The nightly close of business, in the lender's time zone (COB_SCHEDULE=off to run it by hand).
  if (boss && deps.config.cobSchedule !== 'off') {
    await registerJobs(
      boss,
      servicingJobs(deps, { cron: deps.config.cobSchedule, utcOffsetHours: deps.config.cobUtcOffsetHours }),
    );
  }
  const sealer = setInterval(() => {
    sealAuditTrail(deps).catch((err: unknown) => app.log.error({ err }, 'audit sealing failed'));
  }, 2000);
  sealer.unref();
  await app.listen({ port: config.port, host: config.host });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      clearInterval(sealer);
      await app.close();
      unregisterServicing();
      await engagementJobs?.stop();
      await boss?.stop({ graceful: true, wait: true, timeout: 10_000 }).catch(() => undefined);
      await sealAuditTrail(deps).catch(() => undefined);
      await deps.database.close();
    })());
  return { url: `http://${host}:${port}`, deps, demoLogins, close };
}

export function announce(server: RunningServer): void {
  if (server.demoLogins.length) console.log(`\n${formatDemoLogins(server.demoLogins)}\n`);
  console.log(`Bursar is serving on ${server.url}  (API docs: ${server.url}/api/docs)`);
}
