// HTTP routes of the risk register: risks (heat map, controls, KRIs, reviews) and the incident log.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { actorContext } from '../../http/guard.ts';
import * as S from './portfolio.schema.ts';
import * as register from './register.service.ts';

const idParams = z.strictObject({ id: z.uuid() });

export const registerRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/risk/register',
    {
      config: { permission: 'risk.read' },
      schema: {
        tags: ['risk'],
        summary: 'Every risk with its rating, worst KRI status and review flag, and the 5 × 5 heat map',
        response: { 200: S.registerSchema },
      },
    },
    async () => register.riskRegister(deps),
  );

  app.post(
    '/risk/register',
    {
      config: { permission: 'risk.register.manage' },
      schema: {
        tags: ['risk'],
        summary: 'Add a risk, with its controls and key risk indicators',
        body: S.riskCreateSchema,
        response: { 201: S.riskDetailSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await register.createRisk(deps, actorContext(request), request.body)),
  );

  app.get(
    '/risk/register/:id',
    {
      config: { permission: 'risk.read' },
      schema: {
        tags: ['risk'],
        summary: 'A risk with its controls, live KRIs and linked incidents',
        params: idParams,
        response: { 200: S.riskDetailSchema },
      },
    },
    async (request) => register.getRisk(deps, request.params.id),
  );

  app.patch(
    '/risk/register/:id',
    {
      config: { permission: 'risk.register.manage' },
      schema: {
        tags: ['risk'],
        summary: 'Change a risk (rating, owner, status, review interval)',
        params: idParams,
        body: S.riskPatchSchema,
        response: { 200: S.riskDetailSchema },
      },
    },
    async (request) => register.updateRisk(deps, actorContext(request), request.params.id, request.body),
  );

  app.post(
    '/risk/register/:id/review',
    {
      config: { permission: 'risk.register.manage' },
      schema: {
        tags: ['risk'],
        summary: 'Record a review today; the next falls due after the review interval unless a date is given',
        params: idParams,
        body: S.reviewSchema,
        response: { 200: S.riskDetailSchema },
      },
    },
    async (request) => register.reviewRisk(deps, actorContext(request), request.params.id, request.body),
  );

  app.post(
    '/risk/register/:id/controls',
    {
      config: { permission: 'risk.register.manage' },
      schema: {
        tags: ['risk'],
        summary: 'Add a control to a risk',
        params: idParams,
        body: S.controlInputSchema,
        response: { 201: S.riskDetailSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await register.addControl(deps, actorContext(request), request.params.id, request.body)),
  );

  app.post(
    '/risk/register/:id/kris',
    {
      config: { permission: 'risk.register.manage' },
      schema: {
        tags: ['risk'],
        summary: 'Bind a key risk indicator to a live portfolio metric, with amber and red thresholds',
        params: idParams,
        body: S.kriInputSchema,
        response: { 201: S.riskDetailSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await register.addKri(deps, actorContext(request), request.params.id, request.body)),
  );

  app.get(
    '/risk/incidents',
    {
      config: { permission: 'risk.read' },
      schema: {
        tags: ['risk'],
        summary: 'The operational incident log, newest first',
        response: { 200: z.object({ items: z.array(S.incidentSchema) }) },
      },
    },
    async () => ({ items: await register.listIncidents(deps) }),
  );

  app.post(
    '/risk/incidents',
    {
      config: { permission: 'risk.register.manage' },
      schema: {
        tags: ['risk'],
        summary: 'Log an operational incident (loss amount in the currency given)',
        body: S.incidentCreateSchema,
        response: { 201: S.incidentSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await register.createIncident(deps, actorContext(request), request.body)),
  );

  app.patch(
    '/risk/incidents/:id',
    {
      config: { permission: 'risk.register.manage' },
      schema: {
        tags: ['risk'],
        summary: 'Record actions on an incident or close it',
        params: idParams,
        body: S.incidentPatchSchema,
        response: { 200: S.incidentSchema },
      },
    },
    async (request) => register.updateIncident(deps, actorContext(request), request.params.id, request.body),
  );
};
