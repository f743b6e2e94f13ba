// Fair-lending routes: the adverse-action log, monitoring runs (fairlending.read to see,
// fairlending.manage to run on demand and raise findings).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { actorContext } from '../../http/guard.ts';
import * as S from './review.schema.ts';
import * as fl from './fair-lending.service.ts';

const tags = ['compliance: fair lending'];

export const fairLendingRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/compliance/fair-lending/adverse-actions',
    {
      config: { permission: 'fairlending.read' },
      schema: {
        tags,
        summary: 'Adverse-action notices of declined applications in a period',
        querystring: S.periodQuery,
      },
    },
    async (request) => ({ items: await fl.adverseActions(deps, request.query.from, request.query.to) }),
  );
  app.get(
    '/compliance/fair-lending/runs',
    {
      config: { permission: 'fairlending.read' },
      schema: { tags, summary: 'Monitoring runs, newest first' },
    },
    async () => ({ items: await fl.listRuns(deps) }),
  );
  app.post(
    '/compliance/fair-lending/runs',
    {
      config: { permission: 'fairlending.manage' },
      schema: {
        tags,
        summary: 'Run adverse-impact monitoring now (approval rates, four-fifths ratio, significance)',
        body: S.runBody,
      },
    },
    async (request, reply) =>
      reply.code(201).send(await fl.runMonitoring(deps, actorContext(request), request.body)),
  );
  app.get(
    '/compliance/fair-lending/runs/:id',
    {
      config: { permission: 'fairlending.read' },
      schema: { tags, summary: 'A run with its results and findings', params: S.idParams },
    },
    async (request) => fl.getRun(deps, request.params.id),
  );
  app.post(
    '/compliance/fair-lending/runs/:id/findings',
    {
      config: { permission: 'fairlending.manage' },
      schema: {
        tags,
        summary: 'Raise a finding from a run, with owner and due date',
        params: S.idParams,
        body: S.findingBody,
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await fl.raiseRunFinding(deps, actorContext(request), request.params.id, request.body)),
  );
};
