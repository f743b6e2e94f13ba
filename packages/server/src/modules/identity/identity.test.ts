import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { totpCode } from '../../security/totp.ts';
import { DEMO_PASSWORD, session, testApp } from '../../../test/http-client.ts';
import { openTestDeps, type TestDeps, seedTestDemo } from '../../../test/test-deps.ts';

let deps: TestDeps;
let app: FastifyInstance;

beforeAll(async () => {
  deps = await openTestDeps({ loginMaxFailures: 3, loginLockMinutes: 15 });
  await seedTestDemo(deps);
  app = (await testApp(deps)).app;
});
afterAll(async () => {
  await app.close();
  await deps.dispose();
});

async function auditActions(entityId?: string): Promise<string[]> {
  const rows = await deps.database.query<{ action: string }>(
    entityId
      ? 'select action from audit_events where entity_id = $1 order by seq'
      : 'select action from audit_events order by seq',
    entityId ? [entityId] : [],
  );
  return rows.map((r) => r.action);
}

describe('sign in', () => {
  it('signs in, reports the user with permissions, and signs out', async () => {
    const s = session(app);
    const res = await s.login('admin', DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'bursar_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    const me = await s.request('GET', '/api/v1/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user.permissions).toContain('users.manage');
    expect((await s.request('POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await s.request('GET', '/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('refuses a wrong password with problem+json and locks after repeated failures', async () => {
    const s = session(app);
    for (let i = 0; i < 2; i++) {
      const res = await s.login('officer', 'wrong-password-123');
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().type).toBe('/problems/invalid-credentials');
    }
    const third = await s.login('officer', 'wrong-password-123');
    expect(third.statusCode).toBe(423);
    // Even the right password is refused while locked...
    expect((await s.login('officer', DEMO_PASSWORD)).statusCode).toBe(423);
    // ...and works once the lock has passed.
    deps.advance(16 * 60_000);
    expect((await s.login('officer', DEMO_PASSWORD)).statusCode).toBe(200);
    const user = (await s.request('GET', '/api/v1/auth/me')).json().user as { id: string };
    const actions = await auditActions(user.id);
    expect(actions.filter((a) => a === 'auth.login_failed').length).toBeGreaterThanOrEqual(4);
    expect(actions).toContain('user.locked');
  });

  it('does not reveal whether a username exists', async () => {
    const res = await session(app).login('nobody-here', 'whatever-password');
    expect(res.statusCode).toBe(401);
    expect(res.json().type).toBe('/problems/invalid-credentials');
  });

  it('requires the CSRF token on state-changing requests', async () => {
    const s = session(app);
    await s.login('manager', DEMO_PASSWORD);
    const token = s.csrfToken;
    s.csrfToken = null;
    const res = await s.request('PUT', '/api/v1/auth/me/locale', { locale: 'en' });
    expect(res.statusCode).toBe(403);
    expect(res.json().type).toBe('/problems/csrf');
    s.csrfToken = token;
    expect((await s.request('PUT', '/api/v1/auth/me/locale', { locale: 'zh-CN' })).json()).toEqual({
      locale: 'zh-CN',
    });
  });
});

describe('second factor', () => {
  it('enrols TOTP, then asks for a code at sign-in and refuses reuse', async () => {
    const s = session(app);
    await s.login('risk', DEMO_PASSWORD);
    const setup = await s.request('POST', '/api/v1/auth/totp/setup');
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUrl } = setup.json<{ secret: string; otpauthUrl: string }>();
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/Bursar%3Arisk\?secret=/);
    expect((await s.request('POST', '/api/v1/auth/totp/enable', { code: '000000' })).statusCode).toBe(400);
    const enable = await s.request('POST', '/api/v1/auth/totp/enable', {
      code: totpCode(secret, deps.now().getTime()),
    });
    expect(enable.statusCode).toBe(204);

    deps.advance(60_000);
    const t = session(app);
    const first = await t.login('risk', DEMO_PASSWORD);
    expect(first.statusCode).toBe(401);
    expect(first.json().type).toBe('/problems/totp-required');
    const code = totpCode(secret, deps.now().getTime());
    expect((await t.login('risk', DEMO_PASSWORD, code)).statusCode).toBe(200);
    const replay = await session(app).login('risk', DEMO_PASSWORD, code);
    expect(replay.json().type).toBe('/problems/totp-invalid');
  });

  it('restricts a user an admin requires TOTP of to their own account until they enrol', async () => {
    const admin = session(app);
    await admin.login('admin', DEMO_PASSWORD);
    const users = (await admin.request('GET', '/api/v1/users?q=auditor')).json<{ items: { id: string }[] }>();
    const id = users.items[0]!.id;
    expect((await admin.request('PATCH', `/api/v1/users/${id}`, { totpRequired: true })).statusCode).toBe(
      200,
    );
    const s = session(app);
    await s.login('auditor', DEMO_PASSWORD);
    const me = (await s.request('GET', '/api/v1/auth/me')).json<{ user: { mustEnrolTotp: boolean } }>();
    expect(me.user.mustEnrolTotp).toBe(true);
    const refused = await s.request('GET', '/api/v1/audit/events');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().type).toBe('/problems/totp-enrolment-required');
  });
});

describe('administration', () => {
  it('creates, changes roles of and disables a user, with audit events holding no plaintext email', async () => {
    const admin = session(app);
    await admin.login('admin', DEMO_PASSWORD);
    const created = await admin.request('POST', '/api/v1/users', {
      username: 'Liu.Yang',
      displayName: '刘洋',
      email: 'liu.yang@example.cn',
      password: 'a-long-enough-secret',
      roles: ['service_agent'],
      locale: 'zh-CN',
    });
    expect(created.statusCode).toBe(201);
    const user = created.json<{ id: string; username: string }>();
    expect(user.username).toBe('liu.yang');
    const dup = await admin.request('POST', '/api/v1/users', {
      username: 'liu.yang',
      displayName: 'x',
      password: 'a-long-enough-secret',
      roles: ['student'],
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0].field).toBe('username');

    const s = session(app);
    expect((await s.login('liu.yang', 'a-long-enough-secret')).statusCode).toBe(200);
    expect((await s.request('GET', '/api/v1/users')).statusCode).toBe(403);

    expect(
      (await admin.request('PATCH', `/api/v1/users/${user.id}`, { roles: ['manager'] })).statusCode,
    ).toBe(200);
    expect((await s.request('GET', '/api/v1/users')).statusCode).toBe(200);

    expect(
      (await admin.request('PATCH', `/api/v1/users/${user.id}`, { status: 'disabled' })).json().status,
    ).toBe('disabled');
    expect((await s.request('GET', '/api/v1/auth/me')).statusCode).toBe(401);
    expect((await session(app).login('liu.yang', 'a-long-enough-secret')).statusCode).toBe(401);

    const actions = await auditActions(user.id);
    expect(actions).toEqual(
      expect.arrayContaining(['user.created', 'user.roles_changed', 'user.updated', 'auth.login']),
    );
    const rows = await deps.database.query<{ t: string }>(
      'select before::text || after::text as t from audit_events where entity_id = $1',
      [user.id],
    );
    for (const r of rows) expect(r.t ?? '').not.toContain('liu.yang@example.cn');
    // The stored email is encrypted.
    const stored = await deps.database.query<{ email_enc: string }>(
      'select email_enc from users where id = $1',
      [user.id],
    );
    expect(stored[0]!.email_enc).not.toContain('liu.yang');
  });

  it('refuses weak passwords and an admin disabling themself, naming the field', async () => {
    const admin = session(app);
    const me = (await admin.login('admin', DEMO_PASSWORD)).json<{ user: { id: string } }>();
    const weak = await admin.request('POST', '/api/v1/users', {
      username: 'weakling',
      displayName: 'W',
      password: 'password123',
      roles: ['student'],
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors).toEqual([
      { field: 'password', message: 'is a common or breached password: choose another' },
    ]);
    const self = await admin.request('PATCH', `/api/v1/users/${me.user.id}`, { status: 'disabled' });
    expect(self.statusCode).toBe(409);
  });

  it('changes one’s own password and ends other sessions', async () => {
    const a = session(app);
    const b = session(app);
    await a.login('student', DEMO_PASSWORD);
    await b.login('student', DEMO_PASSWORD);
    const wrong = await a.request('POST', '/api/v1/auth/password', {
      currentPassword: 'nope-nope-nope',
      newPassword: 'brand-new-secret-1',
    });
    expect(wrong.json().errors[0].field).toBe('currentPassword');
    expect(
      (
        await a.request('POST', '/api/v1/auth/password', {
          currentPassword: DEMO_PASSWORD,
          newPassword: 'brand-new-secret-1',
        })
      ).statusCode,
    ).toBe(204);
    expect((await a.request('GET', '/api/v1/auth/me')).statusCode).toBe(200);
    expect((await b.request('GET', '/api/v1/auth/me')).statusCode).toBe(401);
  });
});
