// HTTP routes of KYC / AML: identity verification, sanctions lists and the hit queue, disbursement
// account changes, suspicious-activity cases. Thin: each declares its schemas and permission.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { actorContext } from '../../http/guard.ts';
import * as S from './kyc.schema.ts';
import * as kyc from './kyc.service.ts';
import * as payees from './payee-controls.service.ts';
import * as sanctions from './sanctions.service.ts';
import * as sar from './sar.service.ts';

const TAG = ['kyc-aml'];
const list = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
/** The real SDN files are a few megabytes; leave room. */
const LIST_IMPORT_LIMIT = 40 * 1024 * 1024;

export const kycAmlRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  // ---- a customer's KYC ------------------------------------------------------------------------
  app.get(
    '/kyc/customers/:customerId',
    {
      config: { permission: 'kyc.read' },
      schema: {
        tags: TAG,
        summary: "A customer's identity verifications, screening hits, disbursement accounts and clearance",
        params: S.customerParams,
        response: { 200: S.customerKycSchema },
      },
    },
    async (request) => {
      const { customerId } = request.params;
      return {
        customerId,
        verifications: await kyc.listVerifications(deps, customerId),
        hits: await sanctions.listHits(deps, { customerId }, { limit: 200, offset: 0 }),
        accounts: await payees.listPayeeAccounts(deps, customerId),
        clearance: await sanctions.sanctionsClearance(deps.database.db, customerId),
      };
    },
  );
  app.post(
    '/kyc/customers/:customerId/verifications',
    {
      config: { permission: 'kyc.verify' },
      schema: {
        tags: TAG,
        summary: 'Verify the customer’s identity through the configured provider (CN national ID + face match, or US CIP)',
        params: S.customerParams,
        body: S.verifyBody,
        response: { 201: S.verificationSchema },
      },
    },
    async (request, reply) => {
      const { trigger, ...req } = request.body;
      return reply
        .status(201)
        .send(await kyc.verifyCustomerIdentity(deps, actorContext(request), request.params.customerId, req, trigger));
    },
  );
  app.post(
    '/kyc/customers/:customerId/screen',
    {
      config: { permission: 'kyc.verify' },
      schema: {
        tags: TAG,
        summary: 'Screen the customer against the current sanctions lists now',
        params: S.customerParams,
        response: { 200: S.screenResultSchema },
      },
    },
    async (request) =>
      sanctions.screenCustomer(deps, actorContext(request), request.params.customerId, 'manual'),
  );
  app.post(
    '/kyc/customers/:customerId/accounts',
    {
      config: { permission: 'kyc.verify' },
      schema: {
        tags: TAG,
        summary: 'Register the disbursement account, or request its change (re-verification and cooling-off follow)',
        params: S.customerParams,
        body: S.accountBody,
        response: { 201: S.accountSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await payees.requestPayeeAccount(deps, actorContext(request), request.params.customerId, request.body)),
  );

  // ---- payee changes ---------------------------------------------------------------------------
  app.get(
    '/payee-changes',
    {
      config: { permission: 'kyc.read' },
      schema: {
        tags: TAG,
        summary: 'Disbursement account change requests (newest first)',
        querystring: S.changesQuery,
        response: { 200: list(S.accountChangeSchema) },
      },
    },
    async (request) => ({ items: await payees.listPayeeChanges(deps, request.query.status) }),
  );
  app.post(
    '/payee-changes/:id/verify',
    {
      config: { permission: 'payees.verify' },
      schema: {
        tags: TAG,
        summary: 'Re-verify a changed account (call-back or identity check); the cooling-off still runs',
        params: S.idParams,
        body: S.verifyChangeBody,
        response: { 200: S.accountSchema },
      },
    },
    async (request) => payees.verifyPayeeChange(deps, actorContext(request), request.params.id, request.body),
  );
  app.post(
    '/payee-changes/:id/reject',
    {
      config: { permission: 'payees.verify' },
      schema: {
        tags: TAG,
        summary: 'Reject a changed account (the previous account stays in force)',
        params: S.idParams,
        body: S.rejectBody,
        response: { 200: S.accountSchema },
      },
    },
    async (request) => payees.rejectPayeeChange(deps, actorContext(request), request.params.id, request.body),
  );

  // ---- sanctions lists ---------------------------------------------------------------------------
  app.get(
    '/sanctions/lists',
    {
      config: { permission: 'sanctions.review' },
      schema: {
        tags: TAG,
        summary: 'Imported list versions (with checksums and counts) and recent re-screening runs',
        response: { 200: z.object({ versions: z.array(S.listVersionSchema), rescreens: z.array(S.rescreenSchema) }) },
      },
    },
    async () => sanctions.listSanctionsVersions(deps),
  );
  app.get(
    '/sanctions/lists/:id/entries',
    {
      config: { permission: 'sanctions.review' },
      schema: {
        tags: TAG,
        summary: 'Entries of one list version',
        params: S.idParams,
        querystring: S.pageQuery,
        response: { 200: list(S.entrySchema) },
      },
    },
    async (request) => ({ items: await sanctions.listEntries(deps, request.params.id, request.query) }),
  );
  app.post(
    '/sanctions/imports',
    {
      bodyLimit: LIST_IMPORT_LIMIT,
      config: { permission: 'sanctions.manage' },
      schema: {
        tags: TAG,
        summary: 'Import a list (OFAC sdn.csv + alt.csv, or the generic CSV) as a new version; queues re-screening',
        body: S.importBody,
        response: { 201: S.importResultSchema, 200: S.importResultSchema },
      },
    },
    async (request, reply) => {
      const r = await sanctions.importSanctionsList(deps, actorContext(request), request.body);
      return reply.status(r.unchanged ? 200 : 201).send(r);
    },
  );
  app.post(
    '/sanctions/rescreens/:id/run',
    {
      config: { permission: 'sanctions.manage' },
      schema: {
        tags: TAG,
        summary: 'Drive a re-screening run to its end now (the job does it every minute otherwise)',
        params: S.idParams,
        response: { 200: S.rescreenSchema },
      },
    },
    async (request) => {
      await sanctions.runRescreens(deps, actorContext(request), { rescreenId: request.params.id });
      return sanctions.getRescreen(deps, request.params.id);
    },
  );

  // ---- hit review --------------------------------------------------------------------------------
  app.get(
    '/sanctions/hits',
    {
      config: { permission: 'sanctions.review' },
      schema: {
        tags: TAG,
        summary: 'Screening hits, oldest first (the review queue with status=pending)',
        querystring: S.hitsQuery,
        response: { 200: list(S.hitSchema) },
      },
    },
    async (request) => {
      const { status, ...page } = request.query;
      return { items: await sanctions.listHits(deps, { status }, page) };
    },
  );
  app.post(
    '/sanctions/hits/:id/review',
    {
      config: { permission: 'sanctions.review' },
      schema: {
        tags: TAG,
        summary: 'Decide a hit: true match (blocks disbursement) or false positive, with the reason',
        params: S.idParams,
        body: S.reviewBody,
        response: { 200: S.hitSchema },
      },
    },
    async (request) => sanctions.reviewHit(deps, actorContext(request), request.params.id, request.body),
  );
  app.post(
    '/sanctions/hits/:id/approve',
    {
      config: { permission: 'sanctions.review' },
      schema: {
        tags: TAG,
        summary: 'Second reviewer: approve the decision or send the hit back (four eyes)',
        params: S.idParams,
        body: S.approveBody,
        response: { 200: S.hitSchema },
      },
    },
    async (request) => sanctions.approveHitDecision(deps, actorContext(request), request.params.id, request.body),
  );

  // ---- suspicious-activity cases -----------------------------------------------------------------
  app.get(
    '/aml/cases',
    {
      config: { permission: 'aml.cases' },
      schema: {
        tags: TAG,
        summary: 'Suspicious-activity cases by filing deadline',
        querystring: S.casesQuery,
        response: { 200: list(S.sarCaseSchema) },
      },
    },
    async (request) => ({
      items: await sar.listSarCases(deps, request.query.open === undefined ? undefined : request.query.open === 'true'),
    }),
  );
  app.post(
    '/aml/cases',
    {
      config: { permission: 'aml.cases' },
      schema: {
        tags: TAG,
        summary: 'Open a suspicious-activity case (filing deadline from the detection time)',
        body: S.openCaseBody,
        response: { 201: S.sarCaseSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await sar.openSarCase(deps, actorContext(request), request.body)),
  );
  app.get(
    '/aml/cases/:id',
    {
      config: { permission: 'aml.cases' },
      schema: { tags: TAG, summary: 'A case with its evidence', params: S.idParams, response: { 200: S.sarCaseDetailSchema } },
    },
    async (request) => sar.getSarCase(deps, request.params.id),
  );
  app.post(
    '/aml/cases/:id/evidence',
    {
      config: { permission: 'aml.cases' },
      schema: {
        tags: TAG,
        summary: 'Add evidence: a ledger journal of the customer’s loan, a note, or an attachment’s metadata',
        params: S.idParams,
        body: S.evidenceBody,
        response: { 201: S.evidenceSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await sar.addSarEvidence(deps, actorContext(request), request.params.id, request.body)),
  );
  app.post(
    '/aml/cases/:id/status',
    {
      config: { permission: 'aml.cases' },
      schema: {
        tags: TAG,
        summary: 'Move a case: investigating, filed (with the filing reference) or closed without filing',
        params: S.idParams,
        body: S.transitionBody,
        response: { 200: S.sarCaseSchema },
      },
    },
    async (request) => sar.transitionSarCase(deps, actorContext(request), request.params.id, request.body),
  );
};
