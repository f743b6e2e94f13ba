// Security posture from the outside (docs/security.md): a second factor enforced for privileged
// roles by default, common and breached passwords refused wherever a password is set, and every
// sign-in (success or failure) and every role change audited.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { isCommonPassword, passwordProblem } from '../security/password.ts';
import { totpCode, TOTP_STEP_SECONDS } from '../security/totp.ts';
import { DEMO_PASSWORD, session, testApp, type Session } from '../../test/http-client.ts';
import { openTestDeps, type TestDeps, seedTestDemo } from '../../test/test-deps.ts';

let deps: TestDeps;
let app: FastifyInstance;

beforeAll(async () => {
  // The shipped default: a second factor for admin (the test harness turns it off elsewhere).
  deps = await openTestDeps({ requireTotpRoles: loadConfig({}).requireTotpRoles });
  await seedTestDemo(deps);
  app = (await testApp(deps)).app;
}, 300_000);
afterAll(async () => {
  await app?.close();
  await deps?.dispose();
});

const auditSince = async (seq: number) =>
  deps.database.query<{ action: string; entity_id: string | null; after: Record<string, unknown> | null }>(
    `select action, entity_id::text, after from audit_events where seq > $1 order by seq`,
    [seq],
  );
const headSeq = async () =>
  Number(
    (
      await deps.database.query<{ s: string }>(`select coalesce(max(seq), 0)::text as s from audit_events`)
    )[0]!.s,
  );

describe('configuration', () => {
  it('requires a second factor for admin unless BURSAR_REQUIRE_TOTP_ROLES says otherwise', () => {
    expect(loadConfig({}).requireTotpRoles).toEqual(['admin']);
    expect(loadConfig({ BURSAR_REQUIRE_TOTP_ROLES: 'admin, manager,risk_analyst' }).requireTotpRoles).toEqual(
      ['admin', 'manager', 'risk_analyst'],
    );
    expect(loadConfig({ BURSAR_REQUIRE_TOTP_ROLES: 'none' }).requireTotpRoles).toEqual([]);
  });
});

describe('second factor for privileged roles', () => {
  it('holds an admin without an authenticator to enrolment, then lets them in with a code', async () => {
    const admin = session(app);
    expect((await admin.login('admin', DEMO_PASSWORD)).statusCode).toBe(200);
    const me = (await admin.request('GET', '/api/v1/auth/me')).json<{
      user: { mustEnrolTotp: boolean };
      permissions: string[];
    }>();
    expect(me.user.mustEnrolTotp).toBe(true);
    expect((await admin.request('GET', '/api/v1/users')).statusCode).toBe(403);
    // A manager is not in the default list: no enrolment asked.
    const manager = session(app);
    await manager.login('manager', DEMO_PASSWORD);
    expect(
      (await manager.request('GET', '/api/v1/auth/me')).json<{ user: { mustEnrolTotp: boolean } }>().user
        .mustEnrolTotp,
    ).toBe(false);

    const setup = await admin.request('POST', '/api/v1/auth/totp/setup');
    expect(setup.statusCode, setup.body).toBe(200);
    const { secret } = setup.json<{ secret: string }>();
    const code = totpCode(secret, deps.now().getTime());
    expect((await admin.request('POST', '/api/v1/auth/totp/enable', { code })).statusCode).toBe(204);
    expect((await admin.request('GET', '/api/v1/users')).statusCode).toBe(200);
    // The policy, not only the account flag, keeps the factor on.
    deps.advance(TOTP_STEP_SECONDS * 1000);
    const off = await admin.request('POST', '/api/v1/auth/totp/disable', {
      code: totpCode(secret, deps.now().getTime()),
    });
    expect(off.statusCode).toBe(409);

    // From now on a sign-in needs the code; the attempt without it is audited too.
    const seq = await headSeq();
    const again = session(app);
    const noCode = await again.login('admin', DEMO_PASSWORD);
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json<{ type: string }>().type).toBe('/problems/totp-required');
    deps.advance(TOTP_STEP_SECONDS * 1000);
    expect(
      (await again.login('admin', DEMO_PASSWORD, totpCode(secret, deps.now().getTime()))).statusCode,
    ).toBe(200);
    const actions = (await auditSince(seq)).map(
      (a) => `${a.action}:${(a.after?.reason as string | undefined) ?? ''}`,
    );
    expect(actions).toEqual(['auth.login_failed:second factor needed', 'auth.login:']);
  });
});

describe('breached passwords', () => {
  it('knows the shipped list, with a few characters added at the end', () => {
    for (const p of ['qwertyuiop', '1qaz2wsx3edc', 'Basketball2026!', 'woaini1314', 'PASSWORD123'])
      expect(isCommonPassword(p), p).toBe(true);
    for (const p of ['correct horse battery', DEMO_PASSWORD, '蓝色的鲸鱼在唱歌2026'])
      expect(isCommonPassword(p), p).toBe(false);
    expect(passwordProblem('1qaz2wsx3edc', 'amy')).toMatch(/breached/);
  });

  it('refuses them when an admin creates a user, resets one, and when a user changes theirs', async () => {
    const manager = session(app);
    await manager.login('manager', DEMO_PASSWORD);
    const admin = await enrolledAdmin();
    const create = await admin.request('POST', '/api/v1/users', {
      username: 'new.officer',
      displayName: '新 Officer',
      password: 'qwertyuiop123',
      roles: ['loan_officer'],
    });
    expect(create.statusCode).toBe(400);
    expect(create.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(create.json<{ errors: { field: string }[] }>().errors[0]!.field).toBe('password');
    const ok = await admin.request('POST', '/api/v1/users', {
      username: 'new.officer',
      displayName: '新 Officer',
      password: 'Blue-Whale-Sings-At-Dawn',
      roles: ['loan_officer'],
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const id = ok.json<{ id: string }>().id;
    const reset = await admin.request('POST', `/api/v1/users/${id}/password`, {
      newPassword: 'iloveyou1314',
    });
    expect(reset.statusCode).toBe(400);
    expect(reset.json<{ errors: { field: string }[] }>().errors[0]!.field).toBe('newPassword');
    const change = await manager.request('POST', '/api/v1/auth/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'Football2026!',
    });
    expect(change.statusCode).toBe(400);
    expect(change.json<{ errors: { field: string }[] }>().errors[0]!.field).toBe('newPassword');
  });
});

let enrolled: Session | null = null;
let adminSecret = '';
/** The admin, signed in with a second factor (enrolled by the test above, or here). */
async function enrolledAdmin(): Promise<Session> {
  if (enrolled) return enrolled;
  const s = session(app);
  const [row] = await deps.database.query<{ totp_enabled: boolean }>(
    `select totp_enabled from users where username = 'admin'`,
  );
  if (!row!.totp_enabled) {
    await s.login('admin', DEMO_PASSWORD);
    adminSecret = (await s.request('POST', '/api/v1/auth/totp/setup')).json<{ secret: string }>().secret;
    await s.request('POST', '/api/v1/auth/totp/enable', {
      code: totpCode(adminSecret, deps.now().getTime()),
    });
  } else {
    const [u] = await deps.database.query<{ totp_secret_enc: string }>(
      `select totp_secret_enc from users where username = 'admin'`,
    );
    adminSecret = deps.cipher.decrypt(u!.totp_secret_enc);
    deps.advance(TOTP_STEP_SECONDS * 1000);
    expect(
      (await s.login('admin', DEMO_PASSWORD, totpCode(adminSecret, deps.now().getTime()))).statusCode,
    ).toBe(200);
  }
  enrolled = s;
  return s;
}

describe('audit of sign-ins and permission changes', () => {
  it('records every sign-in, failed or not, and every change of roles or second-factor rule', async () => {
    const admin = await enrolledAdmin();
    const seq = await headSeq();
    const s = session(app);
    expect((await s.login('nobody-here', 'whatever-password-1')).statusCode).toBe(401);
    expect((await s.login('officer', 'wrong-password-123')).statusCode).toBe(401);
    expect((await s.login('officer', DEMO_PASSWORD)).statusCode).toBe(200);
    const [officer] = await deps.database.query<{ id: string }>(
      `select id::text from users where username = 'officer'`,
    );
    const promote = await admin.request('PATCH', `/api/v1/users/${officer!.id}`, {
      roles: ['loan_officer', 'manager'],
    });
    expect(promote.statusCode, promote.body).toBe(200);
    expect(
      (await admin.request('PATCH', `/api/v1/users/${officer!.id}`, { totpRequired: true })).statusCode,
    ).toBe(200);
    const events = await auditSince(seq);
    const summary = events.map((e) => `${e.action}:${(e.after?.reason as string | undefined) ?? ''}`);
    expect(summary).toEqual([
      'auth.login_failed:unknown user',
      'auth.login_failed:password',
      'auth.login:',
      'user.roles_changed:',
      'user.updated:',
    ]);
    const roles = events.find((e) => e.action === 'user.roles_changed')!;
    expect(roles.entity_id).toBe(officer!.id);
    expect(roles.after).toMatchObject({ roles: ['loan_officer', 'manager'] });
  });
});
