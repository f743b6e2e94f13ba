import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { actorContext, actorOf } from '../../http/guard.ts';
import { maskEmail } from '../../security/mask.ts';
import * as schema from './identity.schema.ts';
import * as identity from './identity.service.ts';

export const SESSION_COOKIE = 'bursar_session';

export const identityRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const setSessionCookie = (reply: FastifyReply, token: string, expires: Date) =>
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: deps.config.secureCookies,
      expires,
    });

  app.post(
    '/auth/login',
    {
      config: { public: 'login', rateLimit: { max: deps.config.loginRateLimit, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with username, password and (when enrolled) a TOTP code',
        security: [],
        body: schema.loginBody,
        response: { 200: z.object({ user: schema.publicUserSchema, csrfToken: z.string() }) },
      },
    },
    async (request, reply) => {
      const result = await identity.login(
        deps,
        actorContext(request),
        request.body,
        request.headers['user-agent'] ?? null,
      );
      setSessionCookie(reply, result.token, result.expiresAt);
      return { user: result.user, csrfToken: result.csrfToken };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { permission: 'self.read' },
      schema: { tags: ['auth'], summary: 'Sign out', response: { 204: z.null() } },
    },
    async (request, reply) => {
      await identity.logout(deps, actorContext(request), actorOf(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
      config: { permission: 'self.read' },
      schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: schema.meSchema } },
    },
    async (request) => {
      const actor = actorOf(request);
      const user = await identity.getMe(deps, actor);
      return {
        user: {
          ...user,
          permissions: [...actor.permissions].sort(),
          mustEnrolTotp: actor.mustEnrolTotp,
          customerId: actor.customerId,
          schoolId: actor.schoolId,
        },
        csrfToken: actor.csrfToken,
      };
    },
  );

  app.put(
    '/auth/me/locale',
    {
      config: { permission: 'self.read' },
      schema: {
        tags: ['auth'],
        summary: 'Keep the user interface language for this user',
        body: schema.localeBody,
        response: { 200: schema.localeBody },
      },
    },
    async (request) => ({
      locale: await identity.setLocale(deps, actorContext(request), actorOf(request), request.body.locale),
    }),
  );

  app.post(
    '/auth/password',
    {
      config: { permission: 'self.read' },
      schema: {
        tags: ['auth'],
        summary: 'Change one’s own password',
        body: schema.passwordBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await identity.changePassword(
        deps,
        actorContext(request),
        actorOf(request),
        request.body.currentPassword,
        request.body.newPassword,
      );
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/totp/setup',
    {
      config: { permission: 'self.read' },
      schema: {
        tags: ['auth'],
        summary: 'Start enrolling an authenticator app',
        response: { 200: z.object({ secret: z.string(), otpauthUrl: z.string() }) },
      },
    },
    async (request) => identity.beginTotpEnrolment(deps, actorContext(request), actorOf(request)),
  );

  for (const [path, enable] of [
    ['/auth/totp/enable', true],
    ['/auth/totp/disable', false],
  ] as const) {
    app.post(
      path,
      {
        config: { permission: 'self.read' },
        schema: {
          tags: ['auth'],
          summary: enable ? 'Confirm enrolment with a code' : 'Turn the second factor off',
          body: schema.totpCodeBody,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await identity.confirmTotp(deps, actorContext(request), actorOf(request), request.body.code, enable);
        return reply.status(204).send(null);
      },
    );
  }

  // Administration ------------------------------------------------------------------------

  const visible = (user: identity.PublicUser, canSeePii: boolean): identity.PublicUser =>
    canSeePii || !user.email ? user : { ...user, email: maskEmail(user.email) };

  app.get(
    '/users',
    {
      config: { permission: 'users.read' },
      schema: {
        tags: ['users'],
        summary: 'List users',
        querystring: schema.userListQuery,
        response: { 200: z.object({ items: z.array(schema.publicUserSchema), total: z.number().int() }) },
      },
    },
    async (request) => {
      const { limit, offset, ...filter } = request.query;
      const page = await identity.listUsers(deps, filter, { limit, offset });
      const pii = actorOf(request).permissions.has('pii.read');
      return { items: page.items.map((u) => visible(u, pii)), total: page.total };
    },
  );

  app.get(
    '/users/:id',
    {
      config: { permission: 'users.read' },
      schema: {
        tags: ['users'],
        summary: 'One user',
        params: schema.idParams,
        response: { 200: schema.publicUserSchema },
      },
    },
    async (request) =>
      visible(await identity.getUser(deps, request.params.id), actorOf(request).permissions.has('pii.read')),
  );

  app.post(
    '/users',
    {
      config: { permission: 'users.manage' },
      schema: {
        tags: ['users'],
        summary: 'Create a user',
        body: schema.createUserBody,
        response: { 201: schema.publicUserSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await identity.createUser(deps, actorContext(request), request.body)),
  );

  app.patch(
    '/users/:id',
    {
      config: { permission: 'users.manage' },
      schema: {
        tags: ['users'],
        summary: 'Change a user’s name, email, roles, status or second-factor requirement',
        params: schema.idParams,
        body: schema.updateUserBody,
        response: { 200: schema.publicUserSchema },
      },
    },
    async (request) =>
      identity.updateUserByAdmin(
        deps,
        actorContext(request),
        actorOf(request),
        request.params.id,
        request.body,
      ),
  );

  app.post(
    '/users/:id/password',
    {
      config: { permission: 'users.manage' },
      schema: {
        tags: ['users'],
        summary: 'Set a new password for a user (ends their sessions)',
        params: schema.idParams,
        body: schema.newPasswordBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await identity.resetPasswordByAdmin(
        deps,
        actorContext(request),
        request.params.id,
        request.body.newPassword,
      );
      return reply.status(204).send(null);
    },
  );
};
