// Training routes: courses (training.manage), one's own training and attestations
// (training.self), the completion matrix.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Role } from '@bursar/core';
import type { Deps } from '../../deps.ts';
import { actorContext, actorOf } from '../../http/guard.ts';
import * as S from './training.schema.ts';
import * as training from './training.service.ts';

const tags = ['compliance: training'];

export const trainingRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/compliance/training/courses',
    {
      config: { permission: 'training.manage' },
      schema: { tags, summary: 'Courses and attestations, every version' },
    },
    async () => ({ items: await training.listCourses(deps) }),
  );
  app.post(
    '/compliance/training/courses',
    {
      config: { permission: 'training.manage' },
      schema: { tags, summary: 'Create a course, or a new version of an existing code', body: S.courseBody },
    },
    async (request, reply) =>
      reply.code(201).send(
        await training.saveCourse(deps, actorContext(request), {
          ...request.body,
          roles: request.body.roles as Role[],
        }),
      ),
  );
  app.get(
    '/compliance/training/matrix',
    {
      config: { permission: 'training.manage' },
      schema: { tags, summary: 'Completion matrix: every staff member against every required course' },
    },
    async () => training.completionMatrix(deps),
  );
  app.get(
    '/compliance/training/mine',
    {
      config: { permission: 'training.self' },
      schema: { tags, summary: "The signed-in staff member's required courses and their status" },
    },
    async (request) => training.myTraining(deps, actorOf(request)),
  );
  app.get(
    '/compliance/training/courses/:id/take',
    {
      config: { permission: 'training.self' },
      schema: { tags, summary: 'A course to take: content and quiz (without answers)', params: S.idParams },
    },
    async (request) => training.courseToTake(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/compliance/training/courses/:id/complete',
    {
      config: { permission: 'training.self' },
      schema: {
        tags,
        summary: 'Submit quiz answers (or affirm an attestation); marked on the server',
        params: S.idParams,
        body: S.completeBody,
      },
    },
    async (request) =>
      training.completeCourse(deps, actorContext(request), actorOf(request), request.params.id, request.body),
  );
};
