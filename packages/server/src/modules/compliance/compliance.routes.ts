// HTTP routes of the compliance module: one plugin per compliance routine, registered here.
import type { FastifyPluginAsync } from 'fastify';
import type { Deps } from '../../deps.ts';

export const complianceRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  void deps;
  void app;
};
