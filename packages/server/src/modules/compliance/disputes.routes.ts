// HTTP routes of credit-reporting disputes: staff under /compliance/disputes (bureau disputes,
// investigation, outcome), a student's own under /compliance/my/disputes.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { actorContext, actorOf } from '../../http/guard.ts';
import * as disputes from './disputes.service.ts';
import { DISPUTE_OUTCOMES, DISPUTE_STATUSES } from './disputes.tables.ts';

const tags = ['compliance'];
const P = '/compliance';
const idParams = z.strictObject({ id: z.uuid() });
const listQuery = z.strictObject({
  status: z.enum(DISPUTE_STATUSES).optional(),
  atRisk: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  loanId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
const common = {
  loanId: z.uuid(),
  reason: z.enum(disputes.DISPUTE_REASONS),
  description: z.string().trim().min(5).max(4000),
  bureau: z.enum(['metro2', 'pboc']).optional(),
};
const staffBody = z.strictObject({
  ...common,
  bureauReference: z.string().trim().min(1).max(40),
  receivedAt: z.iso.datetime({ offset: true }).optional(),
});
const resolveBody = z.strictObject({
  outcome: z.enum(DISPUTE_OUTCOMES),
  resolution: z.string().trim().min(1).max(4000),
});

const STAFF: disputes.DisputeAccess = { ownCustomerOnly: false, customerId: null };
function own(request: FastifyRequest): disputes.DisputeAccess {
  return { ownCustomerOnly: true, customerId: actorOf(request).customerId };
}

export const disputesRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    `${P}/disputes`,
    {
      config: { permission: 'compliance.read' },
      schema: { tags, summary: 'Credit-reporting disputes with their 30-day clocks', querystring: listQuery },
    },
    async (request) => disputes.listDisputes(deps, STAFF, request.query),
  );
  app.post(
    `${P}/disputes`,
    {
      config: { permission: 'compliance.manage' },
      schema: { tags, summary: "Enter a bureau's dispute (e-OSCAR ACDV)", body: staffBody },
    },
    async (request, reply) =>
      reply.code(201).send(await disputes.fileDispute(deps, actorContext(request), STAFF, request.body)),
  );
  app.get(
    `${P}/disputes/:id`,
    { config: { permission: 'compliance.read' }, schema: { tags, summary: 'A dispute', params: idParams } },
    async (request) => disputes.getDispute(deps, STAFF, request.params.id),
  );
  app.post(
    `${P}/disputes/:id/resolve`,
    {
      config: { permission: 'compliance.manage' },
      schema: { tags, summary: 'Record the outcome and notify the borrower', params: idParams, body: resolveBody },
    },
    async (request) => disputes.resolveDispute(deps, actorContext(request), request.params.id, request.body),
  );
  // ---- a student's own disputes
  app.get(
    `${P}/my/disputes`,
    {
      config: { permission: 'disputes.own' },
      schema: { tags, summary: "The signed-in student's disputes", querystring: listQuery },
    },
    async (request) => disputes.listDisputes(deps, own(request), request.query),
  );
  app.post(
    `${P}/my/disputes`,
    {
      config: { permission: 'disputes.own' },
      schema: { tags, summary: 'Dispute the credit reporting of one of my loans', body: z.strictObject(common) },
    },
    async (request, reply) =>
      reply.code(201).send(await disputes.fileDispute(deps, actorContext(request), own(request), request.body)),
  );
  app.get(
    `${P}/my/disputes/:id`,
    { config: { permission: 'disputes.own' }, schema: { tags, summary: 'One of my disputes', params: idParams } },
    async (request) => disputes.getDispute(deps, own(request), request.params.id),
  );
};
