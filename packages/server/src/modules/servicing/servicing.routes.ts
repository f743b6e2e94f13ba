import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { actorContext } from '../../http/guard.ts';
import { Problem } from '../../http/problem.ts';
import { importLoans } from './boarding.service.ts';
import { closeBusinessDay, cobStatus } from './cob.service.ts';
import * as loans from './loans.service.ts';
import * as payments from './payments.service.ts';
import * as documents from './documents.service.ts';
import { massRelief } from './mass-relief.service.ts';
import { plansRoutes } from './plans.routes.ts';
import { accessOf } from './route-access.ts';
import * as relief from './relief.service.ts';
import * as s from './servicing.schema.ts';
import * as repo from './servicing.repository.ts';
import * as statements from './statements.service.ts';

const tags = ['servicing'];

export const servicingRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  await app.register(plansRoutes, { deps });
  app.get(
    '/loans',
    {
      config: { permission: 'loans.read' },
      schema: {
        tags,
        summary: 'Loans (students: their own)',
        querystring: s.loanFilterQuery,
        response: { 200: z.object({ items: z.array(s.loanView), total: z.number() }) },
      },
    },
    async (request) => {
      const { limit, offset, ...filter } = request.query;
      return loans.listLoans(deps, accessOf(request), filter, { limit, offset });
    },
  );

  app.post(
    '/loans',
    {
      config: { permission: 'loans.manage' },
      schema: {
        tags,
        summary: 'Open a loan account on the active product version',
        body: s.openLoanBody,
        response: { 201: s.loanView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await loans.openLoan(deps, actorContext(request), request.body)),
  );

  app.post(
    '/loans/boarding',
    {
      config: { permission: 'loans.manage' },
      schema: {
        tags,
        summary: 'Board legacy loans from CSV text (validated in full; all or nothing)',
        body: z.strictObject({ csv: z.string().min(1).max(20_000_000) }),
        response: { 201: s.anyObject },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ ...(await importLoans(deps, actorContext(request), request.body.csv)) }),
  );

  app.get(
    '/loans/:loanId',
    {
      config: { permission: 'loans.read' },
      schema: {
        tags,
        summary: 'A loan with its schedule, bills, state history and disbursements',
        params: s.loanIdParams,
        response: { 200: s.anyObject },
      },
    },
    async (request) => loans.loanDetail(deps, accessOf(request), request.params.loanId),
  );

  app.get(
    '/loans/:loanId/journals',
    {
      config: { permission: 'loans.read' },
      schema: {
        tags,
        summary: 'The loan’s ledger entries, newest first',
        params: s.loanIdParams,
        querystring: z.strictObject(s.pageQuery),
        response: { 200: z.object({ items: z.array(s.anyObject) }) },
      },
    },
    async (request) => ({
      items: await loans.loanJournals(deps, accessOf(request), request.params.loanId, request.query),
    }),
  );

  app.get(
    '/loans/:loanId/payments',
    {
      config: { permission: 'loans.read' },
      schema: {
        tags,
        summary: 'Payments on the loan, newest first',
        params: s.loanIdParams,
        response: { 200: z.object({ items: z.array(s.paymentView) }) },
      },
    },
    async (request) => ({
      items: await payments.listLoanPayments(deps, accessOf(request), request.params.loanId),
    }),
  );

  app.get(
    '/loans/:loanId/payoff-quote',
    {
      config: { permission: 'loans.read' },
      schema: {
        tags,
        summary: 'What closes the loan on a date',
        params: s.loanIdParams,
        querystring: z.strictObject({
          asOf: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/)
            .optional(),
        }),
        response: { 200: s.anyObject },
      },
    },
    async (request) => loans.payoffQuote(deps, accessOf(request), request.params.loanId, request.query.asOf),
  );

  app.get(
    '/loans/:loanId/statements/:month',
    {
      config: { permission: 'loans.read' },
      schema: {
        tags,
        summary: 'Monthly statement as PDF (English and 简体中文); month is YYYY-MM',
        params: s.loanIdParams.extend({ month: z.string().regex(/^\d{4}-\d{2}$/, 'must be YYYY-MM') }),
      },
    },
    async (request, reply) =>
      reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="statement-${request.params.month}.pdf"`)
        .send(
          await documents.monthlyStatementPdf(
            deps,
            accessOf(request),
            request.params.loanId,
            request.params.month,
          ),
        ),
  );

  app.get(
    '/loans/:loanId/payoff-quote.pdf',
    {
      config: { permission: 'loans.read' },
      schema: {
        tags,
        summary: 'Payoff quote as PDF',
        params: s.loanIdParams,
        querystring: z.strictObject({
          asOf: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/)
            .optional(),
        }),
      },
    },
    async (request, reply) =>
      reply
        .type('application/pdf')
        .send(
          await documents.payoffQuotePdf(deps, accessOf(request), request.params.loanId, request.query.asOf),
        ),
  );

  app.get(
    '/loans/:loanId/interest-paid/:year',
    {
      config: { permission: 'loans.read' },
      schema: {
        tags,
        summary: 'Interest paid in a year (1098-E flag for USD ≥ $600); ?format=pdf for the PDF',
        params: s.loanIdParams.extend({ year: z.coerce.number().int() }),
        querystring: z.strictObject({ format: z.enum(['json', 'pdf']).default('json') }),
      },
    },
    async (request, reply) =>
      request.query.format === 'pdf'
        ? reply
            .type('application/pdf')
            .send(
              await documents.interestPaidPdf(
                deps,
                accessOf(request),
                request.params.loanId,
                request.params.year,
              ),
            )
        : reply.send(
            await documents.interestPaid(deps, accessOf(request), request.params.loanId, request.params.year),
          ),
  );

  app.post(
    '/loans/:loanId/disbursements',
    {
      config: { permission: 'loans.manage' },
      schema: {
        tags,
        summary: 'Disburse a tranche (origination fee kept per the product)',
        params: s.loanIdParams,
        body: s.disburseBody,
        response: { 201: s.anyObject },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await loans.disburseTranche(deps, actorContext(request), request.params.loanId, request.body)),
  );

  app.post(
    '/loans/:loanId/state',
    {
      config: { permission: 'loans.manage' },
      schema: {
        tags,
        summary: 'Discharge, forgive, charge off, rehabilitate or close a loan',
        params: s.loanIdParams,
        body: s.stateBody,
        response: { 200: s.loanView },
      },
    },
    async (request) =>
      loans.changeLoanState(
        deps,
        actorContext(request),
        request.params.loanId,
        request.body.state,
        request.body.reason,
      ),
  );

  app.post(
    '/loans/:loanId/payments',
    {
      config: { permission: 'payments.post' },
      schema: {
        tags,
        summary: 'Post a payment on one loan (idempotent by key; students: simulated channel only)',
        params: s.loanIdParams,
        body: s.paymentBody,
        response: { 200: s.paymentView, 201: s.paymentView },
      },
    },
    async (request, reply) => {
      const access = accessOf(request);
      if (access.ownCustomerOnly && request.body.channel !== 'simulated')
        throw Problem.badRequest('channel', 'students pay through the simulated channel');
      const p = await payments.postPayment(deps, actorContext(request), access, {
        ...request.body,
        loanId: request.params.loanId,
      });
      return reply.status(p.replayed ? 200 : 201).send(p);
    },
  );

  app.post(
    '/payments',
    {
      config: { permission: 'payments.post' },
      schema: {
        tags,
        summary:
          'A borrower’s payment split across their loans (dues oldest first, then highest rate) or as directed',
        body: s.customerPaymentBody,
        response: { 200: s.anyObject, 201: s.anyObject },
      },
    },
    async (request, reply) => {
      const access = accessOf(request);
      if (access.ownCustomerOnly && request.body.channel !== 'simulated')
        throw Problem.badRequest('channel', 'students pay through the simulated channel');
      const r = await payments.postCustomerPayment(deps, actorContext(request), access, request.body);
      return reply.status(r.replayed ? 200 : 201).send(r);
    },
  );

  app.get(
    '/payments/:paymentId',
    {
      config: { permission: 'loans.read' },
      schema: {
        tags,
        summary: 'A payment and its allocation',
        params: s.paymentIdParams,
        response: { 200: s.paymentView },
      },
    },
    async (request) => payments.getPayment(deps, accessOf(request), request.params.paymentId),
  );

  app.post(
    '/payments/:paymentId/reversal',
    {
      config: { permission: 'payments.reverse' },
      schema: {
        tags,
        summary: 'Reverse a payment (bounced or in error); the loan is restored',
        params: s.paymentIdParams,
        body: s.reversalBody,
        response: { 200: s.paymentView },
      },
    },
    async (request) =>
      payments.reversePayment(deps, actorContext(request), request.params.paymentId, request.body.reason),
  );

  app.post(
    '/payments/statements',
    {
      config: { permission: 'payments.reconcile' },
      schema: {
        tags,
        summary:
          'Import a bank statement (CSV text): matched lines post as payments, the rest go to suspense',
        body: z.strictObject({ csv: z.string().min(1).max(20_000_000) }),
        response: { 200: s.anyObject },
      },
    },
    async (request) => ({
      ...(await statements.importBankStatement(deps, actorContext(request), request.body.csv)),
    }),
  );

  app.get(
    '/payments/suspense',
    {
      config: { permission: 'payments.reconcile' },
      schema: {
        tags,
        summary: 'Unmatched money waiting in suspense',
        querystring: z.strictObject({ status: z.enum(['open', 'matched']).optional() }),
        response: { 200: z.object({ items: z.array(s.anyObject) }) },
      },
    },
    async (request) => ({ items: await statements.listSuspense(deps, request.query.status) }),
  );

  app.post(
    '/payments/suspense/:itemId/match',
    {
      config: { permission: 'payments.reconcile' },
      schema: {
        tags,
        summary: 'Match a suspense item to a loan; it posts as a payment',
        params: z.strictObject({ itemId: z.uuid() }),
        body: z.strictObject({ loanId: z.uuid() }),
        response: { 200: s.anyObject },
      },
    },
    async (request) =>
      statements.matchSuspense(deps, actorContext(request), request.params.itemId, request.body.loanId),
  );

  app.get(
    '/ledger/trial-balance',
    {
      config: { permission: 'ledger.read' },
      schema: { tags, summary: 'Trial balance per account and currency', response: { 200: s.anyObject } },
    },
    async () => loans.trialBalance(deps),
  );

  app.get(
    '/ledger/reconciliation',
    {
      config: { permission: 'ledger.read' },
      schema: {
        tags,
        summary: 'Each loan’s balances against its ledger, and the accrual control accounts',
        querystring: z.strictObject({ loanId: z.uuid().optional() }),
        response: { 200: s.anyObject },
      },
    },
    async (request) => ({ ...(await loans.reconcile(deps, request.query.loanId)) }),
  );

  app.get(
    '/cob',
    {
      config: { permission: 'cob.run' },
      schema: {
        tags,
        summary: 'The open business date and recent close-of-business runs',
        response: { 200: s.anyObject },
      },
    },
    async () => cobStatus(deps),
  );

  app.post(
    '/cob/runs',
    {
      config: { permission: 'cob.run' },
      schema: {
        tags,
        summary: 'Close a business date (must be the open one; a closed date is a no-op)',
        body: s.cobRunBody,
        response: { 200: s.anyObject },
      },
    },
    async (request) => ({
      ...(await closeBusinessDay(deps, request.body.date, { ctx: actorContext(request) })),
    }),
  );

  app.get(
    '/servicing/events',
    {
      config: { permission: 'ledger.read' },
      schema: {
        tags,
        summary: 'Outbox of servicing events after an id',
        querystring: z.strictObject({
          after: z.coerce.number().int().min(0).default(0),
          type: z.string().max(60).optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
        }),
        response: { 200: z.object({ items: z.array(s.anyObject) }) },
      },
    },
    async (request) => ({
      items: (
        await repo.eventsAfter(deps.database.db, request.query.after, request.query.limit, request.query.type)
      ).map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })),
    }),
  );

  app.post(
    '/loans/:loanId/hardship-requests',
    {
      config: { permission: 'hardship.request' },
      schema: {
        tags,
        summary: 'Request deferment, forbearance or a term extension; returns the preview schedule',
        params: s.loanIdParams,
        body: s.hardshipBody,
        response: { 201: s.anyObject },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await relief.requestHardship(
            deps,
            actorContext(request),
            accessOf(request),
            request.params.loanId,
            request.body,
          ),
        ),
  );

  app.post(
    '/loans/:loanId/hardship-requests/preview',
    {
      config: { permission: 'hardship.request' },
      schema: {
        tags,
        summary: 'Preview the schedule a relief request would give, filing nothing',
        params: s.loanIdParams,
        body: s.hardshipBody,
        response: { 200: s.anyObject },
      },
    },
    async (request) => relief.previewHardship(deps, accessOf(request), request.params.loanId, request.body),
  );

  app.get(
    '/loans/:loanId/hardship-requests',
    {
      config: { permission: 'loans.read' },
      schema: {
        tags,
        summary: 'Relief requests on the loan',
        params: s.loanIdParams,
        response: { 200: z.object({ items: z.array(s.anyObject) }) },
      },
    },
    async (request) => ({
      items: await relief.listHardship(deps, accessOf(request), { loanId: request.params.loanId }),
    }),
  );

  app.get(
    '/hardship-requests',
    {
      config: { permission: 'hardship.approve' },
      schema: {
        tags,
        summary: 'Relief requests to decide',
        querystring: z.strictObject({
          status: z.enum(['requested', 'approved', 'declined', 'cancelled']).optional(),
        }),
        response: { 200: z.object({ items: z.array(s.anyObject) }) },
      },
    },
    async (request) => ({
      items: await relief.listHardship(deps, accessOf(request), { status: request.query.status }),
    }),
  );

  app.post(
    '/hardship-requests/:requestId/decision',
    {
      config: { permission: 'hardship.approve' },
      schema: {
        tags,
        summary: 'Approve (takes effect now) or decline; four eyes',
        params: s.requestIdParams,
        body: s.decisionBody,
        response: { 200: s.anyObject },
      },
    },
    async (request) =>
      relief.decideHardship(
        deps,
        actorContext(request),
        request.params.requestId,
        request.body.decision,
        request.body.note,
      ),
  );

  app.post(
    '/relief/mass',
    {
      config: { permission: 'hardship.approve' },
      schema: {
        tags,
        summary:
          'Policy-wide relief for a cohort (waive interest owed): preview with apply=false, then apply as one audited operation',
        body: z.strictObject({
          action: z.literal('waive-interest'),
          filter: z.strictObject({
            productCode: z.string().max(40).optional(),
            state: z
              .enum(['in_school', 'grace', 'repayment', 'deferment', 'forbearance', 'default'])
              .optional(),
            studyEndFrom: z.iso.date().optional(),
            studyEndTo: z.iso.date().optional(),
          }),
          reason: z.string().min(1).max(500),
          apply: z.boolean(),
        }),
        response: { 200: s.anyObject },
      },
    },
    async (request) => ({ ...(await massRelief(deps, actorContext(request), request.body)) }),
  );

  app.get(
    '/collections/queue',
    {
      config: { permission: 'collections.work' },
      schema: {
        tags,
        summary: 'Delinquent loans, most days past due first (optionally one bucket)',
        querystring: z.strictObject({ ...s.pageQuery, bucket: z.string().max(20).optional() }),
        response: { 200: z.object({ items: z.array(s.anyObject) }) },
      },
    },
    async (request) => ({ items: await relief.collectionQueue(deps, request.query) }),
  );

  app.get(
    '/loans/:loanId/collection-actions',
    {
      config: { permission: 'collections.work' },
      schema: {
        tags,
        summary: 'Contact attempts and promises to pay',
        params: s.loanIdParams,
        response: { 200: z.object({ items: z.array(s.anyObject) }) },
      },
    },
    async (request) => ({ items: await relief.collectionActions(deps, request.params.loanId) }),
  );

  app.post(
    '/loans/:loanId/collection-actions',
    {
      config: { permission: 'collections.work' },
      schema: {
        tags,
        summary: 'Record a contact attempt, promise to pay, legal referral or note',
        params: s.loanIdParams,
        body: s.collectionActionBody,
        response: { 201: s.anyObject },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await relief.addCollectionAction(deps, actorContext(request), request.params.loanId, request.body),
        ),
  );
};
