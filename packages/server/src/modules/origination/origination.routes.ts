// Origination's HTTP routes: the student portal (/portal/...), staff review and decisions
// (/applications/...), the school's enrolment checks, disbursement and contract verification.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { actorContext, actorOf } from '../../http/guard.ts';
import { Problem } from '../../http/problem.ts';
import { assertTrainingCurrent } from '../compliance/index.ts';
import * as apps from './applications.service.ts';
import * as contracts from './contracts.service.ts';
import * as decisions from './decisions.service.ts';
import * as money from './disbursements.service.ts';
import * as S from './origination.schema.ts';
import * as q from './queries.service.ts';
import { registerStudent } from './registration.service.ts';

const PDF_LIMIT = 20 * 1024 * 1024;

export const originationRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  // A contract PDF may be posted as is for verification (this plugin's scope only).
  app.addContentTypeParser('application/pdf', { parseAs: 'buffer', bodyLimit: PDF_LIMIT }, (_r, body, done) =>
    done(null, body),
  );
  const tags = ['origination'];

  // Registration -----------------------------------------------------------------------------
  app.post(
    '/portal/register',
    {
      config: {
        public: 'registration',
        rateLimit: { max: deps.config.loginRateLimit, timeWindow: '1 minute' },
      },
      schema: {
        tags,
        summary: 'A student registers for the portal (a prospect customer and a student account)',
        security: [],
        body: S.registrationBody,
      },
    },
    async (request, reply) =>
      reply.code(201).send({ user: await registerStudent(deps, actorContext(request), request.body) }),
  );

  // The portal: a student's own applications (staff may act on a customer's behalf) -----------
  app.get(
    '/portal/applications',
    {
      config: { permission: 'applications.apply' },
      schema: { tags, summary: 'My applications', querystring: S.listQuery },
    },
    async (request) => q.listApplications(deps, actorOf(request), request.query),
  );
  app.post(
    '/portal/applications',
    {
      config: { permission: 'applications.apply' },
      schema: {
        tags,
        summary: 'Start an application (a draft); staff give customerId and channel',
        body: S.createApplicationBody,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const row = await apps.createApplication(deps, actorContext(request), actor, request.body);
      return reply.code(201).send(await q.detailAfter(deps, actor, row));
    },
  );
  app.get(
    '/portal/applications/:id',
    {
      config: { permission: 'applications.apply' },
      schema: {
        tags,
        summary: 'An application with what is missing, the offer and the contract',
        params: S.idParams,
      },
    },
    async (request) => q.getApplication(deps, actorOf(request), request.params.id),
  );
  app.put(
    '/portal/applications/:id/answers',
    {
      config: { permission: 'applications.apply' },
      schema: {
        tags,
        summary: 'Save the draft: each section sent replaces the stored one',
        params: S.idParams,
        body: S.answersBody,
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const row = await apps.saveDraft(deps, actorContext(request), actor, request.params.id, request.body);
      return q.detailAfter(deps, actor, row);
    },
  );
  app.post(
    '/portal/applications/:id/documents',
    {
      config: { permission: 'applications.apply' },
      bodyLimit: S.UPLOAD_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Upload a document (base64; PDF, JPEG or PNG by content; at most 5 MB)',
        params: S.idParams,
        body: S.uploadBody,
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await apps.uploadDocument(
            deps,
            actorContext(request),
            actorOf(request),
            request.params.id,
            request.body,
          ),
        ),
  );
  app.get(
    '/portal/applications/:id/documents/:documentId',
    {
      config: { permission: 'applications.apply' },
      schema: { tags, summary: 'Download an uploaded document', params: S.documentParams },
    },
    async (request, reply) => {
      const d = await apps.documentContent(
        deps,
        actorOf(request),
        request.params.id,
        request.params.documentId,
      );
      return reply
        .type(d.mediaType)
        .header('content-disposition', `attachment; filename="${encodeURIComponent(d.fileName)}"`)
        .send(d.content);
    },
  );
  app.post(
    '/portal/applications/:id/submit',
    {
      config: { permission: 'applications.apply' },
      schema: {
        tags,
        summary: 'Submit; refused with every missing field named when incomplete',
        params: S.idParams,
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const row = await apps.submitApplication(deps, actorContext(request), actor, request.params.id);
      return q.detailAfter(deps, actor, row);
    },
  );
  app.post(
    '/portal/applications/:id/withdraw',
    {
      config: { permission: 'applications.apply' },
      schema: { tags, summary: 'Withdraw an application', params: S.idParams },
    },
    async (request) => {
      const actor = actorOf(request);
      return q.detailAfter(
        deps,
        actor,
        await apps.withdrawApplication(deps, actorContext(request), actor, request.params.id),
      );
    },
  );
  app.get(
    '/portal/applications/:id/fit',
    {
      config: { permission: 'applications.apply' },
      schema: {
        tags,
        summary: 'Products the applicant may apply for, why, and limits left',
        params: S.idParams,
      },
    },
    async (request) => ({ items: await decisions.productFitFor(deps, actorOf(request), request.params.id) }),
  );
  app.post(
    '/portal/applications/:id/contract',
    {
      config: { permission: 'applications.apply' },
      schema: {
        tags,
        summary: 'Issue the contract again in another language (a new version); staff may amend a signed one',
        params: S.idParams,
        body: S.contractBody,
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await contracts.reissueContract(deps, actorContext(request), actor, request.params.id, request.body);
      return q.getApplication(deps, actor, request.params.id);
    },
  );
  app.post(
    '/portal/applications/:id/contract/consent',
    {
      config: { permission: 'applications.apply' },
      schema: { tags, summary: 'Consent to electronic records before signing', params: S.idParams },
    },
    async (request) => {
      const actor = actorOf(request);
      await contracts.consentToElectronicRecords(deps, actorContext(request), actor, request.params.id);
      return q.getApplication(deps, actor, request.params.id);
    },
  );
  app.post(
    '/portal/applications/:id/contract/code',
    {
      config: { permission: 'applications.apply' },
      schema: { tags, summary: 'Send the borrower a one-time signing code by email', params: S.idParams },
    },
    async (request) =>
      contracts.requestSigningCode(deps, actorContext(request), actorOf(request), request.params.id),
  );
  app.post(
    '/portal/applications/:id/contract/sign',
    {
      config: { permission: 'applications.apply' },
      schema: {
        tags,
        summary: 'The borrower signs with the one-time code',
        params: S.idParams,
        body: S.signBody,
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await contracts.signContract(deps, actorContext(request), actor, request.params.id, {
        party: 'borrower',
        code: request.body.code,
      });
      return q.getApplication(deps, actor, request.params.id);
    },
  );
  app.get(
    '/portal/applications/:id/contract.pdf',
    {
      config: { permission: 'applications.apply' },
      schema: { tags, summary: 'The current contract (sealed once signed)', params: S.idParams },
    },
    async (request, reply) => {
      const f = await contracts.contractPdf(deps, actorOf(request), request.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${f.fileName}"`)
        .send(f.content);
    },
  );

  // Staff: queue, review, decisions ---------------------------------------------------------
  app.get(
    '/applications',
    {
      config: { permission: 'applications.read' },
      schema: { tags, summary: 'The application queue with SLA timers', querystring: S.listQuery },
    },
    async (request) => q.listApplications(deps, actorOf(request), request.query),
  );
  app.get(
    '/applications/:id',
    {
      config: { permission: 'applications.read' },
      schema: { tags, summary: 'An application for review', params: S.idParams },
    },
    async (request) => q.getApplication(deps, actorOf(request), request.params.id),
  );
  app.get(
    '/applications/:id/documents/:documentId',
    {
      config: { permission: 'applications.read' },
      schema: { tags, summary: 'Download an uploaded document', params: S.documentParams },
    },
    async (request, reply) => {
      const d = await apps.documentContent(
        deps,
        actorOf(request),
        request.params.id,
        request.params.documentId,
      );
      return reply
        .type(d.mediaType)
        .header('content-disposition', `attachment; filename="${encodeURIComponent(d.fileName)}"`)
        .send(d.content);
    },
  );
  app.get(
    '/applications/:id/contract.pdf',
    {
      config: { permission: 'applications.read' },
      schema: { tags, summary: 'The current contract (sealed once signed)', params: S.idParams },
    },
    async (request, reply) => {
      const f = await contracts.contractPdf(deps, actorOf(request), request.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${f.fileName}"`)
        .send(f.content);
    },
  );
  app.get(
    '/applications/:id/fit',
    {
      config: { permission: 'applications.read' },
      schema: { tags, summary: 'Product fit with reasons and limits left', params: S.idParams },
    },
    async (request) => ({ items: await decisions.productFitFor(deps, actorOf(request), request.params.id) }),
  );
  app.get(
    '/applications/:id/evaluation',
    {
      config: { permission: 'applications.read' },
      schema: { tags, summary: 'Policy rules fired and the score, without deciding', params: S.idParams },
    },
    async (request) => decisions.evaluateApplication(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/applications/:id/decision',
    {
      config: { permission: 'applications.decide' },
      schema: { tags, summary: 'Approve, decline or refer', params: S.idParams, body: S.decisionBody },
    },
    async (request) => {
      const actor = actorOf(request);
      if (request.body.outcome === 'approve') await assertTrainingCurrent(deps, actor, 'approve');
      await decisions.decideApplication(deps, actorContext(request), actor, request.params.id, request.body);
      return q.getApplication(deps, actor, request.params.id);
    },
  );
  app.post(
    '/applications/:id/approval',
    {
      config: { permission: 'applications.approve' },
      schema: {
        tags,
        summary: 'Second approval (four eyes): refused to the first approver',
        params: S.idParams,
        body: S.approvalBody,
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await assertTrainingCurrent(deps, actor, 'approve');
      await decisions.secondApproval(deps, actorContext(request), actor, request.params.id, request.body);
      return q.getApplication(deps, actor, request.params.id);
    },
  );
  app.post(
    '/applications/:id/cosigner-signature',
    {
      config: { permission: 'applications.manage' },
      schema: {
        tags,
        summary: 'Record the co-signer signing in person, witnessed by staff',
        params: S.idParams,
        body: S.cosignerSignatureBody,
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await contracts.signContract(deps, actorContext(request), actor, request.params.id, {
        party: 'cosigner',
        signerName: request.body.signerName,
      });
      return q.getApplication(deps, actor, request.params.id);
    },
  );
  app.get(
    '/origination/funnel',
    {
      config: { permission: 'applications.read' },
      schema: {
        tags,
        summary: 'Applications by stage, conversion, drop-off, median times; by channel and school',
      },
    },
    async () => q.funnel(deps),
  );

  // Schools: enrolment confirmation --------------------------------------------------------
  app.get(
    '/enrolment-checks',
    {
      config: { permission: 'enrolments.confirm' },
      schema: { tags, summary: "Applicants to the officer's school", querystring: S.listQuery },
    },
    async (request) => q.listApplications(deps, actorOf(request), request.query),
  );
  app.get(
    '/enrolment-checks/:id',
    {
      config: { permission: 'enrolments.confirm' },
      schema: { tags, summary: 'An applicant’s school details', params: S.idParams },
    },
    async (request) => q.getApplication(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/enrolment-checks/:id',
    {
      config: { permission: 'enrolments.confirm' },
      schema: {
        tags,
        summary: 'Confirm or reject enrolment (own school only)',
        params: S.idParams,
        body: S.enrolmentBody,
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return q.detailAfter(
        deps,
        actor,
        await apps.confirmEnrolment(deps, actorContext(request), actor, request.params.id, request.body),
      );
    },
  );

  // Disbursement ------------------------------------------------------------------------------
  app.get(
    '/disbursements/queue',
    {
      config: { permission: 'disbursements.manage' },
      schema: { tags, summary: 'Tranches ready to pay, and recent disbursements' },
    },
    async () => q.disbursementQueue(deps),
  );
  app.post(
    '/applications/:id/disbursements',
    {
      config: { permission: 'disbursements.manage' },
      schema: {
        tags,
        summary: 'Pay a tranche (idempotent on idempotencyKey)',
        params: S.idParams,
        body: S.disburseBody,
      },
    },
    async (request, reply) => {
      await assertTrainingCurrent(deps, actorOf(request), 'disburse');
      const r = await money.disburse(deps, actorContext(request), request.params.id, request.body);
      return reply.code(r.replay ? 200 : 201).send(r);
    },
  );
  app.post(
    '/disbursements/batch',
    {
      config: { permission: 'disbursements.manage' },
      schema: { tags, summary: 'Pay several tranches; each succeeds or fails on its own', body: S.batchBody },
    },
    async (request) => {
      await assertTrainingCurrent(deps, actorOf(request), 'disburse');
      const ctx = actorContext(request);
      const results = [];
      for (const item of request.body.items) {
        try {
          results.push({ ...item, ok: true, ...(await money.disburse(deps, ctx, item.applicationId, item)) });
        } catch (e) {
          if (!(e instanceof Problem)) throw e;
          results.push({ ...item, ok: false, problem: { type: e.slug, detail: e.detail ?? e.title } });
        }
      }
      return { results };
    },
  );
  app.post(
    '/applications/:id/disbursements/:disbursementId/cancel',
    {
      config: { permission: 'disbursements.manage' },
      schema: {
        tags,
        summary: 'Cancel a tranche within the window (funds returned)',
        params: S.disbursementParams,
        body: S.cancelBody,
      },
    },
    async (request) =>
      money.cancelDisbursement(
        deps,
        actorContext(request),
        request.params.id,
        request.params.disbursementId,
        request.body,
      ),
  );

  // Contract verification ------------------------------------------------------------------
  app.post(
    '/contracts/verify',
    {
      config: { permission: 'contracts.verify' },
      bodyLimit: PDF_LIMIT,
      schema: {
        tags,
        summary:
          'Which stored contract a PDF is and whether it is intact (application/pdf, or JSON with base64 content)',
        body: z.any(),
      },
    },
    async (request) => {
      const body: unknown = request.body;
      const pdf = Buffer.isBuffer(body)
        ? body
        : body && typeof body === 'object' && typeof (body as { content?: unknown }).content === 'string'
          ? Buffer.from((body as { content: string }).content, 'base64')
          : null;
      if (!pdf || pdf.length === 0)
        throw Problem.badRequest('content', 'send the PDF (application/pdf) or { content: base64 }');
      return contracts.verifyContract(deps, pdf);
    },
  );
};
