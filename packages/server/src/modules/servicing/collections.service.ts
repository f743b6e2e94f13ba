// Collections workspace beyond the queue: promises to pay listed for follow-up, and legal
// referral (malicious default, fraud) as a case with a status and its documents.
import { createHash, randomUUID } from 'node:crypto';
import type { ActorContext, Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { customerContacts } from '../customers/index.ts';
import * as cases from './cases.repository.ts';
import { money, openBusinessDate } from './loans.service.ts';
import * as repo from './servicing.repository.ts';

export const LEGAL_GROUNDS = ['malicious-default', 'fraud'] as const;
export const LEGAL_STATUSES = ['referred', 'filed', 'judgment', 'enforcement', 'settled', 'closed'] as const;
export type LegalStatus = (typeof LEGAL_STATUSES)[number];
/** Where a case may go next: referred → filed → judgment → enforcement; settled or closed at any point. */
const NEXT: Record<LegalStatus, readonly LegalStatus[]> = {
  referred: ['filed', 'settled', 'closed'],
  filed: ['judgment', 'settled', 'closed'],
  judgment: ['enforcement', 'settled', 'closed'],
  enforcement: ['settled', 'closed'],
  settled: ['closed'],
  closed: [],
};
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
const DOCUMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'text/plain'];

/** Display names for a page of customers (preferred name, else legal name); nothing else personal. */
export async function customerNames(deps: Deps, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const contacts = await customerContacts(deps, deps.database.db, ids);
  return new Map([...contacts].map(([id, c]) => [id, c.preferredName || c.legalName]));
}

export async function promisesForFollowUp(
  deps: Deps,
  f: {
    status?: 'open' | 'kept' | 'broken' | undefined;
    dueBy?: string | undefined;
    limit: number;
    offset: number;
  },
) {
  const rows = await cases.promisesList(deps.database.db, f);
  const names = await customerNames(
    deps,
    rows.map((r) => r.customer_id),
  );
  return rows.map((r) => ({
    id: r.id,
    loanId: r.loan_id,
    loanNumber: r.loan_number,
    customerId: r.customer_id,
    customerName: names.get(r.customer_id) ?? null,
    promisedAmount: money(Number(r.promised_amount), r.currency),
    currency: r.currency,
    promisedDate: r.promised_date,
    status: r.promise_status,
    channel: r.channel,
    note: r.note,
    createdAt: new Date(r.created_at).toISOString(),
    daysPastDue: r.days_past_due,
    bucket: r.bucket,
  }));
}

function caseView(c: cases.LegalCaseRow, extra: Record<string, unknown> = {}) {
  return {
    id: c.id,
    loanId: c.loanId,
    ground: c.ground,
    status: c.status,
    summary: c.summary,
    nextStatuses: NEXT[c.status],
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    ...extra,
  };
}

/** Refer a loan for legal action: the case, and a legal-referral entry in the loan's collection history. */
export async function openLegalCase(
  deps: Deps,
  ctx: ActorContext,
  loanId: string,
  input: { ground: (typeof LEGAL_GROUNDS)[number]; summary: string },
) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const loan = await repo.lockLoan(tx, loanId);
    if (!loan) throw Problem.notFound(`Loan ${loanId}`);
    const open = (await cases.legalCaseList(tx, { loanId })).filter((c) => c.legalCase.status !== 'closed');
    if (open.length > 0)
      throw Problem.conflict('case-open', 'The loan already has an open legal case', 'loanId');
    const businessDate = await openBusinessDate(deps, tx);
    const row = await cases.insertLegalCase(tx, {
      id: randomUUID(),
      loanId,
      ground: input.ground,
      status: 'referred',
      summary: input.summary,
      openedBy: ctx.actorId,
      createdAt: now,
      updatedAt: now,
    });
    await repo.insertCollectionAction(tx, {
      id: randomUUID(),
      loanId,
      kind: 'legal-referral',
      outcome: input.ground,
      note: `Legal case ${row.id}`,
      actorId: ctx.actorId,
      businessDate,
      createdAt: now,
    });
    await recordAudit(tx, ctx, now, {
      action: 'legal_case.opened',
      entityType: 'legal_case',
      entityId: row.id,
      after: { loanId, ground: input.ground, status: 'referred' },
    });
    await repo.insertEvent(tx, {
      type: 'legal_case.opened',
      loanId,
      customerId: loan.customerId,
      businessDate,
      payload: { caseId: row.id, ground: input.ground },
    });
    return caseView(row, { loanNumber: loan.loanNumber, documents: [] });
  });
}

export async function setLegalCaseStatus(
  deps: Deps,
  ctx: ActorContext,
  caseId: string,
  input: { status: LegalStatus; note?: string | undefined },
) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const c = await cases.findLegalCase(tx, caseId, true);
    if (!c) throw Problem.notFound(`Legal case ${caseId}`);
    if (!NEXT[c.status].includes(input.status))
      throw Problem.conflict(
        'invalid-transition',
        `A ${c.status} case cannot become ${input.status}`,
        'status',
      );
    const row = await cases.updateLegalCase(tx, caseId, { status: input.status, updatedAt: now });
    await recordAudit(tx, ctx, now, {
      action: 'legal_case.status_changed',
      entityType: 'legal_case',
      entityId: caseId,
      before: { status: c.status },
      after: { status: input.status, note: input.note ?? null },
    });
    return caseView(row);
  });
}

function documentViews(docs: Awaited<ReturnType<typeof cases.documentsOfCase>>) {
  return docs.map((d) => ({ ...d, createdAt: d.createdAt.toISOString() }));
}

export async function getLegalCase(deps: Deps, caseId: string) {
  const db = deps.database.db;
  const c = await cases.findLegalCase(db, caseId);
  if (!c) throw Problem.notFound(`Legal case ${caseId}`);
  const loan = await repo.findLoan(db, c.loanId);
  return caseView(c, {
    loanNumber: loan?.loanNumber ?? '',
    documents: documentViews(await cases.documentsOfCase(db, caseId)),
  });
}

export async function listLegalCases(
  deps: Deps,
  f: { status?: LegalStatus | undefined; loanId?: string | undefined },
) {
  const rows = await cases.legalCaseList(deps.database.db, f);
  const names = await customerNames(
    deps,
    rows.map((r) => r.customerId),
  );
  return rows.map((r) =>
    caseView(r.legalCase, { loanNumber: r.loanNumber, customerName: names.get(r.customerId) ?? null }),
  );
}

export async function addLegalDocument(
  deps: Deps,
  ctx: ActorContext,
  caseId: string,
  input: { fileName: string; contentType: string; contentBase64: string },
) {
  if (!DOCUMENT_TYPES.includes(input.contentType))
    throw Problem.badRequest('contentType', `must be one of ${DOCUMENT_TYPES.join(', ')}`);
  const content = Buffer.from(input.contentBase64, 'base64');
  if (content.length === 0) throw Problem.badRequest('contentBase64', 'the document is empty');
  if (content.length > MAX_DOCUMENT_BYTES)
    throw Problem.badRequest(
      'contentBase64',
      `the document is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`,
    );
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const c = await cases.findLegalCase(tx, caseId, true);
    if (!c) throw Problem.notFound(`Legal case ${caseId}`);
    if (c.status === 'closed') throw Problem.conflict('case-closed', 'The case is closed', 'caseId');
    const id = randomUUID();
    const sha256 = createHash('sha256').update(content).digest('hex');
    await cases.insertDocument(tx, {
      id,
      caseId,
      fileName: input.fileName,
      contentType: input.contentType,
      size: content.length,
      sha256,
      content,
      uploadedBy: ctx.actorId,
      createdAt: now,
    });
    await cases.updateLegalCase(tx, caseId, { updatedAt: now });
    await recordAudit(tx, ctx, now, {
      action: 'legal_case.document_added',
      entityType: 'legal_case',
      entityId: caseId,
      after: { documentId: id, fileName: input.fileName, size: content.length, sha256 },
    });
    return documentViews(await cases.documentsOfCase(tx, caseId));
  });
}

export async function legalDocument(deps: Deps, caseId: string, documentId: string) {
  const d = await cases.findDocument(deps.database.db, caseId, documentId);
  if (!d) throw Problem.notFound(`Document ${documentId}`);
  return d;
}
