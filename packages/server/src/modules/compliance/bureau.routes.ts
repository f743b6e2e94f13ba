// HTTP routes of credit-bureau furnishing under /compliance/furnishing: preview, generate,
// list, inspect, release and download the monthly files.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { actorContext } from '../../http/guard.ts';
import * as bureau from './bureau.service.ts';
import { BUREAU_FORMATS } from './bureau.tables.ts';

const tags = ['compliance'];
const P = '/compliance/furnishing';
const runBody = z.strictObject({
  bureau: z.enum(BUREAU_FORMATS),
  cycle: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM'),
});
const idParams = z.strictObject({ id: z.uuid() });

export const bureauRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    `${P}/runs`,
    {
      config: { permission: 'compliance.read' },
      schema: {
        tags,
        summary: 'Furnishing runs, newest cycle first',
        querystring: z.strictObject({
          bureau: z.enum(BUREAU_FORMATS).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
    },
    async (request) => ({ items: await bureau.listRunViews(deps, request.query.bureau, request.query.limit) }),
  );
  app.post(
    `${P}/preview`,
    {
      config: { permission: 'compliance.read' },
      schema: { tags, summary: 'Build and validate a bureau file without storing it', body: runBody },
    },
    async (request) => bureau.previewRun(deps, request.body.bureau, request.body.cycle),
  );
  app.post(
    `${P}/runs`,
    {
      config: { permission: 'compliance.manage' },
      schema: {
        tags,
        summary: 'Generate, validate and store the file of a bureau and cycle (idempotent once released)',
        body: runBody,
      },
    },
    async (request, reply) => {
      const run = await bureau.generateRun(deps, actorContext(request), request.body.bureau, request.body.cycle);
      return reply.code(run.status === 'released' ? 200 : 201).send(run);
    },
  );
  app.get(
    `${P}/runs/:id`,
    {
      config: { permission: 'compliance.read' },
      schema: { tags, summary: 'A run with its validation errors and furnished accounts', params: idParams },
    },
    async (request) => bureau.getRun(deps, request.params.id),
  );
  app.post(
    `${P}/runs/:id/release`,
    {
      config: { permission: 'compliance.manage' },
      schema: { tags, summary: 'Release a validated file to the bureau (blocked when validation fails)', params: idParams },
    },
    async (request) => bureau.releaseRun(deps, actorContext(request), request.params.id),
  );
  app.get(
    `${P}/runs/:id/file`,
    {
      config: { permission: 'compliance.manage' },
      schema: { tags, summary: 'Download the file (audited); X-Checksum-SHA256 carries its checksum', params: idParams },
    },
    async (request, reply) => {
      const f = await bureau.downloadRun(deps, actorContext(request), request.params.id);
      return reply
        .type('text/plain; charset=utf-8')
        .header('content-disposition', `attachment; filename="${f.fileName}"`)
        .header('x-checksum-sha256', f.sha256)
        .send(f.content);
    },
  );
};
