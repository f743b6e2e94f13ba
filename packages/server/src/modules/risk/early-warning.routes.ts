// Routes of behavioural reviews, early warning, scorecard monitoring and PMML import. Registered
// from risk.routes.ts (same /api/v1 prefix).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { actorContext } from '../../http/guard.ts';
import * as S from './early-warning.schema.ts';
import * as behaviour from './behaviour.service.ts';
import * as ew from './early-warning.service.ts';
import { importPmmlModel, monitorScorecard } from './monitoring.service.ts';
import { modelViewSchema } from './risk.schema.ts';

const idParams = z.strictObject({ id: z.uuid() });
const PMML_LIMIT = 10 * 1024 * 1024;

export const earlyWarningRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  // PMML documents arrive as XML text (this plugin's scope only).
  app.addContentTypeParser(
    ['application/xml', 'text/xml', 'application/pmml+xml'],
    { parseAs: 'string', bodyLimit: PMML_LIMIT },
    (_req, body, done) => done(null, body),
  );

  // ---- behavioural scoring -------------------------------------------------------------------

  app.post(
    '/risk/behaviour/reviews',
    {
      config: { permission: 'risk.alerts.manage' },
      schema: {
        tags: ['risk'],
        summary: 'Run (or rerun) the monthly behavioural review: rescore every active loan at the month end',
        body: S.reviewBodySchema,
        response: { 200: S.reviewResponseSchema },
      },
    },
    async (request) => behaviour.runBehaviourReview(deps, actorContext(request), request.body.month),
  );

  app.get(
    '/risk/behaviour/grades',
    {
      config: { permission: 'risk.read' },
      schema: {
        tags: ['risk'],
        summary: 'Grade dashboard: reviews, a month’s grade distribution and its migration matrix',
        querystring: z.strictObject({ month: S.monthSchema.optional() }),
        response: { 200: S.gradeDashboardSchema },
      },
    },
    async (request) => behaviour.gradeDashboard(deps, request.query.month),
  );

  app.get(
    '/risk/behaviour/grades/:month/loans',
    {
      config: { permission: 'risk.read' },
      schema: {
        tags: ['risk'],
        summary: 'Loans graded in a month (worst scores first), with their features and reason codes',
        params: z.strictObject({ month: S.monthSchema }),
        querystring: S.gradesQuerySchema,
        response: { 200: z.object({ items: z.array(S.loanGradeSchema) }) },
      },
    },
    async (request) => ({
      items: await behaviour.gradesOfMonth(deps, request.params.month, request.query),
    }),
  );

  app.get(
    '/risk/behaviour/loans/:id',
    {
      config: { permission: 'risk.read' },
      schema: {
        tags: ['risk'],
        summary: 'A loan’s behavioural grade history, month by month',
        params: idParams,
        response: { 200: z.object({ items: z.array(S.loanGradeSchema) }) },
      },
    },
    async (request) => ({ items: await behaviour.gradesOfLoan(deps, request.params.id) }),
  );

  app.get(
    '/risk/behaviour/scorecard',
    {
      config: { permission: 'risk.read' },
      schema: {
        tags: ['risk'],
        summary: 'The behavioural scorecard in use (points per behaviour bin, grades)',
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async () => behaviour.behaviourScorecard(deps),
  );

  app.put(
    '/risk/behaviour/scorecard',
    {
      config: { permission: 'risk.alerts.manage' },
      schema: {
        tags: ['risk'],
        summary: 'Change the behavioural scorecard’s points (definition: null restores the default)',
        body: S.scorecardBodySchema,
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async (request) => behaviour.setBehaviourScorecard(deps, actorContext(request), request.body.definition),
  );

  app.post(
    '/risk/employment',
    {
      config: { permission: 'risk.alerts.manage' },
      schema: {
        tags: ['risk'],
        summary: 'Record employment a borrower reported after study',
        body: S.employmentBodySchema,
        response: { 201: S.employmentResponseSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await behaviour.recordEmployment(deps, actorContext(request), request.body)),
  );

  app.get(
    '/risk/macro-series',
    {
      config: { permission: 'risk.read' },
      schema: {
        tags: ['risk'],
        summary: 'Macro data series (e.g. unemployment by region or field of study)',
        querystring: z.strictObject({ series: z.string().max(80).optional() }),
        response: { 200: S.macroListSchema },
      },
    },
    async (request) => ({ items: await behaviour.listMacroSeries(deps, request.query.series) }),
  );

  app.post(
    '/risk/macro-series',
    {
      config: { permission: 'risk.alerts.manage' },
      schema: {
        tags: ['risk'],
        summary: 'Import points of macro data series (a repeated point replaces the old value)',
        body: S.macroImportBodySchema,
        response: { 200: z.object({ imported: z.number().int() }) },
      },
    },
    async (request) => ({
      imported: await behaviour.importMacroSeries(deps, actorContext(request), request.body.points),
    }),
  );

  // ---- early warning -------------------------------------------------------------------------

  app.get(
    '/risk/alert-rules',
    {
      config: { permission: 'risk.read' },
      schema: {
        tags: ['risk'],
        summary: 'Early-warning rules',
        response: { 200: z.object({ items: z.array(S.ruleSchema) }) },
      },
    },
    async () => ({ items: await ew.listAlertRules(deps) }),
  );

  app.put(
    '/risk/alert-rules/:code',
    {
      config: { permission: 'risk.alerts.manage' },
      schema: {
        tags: ['risk'],
        summary: 'Create or change an early-warning rule',
        params: S.ruleCodeParams,
        body: S.ruleBodySchema,
        response: { 200: S.ruleSchema },
      },
    },
    async (request) => ew.saveAlertRule(deps, actorContext(request), request.params.code, request.body),
  );

  app.delete(
    '/risk/alert-rules/:code',
    {
      config: { permission: 'risk.alerts.manage' },
      schema: {
        tags: ['risk'],
        summary: 'Delete a rule',
        params: S.ruleCodeParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await ew.deleteAlertRule(deps, actorContext(request), request.params.code);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/risk/alerts/evaluate',
    {
      config: { permission: 'risk.alerts.manage' },
      schema: {
        tags: ['risk'],
        summary: 'Evaluate the rules over every watched loan (default: as of the last closed business date)',
        body: S.evaluateAlertsBodySchema,
        response: { 200: S.evaluateAlertsResponseSchema },
      },
    },
    async (request) => ew.evaluateAlerts(deps, actorContext(request), { date: request.body?.date }),
  );

  app.get(
    '/risk/alerts',
    {
      config: { permission: 'risk.alerts.work' },
      schema: {
        tags: ['risk'],
        summary:
          'The alert work queue: by status, severity, owner (me, none or a user), overdue, rule or loan',
        querystring: S.alertQuerySchema,
        response: { 200: S.alertListSchema },
      },
    },
    async (request) => {
      const q = request.query;
      return ew.listAlerts(deps, {
        status: q.status,
        severity: q.severity,
        ownerId: q.owner === 'me' ? (actorContext(request).actorId ?? 'none') : q.owner,
        overdue: q.overdue,
        ruleCode: q.rule,
        loanId: q.loanId,
        limit: q.limit,
        offset: q.offset,
      });
    },
  );

  app.get(
    '/risk/alerts/quality',
    {
      config: { permission: 'risk.read' },
      schema: {
        tags: ['risk'],
        summary: 'Alert quality: alerts that preceded a default, defaults with no earlier alert, outcomes',
        querystring: S.qualityQuerySchema,
        response: { 200: S.qualityResponseSchema },
      },
    },
    async (request) => ew.alertQualityReport(deps, request.query.from, request.query.to),
  );

  app.get(
    '/risk/alerts/:id',
    {
      config: { permission: 'risk.alerts.work' },
      schema: {
        tags: ['risk'],
        summary: 'An alert with its playbook tasks',
        params: idParams,
        response: { 200: S.alertDetailSchema },
      },
    },
    async (request) => ew.getAlert(deps, request.params.id),
  );

  app.post(
    '/risk/alerts/:id/close',
    {
      config: { permission: 'risk.alerts.work' },
      schema: {
        tags: ['risk'],
        summary: 'Close an alert with its outcome',
        params: idParams,
        body: S.closeAlertBodySchema,
        response: { 200: S.alertDetailSchema },
      },
    },
    async (request) =>
      ew.closeAlert(deps, actorContext(request), request.params.id, request.body.outcome, request.body.note),
  );

  app.post(
    '/risk/alerts/:id/assign',
    {
      config: { permission: 'risk.alerts.work' },
      schema: {
        tags: ['risk'],
        summary: 'Give an alert to an owner (null: back to the queue)',
        params: idParams,
        body: S.assignAlertBodySchema,
        response: { 200: S.alertDetailSchema },
      },
    },
    async (request) => ew.assignAlert(deps, actorContext(request), request.params.id, request.body.ownerId),
  );

  app.post(
    '/risk/alerts/:id/steps',
    {
      config: { permission: 'risk.alerts.work' },
      schema: {
        tags: ['risk'],
        summary: 'Run a playbook step by hand (contact, hardship offer, restructure, legal referral)',
        params: idParams,
        body: S.stepBodySchema,
        response: { 200: S.alertDetailSchema },
      },
    },
    async (request) =>
      ew.runPlaybookStep(
        deps,
        actorContext(request),
        request.params.id,
        request.body.step,
        request.body.dueBusinessDays,
      ),
  );

  // ---- application scorecards: PMML import and monitoring ------------------------------------

  app.post(
    '/risk/models/import-pmml',
    {
      config: { permission: 'risk.models.manage' },
      bodyLimit: PMML_LIMIT,
      schema: {
        tags: ['risk'],
        summary:
          'Import a PMML 4.x Scorecard as a draft (XML body with name in the query, or JSON with pmml)',
        querystring: S.pmmlQuerySchema,
        body: S.pmmlBodySchema,
        response: { 201: modelViewSchema },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const input =
        typeof body === 'string' ? { pmml: body, ...request.query } : { ...request.query, ...body };
      return reply.status(201).send(await importPmmlModel(deps, actorContext(request), input));
    },
  );

  app.get(
    '/risk/monitoring',
    {
      config: { permission: 'risk.read' },
      schema: {
        tags: ['risk'],
        summary:
          'Monitor a scorecard: PSI of recent application scores against development, realised against predicted default per grade, champion and challengers',
        querystring: S.monitorQuerySchema,
        response: { 200: S.monitorResponseSchema },
      },
    },
    async (request) =>
      monitorScorecard(deps, request.query.model, {
        from: request.query.from ? new Date(request.query.from) : undefined,
        to: request.query.to ? new Date(request.query.to) : undefined,
      }),
  );
};
