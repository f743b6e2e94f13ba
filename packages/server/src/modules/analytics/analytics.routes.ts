// HTTP routes of the analytics module: one plugin per area, registered here.
import type { FastifyPluginAsync } from 'fastify';
import type { Deps } from '../../deps.ts';

export const analyticsRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  void deps;
  void app;
};
