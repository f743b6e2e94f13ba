import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { auditEventSchema, auditFilterQuery, auditListQuery, verifyReportSchema } from './audit.schema.ts';
import { auditCsv, listAuditEvents, readAnchors, sealAuditTrail, verifyAuditTrail } from './audit.service.ts';

/** A date-only `to` means the whole of that day. */
function normaliseRange<T extends { from?: string | undefined; to?: string | undefined }>(q: T): T {
  const to = q.to && /^\d{4}-\d{2}-\d{2}$/.test(q.to) ? `${q.to}T23:59:59.999Z` : q.to;
  return { ...q, to };
}

export const auditRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/audit/events',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: 'Browse the audit trail, newest first',
        querystring: auditListQuery,
        response: { 200: z.object({ items: z.array(auditEventSchema), total: z.number().int() }) },
      },
    },
    async (request) => {
      const { limit, offset, ...filter } = normaliseRange(request.query);
      const page = await listAuditEvents(deps, filter, { limit, offset });
      return {
        items: page.items.map((r) => ({
          ...r,
          occurredAt: new Date(r.occurredAt).toISOString(),
          sealed: r.hash !== null,
        })),
        total: page.total,
      };
    },
  );

  app.get(
    '/audit/events.csv',
    {
      config: { permission: 'audit.export' },
      schema: {
        tags: ['audit'],
        summary: 'Export the filtered audit trail as CSV',
        querystring: auditFilterQuery,
      },
    },
    async (request, reply) => {
      const stamp = deps.now().toISOString().slice(0, 10);
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="bursar-audit-${stamp}.csv"`);
      return reply.send(Readable.from(auditCsv(deps, normaliseRange(request.query))));
    },
  );

  app.get(
    '/audit/verify',
    {
      config: { permission: 'audit.verify' },
      schema: {
        tags: ['audit'],
        summary: 'Seal pending rows and verify the whole chain and its anchors',
        response: { 200: verifyReportSchema },
      },
    },
    async () => {
      await sealAuditTrail(deps);
      return verifyAuditTrail(deps, readAnchors(deps.config.auditAnchorFile));
    },
  );
};
