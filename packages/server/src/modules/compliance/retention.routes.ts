// HTTP routes of data protection: retention schedule, legal holds, retention runs and evidence,
// data residency, data-subject requests (staff queue and the student's portal), regulator reports.
// Registering them checks the database's declared data region first: a mismatch stops start-up.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { actorContext, actorOf } from '../../http/guard.ts';
import { DSR_DEADLINE_RULES } from './dsr.deadline.ts';
import * as dsr from './dsr.service.ts';
import * as holds from './legal-hold.service.ts';
import * as reports from './regulator-reports.service.ts';
import { enforceDataRegion, residencyStatus } from './residency.ts';
import * as S from './retention.schema.ts';
import * as retention from './retention.service.ts';

const TAG = ['compliance'];
const list = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

export const dataProtectionRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  await enforceDataRegion(deps);
  holds.installHoldRetentionCheck();

  // ---- retention schedule ---------------------------------------------------------------------
  app.get(
    '/compliance/retention/schedule',
    {
      config: { permission: 'retention.manage' },
      schema: {
        tags: TAG,
        summary: 'The retention schedule per record type',
        response: { 200: list(S.retentionRule) },
      },
    },
    async () => ({ items: await retention.listRetentionSchedule(deps) }),
  );
  app.put(
    '/compliance/retention/schedule/:recordType',
    {
      config: { permission: 'retention.manage' },
      schema: {
        tags: TAG,
        summary: 'Set the retention period, trigger, action and legal basis of a record type (audited)',
        params: S.recordTypeParams,
        body: S.retentionRuleBody,
        response: { 200: S.retentionRule },
      },
    },
    async (request) =>
      retention.putRetentionRule(deps, actorContext(request), request.params.recordType, request.body),
  );

  // ---- legal holds ----------------------------------------------------------------------------
  app.get(
    '/compliance/legal-holds',
    {
      config: { permission: 'retention.manage' },
      schema: {
        tags: TAG,
        summary: 'Legal holds (active only by default)',
        querystring: S.holdsQuery,
        response: { 200: list(S.legalHold) },
      },
    },
    async (request) => ({ items: await holds.listLegalHolds(deps, request.query.active === 'true') }),
  );
  app.post(
    '/compliance/legal-holds',
    {
      config: { permission: 'retention.manage' },
      schema: {
        tags: TAG,
        summary:
          'Place a legal hold on a customer, a loan or a case: nothing of the customer is anonymised or deleted',
        body: S.holdBody,
        response: { 201: S.legalHold },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await holds.placeLegalHold(deps, actorContext(request), request.body)),
  );
  app.post(
    '/compliance/legal-holds/:id/release',
    {
      config: { permission: 'retention.manage' },
      schema: {
        tags: TAG,
        summary: 'Release a legal hold',
        params: S.idParams,
        body: S.releaseBody,
        response: { 200: S.legalHold },
      },
    },
    async (request) =>
      holds.releaseLegalHold(deps, actorContext(request), request.params.id, request.body.reason),
  );

  // ---- retention runs -------------------------------------------------------------------------
  app.get(
    '/compliance/retention/runs',
    {
      config: { permission: 'retention.manage' },
      schema: { tags: TAG, summary: 'Retention runs, newest first', response: { 200: list(S.retentionRun) } },
    },
    async () => ({ items: await retention.listRetentionRuns(deps) }),
  );
  app.post(
    '/compliance/retention/runs',
    {
      config: { permission: 'retention.manage' },
      schema: {
        tags: TAG,
        summary: 'Run (or resume) the retention job for a day; a completed day is returned unchanged',
        body: S.runRetentionBody,
        response: { 200: S.retentionRun },
      },
    },
    async (request) => retention.runRetention(deps, { ...request.body, ctx: actorContext(request) }),
  );
  app.get(
    '/compliance/retention/runs/:id',
    {
      config: { permission: 'retention.manage' },
      schema: {
        tags: TAG,
        summary: 'A retention run with its counts and errors',
        params: S.idParams,
        response: { 200: S.retentionRun },
      },
    },
    async (request) => retention.getRetentionRun(deps, request.params.id),
  );
  app.get(
    '/compliance/retention/runs/:id/evidence',
    {
      config: { permission: 'retention.manage' },
      schema: {
        tags: TAG,
        summary: 'The run’s evidence file (JSON, ids hashed) with its SHA-256',
        params: S.idParams,
      },
    },
    async (request, reply) => {
      const e = await retention.retentionEvidence(deps, actorContext(request), request.params.id);
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${e.fileName}"`)
        .header('x-checksum-sha256', e.sha256)
        .header('x-evidence-intact', String(e.intact))
        .send(e.content);
    },
  );
  app.get(
    '/compliance/residency',
    {
      config: { permission: 'retention.manage' },
      schema: {
        tags: TAG,
        summary: 'Configured and declared data region, and allowed export regions',
        response: { 200: S.residency },
      },
    },
    async () => residencyStatus(deps),
  );

  // ---- data-subject requests ------------------------------------------------------------------
  app.get(
    '/compliance/dsrs/deadline-rules',
    {
      config: { permission: 'dsr.manage' },
      schema: {
        tags: TAG,
        summary: 'Statutory deadline per privacy regime, with its source',
        response: { 200: S.deadlineRules },
      },
    },
    async () => DSR_DEADLINE_RULES,
  );
  app.get(
    '/compliance/dsrs',
    {
      config: { permission: 'dsr.manage' },
      schema: {
        tags: TAG,
        summary: 'Data-subject requests by due date',
        querystring: S.dsrQuery,
        response: { 200: list(S.dsr) },
      },
    },
    async (request) => ({ items: await dsr.listDsrs(deps, actorOf(request), request.query) }),
  );
  app.post(
    '/compliance/dsrs',
    {
      config: { permission: 'dsr.manage' },
      schema: {
        tags: TAG,
        summary: 'File a data-subject request for a customer',
        body: S.fileDsrBody,
        response: { 201: S.dsr },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await dsr.fileDsr(deps, actorContext(request), actorOf(request), request.body)),
  );
  app.get(
    '/compliance/dsrs/:id',
    {
      config: { permission: 'dsr.manage' },
      schema: { tags: TAG, summary: 'A data-subject request', params: S.idParams, response: { 200: S.dsr } },
    },
    async (request) => dsr.getDsr(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/compliance/dsrs/:id/access',
    {
      config: { permission: 'dsr.manage' },
      schema: {
        tags: TAG,
        summary:
          'Fulfil an access request: the export package (JSON text) and its SHA-256; residency applies',
        params: S.idParams,
        body: S.accessBody,
        response: { 200: S.accessPackage },
      },
    },
    async (request) =>
      dsr.fulfilAccess(
        deps,
        actorContext(request),
        actorOf(request),
        request.params.id,
        request.body.destinationRegion,
      ),
  );
  app.post(
    '/compliance/dsrs/:id/correction',
    {
      config: { permission: 'dsr.manage' },
      schema: {
        tags: TAG,
        summary: 'Close a correction request with what was corrected',
        params: S.idParams,
        body: S.correctionBody,
        response: { 200: S.dsr },
      },
    },
    async (request) =>
      dsr.fulfilCorrection(deps, actorContext(request), request.params.id, request.body.outcome),
  );
  app.post(
    '/compliance/dsrs/:id/deletion',
    {
      config: { permission: 'dsr.manage' },
      schema: {
        tags: TAG,
        summary:
          'Fulfil a deletion request: anonymise, or refuse with the reason when a hold or obligation applies',
        params: S.idParams,
        response: { 200: S.dsr },
      },
    },
    async (request) => dsr.fulfilDeletion(deps, actorContext(request), request.params.id),
  );
  app.post(
    '/compliance/dsrs/:id/refuse',
    {
      config: { permission: 'dsr.manage' },
      schema: {
        tags: TAG,
        summary: 'Refuse a request with the reason',
        params: S.idParams,
        body: S.refuseBody,
        response: { 200: S.dsr },
      },
    },
    async (request) => dsr.refuseDsr(deps, actorContext(request), request.params.id, request.body.reason),
  );
  app.get(
    '/portal/data-requests',
    {
      config: { permission: 'dsr.own' },
      schema: { tags: TAG, summary: 'A student’s own data-subject requests', response: { 200: list(S.dsr) } },
    },
    async (request) => ({ items: await dsr.listDsrs(deps, actorOf(request), {}) }),
  );
  app.post(
    '/portal/data-requests',
    {
      config: { permission: 'dsr.own' },
      schema: {
        tags: TAG,
        summary: 'A student files a data-subject request for themself',
        body: S.portalDsrBody,
        response: { 201: S.dsr },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await dsr.fileDsr(deps, actorContext(request), actorOf(request), request.body)),
  );

  // ---- regulator reports ----------------------------------------------------------------------
  app.get(
    '/compliance/regulator-reports',
    {
      config: { permission: 'regulator.reports' },
      schema: {
        tags: TAG,
        summary: 'Regulator report runs (every version), newest first',
        response: { 200: list(S.reportRun) },
      },
    },
    async () => ({ items: await reports.listRegulatorRuns(deps) }),
  );
  app.post(
    '/compliance/regulator-reports',
    {
      config: { permission: 'regulator.reports' },
      schema: {
        tags: TAG,
        summary: 'Build and validate a report for a period; released only when valid, logged with SHA-256',
        body: S.runReportBody,
        response: { 200: S.reportRun },
      },
    },
    async (request) => reports.runRegulatorReport(deps, actorContext(request), request.body),
  );
  app.get(
    '/compliance/regulator-reports/:id',
    {
      config: { permission: 'regulator.reports' },
      schema: {
        tags: TAG,
        summary: 'A report run with its files, checksums and validation issues',
        params: S.idParams,
        response: { 200: S.reportRun },
      },
    },
    async (request) => reports.getRegulatorRun(deps, request.params.id),
  );
  app.get(
    '/compliance/regulator-reports/:id/files/:name',
    {
      config: { permission: 'regulator.reports' },
      schema: {
        tags: TAG,
        summary: 'Download a released file (checksum verified; residency applies)',
        params: S.fileParams,
      },
    },
    async (request, reply) => {
      const f = await reports.regulatorFile(
        deps,
        actorContext(request),
        request.params.id,
        request.params.name,
      );
      return reply
        .type('text/plain; charset=utf-8')
        .header('content-disposition', `attachment; filename="${f.name}"`)
        .header('x-checksum-sha256', f.sha256)
        .send(f.content);
    },
  );
};
