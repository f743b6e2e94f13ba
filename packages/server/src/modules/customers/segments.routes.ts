// Segment routes: builder catalogue, live preview count, saved segments, snapshots, CSV/XLSX export.
import { Readable } from 'node:stream';
import { XLSX_MEDIA_TYPE, xlsxStream } from '../../files/xlsx.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { actorContext, actorOf } from '../../http/guard.ts';
import * as S from './customers.schema.ts';
import * as segments from './segments.service.ts';

const TAG = ['segments'];

/** The same generator, with its first item already produced (errors surface before the response starts). */
async function primed<T>(gen: AsyncGenerator<T>): Promise<AsyncGenerator<T>> {
  const first = await gen.next();
  return (async function* () {
    if (!first.done) yield first.value;
    yield* gen;
  })();
}

export const segmentRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/segments/fields',
    {
      config: { permission: 'segments.manage' },
      schema: {
        tags: TAG,
        summary: 'Fields, types, values and operators a segment rule may use',
        response: {
          200: z.array(
            z.object({
              name: z.string(),
              type: z.string(),
              label: z.string(),
              values: z.array(z.string()).nullable(),
              operators: z.array(z.string()),
            }),
          ),
        },
      },
    },
    async () => segments.segmentFields(),
  );

  app.post(
    '/segments/preview',
    {
      config: { permission: 'segments.manage' },
      schema: {
        tags: TAG,
        summary: 'Live count of customers matching a rule tree (not saved)',
        body: S.segmentPreviewBody,
        response: { 200: S.countView },
      },
    },
    async (request) => segments.countRule(deps, request.body.rule),
  );

  app.get(
    '/segments',
    {
      config: { permission: 'segments.manage' },
      schema: { tags: TAG, summary: 'Saved segments', response: { 200: z.array(S.segmentView) } },
    },
    async () => segments.listSegments(deps),
  );

  app.post(
    '/segments',
    {
      config: { permission: 'segments.manage' },
      schema: { tags: TAG, summary: 'Save a segment', body: S.segmentBody, response: { 201: S.segmentView } },
    },
    async (request, reply) =>
      reply.status(201).send(await segments.createSegment(deps, actorContext(request), request.body)),
  );

  app.get(
    '/segments/:id',
    {
      config: { permission: 'segments.manage' },
      schema: { tags: TAG, summary: 'One segment', params: S.idParams, response: { 200: S.segmentView } },
    },
    async (request) => segments.getSegment(deps, request.params.id),
  );

  app.patch(
    '/segments/:id',
    {
      config: { permission: 'segments.manage' },
      schema: {
        tags: TAG,
        summary: 'Rename or change a segment’s rule',
        params: S.idParams,
        body: S.segmentPatch,
        response: { 200: S.segmentView },
      },
    },
    async (request) => segments.updateSegment(deps, actorContext(request), request.params.id, request.body),
  );

  app.delete(
    '/segments/:id',
    {
      config: { permission: 'segments.manage' },
      schema: {
        tags: TAG,
        summary: 'Delete a segment and its snapshots',
        params: S.idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await segments.deleteSegment(deps, actorContext(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/segments/:id/count',
    {
      config: { permission: 'segments.manage' },
      schema: { tags: TAG, summary: 'Live member count', params: S.idParams, response: { 200: S.countView } },
    },
    async (request) => segments.countSegment(deps, request.params.id),
  );

  app.get(
    '/segments/:id/snapshots',
    {
      config: { permission: 'segments.manage' },
      schema: {
        tags: TAG,
        summary: 'Membership snapshots, newest first',
        params: S.idParams,
        response: { 200: z.array(S.snapshotView) },
      },
    },
    async (request) => segments.listSnapshots(deps, request.params.id),
  );

  app.post(
    '/segments/:id/snapshots',
    {
      config: { permission: 'segments.manage' },
      schema: {
        tags: TAG,
        summary: 'Take a dated membership snapshot',
        params: S.idParams,
        response: { 201: S.snapshotView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await segments.snapshotSegment(deps, actorContext(request), request.params.id)),
  );

  // The export, as CSV or as an Excel workbook: the same rows, masking and audit.
  for (const format of ['csv', 'xlsx'] as const) {
    app.get(
      `/segments/:id/export.${format}`,
      {
        config: { permission: 'segments.manage' },
        schema: {
          tags: TAG,
          summary: `Export members (live, or of snapshotId) as ${format.toUpperCase()}; identifiers masked unless reveal=true (needs pii.read, audited)`,
          params: S.idParams,
          querystring: S.exportQuery,
        },
      },
      async (request, reply) => {
        const opts = { reveal: request.query.reveal === 'true', snapshotId: request.query.snapshotId };
        const args = [deps, actorContext(request), actorOf(request), request.params.id, opts] as const;
        // Pull the first chunk before answering, so a missing segment or permission is a problem response, not a broken stream.
        const body =
          format === 'csv'
            ? Readable.from(await primed(segments.exportSegmentCsv(...args)))
            : xlsxStream('segment', await primed(segments.exportSegmentRows(...args)));
        const stamp = deps.now().toISOString().slice(0, 10);
        return reply
          .type(format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_MEDIA_TYPE)
          .header(
            'content-disposition',
            `attachment; filename="segment-${request.params.id}-${stamp}.${format}"`,
          )
          .send(body);
      },
    );
  }
};
