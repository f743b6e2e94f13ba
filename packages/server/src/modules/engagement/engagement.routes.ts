// HTTP routes of the engagement module: thin, each declaring its schemas and permission. The
// few public routes (unsubscribe links, open/click tracking, provider callbacks) prove who is
// calling with a signed token or an HMAC of the body instead of a session.
import { TEMPLATE_VARIABLES } from '@bursar/core';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { actorContext, actorOf } from '../../http/guard.ts';
import { Problem } from '../../http/problem.ts';
import { channelSettingsView, engagementSettings } from './channels.settings.ts';
import * as S from './engagement.schema.ts';
import * as repo from './engagement.repository.ts';
import * as interactions from './interactions.service.ts';
import * as journeys from './journeys.service.ts';
import * as messages from './messages.service.ts';
import * as outbox from './outbox.service.ts';
import * as stats from './stats.service.ts';
import * as tasks from './tasks.service.ts';
import * as templates from './templates.service.ts';
import { verifyProviderSignature } from './tokens.ts';

const TAG = ['engagement'];
const list = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

export const engagementRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  // ---- channels -------------------------------------------------------------------------------
  app.get(
    '/engagement/channels',
    {
      config: { permission: 'messages.read' },
      schema: {
        tags: TAG,
        summary: 'Channel settings: driver and endpoint per channel, quiet hours, caps (no secrets)',
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async () => channelSettingsView(engagementSettings(deps)),
  );

  // ---- messages -------------------------------------------------------------------------------
  app.post(
    '/engagement/messages',
    {
      config: { permission: 'messages.send' },
      schema: {
        tags: TAG,
        summary:
          'Send a message to one customer (template or ad-hoc text); written to the outbox, or suppressed with the reason',
        body: S.sendBody,
        response: { 201: S.sentView },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await messages.sendToCustomer(deps, actorContext(request), actorOf(request), request.body)),
  );
  app.post(
    '/engagement/messages/preview',
    {
      config: { permission: 'messages.send' },
      schema: {
        tags: TAG,
        summary:
          'Render a template (or unsaved text) for a real customer, with the channel and consent decision',
        body: S.previewBody,
        response: { 200: S.previewView },
      },
    },
    async (request) => templates.previewMessage(deps, actorOf(request), request.body),
  );
  app.get(
    '/engagement/messages',
    {
      config: { permission: 'messages.read' },
      schema: {
        tags: TAG,
        summary: 'Messages, newest first',
        querystring: S.messageQuery,
        response: { 200: list(S.messageView) },
      },
    },
    async (request) => {
      const { limit, offset, ...f } = request.query;
      return { items: await messages.listMessages(deps, actorOf(request), f, limit, offset) };
    },
  );
  app.get(
    '/engagement/messages/:id',
    {
      config: { permission: 'messages.read' },
      schema: {
        tags: TAG,
        summary: 'A message with its delivery history',
        params: S.idParams,
        response: { 200: S.messageDetail },
      },
    },
    async (request) => messages.getMessage(deps, request.params.id),
  );
  app.post(
    '/engagement/messages/:id/cancel',
    {
      config: { permission: 'messages.send' },
      schema: {
        tags: TAG,
        summary: 'Cancel a queued message',
        params: S.idParams,
        body: z.strictObject({}).optional(),
        response: { 200: S.messageView },
      },
    },
    async (request) =>
      messages.messageView(await outbox.cancelMessage(deps, actorContext(request), request.params.id)),
  );
  app.post(
    '/engagement/messages/:id/retry',
    {
      config: { permission: 'messages.send' },
      schema: {
        tags: TAG,
        summary: 'Queue a failed message again',
        params: S.idParams,
        body: z.strictObject({}).optional(),
        response: { 200: S.messageView },
      },
    },
    async (request) =>
      messages.messageView(await outbox.retryMessage(deps, actorContext(request), request.params.id)),
  );

  // ---- segment sends --------------------------------------------------------------------------
  app.post(
    '/engagement/batches/preview',
    {
      config: { permission: 'messages.send' },
      schema: {
        tags: TAG,
        summary: 'How many members of a segment a send would reach, and why others are held back',
        body: S.batchBody,
        response: { 200: S.batchPreviewView },
      },
    },
    async (request) => messages.segmentSendPreview(deps, request.body),
  );
  app.post(
    '/engagement/batches',
    {
      config: { permission: 'messages.send' },
      schema: {
        tags: TAG,
        summary: 'Send a template to a segment: a job writes the messages page by page',
        body: S.batchBody,
        response: { 202: S.batchView },
      },
    },
    async (request, reply) =>
      reply.status(202).send(await messages.startSegmentSend(deps, actorContext(request), request.body)),
  );
  app.get(
    '/engagement/batches',
    {
      config: { permission: 'messages.read' },
      schema: { tags: TAG, summary: 'Segment sends, newest first', response: { 200: list(S.batchView) } },
    },
    async () => ({ items: (await repo.listBatches(deps.database.db, 100)).map(messages.batchView) }),
  );
  app.get(
    '/engagement/batches/:id',
    {
      config: { permission: 'messages.read' },
      schema: {
        tags: TAG,
        summary: 'A segment send and its progress',
        params: S.idParams,
        response: { 200: S.batchView },
      },
    },
    async (request) => {
      const b = await repo.findBatch(deps.database.db, request.params.id);
      if (!b) throw Problem.notFound('Batch');
      return messages.batchView(b);
    },
  );

  // ---- templates ------------------------------------------------------------------------------
  app.get(
    '/engagement/templates',
    {
      config: { permission: 'messages.read' },
      schema: {
        tags: TAG,
        summary: 'Template versions (newest first per code and language)',
        querystring: S.templateQuery,
        response: { 200: list(S.templateView) },
      },
    },
    async (request) => ({ items: await templates.listTemplates(deps, request.query) }),
  );
  app.get(
    '/engagement/templates/variables',
    {
      config: { permission: 'messages.read' },
      schema: {
        tags: TAG,
        summary: 'The variables a template may use',
        response: { 200: list(z.object({ name: z.string(), description: z.string() })) },
      },
    },
    async () => ({
      items: Object.entries(TEMPLATE_VARIABLES).map(([name, description]) => ({ name, description })),
    }),
  );
  app.post(
    '/engagement/templates',
    {
      config: { permission: 'templates.manage' },
      schema: {
        tags: TAG,
        summary:
          'Save a new version (draft; regulated notices wait for approval). Unknown variables are field errors',
        body: S.templateBody,
        response: { 201: S.templateView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await templates.saveTemplate(deps, actorContext(request), request.body)),
  );
  app.post(
    '/engagement/templates/:code/:language/:version/activate',
    {
      config: { permission: 'templates.manage' },
      schema: {
        tags: TAG,
        summary: 'Put a version in use (not regulated notices: they need approval)',
        params: S.templateVersionParams,
        body: z.strictObject({}).optional(),
        response: { 200: S.templateView },
      },
    },
    async (request) =>
      templates.activateTemplate(
        deps,
        actorContext(request),
        request.params.code,
        request.params.language,
        request.params.version,
      ),
  );
  app.post(
    '/engagement/templates/:code/:language/:version/approve',
    {
      config: { permission: 'templates.approve' },
      schema: {
        tags: TAG,
        summary: 'Compliance approval (not by the author); the version goes live',
        params: S.templateVersionParams,
        body: z.strictObject({}).optional(),
        response: { 200: S.templateView },
      },
    },
    async (request) =>
      templates.approveTemplate(
        deps,
        actorContext(request),
        request.params.code,
        request.params.language,
        request.params.version,
      ),
  );
  app.post(
    '/engagement/templates/:code/:language/:version/retire',
    {
      config: { permission: 'templates.manage' },
      schema: {
        tags: TAG,
        summary: 'Retire a version',
        params: S.templateVersionParams,
        body: z.strictObject({}).optional(),
        response: { 200: S.templateView },
      },
    },
    async (request) =>
      templates.retireTemplate(
        deps,
        actorContext(request),
        request.params.code,
        request.params.language,
        request.params.version,
      ),
  );

  // ---- preferences and inbox ------------------------------------------------------------------
  app.get(
    '/engagement/customers/:id/preferences',
    {
      config: { permission: 'customers.read' },
      schema: {
        tags: TAG,
        summary:
          'A customer’s consent, channel opt-outs, time zone and quiet hours, and what each channel × purpose allows now',
        params: S.idParams,
        response: { 200: S.preferencesView },
      },
    },
    async (request) => messages.getPreferences(deps, actorOf(request), request.params.id),
  );
  app.put(
    '/engagement/customers/:id/preferences',
    {
      config: { permission: 'customers.consent' },
      schema: {
        tags: TAG,
        summary: 'Change a customer’s communication preferences (and marketing consent)',
        params: S.idParams,
        body: S.preferencesBody,
        response: { 200: S.preferencesView },
      },
    },
    async (request) =>
      messages.setPreferences(deps, actorContext(request), actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/engagement/me/preferences',
    {
      config: { permission: 'messages.inbox' },
      schema: {
        tags: TAG,
        summary: 'The signed-in student’s communication preferences',
        response: { 200: S.preferencesView },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!actor.customerId) throw Problem.notFound('Customer record');
      return messages.getPreferences(deps, actor, actor.customerId);
    },
  );
  app.put(
    '/engagement/me/preferences',
    {
      config: { permission: 'messages.inbox' },
      schema: {
        tags: TAG,
        summary: 'The signed-in student changes their communication preferences',
        body: S.preferencesBody,
        response: { 200: S.preferencesView },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!actor.customerId) throw Problem.notFound('Customer record');
      return messages.setPreferences(deps, actorContext(request), actor, actor.customerId, request.body);
    },
  );
  app.get(
    '/engagement/inbox',
    {
      config: { permission: 'messages.inbox' },
      schema: {
        tags: TAG,
        summary: 'The signed-in student’s portal inbox',
        querystring: z.strictObject({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: S.inboxView },
      },
    },
    async (request) => messages.myInbox(deps, actorOf(request), request.query.limit, request.query.offset),
  );
  app.post(
    '/engagement/inbox/:id/read',
    {
      config: { permission: 'messages.inbox' },
      schema: {
        tags: TAG,
        summary: 'Mark an inbox message read',
        params: S.idParams,
        body: z.strictObject({}).optional(),
        response: { 200: z.object({ id: z.string(), read: z.boolean() }) },
      },
    },
    async (request) => messages.markInboxRead(deps, actorOf(request), request.params.id),
  );

  // ---- journeys -------------------------------------------------------------------------------
  app.get(
    '/engagement/journeys',
    {
      config: { permission: 'messages.read' },
      schema: {
        tags: TAG,
        summary: 'Journeys (built-in and the lender’s own)',
        response: { 200: list(S.journeyView) },
      },
    },
    async () => ({ items: await journeys.listJourneys(deps) }),
  );
  app.get(
    '/engagement/journeys/monitor',
    {
      config: { permission: 'messages.read' },
      schema: {
        tags: TAG,
        summary: 'Runs per journey: active, completed, exited, treatment and hold-out',
        response: { 200: list(z.record(z.string(), z.unknown())) },
      },
    },
    async () => ({ items: await stats.journeyMonitor(deps) }),
  );
  app.get(
    '/engagement/journeys/:id',
    {
      config: { permission: 'messages.read' },
      schema: { tags: TAG, summary: 'A journey', params: S.idParams, response: { 200: S.journeyView } },
    },
    async (request) => journeys.getJourney(deps, request.params.id),
  );
  app.post(
    '/engagement/journeys',
    {
      config: { permission: 'journeys.manage' },
      schema: {
        tags: TAG,
        summary: 'Create a journey (switched off)',
        body: S.journeyBody,
        response: { 201: S.journeyView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await journeys.createJourney(deps, actorContext(request), request.body)),
  );
  app.patch(
    '/engagement/journeys/:id',
    {
      config: { permission: 'journeys.manage' },
      schema: {
        tags: TAG,
        summary: 'Change a journey, switch it on or off, set its hold-out share',
        params: S.idParams,
        body: S.journeyPatch,
        response: { 200: S.journeyView },
      },
    },
    async (request) => journeys.updateJourney(deps, actorContext(request), request.params.id, request.body),
  );
  app.post(
    '/engagement/journeys/:id/enrol',
    {
      config: { permission: 'journeys.manage' },
      schema: {
        tags: TAG,
        summary: 'Enrol customers or a segment by hand',
        params: S.idParams,
        body: S.enrolBody,
        response: { 200: z.object({ requested: z.number(), started: z.number() }) },
      },
    },
    async (request) => journeys.enrolInJourney(deps, actorContext(request), request.params.id, request.body),
  );
  app.get(
    '/engagement/journeys/:id/runs',
    {
      config: { permission: 'messages.read' },
      schema: {
        tags: TAG,
        summary: 'A journey’s runs with their step history',
        params: S.idParams,
        querystring: S.runQuery,
        response: { 200: list(S.runView) },
      },
    },
    async (request) => {
      const { limit, offset, ...f } = request.query;
      return { items: await journeys.listRuns(deps, { ...f, journeyId: request.params.id }, limit, offset) };
    },
  );
  app.get(
    '/engagement/journeys/:id/effect',
    {
      config: { permission: 'messages.read' },
      schema: {
        tags: TAG,
        summary: 'On-time payment, treatment vs hold-out, with a 95 % confidence interval',
        params: S.idParams,
        response: { 200: S.effectView },
      },
    },
    async (request) => stats.journeyEffect(deps, request.params.id),
  );
  app.post(
    '/engagement/events',
    {
      config: { permission: 'journeys.manage' },
      schema: {
        tags: TAG,
        summary:
          'Feed a domain event by hand (e.g. from a system not yet integrated); starts the journeys it triggers',
        body: S.eventBody,
        response: {
          200: z.object({
            started: z.array(z.object({ journey: z.string(), runId: z.string(), group: z.string() })),
          }),
        },
      },
    },
    async (request) => {
      const b = request.body;
      const started = await deps.database.db.transaction((tx) =>
        journeys.handleDomainEvent(tx, deps, {
          source: 'api',
          id: b.id,
          type: b.type,
          customerId: b.customerId,
          loanId: b.loanId,
          businessDate: b.businessDate,
          payload: b.payload,
        }),
      );
      return { started };
    },
  );

  // ---- interactions and tasks -----------------------------------------------------------------
  app.post(
    '/engagement/interactions',
    {
      config: { permission: 'interactions.log' },
      schema: {
        tags: TAG,
        summary:
          'Log a call, meeting, campus event, walk-in, visit or contact attempt; a next step becomes a task',
        body: S.interactionBody,
        response: { 201: S.interactionView },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await interactions.logInteraction(deps, actorContext(request), actorOf(request), request.body)),
  );
  app.get(
    '/engagement/interactions',
    {
      config: { permission: 'interactions.log' },
      schema: {
        tags: TAG,
        summary: 'Interactions, newest first',
        querystring: S.interactionQuery,
        response: { 200: list(S.interactionView) },
      },
    },
    async (request) => {
      const { limit, offset, ...f } = request.query;
      return { items: await interactions.listInteractions(deps, actorOf(request), f, limit, offset) };
    },
  );
  app.get(
    '/engagement/tasks/mine',
    {
      config: { permission: 'interactions.log' },
      schema: {
        tags: TAG,
        summary: 'My tasks, soonest due first',
        querystring: S.myTasksQuery,
        response: { 200: list(S.taskView) },
      },
    },
    async (request) => ({
      items: await tasks.myTasks(deps, actorOf(request), {
        status: request.query.status,
        overdue: request.query.overdue === 'true',
        limit: request.query.limit,
      }),
    }),
  );
  app.get(
    '/engagement/tasks/team',
    {
      config: { permission: 'tasks.manage' },
      schema: {
        tags: TAG,
        summary: 'Open tasks by assignee with overdue counts, and unassigned tasks',
        querystring: S.teamQuery,
        response: { 200: S.teamView },
      },
    },
    async (request) =>
      tasks.teamTasks(deps, {
        role: request.query.role,
        status: request.query.status,
        overdue: request.query.overdue === 'true',
        limit: request.query.limit,
      }),
  );
  app.post(
    '/engagement/tasks/escalate',
    {
      config: { permission: 'tasks.manage' },
      schema: {
        tags: TAG,
        summary: 'Escalate overdue tasks to managers now (the job does it hourly)',
        body: z.strictObject({}).optional(),
        response: { 200: z.object({ escalated: z.number() }) },
      },
    },
    async () => ({ escalated: await tasks.escalateOverdueTasks(deps) }),
  );
  app.get(
    '/engagement/task-rules',
    {
      config: { permission: 'tasks.manage' },
      schema: {
        tags: TAG,
        summary: 'Assignment rules, in the order they are tried',
        response: { 200: list(S.ruleView) },
      },
    },
    async () => ({ items: await tasks.listRules(deps) }),
  );
  app.post(
    '/engagement/task-rules',
    {
      config: { permission: 'tasks.manage' },
      schema: {
        tags: TAG,
        summary: 'Add an assignment rule',
        body: S.ruleBody,
        response: { 201: S.ruleView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await tasks.createRule(deps, actorContext(request), request.body)),
  );
  app.put(
    '/engagement/task-rules/:id',
    {
      config: { permission: 'tasks.manage' },
      schema: {
        tags: TAG,
        summary: 'Change an assignment rule',
        params: S.idParams,
        body: S.ruleBody,
        response: { 200: S.ruleView },
      },
    },
    async (request) => tasks.updateRule(deps, actorContext(request), request.params.id, request.body),
  );
  app.delete(
    '/engagement/task-rules/:id',
    {
      config: { permission: 'tasks.manage' },
      schema: {
        tags: TAG,
        summary: 'Delete an assignment rule',
        params: S.idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await tasks.deleteRule(deps, actorContext(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  // ---- measurement ----------------------------------------------------------------------------
  app.get(
    '/engagement/stats/rates',
    {
      config: { permission: 'messages.read' },
      schema: {
        tags: TAG,
        summary:
          'Delivery, open, click and reply rates per template, journey or channel for messages written in [from, to)',
        querystring: S.ratesQuery,
        response: { 200: S.ratesView },
      },
    },
    async (request) => ({
      items: await stats.messageRates(deps, request.query.by, request.query.from, request.query.to),
    }),
  );

  // ---- public: tracking, unsubscribe, provider callbacks --------------------------------------
  const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
  app.get(
    '/engagement/t/:token/open.gif',
    {
      config: { public: 'message-tracking' },
      schema: {
        tags: TAG,
        summary: 'Open-tracking pixel (signed token)',
        params: z.strictObject({ token: z.string().max(200) }),
      },
    },
    async (request, reply) => {
      await outbox.recordOpen(deps, request.params.token).catch(() => undefined);
      return reply.header('cache-control', 'no-store').type('image/gif').send(GIF);
    },
  );
  app.get(
    '/engagement/t/:token/click',
    {
      config: { public: 'message-tracking' },
      schema: {
        tags: TAG,
        summary: 'Tracked link: counts the click and redirects to the signed URL',
        params: z.strictObject({ token: z.string().max(200) }),
        querystring: z.strictObject({ u: z.string().max(2000), s: z.string().max(100) }),
      },
    },
    async (request, reply) =>
      reply.redirect(
        await outbox.recordClick(deps, request.params.token, request.query.u, request.query.s),
        302,
      ),
  );
  const page = (title: string, body: string) =>
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title></head><body style="font-family:sans-serif;max-width:36em;margin:3em auto;padding:0 1em">${body}</body></html>`;
  app.get(
    '/engagement/unsubscribe',
    {
      config: { public: 'unsubscribe' },
      schema: {
        tags: TAG,
        summary:
          'Unsubscribe page from a marketing message (confirms with a POST, so link scanners do not unsubscribe)',
        querystring: S.tokenQuery,
      },
    },
    async (request, reply) => {
      const ok = outbox.unsubscribeTarget(deps, request.query.token) !== null;
      reply.type('text/html; charset=utf-8');
      if (!ok)
        return reply.status(404).send(page('Link not valid', '<h1>This link is not valid · 链接无效</h1>'));
      return reply.send(
        page(
          'Unsubscribe · 退订',
          `<h1>Unsubscribe from marketing messages<br>退订营销信息</h1><p>You will still receive messages about your loan that we must send.<br>您仍会收到与贷款相关的必要通知。</p><form method="post"><input type="hidden" name="token" value="${request.query.token.replace(/[^A-Za-z0-9._-]/g, '')}"><button type="submit">Unsubscribe · 确认退订</button></form>`,
        ),
      );
    },
  );
  await app.register(async (plain) => {
    const hooks = plain.withTypeProvider<ZodTypeProvider>();
    // Providers sign the raw body: keep it for the HMAC check.
    hooks.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
      (request as unknown as { rawBody: string }).rawBody = body as string;
      try {
        done(null, body === '' ? {} : JSON.parse(body as string));
      } catch {
        const err = new Error('malformed JSON') as Error & { statusCode: number; code: string };
        err.statusCode = 400;
        err.code = 'FST_ERR_CTP_INVALID_JSON_BODY';
        done(err, undefined);
      }
    });
    hooks.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_request, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(body as string)));
      },
    );
    hooks.post(
      '/engagement/unsubscribe',
      {
        config: { public: 'unsubscribe' },
        schema: {
          tags: TAG,
          summary: 'Withdraw marketing consent (one-click, RFC 8058); the token is in the query or the form',
          querystring: z.strictObject({ token: z.string().min(10).max(400).optional() }),
          body: z.unknown().optional(),
        },
      },
      async (request, reply) => {
        const body = request.body as Record<string, unknown> | undefined;
        const token = request.query.token ?? (typeof body?.token === 'string' ? body.token : undefined);
        if (!token || !(await outbox.unsubscribe(deps, token, request.ip)))
          return reply
            .status(404)
            .type('text/html; charset=utf-8')
            .send(page('Link not valid', '<h1>This link is not valid · 链接无效</h1>'));
        return reply
          .type('text/html; charset=utf-8')
          .send(page('Unsubscribed · 已退订', '<h1>You are unsubscribed · 您已退订营销信息</h1>'));
      },
    );

    const verify = (request: { headers: Record<string, unknown> }) => {
      const raw = (request as unknown as { rawBody?: string }).rawBody ?? '';
      const sig = request.headers['x-bursar-signature'];
      if (
        !verifyProviderSignature(
          engagementSettings(deps).webhookSecret,
          raw,
          typeof sig === 'string' ? sig : undefined,
        )
      ) {
        throw Problem.unauthorized('bad-signature', 'The x-bursar-signature header does not match the body');
      }
    };
    hooks.post(
      '/engagement/callbacks/status',
      {
        config: { public: 'provider-callback' },
        schema: {
          tags: TAG,
          summary: 'Delivery-status callback from a provider (HMAC-SHA256 of the body in x-bursar-signature)',
          body: S.statusCallbackBody,
          response: { 200: z.object({ applied: z.number(), unknown: z.number() }) },
        },
      },
      async (request) => {
        verify(request);
        const events = 'events' in request.body ? request.body.events : [request.body];
        let applied = 0;
        for (const e of events) if (await outbox.recordDeliveryReport(deps, e)) applied++;
        return { applied, unknown: events.length - applied };
      },
    );
    hooks.post(
      '/engagement/callbacks/inbound',
      {
        config: { public: 'provider-callback' },
        schema: {
          tags: TAG,
          summary:
            'Inbound reply from a provider, threaded to the message it answers (signed like status callbacks)',
          body: S.inboundBody,
          response: { 200: z.object({ interactionId: z.string().nullable() }) },
        },
      },
      async (request) => {
        verify(request);
        const i = await interactions.recordInboundReply(deps, request.body);
        return { interactionId: i?.id ?? null };
      },
    );
  });
};
