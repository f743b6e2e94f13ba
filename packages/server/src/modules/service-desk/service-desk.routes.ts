// HTTP routes of the service desk under /service-desk: staff ticket work, the student's own
// requests (/my), knowledge base and help centre (/kb), supervision and reporting.
import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { actorContext, actorOf } from '../../http/guard.ts';
import { Problem } from '../../http/problem.ts';
import * as admin from './desk-admin.service.ts';
import { escalateTickets } from './escalation.service.ts';
import * as insights from './insights.service.ts';
import * as intake from './intake.service.ts';
import * as kb from './knowledge.service.ts';
import * as s from './service-desk.schema.ts';
import * as tickets from './tickets.service.ts';
import type { DeskAccess } from './tickets.service.ts';

const tags = ['service-desk'];
const P = '/service-desk';

function staffAccess(request: FastifyRequest): DeskAccess {
  const a = actorOf(request);
  return { ownCustomerOnly: false, customerId: null, userId: a.userId, displayName: a.displayName };
}
/** The /my routes: always the signed-in student's own customer record. */
function ownAccess(request: FastifyRequest): DeskAccess {
  const a = actorOf(request);
  return { ownCustomerOnly: true, customerId: a.customerId, userId: a.userId, displayName: a.displayName };
}

async function fileOf(request: FastifyRequest) {
  if (!request.isMultipart()) throw Problem.badRequest('file', 'send multipart/form-data with a file field');
  const part = await request.file();
  if (!part) throw Problem.badRequest('file', 'no file');
  const content = await part.toBuffer().catch((err: unknown) => {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') return null;
    throw err;
  });
  return {
    filename: part.filename,
    mimetype: part.mimetype,
    content: content ?? Buffer.alloc(0),
    truncated: content === null || part.file.truncated,
  };
}

export const serviceDeskRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  // One file per request; the service checks type and content, this caps the bytes read.
  await app.register(multipart, { limits: { fileSize: 5 * 1024 * 1024 + 1, files: 1, fields: 5 } });

  // ---- staff: tickets
  app.get(
    `${P}/tickets`,
    {
      config: { permission: 'tickets.read' },
      schema: { tags, summary: 'Tickets (inbox)', querystring: s.ticketQuery },
    },
    async (request) => {
      const { limit, offset, ...f } = request.query;
      return tickets.listTickets(deps, staffAccess(request), f, { limit, offset });
    },
  );
  app.post(
    `${P}/tickets`,
    {
      config: { permission: 'tickets.work' },
      schema: {
        tags,
        summary: 'Log a request from any channel (phone, walk-in, email, social)',
        body: s.staffTicketBody,
      },
    },
    async (request, reply) => {
      const t = await intake.submitTicket(deps, staffAccess(request), actorContext(request), request.body);
      return reply.code(201).send(t);
    },
  );
  app.get(
    `${P}/tickets/:id`,
    {
      config: { permission: 'tickets.read' },
      schema: { tags, summary: 'A ticket with its conversation, notes and history', params: s.idParams },
    },
    async (request) => tickets.getTicket(deps, staffAccess(request), request.params.id),
  );
  app.patch(
    `${P}/tickets/:id`,
    {
      config: { permission: 'tickets.work' },
      schema: {
        tags,
        summary: 'Reclassify: type, priority, category, root causes, loan',
        params: s.idParams,
        body: s.patchBody,
      },
    },
    async (request) =>
      tickets.updateTicketDetails(deps, actorContext(request), request.params.id, request.body),
  );
  app.post(
    `${P}/tickets/:id/replies`,
    {
      config: { permission: 'tickets.work' },
      schema: {
        tags,
        summary: 'A public reply (sent to the customer) or an internal note',
        params: s.idParams,
        body: s.replyBody,
      },
    },
    async (request) =>
      tickets.addReply(deps, staffAccess(request), actorContext(request), request.params.id, request.body),
  );
  app.post(
    `${P}/tickets/:id/status`,
    {
      config: { permission: 'tickets.work' },
      schema: { tags, summary: 'Change the status', params: s.idParams, body: s.statusBody },
    },
    async (request) => tickets.changeStatus(deps, actorContext(request), request.params.id, request.body),
  );
  app.post(
    `${P}/tickets/:id/assign`,
    {
      config: { permission: 'tickets.work' },
      schema: {
        tags,
        summary: 'Assign to an agent, or automatically',
        params: s.idParams,
        body: s.assignBody,
      },
    },
    async (request) =>
      tickets.assignTicket(deps, actorContext(request), request.params.id, {
        assigneeId: request.body.assigneeId ?? null,
        auto: request.body.auto,
      }),
  );
  app.post(
    `${P}/tickets/:id/merge`,
    {
      config: { permission: 'tickets.work' },
      schema: { tags, summary: 'Merge a duplicate into this ticket', params: s.idParams, body: s.mergeBody },
    },
    async (request) =>
      tickets.mergeTickets(deps, actorContext(request), request.params.id, request.body.duplicateId),
  );
  app.post(
    `${P}/tickets/:id/attachments`,
    {
      config: { permission: 'tickets.work' },
      schema: {
        tags,
        summary: 'Attach a file (multipart, PDF/PNG/JPEG/WebP/text, ≤ 5 MB)',
        params: s.idParams,
      },
    },
    async (request, reply) => {
      const a = await intake.addAttachment(
        deps,
        staffAccess(request),
        actorContext(request),
        request.params.id,
        await fileOf(request),
      );
      return reply.code(201).send(a);
    },
  );
  app.get(
    `${P}/attachments/:id`,
    {
      config: { permission: 'tickets.read' },
      schema: { tags, summary: 'Download an attachment', params: s.idParams },
    },
    async (request, reply) => {
      const a = await intake.readAttachment(deps, staffAccess(request), request.params.id);
      return sendFile(reply, a);
    },
  );
  app.get(
    `${P}/tickets/:id/context`,
    {
      config: { permission: 'tickets.read' },
      schema: { tags, summary: 'Customer context: profile, loans, other requests', params: s.idParams },
    },
    async (request) => admin.customerContext(deps, request.params.id),
  );
  app.get(
    `${P}/suggestions`,
    {
      config: { permission: 'tickets.read' },
      schema: {
        tags,
        summary: 'Knowledge articles matching what the agent is typing',
        querystring: s.searchQuery,
      },
    },
    async (request) => ({
      items: await kb.searchArticles(deps, request.query.q, {
        limit: 5,
        ...(request.query.language ? { language: request.query.language } : {}),
      }),
    }),
  );

  // ---- student: own requests
  app.get(
    `${P}/my/tickets`,
    {
      config: { permission: 'tickets.own' },
      schema: { tags, summary: 'My requests', querystring: s.ticketQuery },
    },
    async (request) => {
      const { limit, offset, ...f } = request.query;
      return tickets.listTickets(deps, ownAccess(request), f, { limit, offset });
    },
  );
  app.post(
    `${P}/my/tickets`,
    {
      config: { permission: 'tickets.own' },
      schema: {
        tags,
        summary: 'Submit a request (question, complaint, suggestion, hardship, dispute)',
        body: s.myTicketBody,
      },
    },
    async (request, reply) => {
      const t = await intake.submitTicket(deps, ownAccess(request), actorContext(request), request.body);
      return reply.code(201).send(t);
    },
  );
  app.get(
    `${P}/my/tickets/:id`,
    {
      config: { permission: 'tickets.own' },
      schema: { tags, summary: 'One of my requests with its replies', params: s.idParams },
    },
    async (request) => tickets.getTicket(deps, ownAccess(request), request.params.id),
  );
  app.post(
    `${P}/my/tickets/:id/replies`,
    {
      config: { permission: 'tickets.own' },
      schema: {
        tags,
        summary: 'Reply (reopens a resolved request)',
        params: s.idParams,
        body: s.myReplyBody,
      },
    },
    async (request) =>
      tickets.addReply(deps, ownAccess(request), actorContext(request), request.params.id, request.body),
  );
  app.post(
    `${P}/my/tickets/:id/rating`,
    {
      config: { permission: 'tickets.own' },
      schema: { tags, summary: 'Rate the service (1–5)', params: s.idParams, body: s.rateBody },
    },
    async (request) =>
      tickets.rateTicket(deps, ownAccess(request), actorContext(request), request.params.id, request.body),
  );
  app.post(
    `${P}/my/tickets/:id/attachments`,
    {
      config: { permission: 'tickets.own' },
      schema: { tags, summary: 'Attach a file to my request', params: s.idParams },
    },
    async (request, reply) => {
      const a = await intake.addAttachment(
        deps,
        ownAccess(request),
        actorContext(request),
        request.params.id,
        await fileOf(request),
      );
      return reply.code(201).send(a);
    },
  );
  app.get(
    `${P}/my/attachments/:id`,
    {
      config: { permission: 'tickets.own' },
      schema: { tags, summary: 'Download a file of my request', params: s.idParams },
    },
    async (request, reply) =>
      sendFile(reply, await intake.readAttachment(deps, ownAccess(request), request.params.id)),
  );

  // ---- knowledge base and help centre
  app.get(
    `${P}/kb/articles`,
    {
      config: { permission: 'kb.read' },
      schema: {
        tags,
        summary: 'Knowledge articles (help centre: published only)',
        querystring: s.articleQuery,
      },
    },
    async (request) => {
      const manage = actorOf(request).permissions.has('kb.manage');
      return {
        items: await kb.listArticles(deps, {
          ...request.query,
          status: manage ? request.query.status : 'published',
        }),
      };
    },
  );
  app.get(
    `${P}/kb/articles/:id`,
    {
      config: { permission: 'kb.read' },
      schema: { tags, summary: 'An article (editors also see its versions)', params: s.idParams },
    },
    async (request) => kb.getArticle(deps, request.params.id, !actorOf(request).permissions.has('kb.manage')),
  );
  app.post(
    `${P}/kb/articles`,
    {
      config: { permission: 'kb.manage' },
      schema: { tags, summary: 'Write an article', body: s.articleBody },
    },
    async (request, reply) =>
      reply.code(201).send(await kb.createArticle(deps, actorContext(request), request.body)),
  );
  app.patch(
    `${P}/kb/articles/:id`,
    {
      config: { permission: 'kb.manage' },
      schema: {
        tags,
        summary: 'Edit (a new version), publish or archive',
        params: s.idParams,
        body: s.articlePatch,
      },
    },
    async (request) => kb.updateArticle(deps, actorContext(request), request.params.id, request.body),
  );
  app.get(
    `${P}/kb/search`,
    {
      config: { permission: 'kb.read' },
      schema: {
        tags,
        summary: 'Search published articles (English and Chinese)',
        querystring: s.searchQuery,
      },
    },
    async (request) => ({
      items: await kb.searchArticles(
        deps,
        request.query.q,
        request.query.language ? { language: request.query.language } : {},
      ),
    }),
  );
  app.get(
    `${P}/kb/answer`,
    {
      config: { permission: 'kb.read' },
      schema: { tags, summary: 'Answer assistant: the best passages with links', querystring: s.searchQuery },
    },
    async (request) => kb.answerQuestion(deps, request.query.q, request.query.language),
  );
  app.get(
    `${P}/canned-replies`,
    {
      config: { permission: 'tickets.read' },
      schema: { tags, summary: 'Canned replies (English and 简体中文)', querystring: s.languageQuery },
    },
    async (request) => ({ items: await admin.listCannedReplies(deps, request.query.language) }),
  );
  app.put(
    `${P}/canned-replies`,
    {
      config: { permission: 'kb.manage' },
      schema: { tags, summary: 'Save a canned reply', body: s.cannedBody },
    },
    async (request) => admin.saveCannedReply(deps, actorContext(request), request.body),
  );

  // ---- agents, SLA policies, supervision
  app.get(
    `${P}/agents`,
    {
      config: { permission: 'tickets.read' },
      schema: { tags, summary: 'Agents with skills, capacity, availability and load' },
    },
    async () => ({ items: await admin.listAgents(deps) }),
  );
  app.put(
    `${P}/agents/:userId`,
    {
      config: { permission: 'tickets.supervise' },
      schema: {
        tags,
        summary: 'Set an agent’s skills, team, capacity and availability',
        params: s.userParams,
        body: s.agentBody,
      },
    },
    async (request) => admin.saveAgent(deps, actorContext(request), request.params.userId, request.body),
  );
  app.post(
    `${P}/agents/me/availability`,
    {
      config: { permission: 'tickets.work' },
      schema: { tags, summary: 'Go on or off duty', body: s.availabilityBody },
    },
    async (request) =>
      admin.setAvailability(deps, actorContext(request), actorOf(request).userId, request.body.available),
  );
  app.get(
    `${P}/sla-policies`,
    {
      config: { permission: 'tickets.read' },
      schema: { tags, summary: 'SLA targets by type and priority (business minutes)' },
    },
    async () => ({ items: await admin.listSlaPolicies(deps), defaults: tickets.DEFAULT_SLA }),
  );
  app.put(
    `${P}/sla-policies`,
    {
      config: { permission: 'tickets.supervise' },
      schema: { tags, summary: 'Set one SLA policy', body: s.slaPolicyBody },
    },
    async (request) => admin.saveSlaPolicy(deps, actorContext(request), request.body),
  );
  app.get(
    `${P}/board`,
    {
      config: { permission: 'tickets.supervise' },
      schema: { tags, summary: 'Active tickets with SLA heat' },
    },
    async () => ({ items: await insights.board(deps) }),
  );
  app.post(
    `${P}/escalations/run`,
    {
      config: { permission: 'tickets.supervise' },
      schema: { tags, summary: 'Run SLA breach prediction and escalation now' },
    },
    async (request) => escalateTickets(deps, actorContext(request)),
  );
  app.get(
    `${P}/performance`,
    {
      config: { permission: 'tickets.supervise' },
      schema: { tags, summary: 'Agent and team performance over time', querystring: s.performanceQuery },
    },
    async (request) => ({ items: await insights.performance(deps, request.query) }),
  );

  // ---- complaints: register, trends, improvement actions
  app.get(
    `${P}/complaints/register`,
    {
      config: { permission: 'complaints.register' },
      schema: { tags, summary: 'The complaint register (regulator-ready)', querystring: s.periodQuery },
    },
    async (request) => ({ items: await insights.complaintRegister(deps, request.query) }),
  );
  app.get(
    `${P}/complaints/register.csv`,
    {
      config: { permission: 'complaints.register' },
      schema: { tags, summary: 'The complaint register as CSV', querystring: s.periodQuery },
    },
    async (request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="complaint-register.csv"')
        .send(await insights.complaintRegisterCsv(deps, request.query)),
  );
  app.get(
    `${P}/complaints/trends`,
    {
      config: { permission: 'tickets.supervise' },
      schema: {
        tags,
        summary: 'Complaints by month and cause, product, school, channel or category',
        querystring: s.trendQuery,
      },
    },
    async (request) => insights.complaintTrends(deps, request.query.by, request.query),
  );
  app.get(
    `${P}/improvement-actions`,
    {
      config: { permission: 'tickets.supervise' },
      schema: {
        tags,
        summary: 'Improvement actions with their cause’s volume before and after',
        querystring: s.actionQuery,
      },
    },
    async (request) => ({ items: await insights.listActions(deps, request.query.cause) }),
  );
  app.post(
    `${P}/improvement-actions`,
    {
      config: { permission: 'tickets.supervise' },
      schema: { tags, summary: 'Start an improvement action for a complaint cause', body: s.actionBody },
    },
    async (request, reply) =>
      reply.code(201).send(await insights.createAction(deps, actorContext(request), request.body)),
  );
  app.post(
    `${P}/improvement-actions/:id/done`,
    {
      config: { permission: 'tickets.supervise' },
      schema: {
        tags,
        summary: 'Mark an improvement action done',
        params: s.idParams,
        body: s.actionDoneBody,
      },
    },
    async (request) =>
      insights.completeAction(deps, actorContext(request), request.params.id, request.body.outcome),
  );
};

function sendFile(reply: FastifyReply, a: { filename: string; contentType: string; content: Buffer }) {
  return reply
    .type(a.contentType)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(a.filename)}`)
    .header('x-content-type-options', 'nosniff')
    .send(a.content);
}
