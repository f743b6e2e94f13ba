// Users, sessions, second factor. Every change writes an audit event in the same transaction.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { isRole, permissionsOf, type Permission, type Role } from '@bursar/core';
import type { ActorContext, Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { maskEmail } from '../../security/mask.ts';
import { hashPassword, passwordProblem, verifyPassword } from '../../security/password.ts';
import { newTotpSecret, otpauthUrl, verifyTotp } from '../../security/totp.ts';
import { recordAudit } from '../audit/index.ts';
import * as repo from './identity.repository.ts';
import type { UserRow } from './identity.repository.ts';

export type Locale = 'en' | 'zh-CN';

export interface PublicUser {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  roles: Role[];
  status: 'active' | 'disabled';
  locale: Locale;
  totpEnabled: boolean;
  totpRequired: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

/** The signed-in user as the request guard sees them. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  roles: Role[];
  permissions: Set<Permission>;
  /** Set when an admin requires a second factor the user has not enrolled yet: only `self.read` works. */
  mustEnrolTotp: boolean;
  sessionTokenHash: string;
  csrfToken: string;
  schoolId: string | null;
  customerId: string | null;
}

const DUMMY_HASH_PROMISE = hashPassword('timing-equaliser-not-a-password');

export function sessionTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A second factor is required by an administrator's flag or by a role in BURSAR_REQUIRE_TOTP_ROLES (admin by default). */
function totpRequiredFor(deps: Deps, row: UserRow): boolean {
  return row.totpRequired || rolesOf(row).some((r) => deps.config.requireTotpRoles.includes(r));
}

function rolesOf(row: UserRow): Role[] {
  return row.roles.filter(isRole);
}

export function toPublicUser(deps: Deps, row: UserRow): PublicUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    email: row.emailEnc ? deps.cipher.decrypt(row.emailEnc) : null,
    roles: rolesOf(row),
    status: row.status,
    locale: row.locale,
    totpEnabled: row.totpEnabled,
    totpRequired: row.totpRequired,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** What an audit row may hold about a user: no plaintext personal data. */
function auditView(deps: Deps, row: UserRow) {
  return {
    username: row.username,
    displayName: row.displayName,
    email: row.emailEnc ? maskEmail(deps.cipher.decrypt(row.emailEnc)) : null,
    roles: row.roles,
    status: row.status,
    totpEnabled: row.totpEnabled,
    totpRequired: row.totpRequired,
  };
}

// ---------------------------------------------------------------------------------------------
// Sign in and sessions

export interface LoginInput {
  username: string;
  password: string;
  totp?: string | undefined;
}

export interface LoginResult {
  user: PublicUser;
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function login(
  deps: Deps,
  ctx: ActorContext,
  input: LoginInput,
  userAgent: string | null,
): Promise<LoginResult> {
  const now = deps.now();
  const username = input.username.trim().toLowerCase();
  const db = deps.database.db;
  const found = await repo.findUserByUsername(db, username);
  if (!found) {
    await verifyPassword(await DUMMY_HASH_PROMISE, input.password);
    await db.transaction((tx) =>
      recordAudit(tx, ctx, now, {
        action: 'auth.login_failed',
        entityType: 'user',
        after: { username, reason: 'unknown user' },
      }),
    );
    throw Problem.unauthorized('invalid-credentials', 'Username or password is wrong');
  }
  const passwordOk = await verifyPassword(found.passwordHash, input.password);

  // The failure path commits its counters and audit row, then throws.
  const outcome = await db.transaction(async (tx) => {
    const user = (await repo.lockUser(tx, found.id))!;
    const actorCtx = { ...ctx, actorId: user.id, actorName: user.username };
    const fail = async (reason: string, problem: Problem): Promise<{ problem: Problem }> => {
      const failures = user.failedLogins + 1;
      const lock = failures >= deps.config.loginMaxFailures;
      await repo.updateUser(tx, user.id, {
        failedLogins: lock ? 0 : failures,
        ...(lock ? { lockedUntil: new Date(now.getTime() + deps.config.loginLockMinutes * 60_000) } : {}),
      });
      await recordAudit(tx, actorCtx, now, {
        action: 'auth.login_failed',
        entityType: 'user',
        entityId: user.id,
        after: { reason, failures },
      });
      if (lock) {
        await recordAudit(tx, actorCtx, now, {
          action: 'user.locked',
          entityType: 'user',
          entityId: user.id,
          after: { minutes: deps.config.loginLockMinutes },
        });
        return { problem: lockedProblem(deps.config.loginLockMinutes) };
      }
      return { problem };
    };
    if (user.status !== 'active')
      return fail('disabled', Problem.unauthorized('invalid-credentials', 'Username or password is wrong'));
    if (user.lockedUntil && user.lockedUntil > now) {
      await recordAudit(tx, actorCtx, now, {
        action: 'auth.login_failed',
        entityType: 'user',
        entityId: user.id,
        after: { reason: 'locked' },
      });
      return { problem: lockedProblem(Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 60_000)) };
    }
    if (!passwordOk)
      return fail('password', Problem.unauthorized('invalid-credentials', 'Username or password is wrong'));
    let totpStep: number | null = user.totpLastStep;
    if (user.totpEnabled && user.totpSecretEnc) {
      if (!input.totp) {
        // Every sign-in attempt is audited; a right password without the code is not a failure to count.
        await recordAudit(tx, actorCtx, now, {
          action: 'auth.login_failed',
          entityType: 'user',
          entityId: user.id,
          after: { reason: 'second factor needed' },
        });
        return {
          problem: Problem.unauthorized('totp-required', 'Enter the code from your authenticator app'),
        };
      }
      const step = verifyTotp(
        deps.cipher.decrypt(user.totpSecretEnc),
        input.totp,
        now.getTime(),
        user.totpLastStep,
      );
      if (step === null)
        return fail(
          'totp',
          Problem.unauthorized('totp-invalid', 'The authenticator code is wrong or was already used'),
        );
      totpStep = step;
    }
    const updated = await repo.updateUser(tx, user.id, {
      failedLogins: 0,
      lockedUntil: null,
      lastLoginAt: now,
      totpLastStep: totpStep,
    });
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const expiresAt = new Date(now.getTime() + deps.config.sessionTtlMinutes * 60_000);
    await repo.insertSession(tx, {
      tokenHash: sessionTokenHash(token),
      userId: user.id,
      csrfToken,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      ip: ctx.ip,
      userAgent: userAgent?.slice(0, 300) ?? null,
    });
    await recordAudit(tx, { ...actorCtx, actorRole: updated.roles[0] ?? null }, now, {
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
      after: { secondFactor: user.totpEnabled },
    });
    return { result: { user: toPublicUser(deps, updated), token, csrfToken, expiresAt } };
  });
  if ('problem' in outcome) throw outcome.problem;
  return outcome.result;
}

function lockedProblem(minutes: number): Problem {
  return new Problem(
    423,
    'account-locked',
    'Account locked',
    `Too many failed sign-ins; try again in ${minutes} minutes or ask an administrator`,
  );
}

/** Resolve a session cookie to an actor, sliding its expiry. Null when missing, expired or disabled. */
export async function resolveSession(deps: Deps, token: string): Promise<Actor | null> {
  const now = deps.now();
  const db = deps.database.db;
  const hash = sessionTokenHash(token);
  const session = await repo.findSession(db, hash);
  if (!session || session.expiresAt <= now) return null;
  const user = await repo.findUserById(db, session.userId);
  if (!user || user.status !== 'active') return null;
  // Slide the expiry at most once a minute, so reads do not each cost a write.
  if (now.getTime() - session.lastSeenAt.getTime() > 60_000) {
    await repo.touchSession(db, hash, now, new Date(now.getTime() + deps.config.sessionTtlMinutes * 60_000));
  }
  const roles = rolesOf(user);
  const mustEnrolTotp = totpRequiredFor(deps, user) && !user.totpEnabled;
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    roles,
    permissions: mustEnrolTotp ? new Set<Permission>(['self.read']) : permissionsOf(roles),
    mustEnrolTotp,
    sessionTokenHash: hash,
    csrfToken: session.csrfToken,
    schoolId: user.schoolId,
    customerId: user.customerId,
  };
}

export async function logout(deps: Deps, ctx: ActorContext, actor: Actor): Promise<void> {
  await deps.database.db.transaction(async (tx) => {
    await repo.deleteSession(tx, actor.sessionTokenHash);
    await recordAudit(tx, ctx, deps.now(), {
      action: 'auth.logout',
      entityType: 'user',
      entityId: actor.userId,
    });
  });
}

export async function getMe(deps: Deps, actor: Actor): Promise<PublicUser> {
  const row = await repo.findUserById(deps.database.db, actor.userId);
  if (!row) throw Problem.unauthorized();
  return toPublicUser(deps, row);
}

export async function setLocale(
  deps: Deps,
  ctx: ActorContext,
  actor: Actor,
  locale: Locale,
): Promise<Locale> {
  await deps.database.db.transaction(async (tx) => {
    const before = (await repo.lockUser(tx, actor.userId))!;
    await repo.updateUser(tx, actor.userId, { locale, updatedAt: deps.now() });
    await recordAudit(tx, ctx, deps.now(), {
      action: 'user.locale_changed',
      entityType: 'user',
      entityId: actor.userId,
      before: { locale: before.locale },
      after: { locale },
    });
  });
  return locale;
}

export async function changePassword(
  deps: Deps,
  ctx: ActorContext,
  actor: Actor,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const row = await repo.findUserById(deps.database.db, actor.userId);
  if (!row || !(await verifyPassword(row.passwordHash, currentPassword))) {
    throw new Problem(400, 'validation-error', 'The request is not valid', 'currentPassword: is wrong', {
      errors: [{ field: 'currentPassword', message: 'is wrong' }],
    });
  }
  const why = passwordProblem(newPassword, row.username);
  if (why) throw Problem.badRequest('newPassword', why);
  const passwordHash = await hashPassword(newPassword);
  await deps.database.db.transaction(async (tx) => {
    await repo.updateUser(tx, row.id, { passwordHash, passwordChangedAt: deps.now(), updatedAt: deps.now() });
    // Other sessions may belong to whoever knew the old password.
    await repo.deleteUserSessions(tx, row.id, actor.sessionTokenHash);
    await recordAudit(tx, ctx, deps.now(), {
      action: 'user.password_changed',
      entityType: 'user',
      entityId: row.id,
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Second factor

export async function beginTotpEnrolment(
  deps: Deps,
  ctx: ActorContext,
  actor: Actor,
): Promise<{ secret: string; otpauthUrl: string }> {
  const secret = newTotpSecret();
  await deps.database.db.transaction(async (tx) => {
    const row = (await repo.lockUser(tx, actor.userId))!;
    if (row.totpEnabled)
      throw Problem.conflict('totp-already-enabled', 'A second factor is already enabled; disable it first');
    await repo.updateUser(tx, row.id, {
      totpSecretEnc: deps.cipher.encrypt(secret),
      totpLastStep: null,
      updatedAt: deps.now(),
    });
    await recordAudit(tx, ctx, deps.now(), {
      action: 'user.totp_enrolment_started',
      entityType: 'user',
      entityId: row.id,
    });
  });
  return { secret, otpauthUrl: otpauthUrl(secret, actor.username) };
}

export async function confirmTotp(
  deps: Deps,
  ctx: ActorContext,
  actor: Actor,
  code: string,
  enable: boolean,
): Promise<void> {
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    const row = (await repo.lockUser(tx, actor.userId))!;
    if (!row.totpSecretEnc || row.totpEnabled === enable) {
      throw Problem.conflict('totp-state', enable ? 'Start enrolment first' : 'No second factor is enabled');
    }
    if (!enable && totpRequiredFor(deps, row))
      throw Problem.conflict(
        'totp-required-by-admin',
        'An administrator requires a second factor on this account',
      );
    const step = verifyTotp(deps.cipher.decrypt(row.totpSecretEnc), code, now.getTime(), row.totpLastStep);
    if (step === null) throw Problem.badRequest('code', 'is wrong or was already used');
    await repo.updateUser(tx, row.id, {
      totpEnabled: enable,
      totpLastStep: enable ? step : null,
      ...(enable ? {} : { totpSecretEnc: null }),
      updatedAt: now,
    });
    await recordAudit(tx, ctx, now, {
      action: enable ? 'user.totp_enabled' : 'user.totp_disabled',
      entityType: 'user',
      entityId: row.id,
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Administration

export interface CreateUserInput {
  username: string;
  displayName: string;
  email?: string | undefined;
  password: string;
  roles: Role[];
  locale?: Locale | undefined;
  totpRequired?: boolean | undefined;
  schoolId?: string | undefined;
  customerId?: string | undefined;
}

export async function createUser(deps: Deps, ctx: ActorContext, input: CreateUserInput): Promise<PublicUser> {
  const username = input.username.trim().toLowerCase();
  const why = passwordProblem(input.password, username);
  if (why) throw Problem.badRequest('password', why);
  const passwordHash = await hashPassword(input.password);
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    if (await repo.findUserByUsername(tx, username))
      throw Problem.conflict('username-taken', 'That username is taken', 'username');
    const row = await repo.insertUser(tx, {
      id: randomUUID(),
      username,
      displayName: input.displayName.trim(),
      emailEnc: input.email ? deps.cipher.encrypt(input.email.trim()) : null,
      emailHash: input.email ? deps.cipher.blindIndex(input.email) : null,
      passwordHash,
      roles: [...new Set(input.roles)],
      locale: input.locale ?? 'en',
      totpRequired: input.totpRequired ?? false,
      schoolId: input.schoolId ?? null,
      customerId: input.customerId ?? null,
      passwordChangedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(tx, ctx, now, {
      action: 'user.created',
      entityType: 'user',
      entityId: row.id,
      after: auditView(deps, row),
    });
    return toPublicUser(deps, row);
  });
}

export interface UpdateUserInput {
  displayName?: string | undefined;
  email?: string | null | undefined;
  roles?: Role[] | undefined;
  status?: 'active' | 'disabled' | undefined;
  totpRequired?: boolean | undefined;
}

export async function updateUserByAdmin(
  deps: Deps,
  ctx: ActorContext,
  actor: Actor,
  id: string,
  input: UpdateUserInput,
): Promise<PublicUser> {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const before = await repo.lockUser(tx, id);
    if (!before) throw Problem.notFound('User');
    if (
      id === actor.userId &&
      (input.status === 'disabled' ||
        (input.roles && !input.roles.includes('admin') && before.roles.includes('admin')))
    ) {
      throw Problem.conflict(
        'self-lockout',
        'You cannot disable yourself or remove your own admin role',
        input.status ? 'status' : 'roles',
      );
    }
    const after = await repo.updateUser(tx, id, {
      ...(input.displayName !== undefined ? { displayName: input.displayName.trim() } : {}),
      ...(input.email !== undefined
        ? {
            emailEnc: input.email ? deps.cipher.encrypt(input.email.trim()) : null,
            emailHash: input.email ? deps.cipher.blindIndex(input.email) : null,
          }
        : {}),
      ...(input.roles !== undefined ? { roles: [...new Set(input.roles)] } : {}),
      ...(input.status !== undefined
        ? {
            status: input.status,
            ...(input.status === 'active' ? { failedLogins: 0, lockedUntil: null } : {}),
          }
        : {}),
      ...(input.totpRequired !== undefined ? { totpRequired: input.totpRequired } : {}),
      updatedAt: now,
    });
    if (input.status === 'disabled') await repo.deleteUserSessions(tx, id);
    const rolesChanged =
      input.roles !== undefined && [...before.roles].sort().join() !== [...after.roles].sort().join();
    await recordAudit(tx, ctx, now, {
      action: rolesChanged ? 'user.roles_changed' : 'user.updated',
      entityType: 'user',
      entityId: id,
      before: auditView(deps, before),
      after: auditView(deps, after),
    });
    return toPublicUser(deps, after);
  });
}

export async function resetPasswordByAdmin(
  deps: Deps,
  ctx: ActorContext,
  id: string,
  newPassword: string,
): Promise<void> {
  const row = await repo.findUserById(deps.database.db, id);
  if (!row) throw Problem.notFound('User');
  const why = passwordProblem(newPassword, row.username);
  if (why) throw Problem.badRequest('newPassword', why);
  const passwordHash = await hashPassword(newPassword);
  await deps.database.db.transaction(async (tx) => {
    await repo.updateUser(tx, id, {
      passwordHash,
      passwordChangedAt: deps.now(),
      failedLogins: 0,
      lockedUntil: null,
      updatedAt: deps.now(),
    });
    await repo.deleteUserSessions(tx, id);
    await recordAudit(tx, ctx, deps.now(), {
      action: 'user.password_reset',
      entityType: 'user',
      entityId: id,
    });
  });
}

export async function listUsers(
  deps: Deps,
  filter: repo.UserFilter,
  page: { limit: number; offset: number },
): Promise<{ items: PublicUser[]; total: number }> {
  const { items, total } = await repo.findUsers(deps.database.db, filter, page);
  return { items: items.map((r) => toPublicUser(deps, r)), total };
}

export async function getUser(deps: Deps, id: string): Promise<PublicUser> {
  const row = await repo.findUserById(deps.database.db, id);
  if (!row) throw Problem.notFound('User');
  return toPublicUser(deps, row);
}

export function countAllUsers(deps: Deps): Promise<number> {
  return repo.countUsers(deps.database.db);
}
