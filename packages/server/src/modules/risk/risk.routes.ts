import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { actorContext } from '../../http/guard.ts';
import { fieldErrorsFromZod, validationProblem } from '../../http/problem.ts';
import * as S from './risk.schema.ts';
import * as risk from './risk.service.ts';
import { portfolioRoutes } from './portfolio.routes.ts';
import { registerRoutes } from './register.routes.ts';
import { earlyWarningRoutes } from './early-warning.routes.ts';

const idParams = z.strictObject({ id: z.uuid() });
/** Training files may be larger than ordinary JSON bodies. */
const UPLOAD_LIMIT = 50 * 1024 * 1024;

export const riskRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  // Portfolio risk analytics and the risk register.
  await app.register(portfolioRoutes, { deps });
  await app.register(registerRoutes, { deps });
  // Behavioural reviews, early warning, monitoring and PMML import.
  await app.register(earlyWarningRoutes, { deps });
  // CSV uploads arrive as text (this plugin's scope only).
  app.addContentTypeParser(
    ['text/csv', 'text/plain', 'application/csv'],
    { parseAs: 'string', bodyLimit: UPLOAD_LIMIT },
    (_req, body, done) => done(null, body),
  );

  app.get(
    '/risk/models',
    {
      config: { permission: 'risk.read' },
      schema: {
        tags: ['risk'],
        summary: 'Every scorecard model version, by name, newest first',
        response: { 200: z.object({ items: z.array(S.modelSummarySchema) }) },
      },
    },
    async () => ({ items: await risk.listModels(deps) }),
  );

  app.get(
    '/risk/models/:id',
    {
      config: { permission: 'risk.read' },
      schema: {
        tags: ['risk'],
        summary: 'A model with its bins, points and validation figures',
        params: idParams,
        response: { 200: S.modelViewSchema },
      },
    },
    async (request) => risk.getModel(deps, request.params.id),
  );

  app.post(
    '/risk/models/train',
    {
      config: { permission: 'risk.models.manage' },
      bodyLimit: UPLOAD_LIMIT,
      schema: {
        tags: ['risk'],
        summary:
          'Train a scorecard from a CSV (text/csv body with options in the query, or JSON with csv) and save it as a draft',
        querystring: S.trainQuerySchema,
        body: S.trainBodySchema,
        response: { 201: S.trainResponseSchema },
      },
    },
    async (request, reply) => {
      const body = request.body;
      let parsed: z.infer<typeof S.trainOptionsSchema>;
      if (typeof body === 'string') {
        // A CSV upload carries its options in the query string; target and bad are required there.
        const q = S.trainOptionsSchema.safeParse(request.query);
        if (!q.success) throw validationProblem(fieldErrorsFromZod(q.error, 'querystring'));
        parsed = q.data;
      } else parsed = body;
      const csv = typeof body === 'string' ? body : body.csv;
      const outcome = await risk.trainModel(deps, actorContext(request), {
        csv,
        target: parsed.target,
        bad: parsed.bad,
        folds: parsed.folds,
        exclude: parsed.exclude,
        protectedAttributes: parsed.protected,
        holdoutShare: parsed.holdout,
        seed: parsed.seed,
        minIv: parsed.minIv,
        cutoffScore: parsed.cutoffScore,
        name: parsed.name,
        description: parsed.description,
        fileName: parsed.fileName,
      });
      const r = outcome.result;
      return reply.status(201).send({
        auc: r.auc,
        gini: r.gini,
        ks: r.ks,
        folds: r.folds,
        rows: r.rows,
        bads: r.bads,
        features: r.features,
        screened: r.screened,
        excluded: r.excluded,
        protectedAttributes: r.protectedAttributes,
        holdout: r.holdout,
        model: outcome.model,
      });
    },
  );

  app.post(
    '/risk/models/import',
    {
      config: { permission: 'risk.models.manage' },
      schema: {
        tags: ['risk'],
        summary: 'Import a scorecard built elsewhere (bins and points as JSON) as a draft',
        body: S.importBodySchema,
        response: { 201: S.modelViewSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await risk.importModel(deps, actorContext(request), request.body)),
  );

  app.post(
    '/risk/models/:id/validate',
    {
      config: { permission: 'risk.models.manage' },
      schema: {
        tags: ['risk'],
        summary: 'Confirm a draft’s validation (draft → validated)',
        params: idParams,
        body: S.noteBodySchema,
        response: { 200: S.modelViewSchema },
      },
    },
    async (request) => risk.validateModel(deps, actorContext(request), request.params.id, request.body?.note),
  );

  app.post(
    '/risk/models/:id/approve',
    {
      config: { permission: 'risk.models.approve' },
      schema: {
        tags: ['risk'],
        summary: 'Approve a validated model (four eyes: not its trainer or validator)',
        params: idParams,
        body: S.noteBodySchema,
        response: { 200: S.modelViewSchema },
      },
    },
    async (request) => risk.approveModel(deps, actorContext(request), request.params.id, request.body?.note),
  );

  app.post(
    '/risk/models/:id/activate',
    {
      config: { permission: 'risk.models.approve' },
      schema: {
        tags: ['risk'],
        summary:
          'Put an approved model into use as champion or challenger (or change an active model’s role)',
        params: idParams,
        body: S.activateBodySchema,
        response: { 200: S.modelViewSchema },
      },
    },
    async (request) =>
      risk.activateModel(deps, actorContext(request), request.params.id, request.body?.role ?? 'champion'),
  );

  app.post(
    '/risk/models/:id/retire',
    {
      config: { permission: 'risk.models.approve' },
      schema: {
        tags: ['risk'],
        summary: 'Retire a model',
        params: idParams,
        body: S.noteBodySchema,
        response: { 200: S.modelViewSchema },
      },
    },
    async (request) => risk.retireModel(deps, actorContext(request), request.params.id, request.body?.note),
  );

  app.delete(
    '/risk/models/:id',
    {
      config: { permission: 'risk.models.manage' },
      schema: { tags: ['risk'], summary: 'Discard a draft', params: idParams, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await risk.discardDraft(deps, actorContext(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/risk/models/:id/evaluate',
    {
      config: { permission: 'risk.models.manage' },
      bodyLimit: UPLOAD_LIMIT,
      schema: {
        tags: ['risk'],
        summary:
          'Run a model over a CSV of applications: stability (PSI), realised against predicted default, fairness by protected group',
        params: idParams,
        querystring: S.evaluateQuerySchema,
        body: S.evaluateBodySchema,
        response: { 200: S.evaluateResponseSchema },
      },
    },
    async (request) => {
      const body = request.body;
      const opts = typeof body === 'string' ? request.query : body;
      return risk.evaluateModel(deps, request.params.id, {
        csv: typeof body === 'string' ? body : body.csv,
        target: opts.target,
        bad: opts.bad,
        cutoffScore: opts.cutoffScore,
      });
    },
  );

  app.post(
    '/risk/score',
    {
      config: { permission: 'risk.score' },
      schema: {
        tags: ['risk'],
        summary:
          'Score an application: score, PD, grade, reason codes and model version (champion and challengers by name)',
        body: S.scoreBodySchema,
        response: { 200: S.scoreResponseSchema },
      },
    },
    async (request) =>
      risk.scoreApplication(deps, request.body.model, request.body.attributes, {
        applicationRef: request.body.applicationRef,
        reasons: request.body.reasons,
      }),
  );

  app.get(
    '/risk/applications/:ref/scores',
    {
      config: { permission: 'risk.score' },
      schema: {
        tags: ['risk'],
        summary: 'Stored scores of one application, with the model versions that produced them',
        params: z.strictObject({ ref: z.string().min(1).max(200) }),
        response: { 200: S.applicationScoresResponseSchema },
      },
    },
    async (request) => ({ items: await risk.applicationScores(deps, request.params.ref) }),
  );

  app.get(
    '/risk/fairness',
    {
      config: { permission: 'risk.read' },
      schema: {
        tags: ['risk'],
        summary: 'Approval rates and adverse-impact ratios by protected group over stored application scores',
        querystring: S.fairnessQuerySchema,
        response: { 200: S.fairnessResponseSchema },
      },
    },
    async (request) =>
      risk.fairnessOfScores(deps, {
        modelName: request.query.model,
        from: request.query.from ? new Date(request.query.from) : undefined,
        to: request.query.to ? new Date(request.query.to) : undefined,
        cutoffScore: request.query.cutoffScore,
      }),
  );
};
