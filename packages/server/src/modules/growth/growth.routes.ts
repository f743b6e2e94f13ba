// HTTP routes of the growth module: one plugin per area, registered here.
import type { FastifyPluginAsync } from 'fastify';
import type { Deps } from '../../deps.ts';
import { campaignsRoutes } from './campaigns.routes.ts';
import { prospectRoutes } from './prospects.routes.ts';

export const growthRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  void deps;
  void app;
  await app.register(campaignsRoutes, { deps });
  await app.register(prospectRoutes, { deps });
};
