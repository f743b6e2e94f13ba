// HTTP routes of the analytics module: management dashboards and their drill-downs, lifetime
// value, churn, repeat borrowing, NPS by segment, market share and enrolment, scheduled reports.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { XLSX_MEDIA_TYPE } from '../../files/xlsx.ts';
import { actorContext } from '../../http/guard.ts';
import * as S from './analytics.schema.ts';
import { analyticsSettings, updateAnalyticsSettings } from './analytics.settings.ts';
import { drillDown, managementDashboard, refreshDashboards } from './dashboards.service.ts';
import * as loyalty from './loyalty.service.ts';
import * as reports from './reports.service.ts';

export const analyticsRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const tags = ['analytics'];
  app.get(
    '/analytics/dashboard',
    {
      config: { permission: 'analytics.read' },
      schema: {
        tags,
        summary:
          'Management dashboard: originations, balance and yield, PAR30, default and cohort default rates, CSAT/NPS, SLA, acquisition cost, lifetime value, staff ratings, with monthly trends',
        querystring: S.dashboardQuerySchema,
      },
    },
    async (request) => managementDashboard(deps, request.query),
  );

  app.get(
    '/analytics/dashboard/drill',
    {
      config: { permission: 'analytics.read' },
      schema: {
        tags,
        summary: 'The loans behind a dashboard number (PAR30, a month of originations), keyset-paginated by loan number',
        querystring: S.drillQuerySchema,
      },
    },
    async (request) => drillDown(deps, request.query),
  );

  app.post(
    '/analytics/dashboard/refresh',
    {
      config: { permission: 'reports.schedule' },
      schema: { tags, summary: 'Rebuild the dashboard summaries for the open business date now', body: S.refreshBodySchema },
    },
    async (request) => refreshDashboards(deps, request.body.asOf),
  );

  app.get(
    '/analytics/dashboard/export',
    {
      config: { permission: 'analytics.read' },
      schema: { tags, summary: 'The dashboard as a PDF or XLSX file, in English or Chinese', querystring: S.exportQuerySchema },
    },
    async (request, reply) => {
      const { format, language, ...q } = request.query;
      const d = await managementDashboard(deps, q);
      const stamp = d.asOf ?? d.businessDate;
      if (format === 'xlsx')
        return reply
          .type(XLSX_MEDIA_TYPE)
          .header('content-disposition', `attachment; filename="dashboard-${stamp}.xlsx"`)
          .send(await reports.dashboardXlsx(d, language));
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="dashboard-${stamp}.pdf"`)
        .send(await reports.dashboardPdf(d, language));
    },
  );

  app.get(
    '/analytics/lifetime-value',
    {
      config: { permission: 'analytics.read' },
      schema: { tags, summary: 'Lifetime value of open loans (one loan, one customer, or the largest)', querystring: S.clvQuerySchema },
    },
    async (request) => loyalty.loanValues(deps, request.query),
  );

  app.get(
    '/analytics/churn',
    {
      config: { permission: 'analytics.read' },
      schema: { tags, summary: 'Churn status with its reason for every borrower, a page at a time', querystring: S.churnQuerySchema },
    },
    async (request) => loyalty.churnStatuses(deps, request.query),
  );

  app.get(
    '/analytics/repeat-borrowing',
    {
      config: { permission: 'analytics.read' },
      schema: { tags, summary: 'Repeat borrowing: customers with loans in two or more academic years; graduate after undergraduate', querystring: S.currencyQuerySchema },
    },
    async (request) => loyalty.repeatBorrowingFigures(deps, request.query.currency),
  );

  app.get(
    '/analytics/nps-by-segment',
    {
      config: { permission: 'analytics.read' },
      schema: { tags, summary: 'NPS and CSAT by segment (study level)', querystring: S.currencyQuerySchema },
    },
    async (request) => loyalty.npsBySegment(deps, request.query),
  );

  app.get(
    '/analytics/market-share',
    {
      config: { permission: 'analytics.read' },
      schema: { tags, summary: 'Market share by school: our borrowers ÷ enrolled students, per academic year', querystring: S.marketShareQuerySchema },
    },
    async (request) => loyalty.marketShareBySchool(deps, request.query),
  );

  app.get(
    '/analytics/enrolment',
    { config: { permission: 'analytics.read' }, schema: { tags, summary: 'School enrolment figures by academic year' } },
    async () => ({ items: await loyalty.listEnrolment(deps) }),
  );

  app.post(
    '/analytics/enrolment/import',
    {
      config: { permission: 'reports.schedule' },
      schema: { tags, summary: 'Import school enrolment figures from CSV (school, academic_year, enrolled)', body: S.enrolmentImportSchema },
    },
    async (request) => loyalty.importEnrolmentCsv(deps, actorContext(request), request.body.csv),
  );

  app.get(
    '/analytics/settings',
    { config: { permission: 'analytics.read' }, schema: { tags, summary: 'Lifetime-value and churn assumptions' } },
    async () => analyticsSettings(deps),
  );

  app.put(
    '/analytics/settings',
    {
      config: { permission: 'reports.schedule' },
      schema: { tags, summary: 'Change lifetime-value and churn assumptions', body: S.settingsSchema },
    },
    async (request) => updateAnalyticsSettings(deps, actorContext(request), request.body),
  );

  app.get(
    '/analytics/report-schedules',
    { config: { permission: 'analytics.read' }, schema: { tags, summary: 'Scheduled dashboard reports' } },
    async () => ({ items: await reports.listReportSchedules(deps) }),
  );

  app.post(
    '/analytics/report-schedules',
    {
      config: { permission: 'reports.schedule' },
      schema: { tags, summary: 'Schedule the dashboard as PDF and/or XLSX by e-mail, weekly or monthly', body: S.scheduleBodySchema },
    },
    async (request, reply) =>
      reply.code(201).send(await reports.scheduleDashboardReport(deps, actorContext(request), request.body)),
  );

  app.put(
    '/analytics/report-schedules/:id/active',
    {
      config: { permission: 'reports.schedule' },
      schema: { tags, summary: 'Pause or resume a scheduled report', params: S.idParams, body: S.scheduleActiveSchema },
    },
    async (request) => reports.setReportScheduleActive(deps, actorContext(request), request.params.id, request.body.active),
  );
};
