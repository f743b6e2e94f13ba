import { randomUUID } from 'node:crypto';
import { ROLES, can, type Permission } from '@bursar/core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoLogin } from '../seed/demo.ts';
import { DEMO_PASSWORD, session, testApp, type Session } from '../../test/http-client.ts';
import { openTestDeps, type TestDeps, seedTestDemo } from '../../test/test-deps.ts';
import type { RegisteredRoute } from './guard.ts';

let deps: TestDeps;
let app: FastifyInstance;
let routes: RegisteredRoute[];
let logins: DemoLogin[];

beforeAll(async () => {
  deps = await openTestDeps();
  logins = await seedTestDemo(deps);
  ({ app, routes } = await testApp(deps));
});
afterAll(async () => {
  await app.close();
  await deps.dispose();
});

/** The only routes that may be reached without a permission. */
const PUBLIC_ALLOWED: Record<string, RegExp> = {
  login: /^\/api\/v1\/auth\/login$/,
  health: /^\/healthz$/,
  metrics: /^\/metrics$/,
  docs: /^\/api\/docs(\/.*)?$/,
  'web-asset': /^\/(?!api\/)/,
  // engagement: signed-token links in messages and HMAC-signed provider callbacks
  unsubscribe: /^\/api\/v1\/engagement\/unsubscribe$/,
  'message-tracking': /^\/api\/v1\/engagement\/t\/:token\/(open\.gif|click)$/,
  'provider-callback': /^\/api\/v1\/engagement\/callbacks\/(status|inbound)$/,
  // surveys: the response page behind a signed invitation link
  'survey-link': /^\/api\/v1\/surveys\/s\/:token$/,
  // growth: the website interest form and a campus event's QR attendance form (rate-limited, honeypot)
  'prospect-form': /^\/api\/v1\/growth\/public\/prospects$/,
  'campus-event-link': /^\/api\/v1\/growth\/public\/events\/:token(\/attend)?$/,
  // origination: a student registers for the portal (rate-limited)
  registration: /^\/api\/v1\/portal\/register$/,
  // growth: a campaign tracking link records a landing and redirects (rate-limited)
  'campaign-landing': /^\/api\/v1\/growth\/l\/:code$/,
};

const concreteUrl = (url: string) => url.replace(/:[a-zA-Z]+/g, randomUUID());
const apiRoutes = () =>
  routes.filter((r) => r.url.startsWith('/api/v1/') && r.method !== 'HEAD' && r.permission);

describe('every route is guarded', () => {
  it('declares a permission on every route but login, health, docs, metrics and web assets', () => {
    expect(routes.length).toBeGreaterThan(10);
    for (const r of routes) {
      if (r.permission) continue;
      const allowed = r.public ? PUBLIC_ALLOWED[r.public] : undefined;
      expect(allowed, `${r.method} ${r.url} is public as ${r.public ?? 'nothing'}`).toBeDefined();
      expect(r.url, `${r.method} ${r.url} claims to be ${r.public}`).toMatch(allowed!);
    }
  });

  it('refuses to register a route without a permission', async () => {
    const { buildApp } = await import('./app.ts');
    const { app: other } = await buildApp(deps, { logger: false });
    expect(() => other.get('/api/v1/unguarded', async () => 'oops')).toThrow(/declares no permission/);
    await other.close();
  });

  it('answers anonymous requests to guarded routes with 401 problem+json', async () => {
    const anon = session(app);
    for (const r of apiRoutes()) {
      const res = await anon.request(r.method, concreteUrl(r.url), r.method === 'GET' ? undefined : {});
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('refuses each role what the matrix does not grant (403) and lets through what it does', async () => {
    const sessions = new Map<string, Session>();
    for (const l of logins) {
      const s = session(app);
      expect((await s.login(l.username, DEMO_PASSWORD)).statusCode).toBe(200);
      sessions.set(l.role, s);
    }
    for (const role of ROLES) {
      const s = sessions.get(role)!;
      for (const r of apiRoutes()) {
        if (r.url === '/api/v1/auth/logout') continue;
        const res = await s.request(r.method, concreteUrl(r.url), r.method === 'GET' ? undefined : {});
        const granted = can([role], r.permission as Permission);
        if (granted)
          expect([401, 403], `${role} ${r.method} ${r.url} → ${res.statusCode}`).not.toContain(
            res.statusCode,
          );
        else {
          expect(res.statusCode, `${role} ${r.method} ${r.url}`).toBe(403);
          expect(res.json().type).toBe('/problems/forbidden');
        }
      }
    }
  });
});
