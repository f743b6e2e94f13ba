// Disclosure routes: the borrower's own disclosures and acknowledgement in the portal
// (disclosures.acknowledge), templates, the log and privacy-notice runs for staff (disclosures.manage).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { actorContext, actorOf } from '../../http/guard.ts';
import * as d from './disclosures.service.ts';
import { DISCLOSURE_STAGES } from './disclosures.tables.ts';

const tags = ['compliance: disclosures'];
const idParams = z.strictObject({ id: z.uuid() });
const ackBody = z.strictObject({ contentSha256: z.string().regex(/^[0-9a-f]{64}$/) });

export const disclosureRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/portal/disclosures',
    {
      config: { permission: 'disclosures.acknowledge' },
      schema: { tags, summary: 'My disclosures (application, approval, signing, privacy notices)' },
    },
    async (request) => ({ items: await d.myDisclosures(deps, actorOf(request)) }),
  );
  app.post(
    '/portal/disclosures/:id/acknowledge',
    {
      config: { permission: 'disclosures.acknowledge' },
      schema: {
        tags,
        summary: 'Acknowledge a disclosure exactly as delivered',
        params: idParams,
        body: ackBody,
      },
    },
    async (request) =>
      d.acknowledgeDisclosure(deps, actorContext(request), actorOf(request), request.params.id, {
        ...request.body,
        channel: 'portal',
      }),
  );
  app.post(
    '/compliance/disclosures/:id/acknowledge-in-branch',
    {
      config: { permission: 'disclosures.manage' },
      schema: {
        tags,
        summary: 'Record an acknowledgement the borrower gave in a branch',
        params: idParams,
        body: ackBody,
      },
    },
    async (request) =>
      d.acknowledgeDisclosure(deps, actorContext(request), actorOf(request), request.params.id, {
        ...request.body,
        channel: 'branch',
      }),
  );
  app.get(
    '/compliance/disclosures',
    {
      config: { permission: 'disclosures.manage' },
      schema: {
        tags,
        summary: 'Disclosures delivered, newest first (pending=true: not yet acknowledged)',
        querystring: z.strictObject({ pending: z.enum(['true', 'false']).optional() }),
      },
    },
    async (request) => ({ items: await d.disclosureLog(deps, request.query.pending === 'true') }),
  );
  app.get(
    '/compliance/disclosures/applications/:id',
    {
      config: { permission: 'disclosures.manage' },
      schema: { tags, summary: "An application's disclosures with their acknowledgements", params: idParams },
    },
    async (request) => ({ items: await d.applicationDisclosures(deps, request.params.id) }),
  );
  app.get(
    '/compliance/disclosures/templates',
    {
      config: { permission: 'disclosures.manage' },
      schema: { tags, summary: 'Disclosure templates, every version' },
    },
    async () => ({ items: await d.listTemplates(deps) }),
  );
  app.post(
    '/compliance/disclosures/templates',
    {
      config: { permission: 'disclosures.manage' },
      schema: {
        tags,
        summary: "Publish a new version of a stage's template (the previous one retires)",
        body: z.strictObject({
          stage: z.enum(DISCLOSURE_STAGES),
          titleEn: z.string().trim().min(1).max(300),
          titleZh: z.string().trim().min(1).max(300),
          bodyEn: z.string().trim().min(1).max(20_000),
          bodyZh: z.string().trim().min(1).max(20_000),
        }),
      },
    },
    async (request, reply) =>
      reply.code(201).send(await d.saveTemplate(deps, actorContext(request), request.body)),
  );
  app.post(
    '/compliance/disclosures/privacy-notices',
    {
      config: { permission: 'disclosures.manage' },
      schema: {
        tags,
        summary: "Send the year's privacy notice to every active borrower (idempotent per year)",
        body: z.strictObject({ year: z.number().int().min(2000).max(2100) }),
      },
    },
    async (request) => d.deliverPrivacyNotices(deps, actorContext(request), request.body.year),
  );
};
