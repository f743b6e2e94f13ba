import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { actorContext } from '../../http/guard.ts';
import * as products from './products.service.ts';

const codeParams = z.strictObject({
  code: z
    .string()
    .regex(/^[A-Z0-9-]+$/, 'upper-case letters, digits and dashes')
    .max(40),
});
const versionParams = codeParams.extend({ version: z.coerce.number().int().min(1) });
const versionView = z.object({
  code: z.string(),
  version: z.number().int(),
  status: z.enum(['draft', 'active', 'retired']),
  name: z.object({ en: z.string(), 'zh-CN': z.string() }),
  basedOn: z.string().nullable(),
  createdAt: z.string(),
  activatedAt: z.string().nullable(),
  retiredAt: z.string().nullable(),
  definition: z.record(z.string(), z.unknown()),
});

export const productsRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/products/templates',
    {
      config: { permission: 'products.read' },
      schema: {
        tags: ['products'],
        summary: 'Built-in product templates a lender copies and adjusts',
        response: { 200: z.object({ items: z.array(z.record(z.string(), z.unknown())) }) },
      },
    },
    async () => ({ items: [...products.listTemplates()] }),
  );

  app.get(
    '/products',
    {
      config: { permission: 'products.read' },
      schema: {
        tags: ['products'],
        summary: 'Every version of every product',
        response: { 200: z.object({ items: z.array(versionView) }) },
      },
    },
    async () => ({ items: await products.listProducts(deps) }),
  );

  app.get(
    '/products/:code',
    {
      config: { permission: 'products.read' },
      schema: {
        tags: ['products'],
        summary: 'A product’s versions, newest first',
        params: codeParams,
        response: { 200: z.object({ items: z.array(versionView) }) },
      },
    },
    async (request) => ({ items: await products.productHistory(deps, request.params.code) }),
  );

  app.post(
    '/products',
    {
      config: { permission: 'products.manage' },
      schema: {
        tags: ['products'],
        summary:
          'Create a draft: a copy of a template, or a whole definition (a new version when the code exists)',
        body: z.strictObject({
          template: z.string().max(40).optional(),
          definition: z.record(z.string(), z.unknown()).optional(),
        }),
        response: { 201: versionView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await products.saveDraft(deps, actorContext(request), request.body)),
  );

  app.put(
    '/products/:code/versions/:version',
    {
      config: { permission: 'products.manage' },
      schema: {
        tags: ['products'],
        summary: 'Change a draft’s definition',
        params: versionParams,
        body: z.strictObject({ definition: z.record(z.string(), z.unknown()) }),
        response: { 200: versionView },
      },
    },
    async (request) =>
      products.updateDraft(
        deps,
        actorContext(request),
        request.params.code,
        request.params.version,
        request.body.definition,
      ),
  );

  app.post(
    '/products/:code/versions/:version/activate',
    {
      config: { permission: 'products.manage' },
      schema: {
        tags: ['products'],
        summary: 'Activate a draft; the previous active version is retired',
        params: versionParams,
        response: { 200: versionView },
      },
    },
    async (request) =>
      products.activate(deps, actorContext(request), request.params.code, request.params.version),
  );

  app.delete(
    '/products/:code/versions/:version',
    {
      config: { permission: 'products.manage' },
      schema: {
        tags: ['products'],
        summary: 'Discard a draft',
        params: versionParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await products.discardDraft(deps, actorContext(request), request.params.code, request.params.version);
      return reply.status(204).send(null);
    },
  );
};
