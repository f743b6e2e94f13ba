// Internal-review routes (review.perform): samples, checklists, findings and remediation.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { actorContext, actorOf } from '../../http/guard.ts';
import * as S from './review.schema.ts';
import * as review from './review.service.ts';

const tags = ['compliance: internal review'];

export const reviewRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/compliance/review/samples',
    { config: { permission: 'review.perform' }, schema: { tags, summary: 'Review samples, newest first' } },
    async () => ({ items: await review.listSamples(deps) }),
  );
  app.post(
    '/compliance/review/samples',
    {
      config: { permission: 'review.perform' },
      schema: {
        tags,
        summary: 'Draw a stratified sample of a period (reproducible from its seed; never your own acts)',
        body: S.sampleBody,
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await review.drawSample(deps, actorContext(request), actorOf(request), request.body)),
  );
  app.get(
    '/compliance/review/samples/:id',
    {
      config: { permission: 'review.perform' },
      schema: { tags, summary: 'A sample with its items and checklists', params: S.idParams },
    },
    async (request) => review.getSample(deps, request.params.id),
  );
  app.post(
    '/compliance/review/items/:id',
    {
      config: { permission: 'review.perform' },
      schema: {
        tags,
        summary: 'Answer the checklist of a sampled item; a "no" raises a finding',
        params: S.idParams,
        body: S.reviewBody,
      },
    },
    async (request) =>
      review.reviewItem(deps, actorContext(request), actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/compliance/findings',
    {
      config: { permission: 'review.perform' },
      schema: {
        tags,
        summary: 'Findings (internal review and fair lending) by due date',
        querystring: S.findingsQuery,
      },
    },
    async (request) => ({
      items: await review.listFindings(deps, {
        source: request.query.source,
        open: request.query.open === 'true',
      }),
    }),
  );
  app.post(
    '/compliance/findings/:id',
    {
      config: { permission: 'review.perform' },
      schema: {
        tags,
        summary: 'Record remediation progress, or close the finding with evidence',
        params: S.idParams,
        body: S.findingUpdateBody,
      },
    },
    async (request) => review.updateFinding(deps, actorContext(request), request.params.id, request.body),
  );
};
