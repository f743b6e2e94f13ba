import { and, count, eq, ilike, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { sessions, users } from './identity.tables.ts';

export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;
export type SessionRow = typeof sessions.$inferSelect;

export async function findUserByUsername(db: Executor, username: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.username, username.toLowerCase()));
  return row;
}

export async function findUserById(db: Executor, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

/** Row-locking read for read-modify-write inside a transaction. */
export async function lockUser(db: Executor, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).for('update');
  return row;
}

export async function insertUser(db: Executor, row: NewUserRow): Promise<UserRow> {
  const [created] = await db.insert(users).values(row).returning();
  return created!;
}

export async function updateUser(db: Executor, id: string, patch: Partial<NewUserRow>): Promise<UserRow> {
  const [row] = await db.update(users).set(patch).where(eq(users.id, id)).returning();
  return row!;
}

export interface UserFilter {
  q?: string | undefined;
  role?: string | undefined;
  status?: 'active' | 'disabled' | undefined;
}

export async function findUsers(
  db: Executor,
  f: UserFilter,
  page: { limit: number; offset: number },
): Promise<{ items: UserRow[]; total: number }> {
  const conds: SQL[] = [];
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(or(ilike(users.username, like), ilike(users.displayName, like))!);
  }
  if (f.role) conds.push(sql`${f.role} = any(${users.roles})`);
  if (f.status) conds.push(eq(users.status, f.status));
  const where = conds.length ? and(...conds) : undefined;
  const items = await db
    .select()
    .from(users)
    .where(where)
    .orderBy(users.username)
    .limit(page.limit)
    .offset(page.offset);
  const [c] = await db.select({ n: count() }).from(users).where(where);
  return { items, total: c?.n ?? 0 };
}

export async function countUsers(db: Executor): Promise<number> {
  const [c] = await db.select({ n: count() }).from(users);
  return c?.n ?? 0;
}

export async function insertSession(db: Executor, row: SessionRow): Promise<void> {
  await db.insert(sessions).values(row);
}

export async function findSession(db: Executor, tokenHash: string): Promise<SessionRow | undefined> {
  const [row] = await db.select().from(sessions).where(eq(sessions.tokenHash, tokenHash));
  return row;
}

export async function touchSession(
  db: Executor,
  tokenHash: string,
  lastSeenAt: Date,
  expiresAt: Date,
): Promise<void> {
  await db.update(sessions).set({ lastSeenAt, expiresAt }).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSession(db: Executor, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

/** Revoke a user's sessions, optionally keeping the one in use. */
export async function deleteUserSessions(
  db: Executor,
  userId: string,
  keepTokenHash?: string,
): Promise<void> {
  const cond = keepTokenHash
    ? and(eq(sessions.userId, userId), sql`${sessions.tokenHash} <> ${keepTokenHash}`)
    : eq(sessions.userId, userId);
  await db.delete(sessions).where(cond);
}

export async function deleteExpiredSessions(db: Executor, now: Date): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}
