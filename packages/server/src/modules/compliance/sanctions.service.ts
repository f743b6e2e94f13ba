// Sanctions screening: versioned list imports, screening of one customer (onboarding), the
// re-screening of every customer after a list update (a resumable job: batches in id order with a
// cursor, each batch one transaction), the hit review queue (optionally four eyes) and the
// clearance check that refuses a disbursement to a customer with a confirmed hit.
import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { ActorContext, Deps } from '../../deps.ts';
import type { Executor } from '../../db/database.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { customerContacts } from '../customers/index.ts';
import * as repo from './kyc.repository.ts';
import type { EntryRow, HitRow, ListVersionRow } from './kyc.repository.ts';
import { kycSettings } from './kyc.settings.ts';
import { blockingKeys, matchVariants, nameVariants } from './name-match.ts';
import { parseGenericList, parseOfacSdn, type ParsedList } from './sanctions.parse.ts';

// ---- imports -----------------------------------------------------------------------------------
export type ListImportInput =
  | { format: 'ofac_sdn'; listCode: string; sourceName: string; sdnCsv: string; altCsv?: string | undefined }
  | { format: 'generic_csv'; listCode: string; sourceName: string; csv: string };

export function listVersionView(v: ListVersionRow) {
  return {
    id: v.id,
    listCode: v.listCode,
    version: v.version,
    format: v.format,
    sourceName: v.sourceName,
    checksum: v.checksum,
    rowCount: v.rowCount,
    entryCount: v.entryCount,
    aliasCount: v.aliasCount,
    importedBy: v.importedBy,
    importedAt: v.importedAt.toISOString(),
  };
}

/**
 * Import a list as a new version, with its checksum and counts, and queue the re-screening of
 * every customer against it, in one transaction. The same bytes imported again add nothing.
 */
export async function importSanctionsList(deps: Deps, ctx: ActorContext, input: ListImportInput) {
  const parts = input.format === 'ofac_sdn' ? [input.sdnCsv, input.altCsv ?? ''] : [input.csv];
  const hash = createHash('sha256');
  for (const p of parts) hash.update(p).update('\u0000');
  const checksum = hash.digest('hex');
  const parsed: ParsedList =
    input.format === 'ofac_sdn' ? parseOfacSdn(input.sdnCsv, input.altCsv ?? null) : parseGenericList(input.csv);
  if (parsed.entries.length === 0) throw Problem.badRequest(input.format === 'ofac_sdn' ? 'sdnCsv' : 'csv', 'has no entries');
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    // Serialise imports of one list so two at once cannot take the same version number.
    await tx.execute(sqlLock(input.listCode));
    const latest = await repo.latestVersion(tx, input.listCode);
    if (latest?.checksum === checksum)
      return { version: listVersionView(latest), unchanged: true, rescreenId: null as string | null };
    const version = await repo.insertListVersion(tx, {
      id: randomUUID(),
      listCode: input.listCode,
      version: (latest?.version ?? 0) + 1,
      format: input.format,
      sourceName: input.sourceName,
      checksum,
      rowCount: parsed.rowCount,
      entryCount: parsed.entries.length,
      aliasCount: parsed.aliasCount,
      importedBy: ctx.actorName,
      importedAt: now,
    });
    await repo.insertEntries(
      tx,
      parsed.entries.map((e) => ({
        id: randomUUID(),
        versionId: version.id,
        listCode: input.listCode,
        entryRef: e.entryRef,
        primaryName: e.primaryName,
        entryType: e.entryType,
        programs: e.programs,
        remarks: e.remarks,
        birthDates: e.birthDates,
        names: e.names,
        keys: blockingKeys(e.names.flatMap((n) => nameVariants(n.name))),
      })),
    );
    const rescreen = await repo.insertRescreen(tx, {
      id: randomUUID(),
      versionId: version.id,
      status: 'pending',
      createdAt: now,
    });
    await recordAudit(tx, ctx, now, {
      action: 'sanctions_list.imported',
      entityType: 'sanctions_list_version',
      entityId: version.id,
      after: { ...listVersionView(version), rescreenId: rescreen.id },
    });
    return { version: listVersionView(version), unchanged: false, rescreenId: rescreen.id };
  });
}

const sqlLock = (listCode: string) => sql`select pg_advisory_xact_lock(hashtext(${`sanctions:${listCode}`}))`;

// ---- matching ----------------------------------------------------------------------------------
interface IndexedEntry {
  row: EntryRow;
  variants: { name: string; variants: string[][] }[];
}
interface ListIndex {
  entries: IndexedEntry[];
  byKey: Map<string, number[]>;
}

let cachedIndex: { signature: string; index: ListIndex } | null = null;

/** The current version of every list, indexed by blocking key (kept while the versions are current). */
async function listIndex(db: Executor): Promise<ListIndex> {
  const versions = await repo.listVersions(db);
  const current = new Map<string, string>();
  for (const v of versions) if (!current.has(v.listCode)) current.set(v.listCode, v.id);
  const signature = [...current.values()].sort().join(',');
  if (cachedIndex?.signature === signature) return cachedIndex.index;
  const rows = await repo.currentEntries(db);
  const entries = rows.map((row) => ({
    row,
    variants: row.names.map((n) => ({ name: n.name, variants: nameVariants(n.name) })),
  }));
  const byKey = new Map<string, number[]>();
  entries.forEach((e, i) => {
    for (const k of e.row.keys) {
      const list = byKey.get(k);
      if (list) list.push(i);
      else byKey.set(k, [i]);
    }
  });
  const index = { entries, byKey };
  cachedIndex = { signature, index };
  return index;
}

export interface ScreeningSubjectInput {
  customerId: string;
  names: string[];
  dateOfBirth: string | null;
}

export interface Candidate {
  entry: EntryRow;
  score: number;
  matchedName: string;
  customerName: string;
  explanation: string;
}

/** Birth dates agreeing (same year) add a little; all known and none agreeing takes some away. */
function birthDateAdjustment(entryDates: string[], dob: string | null): number {
  if (!dob || entryDates.length === 0) return 0;
  return entryDates.some((d) => d.slice(0, 4) === dob.slice(0, 4)) ? 0.02 : -0.08;
}

export function screenAgainst(index: ListIndex, subject: ScreeningSubjectInput, threshold: number): Candidate[] {
  const subjectVariants = subject.names.map((n) => ({ name: n, variants: nameVariants(n) }));
  const keys = blockingKeys(subjectVariants.flatMap((s) => s.variants));
  // Candidates share at least two blocking keys (one when either side has only one): a shared
  // family name alone (wng: Wang, Wong) does not make every Wang on the list a candidate.
  const shared = new Map<number, number>();
  for (const k of keys) for (const i of index.byKey.get(k) ?? []) shared.set(i, (shared.get(i) ?? 0) + 1);
  const out: Candidate[] = [];
  for (const [i, n] of shared) {
    const e = index.entries[i]!;
    if (n < Math.min(2, keys.length, e.row.keys.length)) continue;
    let best: Candidate | null = null;
    for (const s of subjectVariants)
      for (const n of e.variants) {
        const m = matchVariants(s.variants, n.variants);
        if (!best || m.score > best.score)
          best = {
            entry: e.row,
            score: m.score,
            matchedName: n.name,
            customerName: s.name,
            explanation: `${m.left} ~ ${m.right}`,
          };
      }
    if (!best) continue;
    const score = Math.min(1, Math.round((best.score + birthDateAdjustment(e.row.birthDates, subject.dateOfBirth)) * 1000) / 1000);
    if (score >= threshold) out.push({ ...best, score });
  }
  return out.sort((a, b) => b.score - a.score);
}

function hitRows(subject: ScreeningSubjectInput, found: Candidate[], origin: HitRow['origin'], now: Date) {
  return found.map((c) => ({
    id: randomUUID(),
    customerId: subject.customerId,
    listCode: c.entry.listCode,
    entryRef: c.entry.entryRef,
    versionId: c.entry.versionId,
    customerName: c.customerName,
    matchedName: c.matchedName,
    score: c.score,
    explanation: c.explanation,
    origin,
    status: 'pending' as const,
    createdAt: now,
    updatedAt: now,
  }));
}

export function hitView(h: HitRow, entry?: EntryRow | null) {
  return {
    id: h.id,
    customerId: h.customerId,
    listCode: h.listCode,
    entryRef: h.entryRef,
    versionId: h.versionId,
    customerName: h.customerName,
    matchedName: h.matchedName,
    score: h.score,
    explanation: h.explanation,
    origin: h.origin,
    status: h.status,
    decision: h.decision,
    reason: h.reason,
    reviewedBy: h.reviewedBy,
    reviewedAt: h.reviewedAt?.toISOString() ?? null,
    approvedBy: h.approvedBy,
    approvedAt: h.approvedAt?.toISOString() ?? null,
    createdAt: h.createdAt.toISOString(),
    entry: entry
      ? {
          primaryName: entry.primaryName,
          entryType: entry.entryType,
          programs: entry.programs,
          remarks: entry.remarks,
          birthDates: entry.birthDates,
          names: entry.names,
        }
      : null,
  };
}

/**
 * Screen one customer now (onboarding, or on demand): new hits go to the review queue, audited.
 * Origination and customers call this through the module's index.
 */
export async function screenCustomer(
  deps: Deps,
  ctx: ActorContext,
  customerId: string,
  origin: 'onboarding' | 'manual' = 'onboarding',
) {
  const db = deps.database.db;
  const customer = (await customerContacts(deps, db, [customerId])).get(customerId);
  if (!customer) throw Problem.notFound('Customer');
  const index = await listIndex(db);
  const subject = {
    customerId,
    names: [customer.legalName, customer.preferredName].filter((n): n is string => !!n),
    dateOfBirth: customer.dateOfBirth,
  };
  const found = screenAgainst(index, subject, kycSettings().BURSAR_SANCTIONS_THRESHOLD);
  const now = deps.now();
  const created = await db.transaction(async (tx) => {
    const rows = await repo.upsertHits(tx, hitRows(subject, found, origin, now));
    for (const h of rows)
      await recordAudit(tx, ctx, now, {
        action: 'sanctions_hit.raised',
        entityType: 'sanctions_hit',
        entityId: h.id,
        after: { customerId, listCode: h.listCode, entryRef: h.entryRef, score: h.score, origin },
      });
    await recordAudit(tx, ctx, now, {
      action: 'customer.sanctions_screened',
      entityType: 'customer',
      entityId: customerId,
      after: { candidates: found.length, newHits: rows.length, origin },
    });
    return rows;
  });
  const all = await repo.hitsWhere(db, { customerId }, { limit: 200, offset: 0 });
  return { customerId, screenedAt: now.toISOString(), newHits: created.length, hits: all.map((h) => hitView(h)) };
}

// ---- re-screening ------------------------------------------------------------------------------
export function rescreenView(r: repo.RescreenRow) {
  return {
    id: r.id,
    versionId: r.versionId,
    status: r.status,
    screened: r.screened,
    hits: r.hits,
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

/**
 * Work through unfinished re-screening runs, one batch of customers per transaction: the batch's
 * hits and the run's cursor commit together, so a crash resumes after the last committed batch and
 * a batch screened twice adds no hit (one hit per customer and entry). Returns the runs finished.
 */
export async function runRescreens(
  deps: Deps,
  ctx: ActorContext,
  opts: { rescreenId?: string; maxBatches?: number; batchSize?: number } = {},
): Promise<{ batches: number; finished: string[] }> {
  const db = deps.database.db;
  const size = opts.batchSize ?? kycSettings().BURSAR_RESCREEN_BATCH;
  const threshold = kycSettings().BURSAR_SANCTIONS_THRESHOLD;
  const finished: string[] = [];
  let batches = 0;
  for (;;) {
    if (opts.maxBatches !== undefined && batches >= opts.maxBatches) break;
    const index = await listIndex(db);
    const step = await db.transaction(async (tx) => {
      const run = await repo.claimRescreen(tx, opts.rescreenId);
      if (!run) return null;
      const now = deps.now();
      const subjects = await repo.customersAfter(tx, run.cursor, size);
      const rows = subjects.flatMap((s) => {
        const subject = {
          customerId: s.id,
          names: [s.legal_name, s.preferred_name].filter((n): n is string => !!n),
          dateOfBirth: s.date_of_birth,
        };
        return hitRows(subject, screenAgainst(index, subject, threshold), 'rescreen', now);
      });
      const created = await repo.upsertHits(tx, rows);
      for (const h of created)
        await recordAudit(tx, ctx, now, {
          action: 'sanctions_hit.raised',
          entityType: 'sanctions_hit',
          entityId: h.id,
          after: { customerId: h.customerId, listCode: h.listCode, entryRef: h.entryRef, score: h.score, origin: 'rescreen' },
        });
      const done = subjects.length < size;
      const updated = await repo.updateRescreen(tx, run.id, {
        status: done ? 'done' : 'running',
        cursor: subjects.at(-1)?.id ?? run.cursor,
        screened: run.screened + subjects.length,
        hits: run.hits + created.length,
        startedAt: run.startedAt ?? now,
        finishedAt: done ? now : null,
      });
      if (done)
        await recordAudit(tx, ctx, now, {
          action: 'sanctions_rescreen.completed',
          entityType: 'sanctions_rescreen',
          entityId: run.id,
          after: rescreenView(updated),
        });
      return { id: run.id, done };
    });
    if (!step) break;
    batches++;
    if (step.done) finished.push(step.id);
  }
  return { batches, finished };
}

/** A job that drives every unfinished re-screening run every minute (resumes after a restart). */
export function sanctionsJobs(deps: Deps, ctx: ActorContext) {
  return [
    {
      queue: 'compliance-sanctions-rescreen',
      cron: '* * * * *',
      retryLimit: 3,
      handle: async () => {
        await runRescreens(deps, ctx);
      },
    },
  ];
}

// ---- review ------------------------------------------------------------------------------------
export async function listHits(
  deps: Deps,
  filter: { status?: HitRow['status'] | undefined; customerId?: string | undefined },
  page: { limit: number; offset: number },
) {
  const db = deps.database.db;
  const hits = await repo.hitsWhere(db, filter, page);
  const index = await listIndex(db);
  const byRef = new Map(index.entries.map((e) => [`${e.row.listCode}:${e.row.entryRef}`, e.row]));
  return hits.map((h) => hitView(h, byRef.get(`${h.listCode}:${h.entryRef}`) ?? null));
}

/** Decide a hit. With four eyes on, the decision waits for a second reviewer's approval. */
export async function reviewHit(
  deps: Deps,
  ctx: ActorContext,
  hitId: string,
  input: { decision: 'confirmed' | 'false_positive'; reason: string },
) {
  const fourEyes = kycSettings().BURSAR_SANCTIONS_FOUR_EYES;
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const hit = await repo.findHit(tx, hitId, true);
    if (!hit) throw Problem.notFound('Screening hit');
    if (hit.status !== 'pending')
      throw Problem.conflict('hit-decided', `This hit is ${hit.status.replace('_', ' ')} already`, 'status');
    const updated = await repo.updateHit(tx, hit.id, {
      status: fourEyes ? 'awaiting_approval' : input.decision,
      decision: input.decision,
      reason: input.reason,
      reviewedBy: ctx.actorName,
      reviewedById: ctx.actorId,
      reviewedAt: now,
      updatedAt: now,
    });
    await recordAudit(tx, ctx, now, {
      action: fourEyes ? 'sanctions_hit.decision_proposed' : `sanctions_hit.${input.decision}`,
      entityType: 'sanctions_hit',
      entityId: hit.id,
      before: { status: hit.status },
      after: { status: updated.status, decision: input.decision, reason: input.reason },
    });
    return hitView(updated);
  });
}

/** The second reviewer approves (the decision takes effect) or sends the hit back to the queue. */
export async function approveHitDecision(
  deps: Deps,
  ctx: ActorContext,
  hitId: string,
  input: { approve: boolean; reason?: string | undefined },
) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const hit = await repo.findHit(tx, hitId, true);
    if (!hit) throw Problem.notFound('Screening hit');
    if (hit.status !== 'awaiting_approval' || !hit.decision)
      throw Problem.conflict('not-awaiting-approval', 'This hit has no decision awaiting approval', 'status');
    if (hit.reviewedById && hit.reviewedById === ctx.actorId)
      throw Problem.conflict('four-eyes', 'A second reviewer must approve the decision', 'approve');
    const updated = await repo.updateHit(
      tx,
      hit.id,
      input.approve
        ? { status: hit.decision, approvedBy: ctx.actorName, approvedAt: now, updatedAt: now }
        : { status: 'pending', decision: null, reviewedBy: null, reviewedById: null, reviewedAt: null, updatedAt: now },
    );
    await recordAudit(tx, ctx, now, {
      action: input.approve ? `sanctions_hit.${hit.decision}` : 'sanctions_hit.decision_returned',
      entityType: 'sanctions_hit',
      entityId: hit.id,
      before: { status: hit.status, decision: hit.decision },
      after: { status: updated.status, reason: input.reason ?? null },
    });
    return hitView(updated);
  });
}

/** The screening state of a customer: blocked when a hit is confirmed. */
export async function sanctionsClearance(db: Executor, customerId: string) {
  const confirmed = await repo.confirmedHitsOf(db, customerId);
  const unresolved = await repo.unresolvedHitsOf(db, customerId);
  return { blocked: confirmed.length > 0, confirmed: confirmed.length, unresolved: unresolved.length };
}

/** Refuse money to a customer with a confirmed sanctions match. */
export async function assertNotSanctioned(db: Executor, customerId: string): Promise<void> {
  const c = await sanctionsClearance(db, customerId);
  if (c.blocked)
    throw new Problem(
      409,
      'sanctions-match-confirmed',
      'Conflict',
      'The customer matches a sanctions list entry (confirmed on review); no disbursement may be made',
      { errors: [{ field: 'customerId', message: 'confirmed sanctions match' }] },
    );
}

export async function listSanctionsVersions(deps: Deps) {
  const db = deps.database.db;
  return {
    versions: (await repo.listVersions(db)).map(listVersionView),
    rescreens: (await repo.recentRescreens(db)).map(rescreenView),
  };
}

export async function listEntries(deps: Deps, versionId: string, page: { limit: number; offset: number }) {
  const db = deps.database.db;
  if (!(await repo.findListVersion(db, versionId))) throw Problem.notFound('List version');
  return (await repo.entriesOfVersion(db, versionId, page)).map((e) => ({
    id: e.id,
    entryRef: e.entryRef,
    primaryName: e.primaryName,
    entryType: e.entryType,
    programs: e.programs,
    remarks: e.remarks,
    birthDates: e.birthDates,
    names: e.names,
  }));
}

export async function getRescreen(deps: Deps, id: string) {
  const r = await repo.findRescreen(deps.database.db, id);
  if (!r) throw Problem.notFound('Re-screening run');
  return rescreenView(r);
}
