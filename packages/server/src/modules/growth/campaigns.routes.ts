// HTTP routes of campaigns, attribution, A/B results and next-best offers: thin, each with its
// schemas and permission. The tracking link is public: it only records a landing and redirects.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { actorContext, actorOf } from '../../http/guard.ts';
import { attribution, experimentResults } from './attribution.service.ts';
import * as campaigns from './campaigns.service.ts';
import * as S from './campaigns.schema.ts';
import { nextBestOfferFor, runNextBestOffers } from './next-best-offer.service.ts';

const TAG = ['growth'];

export const campaignsRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/growth/campaigns',
    {
      config: { permission: 'campaigns.read' },
      schema: {
        tags: TAG,
        summary: 'Campaigns, newest first',
        response: { 200: z.object({ items: z.array(S.campaignSchema) }) },
      },
    },
    async () => ({ items: await campaigns.listCampaigns(deps) }),
  );
  app.post(
    '/growth/campaigns',
    {
      config: { permission: 'campaigns.manage' },
      schema: {
        tags: TAG,
        summary: 'Create a draft campaign with its variants (tracking codes are generated)',
        body: S.campaignBody,
        response: { 201: S.campaignSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await campaigns.createCampaign(deps, actorContext(request), request.body)),
  );
  app.get(
    '/growth/campaigns/:id',
    {
      config: { permission: 'campaigns.read' },
      schema: {
        tags: TAG,
        summary: 'A campaign with variants, costs and tracking codes',
        params: S.idParams,
        response: { 200: S.campaignSchema },
      },
    },
    async (request) => campaigns.getCampaign(deps, request.params.id),
  );
  app.patch(
    '/growth/campaigns/:id',
    {
      config: { permission: 'campaigns.manage' },
      schema: {
        tags: TAG,
        summary: 'Edit a draft campaign',
        params: S.idParams,
        body: S.campaignPatch,
        response: { 200: S.campaignSchema },
      },
    },
    async (request) => campaigns.updateCampaign(deps, actorContext(request), request.params.id, request.body),
  );
  app.post(
    '/growth/campaigns/:id/costs',
    {
      config: { permission: 'campaigns.manage' },
      schema: {
        tags: TAG,
        summary: 'Record spend on a cost line',
        params: S.idParams,
        body: S.costBody,
        response: { 201: S.campaignSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await campaigns.addCost(deps, actorContext(request), request.params.id, request.body)),
  );
  app.post(
    '/growth/campaigns/:id/launch',
    {
      config: { permission: 'campaigns.manage' },
      schema: {
        tags: TAG,
        summary: 'Launch: scheduled until the send time, then the send job walks the segment',
        params: S.idParams,
        response: { 200: S.campaignSchema },
      },
    },
    async (request) => campaigns.launchCampaign(deps, actorContext(request), request.params.id),
  );
  app.post(
    '/growth/campaigns/:id/cancel',
    {
      config: { permission: 'campaigns.manage' },
      schema: {
        tags: TAG,
        summary: 'Cancel a campaign (sends stop at the next page)',
        params: S.idParams,
        response: { 200: S.campaignSchema },
      },
    },
    async (request) => campaigns.cancelCampaign(deps, actorContext(request), request.params.id),
  );
  app.get(
    '/growth/campaigns/:id/experiment',
    {
      config: { permission: 'campaigns.read' },
      schema: {
        tags: TAG,
        summary: 'A/B results: conversion per arm, lift and significance against the hold-out',
        params: S.idParams,
        response: { 200: S.experimentSchema },
      },
    },
    async (request) => experimentResults(deps, request.params.id),
  );
  app.get(
    '/growth/attribution',
    {
      config: { permission: 'campaigns.read' },
      schema: {
        tags: TAG,
        summary:
          'First- and last-touch attribution per campaign: applications, funded, disbursed, CPA, return',
        querystring: S.attributionQuery,
        response: { 200: S.attributionSchema },
      },
    },
    async (request) => attribution(deps, request.query),
  );
  app.post(
    '/growth/tracking/applications',
    {
      config: { permission: 'applications.manage' },
      schema: {
        tags: TAG,
        summary: 'Record the tracking code an application carried',
        body: S.applicationCodeBody,
        response: { 200: z.object({ campaignId: z.string(), recorded: z.boolean() }) },
      },
    },
    async (request) => campaigns.recordApplicationCode(deps, actorContext(request), request.body),
  );
  app.get(
    '/growth/l/:code',
    {
      config: { public: 'campaign-landing', rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags: TAG,
        summary: 'Tracking link: records a landing and redirects to the portal registration with the code',
        params: z.strictObject({ code: z.string().regex(/^[0-9A-Za-z]{4,16}$/) }),
        querystring: z.strictObject({ v: z.string().max(64).optional() }),
      },
    },
    async (request, reply) => {
      const found = await campaigns.recordLanding(deps, request.params.code, {
        visitorId: request.query.v ?? null,
      });
      return reply.redirect(
        found ? `/register?tc=${encodeURIComponent(request.params.code.toUpperCase())}` : '/register',
        302,
      );
    },
  );
  app.get(
    '/growth/next-best-offers/:customerId',
    {
      config: { permission: 'customers.internal' },
      schema: {
        tags: TAG,
        summary: 'A customer’s next-best offer with its reason (recompute=true decides again now)',
        params: S.customerParams,
        querystring: z.strictObject({ recompute: z.enum(['true', 'false']).optional() }),
        response: { 200: S.nboSchema },
      },
    },
    async (request) =>
      nextBestOfferFor(
        deps,
        actorContext(request),
        actorOf(request),
        request.params.customerId,
        request.query.recompute === 'true',
      ),
  );
  app.post(
    '/growth/next-best-offers/run',
    {
      config: { permission: 'campaigns.manage' },
      schema: {
        tags: TAG,
        summary: 'Decide every active customer’s next-best offer now (the nightly job does the same)',
        response: { 200: S.nboRunSchema },
      },
    },
    async (request) => runNextBestOffers(deps, actorContext(request)),
  );
};
