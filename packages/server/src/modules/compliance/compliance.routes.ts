// HTTP routes of the compliance module: one plugin per compliance routine, registered here.
import type { FastifyPluginAsync } from 'fastify';
import type { Deps } from '../../deps.ts';
import { bureauRoutes } from './bureau.routes.ts';
import { dashboardRoutes } from './dashboard.routes.ts';
import { disputesRoutes } from './disputes.routes.ts';
import { kycAmlRoutes } from './kyc.routes.ts';
import { dataProtectionRoutes } from './retention.routes.ts';
import { disclosureRoutes } from './disclosures.routes.ts';
import { fairLendingRoutes } from './fair-lending.routes.ts';
import { reviewRoutes } from './review.routes.ts';
import { trainingRoutes } from './training.routes.ts';

export const complianceRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  void deps;
  void app;
  await app.register(dashboardRoutes, { deps });
  await app.register(bureauRoutes, { deps });
  await app.register(disputesRoutes, { deps });
  await app.register(kycAmlRoutes, { deps });
  await app.register(dataProtectionRoutes, { deps });
  await app.register(disclosureRoutes, { deps });
  await app.register(fairLendingRoutes, { deps });
  await app.register(trainingRoutes, { deps });
  await app.register(reviewRoutes, { deps });
};
