// HTTP routes of the customers module: thin, each declaring its schemas and permission.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { actorContext, actorOf } from '../../http/guard.ts';
import * as S from './customers.schema.ts';
import * as customers from './customers.service.ts';
import * as schools from './schools.service.ts';
import { segmentMembershipCondition } from './segments.service.ts';
import * as duplicates from './duplicates.service.ts';
import * as imports from './import.service.ts';
import { Problem } from '../../http/problem.ts';
import { assertTrainingCurrent } from '../compliance/index.ts';
import { XLSX_MEDIA_TYPE, xlsxStream } from '../../files/xlsx.ts';

const TAG = ['customers'];

export const customerRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/customers',
    {
      config: { permission: 'customers.read' },
      schema: {
        tags: TAG,
        summary:
          'Search and list customers (masked). q: name (partial, Chinese, typo-tolerant), email, exact ID or phone, or a phone’s last four digits',
        querystring: S.customerListQuery,
        response: { 200: S.listResponse(S.customerSummary) },
      },
    },
    async (request) => {
      const { segmentId, ...q } = request.query;
      const extra = segmentId ? await segmentMembershipCondition(deps, segmentId) : undefined;
      return customers.listCustomers(deps, actorOf(request), q, extra);
    },
  );

  app.post(
    '/customers',
    {
      config: { permission: 'customers.manage' },
      schema: {
        tags: TAG,
        summary:
          'Create a customer with enrolment, household, credit record, related parties and consents; 409 on a likely duplicate',
        body: S.createCustomerBody,
        response: { 201: S.customerView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await customers.createCustomer(deps, actorContext(request), request.body)),
  );

  app.get(
    '/customers/:id',
    {
      config: { permission: 'customers.read' },
      schema: {
        tags: TAG,
        summary: 'Customer 360. Identifiers are masked; reveal=true unmasks (needs pii.read, audited)',
        params: S.idParams,
        querystring: S.revealQuery,
        response: { 200: S.customerView },
      },
    },
    async (request) => {
      const reveal = request.query.reveal === 'true';
      if (reveal && actorOf(request).permissions.has('pii.read'))
        await assertTrainingCurrent(deps, actorOf(request), 'unmask');
      return customers.getCustomer(deps, actorContext(request), actorOf(request), request.params.id, reveal);
    },
  );

  app.get(
    '/customers/:id/pii',
    {
      config: { permission: 'pii.read' },
      schema: {
        tags: TAG,
        summary:
          'Unmasked identifiers of a customer and their related parties (audited as customer.pii_read)',
        params: S.idParams,
        response: { 200: S.piiView },
      },
    },
    async (request) => {
      await assertTrainingCurrent(deps, actorOf(request), 'unmask');
      return customers.revealPii(deps, actorContext(request), actorOf(request), request.params.id);
    },
  );

  app.patch(
    '/customers/:id',
    {
      config: { permission: 'customers.manage' },
      schema: {
        tags: TAG,
        summary: 'Change profile fields (null clears); classification is recomputed',
        params: S.idParams,
        body: S.updateCustomerBody,
        response: { 200: S.customerView },
      },
    },
    async (request) =>
      customers.updateCustomer(
        deps,
        actorContext(request),
        actorOf(request),
        request.params.id,
        request.body,
      ),
  );

  app.post(
    '/customers/:id/related-parties',
    {
      config: { permission: 'customers.manage' },
      schema: {
        tags: TAG,
        summary: 'Link a parent/guardian, co-signer, guarantor or emergency contact',
        params: S.idParams,
        body: S.relatedPartyInput,
        response: { 201: S.customerView },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await customers.addRelatedParty(
            deps,
            actorContext(request),
            actorOf(request),
            request.params.id,
            request.body,
          ),
        ),
  );

  app.put(
    '/customers/:id/related-parties/:partyId',
    {
      config: { permission: 'customers.manage' },
      schema: {
        tags: TAG,
        summary: 'Replace a related party',
        params: S.partyParams,
        body: S.relatedPartyInput,
        response: { 200: S.customerView },
      },
    },
    async (request) =>
      customers.updateRelatedParty(
        deps,
        actorContext(request),
        actorOf(request),
        request.params.id,
        request.params.partyId,
        request.body,
      ),
  );

  app.delete(
    '/customers/:id/related-parties/:partyId',
    {
      config: { permission: 'customers.manage' },
      schema: {
        tags: TAG,
        summary: 'Unlink a related party',
        params: S.partyParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await customers.removeRelatedParty(
        deps,
        actorContext(request),
        actorOf(request),
        request.params.id,
        request.params.partyId,
      );
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/customers/:id/enrolments',
    {
      config: { permission: 'customers.manage' },
      schema: {
        tags: TAG,
        summary: 'Record a new (current) enrolment',
        params: S.idParams,
        body: S.enrolmentInput,
        response: { 201: S.customerView },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await customers.addEnrolment(
            deps,
            actorContext(request),
            actorOf(request),
            request.params.id,
            request.body,
          ),
        ),
  );

  app.post(
    '/customers/:id/enrolments/:enrolmentId/status',
    {
      config: { permission: 'enrolments.report' },
      schema: {
        tags: TAG,
        summary:
          'Change an enrolment’s status (enrolled, on_leave, graduated, withdrawn, transferred) with its effective date',
        params: S.enrolmentParams,
        body: S.enrolmentStatusBody,
        response: { 200: S.customerView },
      },
    },
    async (request) =>
      customers.changeEnrolmentStatus(
        deps,
        actorContext(request),
        actorOf(request),
        request.params.id,
        request.params.enrolmentId,
        request.body,
      ),
  );

  app.post(
    '/customers/:id/enrolments/:enrolmentId/results',
    {
      config: { permission: 'enrolments.report' },
      schema: {
        tags: TAG,
        summary: 'Record (or correct) one term’s results',
        params: S.enrolmentParams,
        body: S.termResultBody,
        response: { 200: S.customerView },
      },
    },
    async (request) =>
      customers.recordTermResult(
        deps,
        actorContext(request),
        actorOf(request),
        request.params.id,
        request.params.enrolmentId,
        request.body,
      ),
  );

  app.put(
    '/customers/:id/household',
    {
      config: { permission: 'customers.manage' },
      schema: {
        tags: TAG,
        summary: 'Replace household economics and need indicators (verified: true records the verifier)',
        params: S.idParams,
        body: S.householdInput,
        response: { 200: S.customerView },
      },
    },
    async (request) =>
      customers.putHousehold(deps, actorContext(request), actorOf(request), request.params.id, request.body),
  );

  app.put(
    '/customers/:id/credit-record',
    {
      config: { permission: 'customers.manage' },
      schema: {
        tags: TAG,
        summary: 'Replace the credit record',
        params: S.idParams,
        body: S.creditRecordInput,
        response: { 200: S.customerView },
      },
    },
    async (request) =>
      customers.putCreditRecord(
        deps,
        actorContext(request),
        actorOf(request),
        request.params.id,
        request.body,
      ),
  );

  app.post(
    '/customers/:id/consents',
    {
      config: { permission: 'customers.consent' },
      schema: {
        tags: TAG,
        summary:
          'Record consent given or withdrawn for a purpose (service, marketing, data_sharing); returns the history',
        params: S.idParams,
        body: S.consentInput,
        response: {
          201: z.array(
            z.object({
              purpose: z.string(),
              granted: z.boolean(),
              source: z.string(),
              note: z.string().nullable(),
              recordedBy: z.string().nullable(),
              recordedAt: z.string(),
            }),
          ),
        },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await customers.recordConsent(
            deps,
            actorContext(request),
            actorOf(request),
            request.params.id,
            request.body,
          ),
        ),
  );

  app.post(
    '/customers/:id/classification/overrides',
    {
      config: { permission: 'customers.manage' },
      schema: {
        tags: TAG,
        summary: 'Override one axis of the classification with a reason (value null removes the override)',
        params: S.idParams,
        body: S.overrideBody,
        response: { 200: S.customerView },
      },
    },
    async (request) =>
      customers.overrideClass(deps, actorContext(request), actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/customers/:id/tags',
    {
      config: { permission: 'customers.manage' },
      schema: {
        tags: TAG,
        summary: 'Add and remove tags',
        params: S.idParams,
        body: S.tagsBody,
        response: { 200: z.object({ tags: z.array(z.string()) }) },
      },
    },
    async (request) => ({
      tags: await customers.changeTags(
        deps,
        actorContext(request),
        actorOf(request),
        request.params.id,
        request.body,
      ),
    }),
  );

  app.get(
    '/customers/:id/notes',
    {
      config: { permission: 'customers.internal' },
      schema: {
        tags: TAG,
        summary: 'Notes, newest first',
        params: S.idParams,
        querystring: z.strictObject({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.array(S.noteView) },
      },
    },
    async (request) =>
      customers.listNotes(
        deps,
        actorOf(request),
        request.params.id,
        request.query.limit,
        request.query.offset,
      ),
  );

  app.post(
    '/customers/:id/notes',
    {
      config: { permission: 'customers.manage' },
      schema: {
        tags: TAG,
        summary: 'Add a note',
        params: S.idParams,
        body: S.noteBody,
        response: { 201: S.noteView },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await customers.addNote(
            deps,
            actorContext(request),
            actorOf(request),
            request.params.id,
            request.body.body,
          ),
        ),
  );

  app.get(
    '/customers/:id/tasks',
    {
      config: { permission: 'customers.internal' },
      schema: {
        tags: TAG,
        summary: 'Tasks about a customer',
        params: S.idParams,
        response: { 200: z.array(S.taskView) },
      },
    },
    async (request) => customers.listCustomerTasks(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/customers/:id/tasks',
    {
      config: { permission: 'customers.manage' },
      schema: {
        tags: TAG,
        summary: 'Create a task (assigned to oneself unless assigneeId is given)',
        params: S.idParams,
        body: S.taskBody,
        response: { 201: S.taskView },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await customers.addTask(
            deps,
            actorContext(request),
            actorOf(request),
            request.params.id,
            request.body,
          ),
        ),
  );

  app.patch(
    '/customers/:id/tasks/:taskId',
    {
      config: { permission: 'customers.manage' },
      schema: {
        tags: TAG,
        summary: 'Change or complete a task',
        params: S.taskParams,
        body: S.taskPatch,
        response: { 200: S.taskView },
      },
    },
    async (request) =>
      customers.updateTask(
        deps,
        actorContext(request),
        actorOf(request),
        request.params.id,
        request.params.taskId,
        request.body,
      ),
  );

  app.get(
    '/tasks',
    {
      config: { permission: 'customers.manage' },
      schema: {
        tags: TAG,
        summary: 'Customer tasks: mine (default) or everyone’s',
        querystring: S.taskListQuery,
        response: { 200: z.array(S.taskView) },
      },
    },
    async (request) => customers.listMyTasks(deps, actorOf(request), request.query),
  );

  app.get(
    '/customers/:id/timeline',
    {
      config: { permission: 'customers.internal' },
      schema: {
        tags: TAG,
        summary: 'Everything that happened with the customer, newest first (page with before=occurredAt)',
        params: S.idParams,
        querystring: S.timelineQuery,
        response: { 200: z.array(S.timelineView) },
      },
    },
    async (request) =>
      customers.listTimeline(
        deps,
        actorOf(request),
        request.params.id,
        request.query.before,
        request.query.limit,
      ),
  );

  app.post(
    '/customers/:id/close',
    {
      config: { permission: 'customers.manage' },
      schema: {
        tags: TAG,
        summary: 'Close the customer relationship',
        params: S.idParams,
        body: S.reasonBody,
        response: { 200: S.customerView },
      },
    },
    async (request) =>
      customers.closeCustomer(
        deps,
        actorContext(request),
        actorOf(request),
        request.params.id,
        request.body.reason,
      ),
  );

  app.get(
    '/customers/:id/export',
    {
      config: { permission: 'customers.privacy' },
      schema: {
        tags: TAG,
        summary: 'Data-subject export: everything held about the customer, unmasked JSON (audited)',
        params: S.idParams,
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async (request, reply) => {
      const data = await customers.exportCustomerData(
        deps,
        actorContext(request),
        actorOf(request),
        request.params.id,
      );
      reply.header('content-disposition', `attachment; filename="customer-${request.params.id}.json"`);
      return data;
    },
  );

  app.post(
    '/customers/:id/anonymise',
    {
      config: { permission: 'customers.privacy' },
      schema: {
        tags: TAG,
        summary: 'Anonymise a closed customer where no legal retention applies (irreversible)',
        params: S.idParams,
        body: S.reasonBody,
        response: { 200: S.customerView },
      },
    },
    async (request) =>
      customers.anonymiseCustomer(
        deps,
        actorContext(request),
        actorOf(request),
        request.params.id,
        request.body.reason,
      ),
  );

  // Duplicates and merge ---------------------------------------------------------------------

  app.post(
    '/customers/duplicates/check',
    {
      config: { permission: 'customers.manage' },
      schema: {
        tags: TAG,
        summary:
          'Likely duplicates of a customer about to be entered (ID number, phone, name + birth date [+ school])',
        body: S.duplicateCheckBody,
        response: { 200: z.array(S.duplicateCandidate) },
      },
    },
    async (request) => duplicates.checkDuplicates(deps, request.body),
  );

  app.get(
    '/customers/:id/duplicates',
    {
      config: { permission: 'customers.manage' },
      schema: {
        tags: TAG,
        summary: 'Likely duplicates of an existing customer',
        params: S.idParams,
        response: { 200: z.array(S.duplicateCandidate) },
      },
    },
    async (request) => duplicates.duplicatesOf(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/customers/:id/merge/preview',
    {
      config: { permission: 'customers.manage' },
      schema: {
        tags: TAG,
        summary: 'What merging duplicateId into this customer would do',
        params: S.idParams,
        body: S.mergeBody,
        response: { 200: S.mergePreview },
      },
    },
    async (request) =>
      duplicates.mergePreview(deps, actorOf(request), request.params.id, request.body.duplicateId),
  );

  app.post(
    '/customers/:id/merge',
    {
      config: { permission: 'customers.manage' },
      schema: {
        tags: TAG,
        summary: 'Merge duplicateId into this customer (audited, reversible)',
        params: S.idParams,
        body: S.mergeBody,
        response: { 200: S.mergeResult },
      },
    },
    async (request) =>
      duplicates.mergeCustomers(
        deps,
        actorContext(request),
        actorOf(request),
        request.params.id,
        request.body.duplicateId,
        request.body.reason,
      ),
  );

  app.post(
    '/customers/merges/:mergeId/reverse',
    {
      config: { permission: 'customers.manage' },
      schema: { tags: TAG, summary: 'Undo a merge', params: S.mergeParams, response: { 200: S.mergeResult } },
    },
    async (request) =>
      duplicates.reverseMerge(deps, actorContext(request), actorOf(request), request.params.mergeId),
  );

  // Import -------------------------------------------------------------------------------------

  // Import files arrive as the raw request body (text/csv or an .xlsx workbook), up to 200 MB.
  app.addContentTypeParser(
    ['text/csv', 'text/plain'],
    { parseAs: 'string', bodyLimit: 200 * 1024 * 1024 },
    (_req, body, done) => done(null, body),
  );
  app.addContentTypeParser(
    XLSX_MEDIA_TYPE,
    { parseAs: 'buffer', bodyLimit: 200 * 1024 * 1024 },
    (_req, body, done) => done(null, body),
  );

  app.get(
    '/customers/imports/template.csv',
    {
      config: { permission: 'customers.import' },
      schema: { tags: TAG, summary: 'The import template: every column, with one example row' },
    },
    async (_request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="customers-import-template.csv"')
        .send(imports.importTemplateCsv()),
  );

  app.get(
    '/customers/imports/template.xlsx',
    {
      config: { permission: 'customers.import' },
      schema: { tags: TAG, summary: 'The import template as an Excel workbook' },
    },
    async (_request, reply) => {
      async function* rows() {
        yield* imports.importTemplateRows();
      }
      return reply
        .type(XLSX_MEDIA_TYPE)
        .header('content-disposition', 'attachment; filename="customers-import-template.xlsx"')
        .send(xlsxStream('customers', rows()));
    },
  );

  app.post(
    '/customers/imports',
    {
      config: { permission: 'customers.import' },
      bodyLimit: 200 * 1024 * 1024,
      schema: {
        tags: TAG,
        summary:
          'Import customers from a CSV body (content-type text/csv) or an Excel workbook (first sheet; content-type ' +
          XLSX_MEDIA_TYPE +
          '). 202 with the job; poll it, or wait=true for small files',
        querystring: S.importQuery,
        response: { 200: S.importJobView, 202: S.importJobView },
      },
    },
    async (request, reply) => {
      const body: unknown = request.body;
      const file =
        typeof body === 'string'
          ? ({ format: 'csv', text: body } as const)
          : Buffer.isBuffer(body)
            ? ({ format: 'xlsx', data: body } as const)
            : null;
      if (!file)
        throw new Problem(
          415,
          'unsupported-media-type',
          'Unsupported media type',
          `Send the file as the request body with content-type text/csv or ${XLSX_MEDIA_TYPE}`,
        );
      const { job, done } = await imports.startImport(deps, actorContext(request), {
        ...file,
        fileName: request.query.fileName,
        dryRun: request.query.dryRun === 'true',
      });
      if (request.query.wait === 'true') return reply.status(200).send(await done);
      done.catch((err: unknown) => request.log.error({ err }, 'import failed'));
      return reply.status(202).send(job);
    },
  );

  app.get(
    '/customers/imports',
    {
      config: { permission: 'customers.import' },
      schema: { tags: TAG, summary: 'Recent import jobs', response: { 200: z.array(S.importJobView) } },
    },
    async () => imports.listImportJobs(deps),
  );

  app.get(
    '/customers/imports/:id',
    {
      config: { permission: 'customers.import' },
      schema: {
        tags: TAG,
        summary: 'An import job: progress and the row-level report',
        params: S.idParams,
        response: { 200: S.importJobView },
      },
    },
    async (request) => imports.getImportJob(deps, request.params.id),
  );

  // Schools ----------------------------------------------------------------------------------

  app.get(
    '/schools',
    {
      config: { permission: 'customers.read' },
      schema: {
        tags: ['schools'],
        summary: 'Search the school catalogue (English or Chinese name, code)',
        querystring: S.schoolListQuery,
        response: { 200: S.listResponse(S.schoolView) },
      },
    },
    async (request) => schools.listSchools(deps, request.query),
  );

  app.get(
    '/schools/:id',
    {
      config: { permission: 'customers.read' },
      schema: {
        tags: ['schools'],
        summary: 'One school',
        params: S.idParams,
        response: { 200: S.schoolView },
      },
    },
    async (request) => schools.getSchool(deps, request.params.id),
  );

  app.post(
    '/schools',
    {
      config: { permission: 'customers.manage' },
      schema: {
        tags: ['schools'],
        summary: 'Add a school by hand',
        body: S.createSchoolBody,
        response: { 201: S.schoolView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await schools.createSchool(deps, actorContext(request), request.body)),
  );

  app.post(
    '/schools/import',
    {
      config: { permission: 'customers.import' },
      schema: {
        tags: ['schools'],
        summary:
          'Add schools from a CSV body (name, name_local, country, region, city, type, highest_level, programme_years, code); each row on its own',
        response: {
          200: z.object({
            created: z.number().int(),
            failed: z.number().int(),
            errors: z.array(S.importRowError),
          }),
        },
      },
    },
    async (request) => {
      if (typeof request.body !== 'string')
        throw new Problem(
          415,
          'unsupported-media-type',
          'Unsupported media type',
          'Send the file as the request body with content-type text/csv',
        );
      return schools.importSchools(deps, actorContext(request), request.body);
    },
  );

  app.get(
    '/schools/:id/programmes',
    {
      config: { permission: 'customers.read' },
      schema: {
        tags: ['schools'],
        summary: 'Programmes (majors) of a school',
        params: S.idParams,
        response: { 200: z.array(S.programmeView) },
      },
    },
    async (request) => schools.listProgrammes(deps, request.params.id),
  );

  app.post(
    '/schools/:id/programmes',
    {
      config: { permission: 'customers.manage' },
      schema: {
        tags: ['schools'],
        summary: 'Add a programme (major) to a school',
        params: S.idParams,
        body: S.programmeBody,
        response: { 201: S.programmeView },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await schools.addProgramme(deps, actorContext(request), request.params.id, request.body)),
  );
};
