import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import type { Metrics } from './metrics.ts';
import { Problem, sendProblem } from './problem.ts';

export const systemRoutes: FastifyPluginAsyncZod<{ deps: Deps; metrics: Metrics }> = async (
  app,
  { deps, metrics },
) => {
  app.get(
    '/healthz',
    {
      config: { public: 'health' },
      schema: {
        tags: ['system'],
        summary: 'Liveness and database check',
        response: {
          200: z.object({
            status: z.literal('ok'),
            database: z.enum(['pglite', 'postgres']),
            time: z.string(),
          }),
        },
      },
    },
    async (request, reply) => {
      try {
        await deps.database.db.execute(sql`select 1`);
      } catch (err) {
        request.log.error({ err }, 'health check: database unreachable');
        return sendProblem(
          reply,
          request,
          new Problem(503, 'unavailable', 'Database unreachable', 'The database did not answer'),
        );
      }
      return { status: 'ok' as const, database: deps.database.kind, time: deps.now().toISOString() };
    },
  );

  app.get('/metrics', { config: { public: 'metrics' }, schema: { hide: true } }, async (_request, reply) => {
    const body = await metrics.registry.metrics();
    return reply.type(metrics.registry.contentType).send(body);
  });
};
