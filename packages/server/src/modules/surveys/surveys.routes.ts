// HTTP routes of the surveys module: thin, each with its schemas and permission. The public
// response page's two routes prove the caller with the signed link instead of a session.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ActorContext, Deps } from '../../deps.ts';
import { actorContext } from '../../http/guard.ts';
import { reportPdf, reportXlsx } from './exports.ts';
import * as loop from './loop.service.ts';
import * as reports from './reports.service.ts';
import * as responses from './responses.service.ts';
import * as S from './surveys.schema.ts';
import * as surveys from './surveys.service.ts';
import * as schedules from './schedules.service.ts';
import * as waves from './waves.service.ts';

const TAG = ['surveys'];
const list = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const surveysRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  // ---- surveys and versions ---------------------------------------------------------------------
  app.get(
    '/surveys',
    {
      config: { permission: 'surveys.read' },
      schema: { tags: TAG, summary: 'Surveys with their versions', response: { 200: list(S.surveySchema) } },
    },
    async () => ({ items: await surveys.listSurveys(deps) }),
  );
  app.post(
    '/surveys',
    {
      config: { permission: 'surveys.manage' },
      schema: {
        tags: TAG,
        summary: 'Create a survey (draft version 1) from a definition or the built-in template',
        body: S.createSurveyBody,
        response: { 201: S.versionSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await surveys.createSurvey(deps, actorContext(request), request.body)),
  );
  app.post(
    '/surveys/:id/drafts',
    {
      config: { permission: 'surveys.manage' },
      schema: {
        tags: TAG,
        summary: 'Start a new draft from the latest version',
        params: S.idParams,
        response: { 201: S.versionSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await surveys.newDraft(deps, actorContext(request), request.params.id)),
  );
  app.get(
    '/surveys/versions/:id',
    {
      config: { permission: 'surveys.read' },
      schema: {
        tags: TAG,
        summary: 'A survey version with its definition',
        params: S.idParams,
        response: { 200: S.versionSchema },
      },
    },
    async (request) => surveys.getVersion(deps, request.params.id),
  );
  app.put(
    '/surveys/versions/:id',
    {
      config: { permission: 'surveys.manage' },
      schema: {
        tags: TAG,
        summary: 'Edit a draft (a published version is immutable: 409)',
        params: S.idParams,
        body: S.updateDraftBody,
        response: { 200: S.versionSchema },
      },
    },
    async (request) =>
      surveys.updateDraft(deps, actorContext(request), request.params.id, request.body.definition),
  );
  app.post(
    '/surveys/versions/:id/publish',
    {
      config: { permission: 'surveys.manage' },
      schema: {
        tags: TAG,
        summary: 'Publish a draft',
        params: S.idParams,
        response: { 200: S.versionSchema },
      },
    },
    async (request) => surveys.publishVersion(deps, actorContext(request), request.params.id),
  );

  // ---- waves ------------------------------------------------------------------------------------
  app.get(
    '/surveys/waves',
    {
      config: { permission: 'surveys.read' },
      schema: {
        tags: TAG,
        summary: 'Waves with their response counts',
        response: { 200: list(S.waveSchema) },
      },
    },
    async () => ({ items: await waves.listWaves(deps) }),
  );
  app.post(
    '/surveys/waves',
    {
      config: { permission: 'surveys.manage' },
      schema: {
        tags: TAG,
        summary: 'Plan a wave (draft)',
        body: S.waveBody,
        response: { 201: S.waveSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await waves.createWave(deps, actorContext(request), request.body)),
  );
  app.get(
    '/surveys/waves/:id',
    {
      config: { permission: 'surveys.read' },
      schema: { tags: TAG, summary: 'A wave', params: S.idParams, response: { 200: S.waveSchema } },
    },
    async (request) => waves.getWave(deps, request.params.id),
  );
  app.post(
    '/surveys/waves/:id/open',
    {
      config: { permission: 'surveys.manage' },
      schema: {
        tags: TAG,
        summary: 'Open a wave: a segment wave invites its (sampled) members now',
        params: S.idParams,
        response: { 200: S.waveSchema },
      },
    },
    async (request) => waves.openWave(deps, actorContext(request), request.params.id),
  );
  app.post(
    '/surveys/waves/:id/close',
    {
      config: { permission: 'surveys.manage' },
      schema: { tags: TAG, summary: 'Close a wave', params: S.idParams, response: { 200: S.waveSchema } },
    },
    async (request) => waves.closeWave(deps, actorContext(request), request.params.id),
  );
  app.get(
    '/surveys/waves/:id/invitations',
    {
      config: { permission: 'surveys.read' },
      schema: {
        tags: TAG,
        summary: 'Who the wave asked',
        params: S.idParams,
        response: { 200: list(S.invitationSchema) },
      },
    },
    async (request) => ({ items: await waves.listInvitations(deps, request.params.id) }),
  );
  app.post(
    '/surveys/waves/:id/invitations',
    {
      config: { permission: 'surveys.manage' },
      schema: {
        tags: TAG,
        summary: 'Invite one customer (no sampling)',
        params: S.idParams,
        body: S.inviteBody,
        response: { 200: S.inviteOutcomeSchema },
      },
    },
    async (request) => {
      const out = await waves.inviteCustomer(
        deps,
        actorContext(request),
        request.params.id,
        request.body.customerId,
        request.body.mode,
      );
      return out.invited
        ? { invited: true, invitationId: out.invitation.id, reason: null }
        : { invited: false, invitationId: null, reason: out.reason };
    },
  );
  app.post(
    '/surveys/waves/:id/responses',
    {
      config: { permission: 'surveys.respond' },
      schema: {
        tags: TAG,
        summary: 'Key in a phone or paper interview (mode recorded)',
        params: S.idParams,
        body: S.staffResponseBody,
        response: { 201: z.object({ responseId: z.uuid(), followUp: z.boolean() }) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await responses.enterResponse(deps, actorContext(request), request.params.id, request.body)),
  );

  // ---- reports ----------------------------------------------------------------------------------
  app.get(
    '/surveys/waves/:id/report',
    {
      config: { permission: 'surveys.read' },
      schema: {
        tags: TAG,
        summary: 'Live results: figures, cross-tabs, drivers, themes, change against the previous wave',
        params: S.idParams,
        querystring: S.reportQuery,
        response: { 200: S.reportSchema },
      },
    },
    async (request) =>
      reports.waveReport(deps, request.params.id, {
        compareTo: request.query.compareTo,
      }) as unknown as Record<string, unknown>,
  );
  app.get(
    '/surveys/waves/:id/report.pdf',
    {
      config: { permission: 'surveys.read' },
      schema: {
        tags: TAG,
        summary: 'The report as PDF with charts',
        params: S.idParams,
        querystring: S.exportQuery,
      },
    },
    async (request, reply) => {
      const r = await reports.waveReport(deps, request.params.id, { compareTo: request.query.compareTo });
      const pdf = await reportPdf(r, request.query.lang);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="survey-${r.wave.code}.pdf"`)
        .send(pdf);
    },
  );
  app.get(
    '/surveys/waves/:id/report.xlsx',
    {
      config: { permission: 'surveys.read' },
      schema: {
        tags: TAG,
        summary: 'The report as an XLSX workbook',
        params: S.idParams,
        querystring: S.exportQuery,
      },
    },
    async (request, reply) => {
      const r = await reports.waveReport(deps, request.params.id, { compareTo: request.query.compareTo });
      const xlsx = await reportXlsx(r, request.query.lang);
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="survey-${r.wave.code}.xlsx"`)
        .send(xlsx);
    },
  );
  app.get(
    '/surveys/waves/:id/schedules',
    {
      config: { permission: 'surveys.read' },
      schema: {
        tags: TAG,
        summary: 'Scheduled e-mail deliveries of the report',
        params: S.idParams,
        response: { 200: list(S.scheduleSchema) },
      },
    },
    async (request) => ({ items: await schedules.listSchedules(deps, request.params.id) }),
  );
  app.post(
    '/surveys/waves/:id/schedules',
    {
      config: { permission: 'surveys.manage' },
      schema: {
        tags: TAG,
        summary: 'Mail the PDF report every N days',
        params: S.idParams,
        body: S.scheduleBody,
        response: { 201: S.scheduleSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await schedules.scheduleReport(deps, actorContext(request), request.params.id, request.body)),
  );

  // ---- closed loop ------------------------------------------------------------------------------
  app.get(
    '/surveys/follow-ups',
    {
      config: { permission: 'surveys.read' },
      schema: {
        tags: TAG,
        summary: 'Follow-ups opened by low scores and detractors',
        response: { 200: list(S.followUpSchema) },
      },
    },
    async () => ({ items: await loop.listFollowUps(deps) }),
  );
  app.post(
    '/surveys/follow-ups/:id/result',
    {
      config: { permission: 'surveys.follow_up' },
      schema: {
        tags: TAG,
        summary: 'Record the follow-up result',
        params: S.idParams,
        body: S.followUpResultBody,
        response: { 200: S.followUpSchema },
      },
    },
    async (request) =>
      loop.recordFollowUpResult(deps, actorContext(request), request.params.id, request.body),
  );
  app.get(
    '/surveys/actions',
    {
      config: { permission: 'surveys.read' },
      schema: { tags: TAG, summary: 'Improvement actions', response: { 200: list(S.actionSchema) } },
    },
    async () => ({ items: await loop.listActions(deps) }),
  );
  app.post(
    '/surveys/actions',
    {
      config: { permission: 'surveys.manage' },
      schema: {
        tags: TAG,
        summary: 'Log an improvement action against a finding',
        body: S.actionBody,
        response: { 201: S.actionSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await loop.createAction(deps, actorContext(request), request.body)),
  );
  app.patch(
    '/surveys/actions/:id',
    {
      config: { permission: 'surveys.manage' },
      schema: {
        tags: TAG,
        summary: 'Move an action along (planned, in progress, done)',
        params: S.idParams,
        body: S.actionStatusBody,
        response: { 200: S.actionSchema },
      },
    },
    async (request) =>
      loop.setActionStatus(deps, actorContext(request), request.params.id, request.body.status),
  );
  app.post(
    '/surveys/actions/:id/verification',
    {
      config: { permission: 'surveys.manage' },
      schema: {
        tags: TAG,
        summary: 'Send a verification wave to a comparable group',
        params: S.idParams,
        body: S.verificationBody,
        response: { 201: S.waveSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await loop.startVerification(deps, actorContext(request), request.params.id, request.body)),
  );
  app.get(
    '/surveys/actions/:id/verification',
    {
      config: { permission: 'surveys.read' },
      schema: {
        tags: TAG,
        summary: 'Before vs after, with significance',
        params: S.idParams,
        response: { 200: S.reportSchema },
      },
    },
    async (request) =>
      (await loop.actionVerification(deps, request.params.id)) as unknown as Record<string, unknown>,
  );

  // ---- public: the response page behind a signed link ---------------------------------------------
  const respondent = (request: { id: string; ip: string }): ActorContext => ({
    actorId: null,
    actorName: 'respondent (survey link)',
    actorRole: null,
    requestId: request.id,
    ip: request.ip,
  });
  app.get(
    '/surveys/s/:token',
    {
      config: { public: 'survey-link', rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags: TAG,
        summary: 'The survey behind a signed invitation link, with saved answers',
        params: S.tokenParams,
        response: { 200: S.publicSurveySchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return responses.openByToken(deps, request.params.token);
    },
  );
  app.put(
    '/surveys/s/:token',
    {
      config: { public: 'survey-link', rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags: TAG,
        summary: 'Save answers (submit: false) or submit them once (submit: true)',
        params: S.tokenParams,
        body: S.publicAnswerBody,
        response: { 200: z.object({ status: z.enum(['partial', 'complete']) }) },
      },
    },
    async (request) => responses.answerByToken(deps, respondent(request), request.params.token, request.body),
  );
};
