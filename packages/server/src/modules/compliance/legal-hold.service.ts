// Legal holds: while a hold on a customer, a loan or a case is in force, nothing of that
// customer is anonymised or deleted — not by the retention job, not by a data-subject deletion,
// not by the customers module's own anonymise action (a registered retention check).
import { randomUUID } from 'node:crypto';
import { maskName } from '@bursar/core';
import type { Executor } from '../../db/database.ts';
import type { ActorContext, Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { customerContacts, registerRetentionCheck } from '../customers/index.ts';
import { getLoan, STAFF_ACCESS } from '../servicing/index.ts';
import * as repo from './retention.repository.ts';
import type { LegalHoldRow } from './retention.repository.ts';

export interface PlaceHoldInput {
  subjectType: 'customer' | 'loan' | 'case';
  subjectId: string;
  /** Required for a case (the case's customer); derived for a customer or a loan. */
  customerId?: string | undefined;
  reason: string;
}

export interface LegalHoldView {
  id: string;
  subjectType: LegalHoldRow['subjectType'];
  subjectId: string;
  customerId: string;
  customerName: string | null;
  reason: string;
  placedBy: string | null;
  placedAt: string;
  releasedBy: string | null;
  releasedAt: string | null;
  releaseReason: string | null;
  active: boolean;
}

function view(h: LegalHoldRow, names: Map<string, { legalName: string }>): LegalHoldView {
  const name = names.get(h.customerId)?.legalName;
  return {
    id: h.id,
    subjectType: h.subjectType,
    subjectId: h.subjectId,
    customerId: h.customerId,
    customerName: name ? maskName(name) : null,
    reason: h.reason,
    placedBy: h.placedBy,
    placedAt: h.placedAt.toISOString(),
    releasedBy: h.releasedBy,
    releasedAt: h.releasedAt?.toISOString() ?? null,
    releaseReason: h.releaseReason,
    active: h.releasedAt === null,
  };
}

async function customerOfSubject(deps: Deps, input: PlaceHoldInput): Promise<string> {
  if (input.subjectType === 'customer') {
    const found = await customerContacts(deps, deps.database.db, [input.subjectId]);
    if (!found.has(input.subjectId)) throw Problem.badRequest('subjectId', 'no such customer');
    return input.subjectId;
  }
  if (input.subjectType === 'loan') {
    try {
      return (await getLoan(deps, STAFF_ACCESS, input.subjectId)).customerId;
    } catch {
      throw Problem.badRequest('subjectId', 'no such loan');
    }
  }
  if (!input.customerId) throw Problem.badRequest('customerId', 'a case hold names the case’s customer');
  const found = await customerContacts(deps, deps.database.db, [input.customerId]);
  if (!found.has(input.customerId)) throw Problem.badRequest('customerId', 'no such customer');
  return input.customerId;
}

export async function placeLegalHold(
  deps: Deps,
  ctx: ActorContext,
  input: PlaceHoldInput,
): Promise<LegalHoldView> {
  const customerId = await customerOfSubject(deps, input);
  const hold = await deps.database.db.transaction(async (tx) => {
    const at = deps.now();
    const row = await repo.insertHold(tx, {
      id: randomUUID(),
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      customerId,
      reason: input.reason,
      placedBy: ctx.actorName,
      placedAt: at,
    });
    await recordAudit(tx, ctx, at, {
      action: 'legal_hold.placed',
      entityType: 'legal_hold',
      entityId: row.id,
      after: { subjectType: row.subjectType, subjectId: row.subjectId, customerId, reason: row.reason },
    });
    return row;
  });
  return (await holdViews(deps, [hold]))[0]!;
}

export async function releaseLegalHold(
  deps: Deps,
  ctx: ActorContext,
  id: string,
  reason: string,
): Promise<LegalHoldView> {
  const row = await deps.database.db.transaction(async (tx) => {
    const hold = await repo.lockHold(tx, id);
    if (!hold) throw Problem.notFound('Legal hold');
    if (hold.releasedAt) throw Problem.conflict('hold-released', 'The legal hold is released already');
    const at = deps.now();
    const released = await repo.releaseHold(tx, id, {
      releasedBy: ctx.actorName,
      releasedAt: at,
      releaseReason: reason,
    });
    await recordAudit(tx, ctx, at, {
      action: 'legal_hold.released',
      entityType: 'legal_hold',
      entityId: id,
      before: { active: true },
      after: { active: false, reason },
    });
    return released;
  });
  return (await holdViews(deps, [row]))[0]!;
}

async function holdViews(deps: Deps, rows: LegalHoldRow[]): Promise<LegalHoldView[]> {
  const names = await customerContacts(
    deps,
    deps.database.db,
    rows.map((r) => r.customerId),
  );
  return rows.map((r) => view(r, names));
}

export async function listLegalHolds(deps: Deps, activeOnly: boolean): Promise<LegalHoldView[]> {
  return holdViews(deps, await repo.listHolds(deps.database.db, activeOnly));
}

/** Why a customer's data must be kept because of a legal hold, or null (read on the caller's transaction). */
export async function holdReason(db: Executor, customerId: string): Promise<string | null> {
  const holds = await repo.activeHoldsOf(db, customerId);
  if (!holds.length) return null;
  return `legal hold (${holds.map((h) => h.reason).join('; ')})`;
}

let holdCheckInstalled = false;
/**
 * Make the customers module's own "anonymise" action honour holds too. Called when the routes
 * register (not at import: customers and compliance import each other's public surfaces).
 */
export function installHoldRetentionCheck(): void {
  if (holdCheckInstalled) return;
  holdCheckInstalled = true;
  registerRetentionCheck((deps, customerId) => holdReason(deps.database.db, customerId));
}
