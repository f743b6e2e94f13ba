// The only code that touches origination's tables.
import { and, asc, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import {
  originationApplications as apps,
  originationContracts as contracts,
  originationDecisions as decisions,
  originationDisbursements as disbursements,
  originationDocuments as documents,
  originationOffers as offers,
  originationSignatures as signatures,
  originationSigningCodes as codes,
} from './origination.tables.ts';

export type ApplicationRow = typeof apps.$inferSelect;
export type NewApplicationRow = typeof apps.$inferInsert;
export type DocumentRow = typeof documents.$inferSelect;
export type DecisionRow = typeof decisions.$inferSelect;
export type OfferRow = typeof offers.$inferSelect;
export type ContractRow = typeof contracts.$inferSelect;
export type SignatureRow = typeof signatures.$inferSelect;
export type SigningCodeRow = typeof codes.$inferSelect;
export type DisbursementRow = typeof disbursements.$inferSelect;
export type ApplicationStatusValue = ApplicationRow['status'];

/** Serialises application numbers (and first writes) without a sequence object. */
export async function nextApplicationNumber(db: Executor): Promise<string> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('origination_application_number'))`);
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(apps);
  return `A${String((row?.n ?? 0) + 1).padStart(8, '0')}`;
}

export async function insertApplication(db: Executor, row: NewApplicationRow): Promise<ApplicationRow> {
  const [r] = await db.insert(apps).values(row).returning();
  return r!;
}

export async function findApplication(
  db: Executor,
  id: string,
  lock = false,
): Promise<ApplicationRow | undefined> {
  const q = db.select().from(apps).where(eq(apps.id, id));
  const [r] = lock ? await q.for('update') : await q;
  return r;
}

export async function updateApplication(
  db: Executor,
  id: string,
  patch: Partial<NewApplicationRow>,
): Promise<ApplicationRow> {
  const [r] = await db.update(apps).set(patch).where(eq(apps.id, id)).returning();
  return r!;
}

export interface ApplicationFilter {
  status?: ApplicationStatusValue[] | undefined;
  customerId?: string | undefined;
  schoolId?: string | undefined;
  enrolmentCheck?: 'pending' | 'confirmed' | 'rejected' | undefined;
}

export async function listApplications(
  db: Executor,
  f: ApplicationFilter,
  page: { limit: number; offset: number },
): Promise<{ items: ApplicationRow[]; total: number }> {
  const where: SQL[] = [];
  if (f.status?.length) where.push(inArray(apps.status, f.status));
  if (f.customerId) where.push(eq(apps.customerId, f.customerId));
  if (f.schoolId) where.push(eq(apps.schoolId, f.schoolId));
  if (f.enrolmentCheck) where.push(eq(apps.enrolmentCheck, f.enrolmentCheck));
  const cond = where.length ? and(...where) : undefined;
  const items = await db
    .select()
    .from(apps)
    .where(cond)
    .orderBy(asc(sql`coalesce(${apps.submittedAt}, ${apps.createdAt})`), asc(apps.applicationNumber))
    .limit(page.limit)
    .offset(page.offset);
  const [c] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(apps)
    .where(cond);
  return { items, total: c?.n ?? 0 };
}

export async function applicationsWithNationalId(
  db: Executor,
  hash: string,
  exceptCustomerId: string,
): Promise<ApplicationRow[]> {
  return db
    .select()
    .from(apps)
    .where(and(eq(apps.nationalIdHash, hash), ne(apps.customerId, exceptCustomerId)));
}

export async function applicationsOfCustomer(db: Executor, customerId: string): Promise<ApplicationRow[]> {
  return db.select().from(apps).where(eq(apps.customerId, customerId));
}

export async function funnelRows(db: Executor) {
  return db
    .select({
      status: apps.status,
      channel: apps.channel,
      schoolId: apps.schoolId,
      submittedAt: apps.submittedAt,
      decidedAt: apps.decidedAt,
      firstDisbursedAt: apps.firstDisbursedAt,
      hasDecision: sql<boolean>`exists (select 1 from origination_decisions d where d.application_id = ${apps.id})`,
    })
    .from(apps);
}

// Documents -----------------------------------------------------------------------------------

export async function insertDocument(db: Executor, row: typeof documents.$inferInsert): Promise<void> {
  await db.insert(documents).values(row);
}

/** Document metadata only: contents are read one at a time. */
export async function documentsOf(db: Executor, applicationId: string) {
  return db
    .select({
      id: documents.id,
      kind: documents.kind,
      fileName: documents.fileName,
      mediaType: documents.mediaType,
      sizeBytes: documents.sizeBytes,
      sha256: documents.sha256,
      uploadedBy: documents.uploadedBy,
      uploadedAt: documents.uploadedAt,
    })
    .from(documents)
    .where(eq(documents.applicationId, applicationId))
    .orderBy(asc(documents.uploadedAt));
}

export async function findDocument(
  db: Executor,
  applicationId: string,
  id: string,
): Promise<DocumentRow | undefined> {
  const [r] = await db
    .select()
    .from(documents)
    .where(and(eq(documents.applicationId, applicationId), eq(documents.id, id)));
  return r;
}

// Decisions and offers ------------------------------------------------------------------------

export async function insertDecision(db: Executor, row: typeof decisions.$inferInsert): Promise<DecisionRow> {
  const [r] = await db.insert(decisions).values(row).returning();
  return r!;
}

export async function decisionsOf(db: Executor, applicationId: string): Promise<DecisionRow[]> {
  return db
    .select()
    .from(decisions)
    .where(eq(decisions.applicationId, applicationId))
    .orderBy(asc(decisions.decidedAt));
}

export async function upsertOffer(db: Executor, row: typeof offers.$inferInsert): Promise<OfferRow> {
  const [r] = await db
    .insert(offers)
    .values(row)
    .onConflictDoUpdate({ target: offers.applicationId, set: { ...row, id: undefined } })
    .returning();
  return r!;
}

export async function offerOf(db: Executor, applicationId: string): Promise<OfferRow | undefined> {
  const [r] = await db.select().from(offers).where(eq(offers.applicationId, applicationId));
  return r;
}

// Contracts and signatures --------------------------------------------------------------------

export async function insertContract(db: Executor, row: typeof contracts.$inferInsert): Promise<ContractRow> {
  const [r] = await db.insert(contracts).values(row).returning();
  return r!;
}

export async function currentContract(
  db: Executor,
  applicationId: string,
  lock = false,
): Promise<ContractRow | undefined> {
  const q = db
    .select()
    .from(contracts)
    .where(and(eq(contracts.applicationId, applicationId), ne(contracts.status, 'superseded')))
    .orderBy(desc(contracts.version))
    .limit(1);
  const [r] = lock ? await q.for('update') : await q;
  return r;
}

export async function contractsOf(db: Executor, applicationId: string): Promise<ContractRow[]> {
  return db
    .select()
    .from(contracts)
    .where(eq(contracts.applicationId, applicationId))
    .orderBy(asc(contracts.version));
}

export async function updateContract(
  db: Executor,
  id: string,
  patch: Partial<typeof contracts.$inferInsert>,
): Promise<ContractRow> {
  const [r] = await db.update(contracts).set(patch).where(eq(contracts.id, id)).returning();
  return r!;
}

export async function contractBySealedHash(db: Executor, sha256: string): Promise<ContractRow | undefined> {
  const [r] = await db.select().from(contracts).where(eq(contracts.sealedSha256, sha256));
  return r;
}

export async function contractByNumber(
  db: Executor,
  number: string,
  version: number,
): Promise<ContractRow | undefined> {
  const [r] = await db
    .select()
    .from(contracts)
    .where(and(eq(contracts.contractNumber, number), eq(contracts.version, version)));
  return r;
}

export async function insertSignature(db: Executor, row: typeof signatures.$inferInsert): Promise<void> {
  await db.insert(signatures).values(row);
}

export async function signaturesOf(db: Executor, contractId: string): Promise<SignatureRow[]> {
  return db
    .select()
    .from(signatures)
    .where(eq(signatures.contractId, contractId))
    .orderBy(asc(signatures.signedAt));
}

export async function insertSigningCode(db: Executor, row: typeof codes.$inferInsert): Promise<void> {
  await db.insert(codes).values(row);
}

export async function latestSigningCode(
  db: Executor,
  contractId: string,
  party: 'borrower' | 'cosigner',
): Promise<SigningCodeRow | undefined> {
  const [r] = await db
    .select()
    .from(codes)
    .where(and(eq(codes.contractId, contractId), eq(codes.party, party)))
    .orderBy(desc(codes.createdAt))
    .limit(1)
    .for('update');
  return r;
}

export async function updateSigningCode(
  db: Executor,
  id: string,
  patch: Partial<typeof codes.$inferInsert>,
): Promise<void> {
  await db.update(codes).set(patch).where(eq(codes.id, id));
}

// Disbursements -------------------------------------------------------------------------------

export async function findDisbursementByKey(db: Executor, key: string): Promise<DisbursementRow | undefined> {
  const [r] = await db.select().from(disbursements).where(eq(disbursements.idempotencyKey, key));
  return r;
}

export async function findDisbursement(
  db: Executor,
  id: string,
  lock = false,
): Promise<DisbursementRow | undefined> {
  const q = db.select().from(disbursements).where(eq(disbursements.id, id));
  const [r] = lock ? await q.for('update') : await q;
  return r;
}

/** Inserts unless the key exists; returns the row and whether it was new. */
export async function claimDisbursement(
  db: Executor,
  row: typeof disbursements.$inferInsert,
): Promise<{ row: DisbursementRow; created: boolean }> {
  const [created] = await db
    .insert(disbursements)
    .values(row)
    .onConflictDoNothing({ target: disbursements.idempotencyKey })
    .returning();
  if (created) return { row: created, created: true };
  return { row: (await findDisbursementByKey(db, row.idempotencyKey))!, created: false };
}

export async function updateDisbursement(
  db: Executor,
  id: string,
  patch: Partial<typeof disbursements.$inferInsert>,
): Promise<DisbursementRow> {
  const [r] = await db.update(disbursements).set(patch).where(eq(disbursements.id, id)).returning();
  return r!;
}

export async function disbursementsOf(db: Executor, applicationId: string): Promise<DisbursementRow[]> {
  return db
    .select()
    .from(disbursements)
    .where(eq(disbursements.applicationId, applicationId))
    .orderBy(asc(disbursements.tranche), asc(disbursements.createdAt));
}

export async function listDisbursements(db: Executor, status: DisbursementRow['status'][], limit: number) {
  return db
    .select()
    .from(disbursements)
    .where(inArray(disbursements.status, status))
    .orderBy(desc(disbursements.createdAt))
    .limit(limit);
}
