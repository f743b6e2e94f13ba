// Session fixation and cross-site requests, from the outside (docs/security.md).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, testApp } from '../../test/http-client.ts';
import { openTestDeps, type TestDeps, seedTestDemo } from '../../test/test-deps.ts';

let deps: TestDeps;
let app: FastifyInstance;

beforeAll(async () => {
  deps = await openTestDeps();
  await seedTestDemo(deps);
  app = (await testApp(deps)).app;
});
afterAll(async () => {
  await app.close();
  await deps.dispose();
});

const login = (cookie?: string) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    payload: JSON.stringify({ username: 'manager', password: DEMO_PASSWORD }),
  });

describe('sessions', () => {
  it('never adopts a session id the client planted (fixation)', async () => {
    const planted = 'bursar_session=attacker-chosen-value-0123456789abcdef';
    const res = await login(planted);
    expect(res.statusCode).toBe(200);
    const issued = res.cookies.find((c) => c.name === 'bursar_session')!.value;
    expect(issued).not.toBe('attacker-chosen-value-0123456789abcdef');
    expect(issued.length).toBeGreaterThanOrEqual(40);
    const asPlanted = await app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { cookie: planted },
    });
    expect(asPlanted.statusCode).toBe(401);
    const asIssued = await app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { cookie: `bursar_session=${issued}` },
    });
    expect(asIssued.statusCode).toBe(200);
    // Each sign-in gets a new id, and signing out ends it.
    const again = (await login()).cookies.find((c) => c.name === 'bursar_session')!.value;
    expect(again).not.toBe(issued);
    const csrf = asIssued.json<{ csrfToken: string }>().csrfToken;
    const out = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: `bursar_session=${issued}`, 'x-csrf-token': csrf },
    });
    expect(out.statusCode).toBeLessThan(300);
    const after = await app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { cookie: `bursar_session=${issued}` },
    });
    expect(after.statusCode).toBe(401);
  });

  it('refuses a state change carrying the session cookie but not its CSRF token (cross-site form post)', async () => {
    const issued = (await login()).cookies.find((c) => c.name === 'bursar_session')!.value;
    const before = await deps.database.query<{ n: number }>('select count(*)::int as n from audit_events');
    const forged = await app.inject({
      method: 'PUT',
      url: '/api/v1/auth/me/locale',
      headers: { cookie: `bursar_session=${issued}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ locale: 'zh-CN' }),
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().type).toBe('/problems/csrf');
    const after = await deps.database.query<{ n: number }>('select count(*)::int as n from audit_events');
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('sends the secure headers on API answers', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['referrer-policy']).toBeDefined();
  });
});
