// The Fastify application: API under /api/v1, OpenAPI docs, health, metrics and the web app.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Deps } from '../deps.ts';
import { auditRoutes } from '../modules/audit/index.ts';
import { customersRoutes } from '../modules/customers/index.ts';
import { engagementRoutes } from '../modules/engagement/index.ts';
import { riskRoutes } from '../modules/risk/index.ts';
import { calculatorRoutes } from '../modules/calculator/index.ts';
import { identityRoutes } from '../modules/identity/index.ts';
import { productsRoutes } from '../modules/products/index.ts';
import { originationRoutes } from '../modules/origination/index.ts';
import { servicingRoutes } from '../modules/servicing/index.ts';
import { serviceDeskModule } from '../modules/service-desk/index.ts';
import { surveysRoutes } from '../modules/surveys/index.ts';
import { complianceRoutes } from '../modules/compliance/index.ts';
import { growthRoutes } from '../modules/growth/index.ts';
import { analyticsRoutes } from '../modules/analytics/index.ts';
import { installAuthentication, installRouteGuard, type RegisteredRoute } from './guard.ts';
import { createMetrics } from './metrics.ts';
import { Problem, sendProblem, toProblem } from './problem.ts';
import { systemRoutes } from './system.routes.ts';

export interface BuiltApp {
  app: FastifyInstance;
  routes: RegisteredRoute[];
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export async function buildApp(deps: Deps, opts: { logger?: boolean } = {}): Promise<BuiltApp> {
  const app = Fastify({
    logger:
      opts.logger === false
        ? false
        : {
            level: deps.config.logLevel,
            redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'],
          },
    bodyLimit: deps.config.bodyLimitBytes,
    trustProxy: process.env.TRUST_PROXY === 'true',
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    ajv: { customOptions: { removeAdditional: false } },
    // Errors the router raises before any route or error handler runs: problem+json too.
    frameworkErrors: (error, request, reply) => {
      void sendProblem(reply, request, toProblem(error));
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const routes: RegisteredRoute[] = [];
  installRouteGuard(app, routes);

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  app.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    if (problem.status === 503) void reply.header('retry-after', '5');
    return sendProblem(reply, request, problem);
  });
  app.setNotFoundHandler((request, reply) => {
    const wantsPage =
      request.method === 'GET' &&
      !request.url.startsWith('/api/') &&
      (request.headers.accept ?? '').includes('text/html');
    if (wantsPage && deps.config.webDist && existsSync(path.join(deps.config.webDist, 'index.html'))) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    return sendProblem(
      reply,
      request,
      new Problem(404, 'not-found', 'Not found', `No route ${request.method} ${request.url.split('?')[0]}`),
    );
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    },
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Bursar API',
        version: '1',
        description: 'CRM and loan servicing for student lending. Errors are RFC 9457 problem+json.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'bursar_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  const metrics = createMetrics();
  app.addHook('onResponse', async (request, reply) => {
    metrics.observe(
      request.method,
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
  });

  installAuthentication(app, deps);
  await app.register(systemRoutes, { deps, metrics });
  await app.register(identityRoutes, { prefix: '/api/v1', deps });
  await app.register(auditRoutes, { prefix: '/api/v1', deps });
  await app.register(customersRoutes, { prefix: '/api/v1', deps });
  await app.register(riskRoutes, { prefix: '/api/v1', deps });
  await app.register(calculatorRoutes, { prefix: '/api/v1', deps });
  await app.register(productsRoutes, { prefix: '/api/v1', deps });
  await app.register(engagementRoutes, { prefix: '/api/v1', deps });
  await app.register(servicingRoutes, { prefix: '/api/v1', deps });
  await app.register(serviceDeskModule, { prefix: '/api/v1', deps });
  await app.register(originationRoutes, { prefix: '/api/v1', deps });
  await app.register(surveysRoutes, { prefix: '/api/v1', deps });
  await app.register(complianceRoutes, { prefix: '/api/v1', deps });
  await app.register(growthRoutes, { prefix: '/api/v1', deps });
  await app.register(analyticsRoutes, { prefix: '/api/v1', deps });

  if (deps.config.webDist && existsSync(deps.config.webDist)) {
    await app.register(fastifyStatic, { root: deps.config.webDist, wildcard: true, index: ['index.html'] });
  }
  return { app, routes };
}
