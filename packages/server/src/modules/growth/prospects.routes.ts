// HTTP routes of prospects, campus events and referrals: thin, each with its schemas and
// permission. Three public routes (website form, event attendance form and its event header) are
// rate-limited per IP and carry a honeypot field instead of a CAPTCHA.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SYSTEM_ACTOR, type Deps } from '../../deps.ts';
import { actorContext, actorOf } from '../../http/guard.ts';
import { Problem } from '../../http/problem.ts';
import * as events from './events.service.ts';
import * as prospects from './prospects.service.ts';
import * as S from './prospects.schema.ts';
import * as referrals from './referrals.service.ts';

const TAG = ['growth'];

/** Public callers have no session: audit them as the form with their address. */
function publicContext(request: { id: string; ip: string }, form: string) {
  return { ...SYSTEM_ACTOR, actorName: form, requestId: request.id, ip: request.ip };
}

export const prospectRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/growth/prospects',
    {
      config: { permission: 'prospects.read' },
      schema: {
        tags: TAG,
        summary: 'Prospects by stage, source, owner or event, best score first, with the count per stage',
        querystring: S.listQuery,
        response: {
          200: z.object({
            items: z.array(S.prospectView),
            total: z.number(),
            stageCounts: z.record(z.string(), z.number()),
          }),
        },
      },
    },
    async (request) => prospects.listProspects(deps, request.query),
  );
  app.get(
    '/growth/prospects/lost-reasons',
    {
      config: { permission: 'prospects.read' },
      schema: {
        tags: TAG,
        summary: 'The lost-reason codes with their English and Chinese labels',
        response: { 200: z.record(z.string(), z.object({ en: z.string(), 'zh-CN': z.string() })) },
      },
    },
    async () => S.LOST_REASONS,
  );
  app.post(
    '/growth/prospects',
    {
      config: { permission: 'prospects.manage' },
      schema: {
        tags: TAG,
        summary: 'Enter a prospect (walk-in, phone, partner school); dedupes against customers and prospects',
        body: S.prospectInput,
        response: { 201: S.captureResult },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await prospects.captureProspect(deps, actorContext(request), request.body)),
  );
  app.post(
    '/growth/prospects/import',
    {
      config: { permission: 'prospects.manage' },
      bodyLimit: 25 * 1024 * 1024,
      schema: {
        tags: TAG,
        summary: 'Import prospects from CSV (errors by line and column; re-importing is safe)',
        body: S.importBody,
        response: { 200: S.importResult },
      },
    },
    async (request) => prospects.importProspects(deps, actorContext(request), request.body),
  );
  app.post(
    '/growth/prospects/auto-assign',
    {
      config: { permission: 'prospects.manage' },
      schema: {
        tags: TAG,
        summary: 'Round-robin the open unassigned prospects to the active loan officers',
        body: S.autoAssignBody,
        response: {
          200: z.object({ assigned: z.array(z.object({ prospectId: z.string(), userId: z.string() })) }),
        },
      },
    },
    async (request) => prospects.autoAssign(deps, actorContext(request), request.body.limit),
  );
  app.post(
    '/growth/prospects/sync-outcomes',
    {
      config: { permission: 'prospects.manage' },
      schema: {
        tags: TAG,
        summary: 'Move applied prospects to funded (loan disbursed) or lost (declined, withdrawn)',
        response: { 200: z.object({ checked: z.number(), funded: z.number(), lost: z.number() }) },
      },
    },
    async (request) => prospects.syncProspectOutcomes(deps, actorContext(request)),
  );
  app.get(
    '/growth/prospects/:id',
    {
      config: { permission: 'prospects.read' },
      schema: {
        tags: TAG,
        summary:
          'A prospect with its score breakdown and history (reveal=true shows identifiers; needs pii.read, audited)',
        params: S.idParams,
        querystring: z.strictObject({ reveal: z.enum(['true', 'false']).optional() }),
        response: { 200: S.prospectDetail },
      },
    },
    async (request) =>
      prospects.getProspect(
        deps,
        actorContext(request),
        actorOf(request),
        request.params.id,
        request.query.reveal === 'true',
      ),
  );
  app.post(
    '/growth/prospects/:id/stage',
    {
      config: { permission: 'prospects.manage' },
      schema: {
        tags: TAG,
        summary: 'Move a prospect to another stage',
        params: S.idParams,
        body: S.stageBody,
        response: { 200: S.prospectView },
      },
    },
    async (request) => prospects.changeStage(deps, actorContext(request), request.params.id, request.body),
  );
  app.post(
    '/growth/prospects/:id/contacts',
    {
      config: { permission: 'prospects.manage' },
      schema: {
        tags: TAG,
        summary: 'Log a contact with a prospect',
        params: S.idParams,
        body: S.contactBody,
        response: { 200: S.prospectView },
      },
    },
    async (request) => prospects.logContact(deps, actorContext(request), request.params.id, request.body),
  );
  app.post(
    '/growth/prospects/:id/assign',
    {
      config: { permission: 'prospects.manage' },
      schema: {
        tags: TAG,
        summary: 'Assign a prospect to a loan officer',
        params: S.idParams,
        body: S.assignBody,
        response: { 200: S.prospectView },
      },
    },
    async (request) =>
      prospects.assignProspect(deps, actorContext(request), request.params.id, request.body.userId),
  );
  app.post(
    '/growth/prospects/:id/convert',
    {
      config: { permission: 'prospects.manage' },
      schema: {
        tags: TAG,
        summary: 'Convert to a customer (unless matched) and a draft application, keeping the history',
        params: S.idParams,
        body: S.convertBody,
        response: { 200: S.prospectView },
      },
    },
    async (request) =>
      prospects.convertProspect(deps, actorContext(request), request.params.id, request.body),
  );

  // ---- campus events ------------------------------------------------------------------------------
  app.get(
    '/growth/events',
    {
      config: { permission: 'prospects.read' },
      schema: {
        tags: TAG,
        summary: 'Campus events with their results',
        querystring: z.strictObject({
          schoolId: z.string().uuid().optional(),
          status: z.enum(S.CAMPUS_EVENT_STATUSES).optional(),
        }),
        response: { 200: z.object({ items: z.array(S.eventView) }) },
      },
    },
    async (request) => events.listEvents(deps, request.query),
  );
  app.post(
    '/growth/events',
    {
      config: { permission: 'events.manage' },
      schema: {
        tags: TAG,
        summary: 'Plan a campus event',
        body: S.eventInput,
        response: { 201: S.eventView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await events.createEvent(deps, actorContext(request), request.body)),
  );
  app.get(
    '/growth/events/:id',
    {
      config: { permission: 'prospects.read' },
      schema: {
        tags: TAG,
        summary: 'A campus event, its QR link and results',
        params: S.idParams,
        response: { 200: S.eventView },
      },
    },
    async (request) => events.getEvent(deps, request.params.id),
  );
  app.patch(
    '/growth/events/:id',
    {
      config: { permission: 'events.manage' },
      schema: {
        tags: TAG,
        summary: 'Change status, actual cost, venue, date or staff',
        params: S.idParams,
        body: S.eventPatch,
        response: { 200: S.eventView },
      },
    },
    async (request) => events.updateEvent(deps, actorContext(request), request.params.id, request.body),
  );

  // ---- referrals ----------------------------------------------------------------------------------
  app.get(
    '/growth/referrals/mine',
    {
      config: { permission: 'referrals.own' },
      schema: {
        tags: TAG,
        summary: 'The student’s referral code, link and referred friends (masked)',
        response: { 200: S.myReferralsView },
      },
    },
    async (request) => referrals.myReferrals(deps, actorOf(request)),
  );
  app.get(
    '/growth/referrals/codes/:id',
    {
      config: { permission: 'referrals.manage' },
      schema: {
        tags: TAG,
        summary: 'A customer’s referral code (created on first use)',
        params: S.idParams,
        response: { 200: S.referralCodeView },
      },
    },
    async (request) => referrals.codeForCustomer(deps, request.params.id),
  );
  app.get(
    '/growth/referrals/rewards',
    {
      config: { permission: 'referrals.manage' },
      schema: {
        tags: TAG,
        summary: 'The referral reward ledger (payable liabilities)',
        querystring: z.strictObject({ status: z.enum(S.REWARD_STATUSES).optional() }),
        response: { 200: z.object({ items: z.array(S.rewardView) }) },
      },
    },
    async (request) => referrals.listRewards(deps, request.query.status),
  );
  app.post(
    '/growth/referrals/rewards/:id/pay',
    {
      config: { permission: 'referrals.manage' },
      schema: {
        tags: TAG,
        summary: 'Record an earned reward as paid',
        params: S.idParams,
        body: S.payRewardBody,
        response: { 200: S.rewardView },
      },
    },
    async (request) =>
      referrals.payReward(deps, actorContext(request), request.params.id, request.body.paymentRef),
  );
  app.post(
    '/growth/referrals/rewards/:id/void',
    {
      config: { permission: 'referrals.manage' },
      schema: {
        tags: TAG,
        summary: 'Void a pending or earned reward',
        params: S.idParams,
        body: S.voidRewardBody,
        response: { 200: S.rewardView },
      },
    },
    async (request) =>
      referrals.voidReward(deps, actorContext(request), request.params.id, request.body.reason),
  );

  // ---- public forms -------------------------------------------------------------------------------
  app.post(
    '/growth/public/prospects',
    {
      config: { public: 'prospect-form', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: TAG,
        summary:
          'The website / social / app / referral interest form (no session; honeypot; 10 per minute per address)',
        body: S.websiteFormBody,
        response: { 202: z.object({ received: z.literal(true) }) },
      },
    },
    async (request, reply) => {
      const { website, referralCode, channel, ...fields } = request.body;
      // A filled honeypot is a bot: answer as if accepted and store nothing.
      if (website) return reply.status(202).send({ received: true });
      if (referralCode && !(await referrals.findReferrer(deps.database.db, referralCode)))
        throw Problem.badRequest('referralCode', 'is not a known referral code');
      await prospects.captureProspect(
        deps,
        publicContext(request, 'website-form'),
        { ...fields, source: referralCode ? 'referral' : (channel ?? 'website') },
        { referralCode, viaLink: !!fields.trackingCode, actorName: 'website-form' },
      );
      return reply.status(202).send({ received: true });
    },
  );
  app.get(
    '/growth/public/events/:token',
    {
      config: { public: 'campus-event-link', rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags: TAG,
        summary: 'The event a QR attendance link belongs to',
        params: S.tokenParams,
        response: { 200: S.publicEventView },
      },
    },
    async (request) => events.publicEvent(deps, request.params.token),
  );
  app.post(
    '/growth/public/events/:token/attend',
    {
      config: { public: 'campus-event-link', rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags: TAG,
        summary: 'Sign in as an attendee of a campus event (QR form; honeypot; per-address limit)',
        params: S.tokenParams,
        body: S.attendBody,
        response: { 201: z.object({ reference: z.string().nullable() }) },
      },
    },
    async (request, reply) => {
      if (request.body.website) return reply.status(201).send({ reference: null });
      return reply
        .status(201)
        .send(
          await events.attendEvent(
            deps,
            publicContext(request, 'campus-event-form'),
            request.params.token,
            request.body,
          ),
        );
    },
  );
};
