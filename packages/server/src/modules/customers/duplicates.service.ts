// Likely duplicates (same ID number, same phone, or same name and date of birth [and school]),
// and merging two records into one with a preview, audited and reversible.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Executor } from '../../db/database.ts';
import type { ActorContext, Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import type { Actor } from '../identity/index.ts';
import * as repo from './customers.repository.ts';
import type { ChildTable, CustomerRow } from './customers.repository.ts';
import type * as S from './customers.schema.ts';
import {
  auditView,
  publishTimelineEvent,
  reclassify,
  searchNameOf,
  summariesOf,
  summaryOf,
  visibleCustomer,
} from './customers.service.ts';
import { nationalIdHash, phoneHash } from './pii.ts';

type Reason = 'national_id' | 'phone' | 'name_dob_school' | 'name_dob';
type Candidate = z.infer<typeof S.duplicateCandidate>;

function reasonsFor(
  c: CustomerRow,
  probe: {
    nationalIdHash?: string | null;
    phoneHash?: string | null;
    searchName?: string;
    dateOfBirth?: string | null;
    schoolId?: string | null;
  },
): Reason[] {
  const out: Reason[] = [];
  if (probe.nationalIdHash && c.nationalIdHash === probe.nationalIdHash) out.push('national_id');
  if (probe.phoneHash && c.phoneHash === probe.phoneHash) out.push('phone');
  if (
    probe.searchName &&
    probe.dateOfBirth &&
    c.searchName === probe.searchName &&
    c.dateOfBirth === probe.dateOfBirth
  ) {
    out.push(probe.schoolId && c.currentSchoolId === probe.schoolId ? 'name_dob_school' : 'name_dob');
  }
  return out;
}

/** Candidates for a customer about to be entered (the entry form calls this as the user types). */
export async function checkDuplicates(
  deps: Deps,
  input: z.infer<typeof S.duplicateCheckBody>,
): Promise<Candidate[]> {
  const db = deps.database.db;
  const probe = {
    nationalIdHash: input.nationalId ? nationalIdHash(deps.cipher, input.nationalId) : null,
    phoneHash: input.phone ? phoneHash(deps.cipher, input.phone) : null,
    searchName: searchNameOf(input.legalName, null),
    dateOfBirth: input.dateOfBirth ?? null,
    schoolId: input.schoolId ?? null,
  };
  const found = new Map<string, CustomerRow>();
  if (probe.nationalIdHash)
    for (const c of await repo.findCustomersByNationalIdHash(db, probe.nationalIdHash)) found.set(c.id, c);
  if (probe.dateOfBirth)
    for (const c of await repo.findCustomersByNameDob(db, probe.searchName, probe.dateOfBirth))
      found.set(c.id, c);
  if (probe.phoneHash) {
    const page = await repo.searchCustomers(
      db,
      null,
      { phoneHash: probe.phoneHash },
      { limit: 20, offset: 0 },
    );
    for (const c of page.items) found.set(c.id, c);
  }
  const rows = [...found.values()];
  const summaries = await summariesOf(deps, db, rows, false);
  return rows
    .map((c, i) => ({ customer: summaries[i]!, reasons: reasonsFor(c, probe) }))
    .filter((c) => c.reasons.length > 0);
}

export async function duplicatesOf(deps: Deps, actor: Actor, id: string): Promise<Candidate[]> {
  const db = deps.database.db;
  const c = await visibleCustomer(db, actor, id);
  const rows = await repo.findLikelyDuplicatesOf(db, c);
  const summaries = await summariesOf(deps, db, rows, false);
  return rows.map((r, i) => ({
    customer: summaries[i]!,
    reasons: reasonsFor(r, { ...c, schoolId: c.currentSchoolId }),
  }));
}

/** Profile fields the survivor lacks and takes from the duplicate. */
const FILLABLE = [
  'preferredName',
  'dateOfBirth',
  'gender',
  'email',
  'address',
  'declaredLoanPurpose',
  'externalRef',
] as const;
const IDENTIFIER_GROUPS = {
  nationalId: ['nationalIdType', 'nationalIdEnc', 'nationalIdHash'],
  phone: ['phoneEnc', 'phoneHash', 'phoneLast4Hash'],
} as const;

function fillPlan(
  survivor: CustomerRow,
  dup: CustomerRow,
): { fields: string[]; patch: Partial<repo.NewCustomerRow> } {
  const fields: string[] = [];
  const patch: Record<string, unknown> = {};
  for (const f of FILLABLE) {
    if ((survivor[f] === null || survivor[f] === undefined) && dup[f] !== null && dup[f] !== undefined) {
      fields.push(f);
      patch[f] = dup[f];
      if (f === 'address') Object.assign(patch, { country: dup.country, region: dup.region, city: dup.city });
    }
  }
  for (const [name, cols] of Object.entries(IDENTIFIER_GROUPS)) {
    if (!survivor[cols[1]] && dup[cols[1]]) {
      fields.push(name);
      for (const c of cols) patch[c] = dup[c];
    }
  }
  return { fields, patch: patch };
}

async function loadPair(tx: Executor, actor: Actor, survivorId: string, duplicateId: string, lock: boolean) {
  if (survivorId === duplicateId) throw Problem.badRequest('duplicateId', 'must be another customer');
  const survivor = await visibleCustomer(tx, actor, survivorId, lock);
  const dup = await visibleCustomer(tx, actor, duplicateId, lock).catch(() => {
    throw Problem.badRequest('duplicateId', 'is not a customer you can see');
  });
  for (const [c, field] of [
    [survivor, 'id'],
    [dup, 'duplicateId'],
  ] as const) {
    if (['merged', 'anonymised'].includes(c.status))
      throw Problem.conflict('customer-inactive', `The customer is ${c.status}`, field);
  }
  return { survivor, dup };
}

export async function mergePreview(
  deps: Deps,
  actor: Actor,
  survivorId: string,
  duplicateId: string,
): Promise<z.infer<typeof S.mergePreview>> {
  const db = deps.database.db;
  const { survivor, dup } = await loadPair(db, actor, survivorId, duplicateId, false);
  const children = await repo.childIds(db, dup.id);
  const [s, d] = await summariesOf(deps, db, [survivor, dup], false);
  return {
    survivor: s!,
    merged: d!,
    filledFromDuplicate: fillPlan(survivor, dup).fields,
    moves: Object.fromEntries(Object.entries(children).map(([k, v]) => [k, v.length])),
    tagsAfter: [...new Set([...survivor.tags, ...dup.tags])].sort(),
  };
}

interface MoveRecord {
  children: Record<ChildTable, string[]>;
  filled: string[];
  survivorBefore: Record<string, unknown>;
  dupBefore: { status: string; externalRef: string | null };
  household: boolean;
  credit: boolean;
  consentPurposes: string[];
  currentEnrolmentMoved: string | null;
  tagsBefore: string[];
}

export async function mergeCustomers(
  deps: Deps,
  ctx: ActorContext,
  actor: Actor,
  survivorId: string,
  duplicateId: string,
  reason: string | undefined,
) {
  const db = deps.database.db;
  const at = deps.now();
  const result = await db.transaction(async (tx) => {
    const { survivor, dup } = await loadPair(tx, actor, survivorId, duplicateId, true);
    const children = await repo.childIds(tx, dup.id);
    const dupCurrent = await repo.currentEnrolment(tx, dup.id);
    const survivorCurrent = await repo.currentEnrolment(tx, survivor.id);
    const { fields, patch } = fillPlan(survivor, dup);
    const survivorBefore = Object.fromEntries(
      Object.keys(patch).map((k) => [k, survivor[k as keyof CustomerRow] ?? null]),
    );
    const hasHousehold = !!(await repo.findHousehold(tx, survivor.id));
    const hasCredit = !!(await repo.findCreditRecord(tx, survivor.id));
    const survivorPurposes = new Set((await repo.listConsents(tx, survivor.id)).map((c) => c.purpose));
    const dupPurposes = (await repo.listConsents(tx, dup.id))
      .map((c) => c.purpose)
      .filter((p) => !survivorPurposes.has(p));
    // The external reference is unique: free it on the duplicate before the survivor takes it.
    if (patch.externalRef) await repo.updateCustomer(tx, dup.id, { externalRef: null });
    await repo.moveChildren(tx, children, survivor.id);
    const moveCurrent = !survivorCurrent && dupCurrent ? dupCurrent.id : null;
    if (moveCurrent) await repo.setCurrentEnrolment(tx, moveCurrent, true);
    const household = !hasHousehold && !!(await repo.findHousehold(tx, dup.id));
    if (household) await repo.moveHousehold(tx, dup.id, survivor.id);
    const credit = !hasCredit && !!(await repo.findCreditRecord(tx, dup.id));
    if (credit) await repo.moveCreditRecord(tx, dup.id, survivor.id);
    await repo.moveConsents(tx, dup.id, survivor.id, dupPurposes);
    const tags = [...new Set([...survivor.tags, ...dup.tags])].sort();
    await repo.updateCustomer(tx, survivor.id, { ...patch, tags, updatedAt: at });
    await repo.updateCustomer(tx, dup.id, {
      status: 'merged',
      mergedInto: survivor.id,
      currentSchoolId: null,
      updatedAt: at,
    });
    const moved: MoveRecord = {
      children,
      filled: fields,
      survivorBefore,
      dupBefore: { status: dup.status, externalRef: dup.externalRef },
      household,
      credit,
      consentPurposes: dupPurposes,
      currentEnrolmentMoved: moveCurrent,
      tagsBefore: survivor.tags,
    };
    const merge = await repo.insertMerge(tx, {
      id: randomUUID(),
      survivorId: survivor.id,
      mergedId: dup.id,
      moved,
      mergedBy: ctx.actorName,
      mergedAt: at,
    });
    const after = await reclassify(tx, deps, ctx, survivor.id, at);
    await publishTimelineEvent(
      tx,
      {
        customerId: survivor.id,
        kind: 'customers.merged',
        summary: `Merged duplicate record ${dup.id}${reason ? `: ${reason}` : ''}`,
        data: { mergeId: merge.id, mergedId: dup.id, filled: fields },
        actorName: ctx.actorName,
      },
      at,
    );
    await recordAudit(tx, ctx, at, {
      action: 'customer.merged',
      entityType: 'customer',
      entityId: survivor.id,
      before: { survivor: auditView(deps, survivor), duplicate: auditView(deps, dup) },
      after: {
        survivor: auditView(deps, after),
        mergeId: merge.id,
        mergedId: dup.id,
        filled: fields,
        moved: Object.fromEntries(Object.entries(children).map(([k, v]) => [k, v.length])),
        reason: reason ?? null,
      },
    });
    await recordAudit(tx, ctx, at, {
      action: 'customer.merged_into',
      entityType: 'customer',
      entityId: dup.id,
      before: { status: dup.status },
      after: { status: 'merged', mergedInto: survivor.id, mergeId: merge.id },
    });
    return { mergeId: merge.id, survivor: after };
  });
  const school = result.survivor.currentSchoolId
    ? await repo.findSchool(db, result.survivor.currentSchoolId)
    : undefined;
  return { mergeId: result.mergeId, survivor: summaryOf(deps, result.survivor, school, false) };
}

/** Undo a merge: move what was moved back and restore both records. */
export async function reverseMerge(deps: Deps, ctx: ActorContext, actor: Actor, mergeId: string) {
  const db = deps.database.db;
  const at = deps.now();
  const survivor = await db.transaction(async (tx) => {
    const m = await repo.findMerge(tx, mergeId);
    if (!m) throw Problem.notFound('Merge');
    if (m.reversedAt) throw Problem.conflict('merge-reversed', 'This merge was reversed already');
    const s = await visibleCustomer(tx, actor, m.survivorId, true);
    const moved = m.moved as MoveRecord;
    await repo.moveChildren(tx, moved.children, m.mergedId);
    if (moved.currentEnrolmentMoved) await repo.setCurrentEnrolment(tx, moved.currentEnrolmentMoved, true);
    if (moved.household) await repo.moveHousehold(tx, m.survivorId, m.mergedId);
    if (moved.credit) await repo.moveCreditRecord(tx, m.survivorId, m.mergedId);
    await repo.moveConsents(tx, m.survivorId, m.mergedId, moved.consentPurposes);
    await repo.updateCustomer(tx, m.survivorId, {
      ...(moved.survivorBefore as Partial<repo.NewCustomerRow>),
      tags: moved.tagsBefore,
      updatedAt: at,
    });
    await repo.updateCustomer(tx, m.mergedId, {
      status: moved.dupBefore.status,
      mergedInto: null,
      externalRef: moved.dupBefore.externalRef,
      updatedAt: at,
    });
    await repo.markMergeReversed(tx, mergeId, at);
    await reclassify(tx, deps, ctx, m.mergedId, at);
    const after = await reclassify(tx, deps, ctx, m.survivorId, at);
    await publishTimelineEvent(
      tx,
      {
        customerId: m.survivorId,
        kind: 'customers.merge_reversed',
        summary: `Merge with ${m.mergedId} reversed`,
        data: { mergeId },
        actorName: ctx.actorName,
      },
      at,
    );
    await recordAudit(tx, ctx, at, {
      action: 'customer.merge_reversed',
      entityType: 'customer',
      entityId: m.survivorId,
      before: auditView(deps, s),
      after: { survivor: auditView(deps, after), restored: m.mergedId, mergeId },
    });
    return after;
  });
  const school = survivor.currentSchoolId ? await repo.findSchool(db, survivor.currentSchoolId) : undefined;
  return { mergeId, survivor: summaryOf(deps, survivor, school, false) };
}

/**
 * Existing customers a prospect (growth) is, by ID number, phone or e-mail, inside the caller's
 * transaction: the customer ids with why they match, best match (ID number) first.
 */
export async function customersMatchingContact(
  db: Executor,
  probe: { nationalIdHash?: string | null; phoneHash?: string | null; email?: string | null },
): Promise<{ customerId: string; reasons: ('national_id' | 'phone' | 'email')[] }[]> {
  const found = new Map<string, Set<'national_id' | 'phone' | 'email'>>();
  const add = (id: string, r: 'national_id' | 'phone' | 'email') =>
    found.set(id, (found.get(id) ?? new Set()).add(r));
  if (probe.nationalIdHash)
    for (const c of await repo.findCustomersByNationalIdHash(db, probe.nationalIdHash))
      add(c.id, 'national_id');
  const email = probe.email?.trim().toLowerCase();
  for (const [filter, reason] of [
    [probe.phoneHash ? { phoneHash: probe.phoneHash } : null, 'phone'],
    [email ? { email } : null, 'email'],
  ] as const) {
    if (!filter) continue;
    const page = await repo.searchCustomers(db, null, filter, { limit: 20, offset: 0 });
    for (const c of page.items)
      if (!['merged', 'anonymised'].includes(c.status) && (reason !== 'email' || c.email === email))
        add(c.id, reason);
  }
  return [...found.entries()]
    .map(([customerId, r]) => ({ customerId, reasons: [...r] }))
    .sort((a, b) => Number(b.reasons.includes('national_id')) - Number(a.reasons.includes('national_id')));
}
