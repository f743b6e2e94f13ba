// HTTP routes of portfolio risk analytics: the dashboard, the loans behind PAR, the stress
// test, CSV/XLSX exports, settings (PDs, LGD, provision rates, elasticities) and month-end capture.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { XLSX_MEDIA_TYPE } from '../../files/xlsx.ts';
import { actorContext } from '../../http/guard.ts';
import { portfolioCsv, portfolioXlsx } from './portfolio.export.ts';
import * as S from './portfolio.schema.ts';
import * as portfolio from './portfolio.service.ts';

export const portfolioRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/risk/portfolio',
    {
      config: { permission: 'risk.read' },
      schema: {
        tags: ['risk'],
        summary:
          'Portfolio risk dashboard in one currency: PAR30/PAR90, buckets, PAR trend, roll rates, vintages, cohort default rates, IFRS 9 / CECL / 五级分类 provisions, concentration',
        querystring: S.portfolioQuerySchema,
        response: { 200: S.dashboardSchema },
      },
    },
    async (request) => portfolio.portfolioDashboard(deps, request.query),
  );

  app.get(
    '/risk/portfolio/par-loans',
    {
      config: { permission: 'risk.read' },
      schema: {
        tags: ['risk'],
        summary: 'The loans behind PARn: n or more days past due, or in default, biggest balance first',
        querystring: S.parLoansQuerySchema,
        response: { 200: S.parLoansSchema },
      },
    },
    async (request) => portfolio.loansAtRisk(deps, request.query),
  );

  app.post(
    '/risk/portfolio/stress',
    {
      config: { permission: 'risk.read' },
      schema: {
        tags: ['risk'],
        summary:
          'Stress test: PDs moved by the configured elasticity; IFRS 9, CECL and five-tier provisions, baseline vs stressed',
        body: S.stressBodySchema,
        response: { 200: S.stressSchema },
      },
    },
    async (request) =>
      portfolio.stressTest(deps, {
        currency: request.body.currency,
        scenario: { unemploymentPp: request.body.unemploymentPp, incomeDropPct: request.body.incomeDropPct },
      }),
  );

  app.get(
    '/risk/portfolio/export',
    {
      config: { permission: 'risk.read' },
      schema: {
        tags: ['risk'],
        summary: 'Export the dashboard: one section as CSV, or every section as sheets of one XLSX workbook',
        querystring: S.exportQuerySchema,
      },
    },
    async (request, reply) => {
      const { format, section, currency } = request.query;
      const stamp = deps.now().toISOString().slice(0, 10);
      if (format === 'xlsx') {
        return reply
          .type(XLSX_MEDIA_TYPE)
          .header('content-disposition', `attachment; filename="portfolio-risk-${stamp}.xlsx"`)
          .send(await portfolioXlsx(deps, currency));
      }
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="portfolio-${section}-${stamp}.csv"`)
        .send(await portfolioCsv(deps, section, currency));
    },
  );

  app.get(
    '/risk/portfolio/settings',
    {
      config: { permission: 'risk.read' },
      schema: {
        tags: ['risk'],
        summary: 'PD per bucket, LGD, staging thresholds, five-tier provision rates and stress elasticities',
        response: { 200: S.portfolioSettingsSchema },
      },
    },
    async () => portfolio.portfolioSettings(deps),
  );

  app.put(
    '/risk/portfolio/settings',
    {
      config: { permission: 'risk.register.manage' },
      schema: {
        tags: ['risk'],
        summary: 'Change the ECL and stress settings (audited)',
        body: S.portfolioSettingsSchema,
        response: { 200: S.portfolioSettingsSchema },
      },
    },
    async (request) => portfolio.updatePortfolioSettings(deps, actorContext(request), request.body),
  );

  app.post(
    '/risk/portfolio/snapshots',
    {
      config: { permission: 'risk.register.manage' },
      schema: {
        tags: ['risk'],
        summary:
          'Capture every closed month end that has no snapshot yet (also runs after close of business)',
        response: { 200: S.captureSchema },
      },
    },
    async () => portfolio.captureMonthEnds(deps),
  );
};
