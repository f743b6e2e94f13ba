// Every route declares the permission it needs (or why it is public); registration fails
// otherwise. Requests are authenticated from the session cookie, authorised against the
// permission matrix, and state-changing requests must echo the session's CSRF token.
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { Deps, ActorContext } from '../deps.ts';
import { resolveSession, SESSION_COOKIE } from '../modules/identity/index.ts';
import { Problem, sendProblem } from './problem.ts';
import './types.ts';

export interface RegisteredRoute {
  method: string;
  url: string;
  permission: string | undefined;
  public: string | undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_HEADER = 'x-csrf-token';

/** Routes added by plugins we do not write (API docs, static assets) are public by their prefix. */
function pluginPublicKind(url: string): 'docs' | 'web-asset' | undefined {
  if (url === '/api/docs' || url.startsWith('/api/docs/')) return 'docs';
  if (!url.startsWith('/api/')) return 'web-asset';
  return undefined;
}

export function installRouteGuard(app: FastifyInstance, registry: RegisteredRoute[]): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const config = (route.config ?? {}) as { permission?: string; public?: string };
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!config.permission && !config.public) {
      const kind = pluginPublicKind(route.url);
      if (!kind) throw new Error(`Route ${methods.join(',')} ${route.url} declares no permission`);
      route.config = { ...config, public: kind } as RouteOptions['config'];
    }
    const finalConfig = route.config as { permission?: string; public?: string };
    for (const m of methods)
      registry.push({
        method: m,
        url: route.url,
        permission: finalConfig.permission,
        public: finalConfig.public,
      });
  });
}

export function installAuthentication(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request, reply) => {
    const config = request.routeOptions.config;
    if (!config.permission) return;
    const token = request.cookies[SESSION_COOKIE];
    const actor = token ? await resolveSession(deps, token) : null;
    if (!actor) return sendProblem(reply, request, Problem.unauthorized());
    request.actor = actor;
    if (!actor.permissions.has(config.permission)) {
      const p = actor.mustEnrolTotp
        ? new Problem(
            403,
            'totp-enrolment-required',
            'Second factor required',
            'Enrol an authenticator app on your account page first',
          )
        : Problem.forbidden(`This needs the ${config.permission} permission`);
      return sendProblem(reply, request, p);
    }
    if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== actor.csrfToken) {
      return sendProblem(
        reply,
        request,
        new Problem(
          403,
          'csrf',
          'Missing or wrong CSRF token',
          `Send the ${CSRF_HEADER} header from your session`,
        ),
      );
    }
  });
}

/** The signed-in actor of a guarded route. */
export function actorOf(request: FastifyRequest) {
  if (!request.actor) throw Problem.unauthorized();
  return request.actor;
}

export function actorContext(request: FastifyRequest): ActorContext {
  const a = request.actor;
  return {
    actorId: a?.userId ?? null,
    actorName: a?.username ?? null,
    actorRole: a?.roles[0] ?? null,
    requestId: request.id,
    ip: request.ip,
  };
}
