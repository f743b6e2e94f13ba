import { and, count, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Executor } from '../../db/database.ts';
import { auditEvents } from './audit.tables.ts';

export type AuditRow = typeof auditEvents.$inferSelect;
export type NewAuditRow = typeof auditEvents.$inferInsert;

export interface AuditFilter {
  from?: string | undefined;
  to?: string | undefined;
  actor?: string | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
}

export async function insertAuditEvent(db: Executor, row: NewAuditRow): Promise<void> {
  await db.insert(auditEvents).values(row);
}

function where(f: AuditFilter): SQL | undefined {
  const conds: SQL[] = [];
  if (f.from) conds.push(gte(auditEvents.occurredAt, f.from));
  if (f.to) conds.push(lte(auditEvents.occurredAt, f.to));
  if (f.actor) conds.push(eq(auditEvents.actorName, f.actor));
  if (f.action) conds.push(eq(auditEvents.action, f.action));
  if (f.entityType) conds.push(eq(auditEvents.entityType, f.entityType));
  if (f.entityId) conds.push(eq(auditEvents.entityId, f.entityId));
  return conds.length ? and(...conds) : undefined;
}

export async function findAuditEvents(
  db: Executor,
  f: AuditFilter,
  page: { limit: number; offset: number },
): Promise<{ items: AuditRow[]; total: number }> {
  const w = where(f);
  const items = await db
    .select()
    .from(auditEvents)
    .where(w)
    .orderBy(desc(auditEvents.seq))
    .limit(page.limit)
    .offset(page.offset);
  const [row] = await db.select({ n: count() }).from(auditEvents).where(w);
  return { items, total: row?.n ?? 0 };
}

/** Raw rows in chain order, for sealing and verification; values normalised across drivers. */
export interface ChainRow {
  seq: number;
  id: string;
  occurredAt: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
  chainPos: number | null;
  prevHash: string | null;
  hash: string | null;
}

const CHAIN_COLUMNS = `seq, id, occurred_at, actor_id, actor_name, actor_role, action, entity_type, entity_id,
  before, after, request_id, ip, chain_pos, prev_hash, hash`;

function toChainRow(r: Record<string, unknown>): ChainRow {
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    seq: Number(r.seq),
    id: String(r.id),
    occurredAt: new Date(r.occurred_at as string | Date).toISOString(),
    actorId: (r.actor_id as string | null) ?? null,
    actorName: (r.actor_name as string | null) ?? null,
    actorRole: (r.actor_role as string | null) ?? null,
    action: String(r.action),
    entityType: String(r.entity_type),
    entityId: (r.entity_id as string | null) ?? null,
    before: r.before ?? null,
    after: r.after ?? null,
    requestId: (r.request_id as string | null) ?? null,
    ip: (r.ip as string | null) ?? null,
    chainPos: num(r.chain_pos),
    prevHash: (r.prev_hash as string | null) ?? null,
    hash: (r.hash as string | null) ?? null,
  };
}

export async function chainHead(db: Executor): Promise<{ chainPos: number; hash: string } | null> {
  const rows = await rowsOf(
    db,
    sql`select chain_pos, hash from audit_events where chain_pos is not null order by chain_pos desc limit 1`,
  );
  const r = rows[0];
  return r ? { chainPos: Number(r.chain_pos), hash: String(r.hash) } : null;
}

export async function unsealedRows(db: Executor, limit: number): Promise<ChainRow[]> {
  const rows = await rowsOf(
    db,
    sql`select ${sql.raw(CHAIN_COLUMNS)} from audit_events where chain_pos is null order by seq limit ${limit}`,
  );
  return rows.map(toChainRow);
}

export async function sealedRowsAfter(db: Executor, afterPos: number, limit: number): Promise<ChainRow[]> {
  const rows = await rowsOf(
    db,
    sql`select ${sql.raw(CHAIN_COLUMNS)} from audit_events where chain_pos > ${afterPos} order by chain_pos limit ${limit}`,
  );
  return rows.map(toChainRow);
}

export async function sealedRowAt(db: Executor, chainPos: number): Promise<ChainRow | null> {
  const rows = await rowsOf(
    db,
    sql`select ${sql.raw(CHAIN_COLUMNS)} from audit_events where chain_pos = ${chainPos}`,
  );
  return rows[0] ? toChainRow(rows[0]) : null;
}

export async function countSealed(db: Executor): Promise<number> {
  const rows = await rowsOf(db, sql`select count(*) as n from audit_events where chain_pos is not null`);
  return Number(rows[0]?.n ?? 0);
}

export async function countUnsealed(db: Executor): Promise<number> {
  const rows = await rowsOf(db, sql`select count(*) as n from audit_events where chain_pos is null`);
  return Number(rows[0]?.n ?? 0);
}

/** Serialises sealers: the chain has one writer at a time, ordinary writers never wait. */
export async function lockChainForSealing(db: Executor): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(7261002)`);
}

export async function writeSeals(
  db: Executor,
  seals: { seq: number; chainPos: number; prevHash: string; hash: string }[],
): Promise<void> {
  if (seals.length === 0) return;
  const values = sql.join(
    seals.map((s) => sql`(${s.seq}::bigint, ${s.chainPos}::bigint, ${s.prevHash}::text, ${s.hash}::text)`),
    sql`, `,
  );
  await db.execute(sql`update audit_events a set chain_pos = v.pos, prev_hash = v.prev, hash = v.h
    from (values ${values}) as v(seq, pos, prev, h)
    where a.seq = v.seq and a.chain_pos is null`);
}
