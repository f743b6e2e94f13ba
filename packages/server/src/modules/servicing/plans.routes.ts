// Routes for repayment plans and cases: income-driven plans and recertification, forgiveness
// enrolment, China's state repayment (代偿), the LPR series, promise-to-pay follow-up and legal
// referral cases with documents. Registered inside servicingRoutes.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { FILING_STATUSES, INCOME_DRIVEN_PLANS, POVERTY_REGIONS } from '@bursar/core';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { actorContext } from '../../http/guard.ts';
import * as collections from './collections.service.ts';
import * as plans from './plans.service.ts';
import { BENCHMARKS, listBenchmarkRates, recordBenchmarkRate } from './repricing.service.ts';
import { accessOf } from './route-access.ts';
import * as s from './servicing.schema.ts';
import * as stateRepayment from './state-repayment.service.ts';

const tags = ['servicing'];
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const items = { 200: z.object({ items: z.array(s.anyObject) }) };

const recertificationBody = z.strictObject({
  plan: z.enum(INCOME_DRIVEN_PLANS),
  annualIncome: z.string().min(1).max(30),
  familySize: z.number().int().min(1).max(20),
  filingStatus: z.enum(FILING_STATUSES).optional(),
  spouseIncome: z.string().max(30).optional(),
  region: z.enum(POVERTY_REGIONS).optional(),
});
const caseIdParams = z.strictObject({ caseId: z.uuid() });
const applicationIdParams = z.strictObject({ applicationId: z.uuid() });

export const plansRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  // ---- income-driven repayment ----
  app.post(
    '/loans/:loanId/income-recertifications/preview',
    {
      config: { permission: 'hardship.request' },
      schema: {
        tags,
        summary: 'The payment an income-driven plan would give at this income, filing nothing',
        params: s.loanIdParams,
        body: recertificationBody,
        response: { 200: s.anyObject },
      },
    },
    async (request) =>
      plans.previewRecertification(deps, accessOf(request), request.params.loanId, request.body),
  );

  app.post(
    '/loans/:loanId/income-recertifications',
    {
      config: { permission: 'hardship.request' },
      schema: {
        tags,
        summary: 'Ask for an income-driven plan or file the annual income recertification',
        params: s.loanIdParams,
        body: recertificationBody,
        response: { 201: s.anyObject },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await plans.requestRecertification(
            deps,
            actorContext(request),
            accessOf(request),
            request.params.loanId,
            request.body,
          ),
        ),
  );

  app.get(
    '/loans/:loanId/income-recertifications',
    {
      config: { permission: 'loans.read' },
      schema: {
        tags,
        summary: 'Income-driven plan requests of the loan',
        params: s.loanIdParams,
        response: items,
      },
    },
    async (request) => ({
      items: await plans.listRecertifications(deps, accessOf(request), { loanId: request.params.loanId }),
    }),
  );

  app.get(
    '/income-recertifications',
    {
      config: { permission: 'hardship.approve' },
      schema: {
        tags,
        summary: 'Income-driven plan requests to decide',
        querystring: z.strictObject({ status: z.enum(['requested', 'approved', 'declined']).optional() }),
        response: items,
      },
    },
    async (request) => ({
      items: await plans.listRecertifications(deps, accessOf(request), { status: request.query.status }),
    }),
  );

  app.post(
    '/income-recertifications/:requestId/decision',
    {
      config: { permission: 'hardship.approve' },
      schema: {
        tags,
        summary: 'Approve (the payment changes now, recertify within a year) or decline; four eyes',
        params: s.requestIdParams,
        body: s.decisionBody,
        response: { 200: s.anyObject },
      },
    },
    async (request) =>
      plans.decideRecertification(
        deps,
        actorContext(request),
        request.params.requestId,
        request.body.decision,
        request.body.note,
      ),
  );

  app.post(
    '/loans/:loanId/forgiveness',
    {
      config: { permission: 'loans.manage' },
      schema: {
        tags,
        summary: 'Enrol in public-service forgiveness (120 qualifying payments) or set a UK write-off day',
        params: s.loanIdParams,
        body: z.strictObject({
          programme: z.enum(['public-service', 'uk-write-off']),
          qualifyingPayments: z.number().int().min(0).max(600).optional(),
          writeOffOn: isoDate.optional(),
        }),
        response: { 200: s.loanView },
      },
    },
    async (request) =>
      plans.enrolForgiveness(deps, actorContext(request), request.params.loanId, request.body),
  );

  // ---- state repayment (代偿) ----
  app.post(
    '/loans/:loanId/state-repayments',
    {
      config: { permission: 'hardship.request' },
      schema: {
        tags,
        summary: 'Apply for state repayment (代偿) for qualifying employment, with evidence',
        params: s.loanIdParams,
        body: z.strictObject({
          employer: z.string().min(1).max(200),
          region: z.string().min(1).max(200),
          serviceStart: isoDate,
          yearsOfService: z.number().int().min(3).max(10).optional(),
          studyLevel: z.enum(['undergraduate', 'graduate']),
          evidence: z.string().min(1).max(2000),
        }),
        response: { 201: s.anyObject },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await stateRepayment.applyStateRepayment(
            deps,
            actorContext(request),
            accessOf(request),
            request.params.loanId,
            request.body,
          ),
        ),
  );

  app.get(
    '/loans/:loanId/state-repayments',
    {
      config: { permission: 'loans.read' },
      schema: {
        tags,
        summary: 'State repayment applications of the loan',
        params: s.loanIdParams,
        response: items,
      },
    },
    async (request) => ({
      items: await stateRepayment.listStateRepayments(deps, accessOf(request), {
        loanId: request.params.loanId,
      }),
    }),
  );

  app.get(
    '/state-repayments',
    {
      config: { permission: 'hardship.approve' },
      schema: {
        tags,
        summary: 'State repayment applications',
        querystring: z.strictObject({
          status: z.enum(['requested', 'approved', 'declined', 'completed']).optional(),
        }),
        response: items,
      },
    },
    async (request) => ({
      items: await stateRepayment.listStateRepayments(deps, accessOf(request), {
        status: request.query.status,
      }),
    }),
  );

  app.post(
    '/state-repayments/:applicationId/decision',
    {
      config: { permission: 'hardship.approve' },
      schema: {
        tags,
        summary: 'Approve or decline a state repayment application; four eyes',
        params: applicationIdParams,
        body: s.decisionBody,
        response: { 200: s.anyObject },
      },
    },
    async (request) =>
      stateRepayment.decideStateRepayment(
        deps,
        actorContext(request),
        request.params.applicationId,
        request.body.decision,
        request.body.note,
      ),
  );

  app.post(
    '/state-repayments/:applicationId/payments',
    {
      config: { permission: 'payments.post' },
      schema: {
        tags,
        summary: 'Post the state’s payment for the next completed year of service (state_subsidy channel)',
        params: applicationIdParams,
        response: { 200: s.anyObject },
      },
    },
    async (request) => ({
      ...(await stateRepayment.postStateRepaymentYear(
        deps,
        actorContext(request),
        request.params.applicationId,
      )),
    }),
  );

  // ---- LPR series ----
  app.get(
    '/benchmark-rates',
    {
      config: { permission: 'loans.read' },
      schema: {
        tags,
        summary: 'The benchmark series (5-year LPR): held history and recorded values, newest first',
        querystring: z.strictObject({ benchmark: z.enum(BENCHMARKS).default('CN-LPR-5Y') }),
        response: items,
      },
    },
    async (request) => ({ items: await listBenchmarkRates(deps, request.query.benchmark) }),
  );

  app.post(
    '/benchmark-rates',
    {
      config: { permission: 'products.manage' },
      schema: {
        tags,
        summary: 'Record a published benchmark rate (floating loans reprice from it on their repricing day)',
        body: z.strictObject({
          benchmark: z.enum(BENCHMARKS),
          effectiveFrom: isoDate,
          rate: z.string().min(1).max(20),
          source: z.string().max(300).optional(),
        }),
        response: { 201: s.anyObject },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await recordBenchmarkRate(deps, actorContext(request), request.body)),
  );

  // ---- collections: promises and legal cases ----
  app.get(
    '/collections/promises',
    {
      config: { permission: 'collections.work' },
      schema: {
        tags,
        summary: 'Promises to pay for follow-up (e.g. status=open&dueBy=today, or status=broken)',
        querystring: z.strictObject({
          status: z.enum(['open', 'kept', 'broken']).optional(),
          dueBy: isoDate.optional(),
          ...s.pageQuery,
        }),
        response: items,
      },
    },
    async (request) => ({ items: await collections.promisesForFollowUp(deps, request.query) }),
  );

  app.post(
    '/loans/:loanId/legal-cases',
    {
      config: { permission: 'collections.work' },
      schema: {
        tags,
        summary: 'Refer the loan for legal action (malicious default or fraud): opens a case',
        params: s.loanIdParams,
        body: z.strictObject({
          ground: z.enum(collections.LEGAL_GROUNDS),
          summary: z.string().min(1).max(4000),
        }),
        response: { 201: s.anyObject },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await collections.openLegalCase(deps, actorContext(request), request.params.loanId, request.body),
        ),
  );

  app.get(
    '/legal-cases',
    {
      config: { permission: 'collections.work' },
      schema: {
        tags,
        summary: 'Legal cases, most recently changed first',
        querystring: z.strictObject({
          status: z.enum(collections.LEGAL_STATUSES).optional(),
          loanId: z.uuid().optional(),
        }),
        response: items,
      },
    },
    async (request) => ({ items: await collections.listLegalCases(deps, request.query) }),
  );

  app.get(
    '/legal-cases/:caseId',
    {
      config: { permission: 'collections.work' },
      schema: {
        tags,
        summary: 'A legal case with its documents',
        params: caseIdParams,
        response: { 200: s.anyObject },
      },
    },
    async (request) => collections.getLegalCase(deps, request.params.caseId),
  );

  app.post(
    '/legal-cases/:caseId/status',
    {
      config: { permission: 'collections.work' },
      schema: {
        tags,
        summary: 'Move the case on (referred → filed → judgment → enforcement; settled or closed)',
        params: caseIdParams,
        body: z.strictObject({
          status: z.enum(collections.LEGAL_STATUSES),
          note: z.string().max(2000).optional(),
        }),
        response: { 200: s.anyObject },
      },
    },
    async (request) =>
      collections.setLegalCaseStatus(deps, actorContext(request), request.params.caseId, request.body),
  );

  app.post(
    '/legal-cases/:caseId/documents',
    {
      config: { permission: 'collections.work' },
      // Base64 of a document up to 5 MB, with room for the JSON around it.
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Attach a document (PDF, PNG, JPEG or text, base64, up to 5 MB)',
        params: caseIdParams,
        body: z.strictObject({
          fileName: z.string().min(1).max(200),
          contentType: z.string().min(1).max(100),
          contentBase64: z.string().min(1),
        }),
        response: { 201: items[200] },
      },
    },
    async (request, reply) =>
      reply.status(201).send({
        items: await collections.addLegalDocument(
          deps,
          actorContext(request),
          request.params.caseId,
          request.body,
        ),
      }),
  );

  app.get(
    '/legal-cases/:caseId/documents/:documentId',
    {
      config: { permission: 'collections.work' },
      schema: {
        tags,
        summary: 'Download a case document',
        params: caseIdParams.extend({ documentId: z.uuid() }),
      },
    },
    async (request, reply) => {
      const d = await collections.legalDocument(deps, request.params.caseId, request.params.documentId);
      return reply
        .type(d.contentType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(d.fileName)}`)
        .send(d.content);
    },
  );
};
