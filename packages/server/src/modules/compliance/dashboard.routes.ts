// GET /compliance/dashboard: every registered compliance section and the merged at-risk list.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { complianceDashboard } from './dashboard.service.ts';

export const dashboardRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/compliance/dashboard',
    {
      config: { permission: 'compliance.read' },
      schema: { tags: ['compliance'], summary: 'Compliance dashboard: sections and the at-risk list' },
    },
    async () => complianceDashboard(deps),
  );
};
