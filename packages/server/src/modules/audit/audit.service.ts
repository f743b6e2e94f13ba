// The audit trail: recorded in the same transaction as each change, sealed into a keyed hash
// chain in order afterwards, anchored outside the database, and verifiable end to end.
import { randomUUID } from 'node:crypto';
import { csvLine } from '@bursar/core';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Executor } from '../../db/database.ts';
import type { ActorContext, Deps } from '../../deps.ts';
import {
  chainHead,
  countSealed,
  countUnsealed,
  findAuditEvents,
  insertAuditEvent,
  lockChainForSealing,
  sealedRowAt,
  sealedRowsAfter,
  unsealedRows,
  writeSeals,
  type AuditFilter,
  type AuditRow,
  type ChainRow,
} from './audit.repository.ts';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEventInput {
  /** What happened, as `<entity>.<verb>`, e.g. `user.created`, `auth.login_failed`. */
  action: string;
  entityType: string;
  entityId?: string | null;
  /** Masked values only: never plaintext personal data. */
  before?: unknown;
  after?: unknown;
}

/** Write one audit event on the caller's transaction, so it commits or rolls back with the change. */
export async function recordAudit(
  tx: Executor,
  ctx: ActorContext,
  at: Date,
  e: AuditEventInput,
): Promise<void> {
  await insertAuditEvent(tx, {
    id: randomUUID(),
    occurredAt: at.toISOString(),
    actorId: ctx.actorId,
    actorName: ctx.actorName,
    actorRole: ctx.actorRole,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId ?? null,
    before: e.before ?? null,
    after: e.after ?? null,
    requestId: ctx.requestId,
    ip: ctx.ip,
  });
}

/** JSON with object keys sorted at every depth, so jsonb's reordering never changes a hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .sort()
    .filter((k) => obj[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
    .join(',')}}`;
}

export function sealOf(
  deps: Pick<Deps, 'cipher'>,
  row: ChainRow,
  chainPos: number,
  prevHash: string,
): string {
  const content = canonicalJson({
    chainPos,
    prevHash,
    seq: row.seq,
    id: row.id,
    occurredAt: row.occurredAt,
    actorId: row.actorId,
    actorName: row.actorName,
    actorRole: row.actorRole,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    before: row.before,
    after: row.after,
    requestId: row.requestId,
    ip: row.ip,
  });
  return deps.cipher.auditSeal(content);
}

/** Chain every committed, unsealed row in sequence order. Safe to run concurrently and repeatedly. */
export async function sealAuditTrail(deps: Deps, batchSize = 1000): Promise<number> {
  let sealed = 0;
  for (;;) {
    const n = await deps.database.db.transaction(async (tx) => {
      await lockChainForSealing(tx);
      const head = await chainHead(tx);
      const rows = await unsealedRows(tx, batchSize);
      let pos = head?.chainPos ?? 0;
      let prev = head?.hash ?? GENESIS_HASH;
      const seals = rows.map((row) => {
        pos += 1;
        const hash = sealOf(deps, row, pos, prev);
        const seal = { seq: row.seq, chainPos: pos, prevHash: prev, hash };
        prev = hash;
        return seal;
      });
      await writeSeals(tx, seals);
      return rows.length;
    });
    sealed += n;
    if (n < batchSize) return sealed;
  }
}

export interface Anchor {
  chainPos: number;
  hash: string;
  at: string;
}

export interface VerifyReport {
  ok: boolean;
  checked: number;
  pending: number;
  head: { chainPos: number; hash: string } | null;
  anchorsChecked: number;
  firstBad?: { chainPos: number; seq: number | null; reason: string };
}

export function readAnchors(file: string): Anchor[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Anchor);
}

/**
 * Walk the sealed chain in order and check positions, links and seals; then check every anchor
 * (which catches rows cut from the end). Reports the first bad row.
 */
export async function verifyAuditTrail(
  deps: Deps,
  anchors: Anchor[] = [],
  onProgress?: (checked: number, total: number) => void,
): Promise<VerifyReport> {
  const db = deps.database.db;
  const total = onProgress ? await countSealed(db) : 0;
  let expectedPos = 1;
  let prev = GENESIS_HASH;
  let checked = 0;
  let firstBad: VerifyReport['firstBad'];
  outer: for (;;) {
    const rows = await sealedRowsAfter(db, expectedPos - 1, 2000);
    if (rows.length === 0) break;
    for (const row of rows) {
      const pos = row.chainPos!;
      if (pos !== expectedPos) {
        firstBad = {
          chainPos: expectedPos,
          seq: row.seq,
          reason: `chain position ${expectedPos} is missing: a row was deleted before seq ${row.seq}`,
        };
        break outer;
      }
      if (row.prevHash !== prev) {
        firstBad = {
          chainPos: pos,
          seq: row.seq,
          reason: 'link to the previous row is broken: a row was inserted, deleted or edited before it',
        };
        break outer;
      }
      if (row.hash !== sealOf(deps, row, pos, prev)) {
        firstBad = {
          chainPos: pos,
          seq: row.seq,
          reason: 'content does not match its seal: the row was edited',
        };
        break outer;
      }
      prev = row.hash;
      expectedPos += 1;
      checked += 1;
    }
    onProgress?.(checked, total);
  }
  const head = checked > 0 ? { chainPos: expectedPos - 1, hash: prev } : null;
  if (!firstBad) {
    for (const a of anchors) {
      if (a.chainPos > (head?.chainPos ?? 0)) {
        firstBad = {
          chainPos: a.chainPos,
          seq: null,
          reason: `anchored row ${a.chainPos} (anchored ${a.at}) is gone: rows were cut from the end`,
        };
        break;
      }
      const row = await sealedRowAt(db, a.chainPos);
      if (!row || row.hash !== a.hash) {
        firstBad = {
          chainPos: a.chainPos,
          seq: row?.seq ?? null,
          reason: `row ${a.chainPos} does not match the anchor taken ${a.at}`,
        };
        break;
      }
    }
  }
  const pending = await countUnsealed(db);
  return {
    ok: !firstBad,
    checked,
    pending,
    head,
    anchorsChecked: anchors.length,
    ...(firstBad ? { firstBad } : {}),
  };
}

/** Seal, then append the head to the anchor file an operator ships elsewhere. */
export async function anchorAuditTrail(deps: Deps, file: string): Promise<Anchor | null> {
  await sealAuditTrail(deps);
  const head = await chainHead(deps.database.db);
  if (!head) return null;
  const anchor: Anchor = { ...head, at: deps.now().toISOString() };
  mkdirSync(path.dirname(file), { recursive: true });
  appendFileSync(file, JSON.stringify(anchor) + '\n', { mode: 0o600 });
  return anchor;
}

export async function listAuditEvents(
  deps: Deps,
  filter: AuditFilter,
  page: { limit: number; offset: number },
): Promise<{ items: AuditRow[]; total: number }> {
  return findAuditEvents(deps.database.db, filter, page);
}

const CSV_COLUMNS = [
  'seq',
  'chainPos',
  'occurredAt',
  'actorName',
  'actorRole',
  'action',
  'entityType',
  'entityId',
  'requestId',
  'ip',
  'before',
  'after',
  'hash',
] as const;

/** CSV export of a filtered trail, generated page by page. */
export async function* auditCsv(deps: Deps, filter: AuditFilter): AsyncGenerator<string> {
  yield csvLine([...CSV_COLUMNS]);
  const pageSize = 1000;
  for (let offset = 0; ; offset += pageSize) {
    const { items } = await findAuditEvents(deps.database.db, filter, { limit: pageSize, offset });
    for (const row of items) yield csvLine(CSV_COLUMNS.map((c) => row[c]));
    if (items.length < pageSize) return;
  }
}
