import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, session, testApp, type Session } from '../../test/http-client.ts';
import { openTestDeps, type TestDeps, seedTestDemo } from '../../test/test-deps.ts';

let deps: TestDeps;
let app: FastifyInstance;
let admin: Session;

beforeAll(async () => {
  deps = await openTestDeps({ bodyLimitBytes: 64 * 1024 });
  await seedTestDemo(deps);
  app = (await testApp(deps)).app;
  admin = session(app);
  await admin.login('admin', DEMO_PASSWORD);
});
afterAll(async () => {
  await app.close();
  await deps.dispose();
});

function expectProblem(
  res: { statusCode: number; headers: Record<string, unknown>; json: () => unknown },
  status: number,
  type: string,
) {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  const body = res.json() as { type: string; title: string; status: number; requestId: string };
  expect(body).toMatchObject({ type, status });
  expect(body.title).toBeTruthy();
  expect(body.requestId).toBeTruthy();
  return body as { errors?: { field: string; message: string }[]; detail?: string };
}

describe('bad input never yields a 500', () => {
  it('malformed JSON', async () => {
    const res = await admin.request('POST', '/api/v1/users', '{"username": "x",');
    expectProblem(res, 400, '/problems/malformed-body');
  });
  it('wrong types name the field', async () => {
    const res = await admin.request('POST', '/api/v1/users', {
      username: 42,
      displayName: 'A',
      password: 'long-enough-pass',
      roles: 'admin',
    });
    const body = expectProblem(res, 400, '/problems/validation-error');
    expect(body.errors!.map((e) => e.field).sort()).toEqual(['roles', 'username']);
  });
  it('unknown fields are named', async () => {
    const res = await admin.request('POST', '/api/v1/auth/login', {
      username: 'a',
      password: 'b',
      isAdmin: true,
    });
    const body = expectProblem(res, 400, '/problems/validation-error');
    expect(body.errors).toEqual([{ field: 'isAdmin', message: 'unknown field' }]);
  });
  it('unknown enum values and bad query parameters are named', async () => {
    const res = await admin.request('GET', '/api/v1/users?limit=-5&role=king');
    const body = expectProblem(res, 400, '/problems/validation-error');
    expect(body.errors!.map((e) => e.field).sort()).toEqual(['querystring.limit', 'querystring.role']);
    const bad = await admin.request('PATCH', '/api/v1/users/not-a-uuid', { displayName: 'x' });
    expect(expectProblem(bad, 400, '/problems/validation-error').errors![0]!.field).toBe('params.id');
  });
  it('oversized bodies get 413', async () => {
    const res = await admin.request('POST', '/api/v1/users', {
      username: 'big',
      displayName: 'x'.repeat(100 * 1024),
      password: 'long-enough-pass',
      roles: ['student'],
    });
    expectProblem(res, 413, '/problems/body-too-large');
  });
  it('unsupported media types get 415', async () => {
    const res = await admin.request('POST', '/api/v1/users', 'username=x', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expectProblem(res, 415, '/problems/unsupported-media-type');
  });
  it('unknown API routes get 404 problem+json', async () => {
    expectProblem(await admin.request('GET', '/api/v1/nothing-here'), 404, '/problems/not-found');
  });
  it('a rejected request changes nothing', async () => {
    const before = await deps.database.query<{ n: string }>('select count(*)::text as n from users');
    await admin.request('POST', '/api/v1/users', {
      username: 'half',
      displayName: 'Half',
      password: 'short',
      roles: ['student'],
    });
    const after = await deps.database.query<{ n: string }>('select count(*)::text as n from users');
    expect(after[0]!.n).toBe(before[0]!.n);
  });
});

describe('system routes', () => {
  it('health checks the database', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: deps.database.kind });
  });
  it('serves Prometheus metrics and echoes request ids', async () => {
    const res = await app.inject({ method: 'GET', url: '/metrics', headers: { 'x-request-id': 'req-123' } });
    expect(res.headers['x-request-id']).toBe('req-123');
    expect(res.body).toContain('bursar_http_requests_total');
    expect(res.headers['content-type']).toContain('text/plain');
  });
  it('serves OpenAPI 3.1 with every API route', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/api/v1/users/{id}', '/api/v1/audit/events']),
    );
    expect((await app.inject({ method: 'GET', url: '/api/docs' })).statusCode).toBeLessThan(400);
  });
  it('sets secure headers', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
