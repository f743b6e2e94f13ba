// Applications from draft to submission: the portal wizard's answers, uploads, the precise list of
// what is missing, identity and duplicate checks, and the school's enrolment confirmation.
import { createHash, randomUUID } from 'node:crypto';
import {
  applicationSections,
  missingForSubmission,
  requiredDocuments,
  type ApplicationChannel,
  type ApplicationSections,
  type DocumentKind,
  type MissingItem,
} from '@bursar/core';
import type { ActorContext, Deps } from '../../deps.ts';
import type { Executor } from '../../db/database.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { deliverDisclosure } from '../compliance/index.ts';
import { publishTimelineEvent } from '../customers/index.ts';
import { handleDomainEvent } from '../engagement/index.ts';
import { activeProduct } from '../products/index.ts';
import type { Actor } from '../identity/index.ts';
import { assertMayEdit, visibleApplication } from './access.ts';
import * as repo from './origination.repository.ts';
import type { ApplicationRow } from './origination.repository.ts';
import { checkUpload } from './uploads.ts';

/** Statuses in which the applicant may still change answers. */
const EDITABLE = ['draft'] as const;
/** Statuses in which documents may still be added (a referral may ask for more evidence). */
const UPLOADABLE = ['draft', 'submitted', 'referred'] as const;

export function answersOf(row: ApplicationRow): ApplicationSections {
  return row.answers as ApplicationSections;
}

/** The national ID, normalised, as a keyed blind index: equal IDs match without decrypting. */
function nationalIdIndex(deps: Deps, nid: string): string {
  return deps.cipher.blindIndex(`origination-nid:${nid.replace(/\s/g, '').toUpperCase()}`);
}

export function maskedNationalId(deps: Deps, row: ApplicationRow): string | null {
  if (!row.nationalIdEnc) return null;
  const v = deps.cipher.decrypt(row.nationalIdEnc);
  return v.length <= 4 ? '****' : `${'*'.repeat(v.length - 4)}${v.slice(-4)}`;
}

/** What stops submission now (answers, the encrypted ID, documents). */
export async function missingOf(db: Executor, row: ApplicationRow): Promise<MissingItem[]> {
  const docs = await repo.documentsOf(db, row.id);
  const answers = answersOf(row);
  const withId: ApplicationSections = row.nationalIdEnc
    ? { ...answers, identity: { ...answers.identity, nationalId: 'on-file' } }
    : answers;
  return missingForSubmission(
    withId,
    docs.map((d) => d.kind),
  );
}

function requestedTotal(a: ApplicationSections): number | null {
  const years = a.purpose?.years ?? [];
  return years.length ? years.reduce((s, y) => s + y.amountMinor, 0) : null;
}

/** Split the submitted answers: the national ID leaves the JSON and is stored encrypted. */
function protect(deps: Deps, answers: ApplicationSections) {
  const nid = answers.identity?.nationalId;
  if (!nid) return { answers, pii: {} };
  const { nationalId: _drop, ...identity } = answers.identity!;
  return {
    answers: { ...answers, identity },
    pii: { nationalIdEnc: deps.cipher.encrypt(nid), nationalIdHash: nationalIdIndex(deps, nid) },
  };
}

export interface CreateApplicationInput {
  customerId?: string | undefined;
  channel?: ApplicationChannel | undefined;
  answers?: ApplicationSections | undefined;
}

export async function createApplication(
  deps: Deps,
  ctx: ActorContext,
  actor: Actor,
  input: CreateApplicationInput,
): Promise<ApplicationRow> {
  const staff = actor.permissions.has('applications.manage');
  const customerId = staff ? input.customerId : actor.customerId;
  if (!customerId)
    throw staff
      ? Problem.badRequest('customerId', 'is required when staff enter an application')
      : Problem.forbidden('Your account is not linked to a customer record');
  if (!staff && input.customerId && input.customerId !== actor.customerId)
    throw Problem.badRequest('customerId', 'must be your own');
  const channel: ApplicationChannel = staff ? (input.channel ?? 'branch') : 'portal';
  if (!staff && input.channel && input.channel !== 'portal')
    throw Problem.badRequest('channel', 'students apply through the portal');
  const { answers, pii } = protect(deps, input.answers ?? {});
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const row = await repo.insertApplication(tx, {
      id: randomUUID(),
      applicationNumber: await repo.nextApplicationNumber(tx),
      customerId,
      channel,
      status: 'draft',
      answers,
      ...pii,
      schoolId: answers.school?.schoolId ?? null,
      productCode: answers.purpose?.productCode ?? null,
      requestedTotal: requestedTotal(answers),
      createdBy: ctx.actorName,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(tx, ctx, now, {
      action: 'application.created',
      entityType: 'application',
      entityId: row.id,
      after: { applicationNumber: row.applicationNumber, customerId, channel },
    });
    return row;
  });
}

/** Save the wizard's progress: each section sent replaces the stored one. */
export async function saveDraft(
  deps: Deps,
  ctx: ActorContext,
  actor: Actor,
  id: string,
  input: ApplicationSections,
): Promise<ApplicationRow> {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const row = await visibleApplication(tx, actor, id, true);
    assertMayEdit(actor, row);
    if (!(EDITABLE as readonly string[]).includes(row.status))
      throw Problem.conflict(
        'application-not-editable',
        `A ${row.status} application cannot be changed`,
        'status',
      );
    const merged = applicationSections.parse({ ...answersOf(row), ...input });
    const { answers, pii } = protect(deps, merged);
    const updated = await repo.updateApplication(tx, id, {
      answers,
      ...pii,
      schoolId: answers.school?.schoolId ?? null,
      productCode: answers.purpose?.productCode ?? null,
      requestedTotal: requestedTotal(answers),
      updatedAt: now,
    });
    await recordAudit(tx, ctx, now, {
      action: 'application.draft_saved',
      entityType: 'application',
      entityId: id,
      after: {
        sections: Object.keys(input),
        nationalId: pii.nationalIdEnc ? 'changed (encrypted)' : undefined,
      },
    });
    return updated;
  });
}

export async function uploadDocument(
  deps: Deps,
  ctx: ActorContext,
  actor: Actor,
  id: string,
  input: { kind: DocumentKind; fileName: string; content: string },
) {
  const { bytes, mediaType } = checkUpload(input.content);
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const row = await visibleApplication(tx, actor, id, true);
    assertMayEdit(actor, row);
    if (!(UPLOADABLE as readonly string[]).includes(row.status))
      throw Problem.conflict(
        'application-not-editable',
        `Documents cannot be added to a ${row.status} application`,
        'status',
      );
    const doc = {
      id: randomUUID(),
      applicationId: id,
      kind: input.kind,
      fileName: input.fileName,
      mediaType,
      sizeBytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      content: bytes,
      uploadedBy: ctx.actorName,
      uploadedAt: now,
    };
    await repo.insertDocument(tx, doc);
    if (input.kind === 'cosigner_consent' && !row.cosignerConsentAt)
      await repo.updateApplication(tx, id, { cosignerConsentAt: now, updatedAt: now });
    await recordAudit(tx, ctx, now, {
      action: 'application.document_uploaded',
      entityType: 'application',
      entityId: id,
      after: { documentId: doc.id, kind: doc.kind, mediaType, sizeBytes: doc.sizeBytes, sha256: doc.sha256 },
    });
    const { content: _c, ...meta } = doc;
    return meta;
  });
}

export async function documentContent(deps: Deps, actor: Actor, id: string, documentId: string) {
  const db = deps.database.db;
  await visibleApplication(db, actor, id);
  const doc = await repo.findDocument(db, id, documentId);
  if (!doc) throw Problem.notFound('Document');
  return { mediaType: doc.mediaType, fileName: doc.fileName, content: Buffer.from(doc.content) };
}

/**
 * Submit: refused with every missing field named (problem+json) unless complete; then the
 * identity and duplicate checks run and the journeys hear `application.submitted`.
 */
export async function submitApplication(
  deps: Deps,
  ctx: ActorContext,
  actor: Actor,
  id: string,
): Promise<ApplicationRow> {
  const now = deps.now();
  // Read before the transaction: PGlite has one connection, and the products module uses its own.
  const code = answersOf(await visibleApplication(deps.database.db, actor, id)).purpose?.productCode;
  const product = code ? await activeProduct(deps, code) : null;
  return deps.database.db.transaction(async (tx) => {
    const row = await visibleApplication(tx, actor, id, true);
    assertMayEdit(actor, row);
    if (row.status !== 'draft')
      throw Problem.conflict('application-submitted', `The application is ${row.status} already`, 'status');
    const missing = await missingOf(tx, row);
    if (missing.length)
      throw new Problem(
        400,
        'application-incomplete',
        'The application is not complete',
        `Missing: ${missing.map((m) => m.field).join(', ')}`,
        { errors: missing },
      );
    const answers = answersOf(row);
    if (!product || product.code !== answers.purpose?.productCode)
      throw Problem.badRequest('purpose.productCode', 'is not a product on offer');
    const duplicates = row.nationalIdHash
      ? await repo.applicationsWithNationalId(tx, row.nationalIdHash, row.customerId)
      : [];
    const checks = {
      identity: row.nationalIdEnc ? 'id_on_file' : 'missing',
      duplicateOf: duplicates.map((d) => d.applicationNumber),
      fraudFlags: [] as string[],
      documents: requiredDocuments(answers),
    };
    const updated = await repo.updateApplication(tx, id, {
      status: 'submitted',
      submittedAt: now,
      updatedAt: now,
      checks,
      currency: product.definition.currency,
    });
    await publishTimelineEvent(
      tx,
      {
        customerId: row.customerId,
        kind: 'origination.application_submitted',
        summary: `Application ${row.applicationNumber} submitted (${row.channel})`,
        data: { applicationId: id },
        actorName: ctx.actorName,
      },
      now,
    );
    await handleDomainEvent(
      tx,
      deps,
      {
        source: 'origination',
        id: `${id}:submitted`,
        type: 'application.submitted',
        customerId: row.customerId,
        payload: {
          applicationId: id,
          applicationNumber: row.applicationNumber,
          productCode: row.productCode,
        },
      },
      now,
    );
    await deliverDisclosure(tx, deps, { stage: 'application', applicationId: id });
    await recordAudit(tx, ctx, now, {
      action: 'application.submitted',
      entityType: 'application',
      entityId: id,
      before: { status: row.status },
      after: { status: 'submitted', duplicateOf: checks.duplicateOf },
    });
    return updated;
  });
}

/** The school officer of the applicant's school confirms or rejects enrolment (only theirs). */
export async function confirmEnrolment(
  deps: Deps,
  ctx: ActorContext,
  actor: Actor,
  id: string,
  input: { decision: 'confirmed' | 'rejected'; note?: string | undefined },
): Promise<ApplicationRow> {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const row = await repo.findApplication(tx, id, true);
    if (!row || !actor.schoolId || row.schoolId !== actor.schoolId || row.status === 'draft')
      throw Problem.notFound('Application');
    if (['declined', 'withdrawn'].includes(row.status))
      throw Problem.conflict('application-closed', `The application is ${row.status}`, 'status');
    const updated = await repo.updateApplication(tx, id, {
      enrolmentCheck: input.decision,
      enrolmentCheckedBy: ctx.actorName,
      enrolmentCheckedAt: now,
      enrolmentNote: input.note ?? null,
      updatedAt: now,
    });
    await recordAudit(tx, ctx, now, {
      action: `application.enrolment_${input.decision}`,
      entityType: 'application',
      entityId: id,
      before: { enrolmentCheck: row.enrolmentCheck },
      after: { enrolmentCheck: input.decision, note: input.note ?? null },
    });
    return updated;
  });
}

export async function withdrawApplication(deps: Deps, ctx: ActorContext, actor: Actor, id: string) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const row = await visibleApplication(tx, actor, id, true);
    assertMayEdit(actor, row);
    if (!['draft', 'submitted', 'referred', 'pending_approval', 'approved'].includes(row.status))
      throw Problem.conflict(
        'application-not-withdrawable',
        `A ${row.status} application cannot be withdrawn`,
        'status',
      );
    const updated = await repo.updateApplication(tx, id, { status: 'withdrawn', updatedAt: now });
    await recordAudit(tx, ctx, now, {
      action: 'application.withdrawn',
      entityType: 'application',
      entityId: id,
      before: { status: row.status },
      after: { status: 'withdrawn' },
    });
    return updated;
  });
}

/**
 * A draft application for a customer inside the caller's transaction (growth converts a prospect
 * to an application together with its customer and the prospect's history).
 */
export async function createDraftApplicationWithin(
  tx: Executor,
  deps: Deps,
  ctx: ActorContext,
  input: { customerId: string; channel: ApplicationChannel; answers?: ApplicationSections | undefined },
): Promise<{ id: string; applicationNumber: string }> {
  const { answers, pii } = protect(deps, input.answers ?? {});
  const now = deps.now();
  const row = await repo.insertApplication(tx, {
    id: randomUUID(),
    applicationNumber: await repo.nextApplicationNumber(tx),
    customerId: input.customerId,
    channel: input.channel,
    status: 'draft',
    answers,
    ...pii,
    schoolId: answers.school?.schoolId ?? null,
    productCode: answers.purpose?.productCode ?? null,
    requestedTotal: requestedTotal(answers),
    createdBy: ctx.actorName,
    createdAt: now,
    updatedAt: now,
  });
  await recordAudit(tx, ctx, now, {
    action: 'application.created',
    entityType: 'application',
    entityId: row.id,
    after: { applicationNumber: row.applicationNumber, customerId: input.customerId, channel: input.channel },
  });
  return { id: row.id, applicationNumber: row.applicationNumber };
}

/** Where applications stand (growth follows converted prospects to funding). */
export async function applicationProgress(
  db: Executor,
  ids: readonly string[],
): Promise<{ id: string; customerId: string; status: string; firstDisbursedAt: Date | null }[]> {
  const out = [];
  for (const id of ids) {
    const r = await repo.findApplication(db, id);
    if (r)
      out.push({
        id: r.id,
        customerId: r.customerId,
        status: r.status,
        firstDisbursedAt: r.firstDisbursedAt,
      });
  }
  return out;
}
