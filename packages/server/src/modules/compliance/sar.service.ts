// Suspicious-activity cases (可疑交易报告): the linked customer, evidence (ledger journals of the
// customer's loans copied from servicing when linked, notes, attachment metadata), the status
// from detection to filing, and the filing deadline (30 days from detection by default, as for a
// US SAR). Compliance staff only (aml.cases); every change is audited with the case.
import { randomUUID } from 'node:crypto';
import type { ActorContext, Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { customerContacts } from '../customers/index.ts';
import { getLoan, loanJournals, STAFF_ACCESS } from '../servicing/index.ts';
import * as repo from './kyc.repository.ts';
import type { SarCaseRow, SarEvidenceRow } from './kyc.repository.ts';
import { kycSettings } from './kyc.settings.ts';

const DAY_MS = 86_400_000;

export function sarCaseView(c: SarCaseRow, now: Date, customerName: string | null = null) {
  const open = c.status === 'open' || c.status === 'investigating';
  return {
    id: c.id,
    reference: c.reference,
    customerId: c.customerId,
    customerName,
    status: c.status,
    typology: c.typology,
    summary: c.summary,
    detectedAt: c.detectedAt.toISOString(),
    filingDueAt: c.filingDueAt.toISOString(),
    overdue: open && c.filingDueAt < now,
    daysLeft: open ? Math.ceil((c.filingDueAt.getTime() - now.getTime()) / DAY_MS) : null,
    filedAt: c.filedAt?.toISOString() ?? null,
    filingReference: c.filingReference,
    closedReason: c.closedReason,
    assignedTo: c.assignedTo,
    createdBy: c.createdBy,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export function evidenceView(e: SarEvidenceRow) {
  return {
    id: e.id,
    kind: e.kind,
    data: e.data,
    note: e.note,
    createdBy: e.createdBy,
    createdAt: e.createdAt.toISOString(),
  };
}

export async function openSarCase(
  deps: Deps,
  ctx: ActorContext,
  input: { customerId: string; typology: string; summary: string; detectedAt?: string | undefined; assignedTo?: string | undefined },
) {
  const db = deps.database.db;
  const customer = (await customerContacts(deps, db, [input.customerId])).get(input.customerId);
  if (!customer) throw Problem.badRequest('customerId', 'is not a customer');
  const now = deps.now();
  const detectedAt = input.detectedAt ? new Date(input.detectedAt) : now;
  if (Number.isNaN(detectedAt.getTime())) throw Problem.badRequest('detectedAt', 'is not a date-time');
  if (detectedAt > now) throw Problem.badRequest('detectedAt', 'cannot be in the future');
  const days = kycSettings().BURSAR_SAR_FILING_DAYS;
  return db.transaction(async (tx) => {
    const year = now.getUTCFullYear();
    // References are numbered per year; the unique index stops two at once taking one number.
    const n = (await repo.countSarCasesInYear(tx, year)) + 1;
    const row = await repo.insertSarCase(tx, {
      id: randomUUID(),
      reference: `SAR-${year}-${String(n).padStart(4, '0')}`,
      customerId: input.customerId,
      status: 'open',
      typology: input.typology,
      summary: input.summary,
      detectedAt,
      filingDueAt: new Date(detectedAt.getTime() + days * DAY_MS),
      assignedTo: input.assignedTo ?? ctx.actorName,
      createdBy: ctx.actorName,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(tx, ctx, now, {
      action: 'sar_case.opened',
      entityType: 'sar_case',
      entityId: row.id,
      after: { reference: row.reference, customerId: row.customerId, typology: row.typology, filingDueAt: row.filingDueAt.toISOString() },
    });
    return sarCaseView(row, now, customer.legalName);
  });
}

export async function getSarCase(deps: Deps, id: string) {
  const db = deps.database.db;
  const c = await repo.findSarCase(db, id);
  if (!c) throw Problem.notFound('Case');
  const name = (await customerContacts(deps, db, [c.customerId])).get(c.customerId)?.legalName ?? null;
  return { ...sarCaseView(c, deps.now(), name), evidence: (await repo.evidenceOf(db, id)).map(evidenceView) };
}

export async function listSarCases(deps: Deps, open: boolean | undefined) {
  const db = deps.database.db;
  const rows = await repo.sarCasesWhere(db, open);
  const names = await customerContacts(deps, db, rows.map((r) => r.customerId));
  const now = deps.now();
  return rows.map((r) => sarCaseView(r, now, names.get(r.customerId)?.legalName ?? null));
}

export type EvidenceInput =
  | { kind: 'note'; note: string }
  | { kind: 'transaction'; loanId: string; journalId: string; note?: string | undefined }
  | {
      kind: 'attachment';
      fileName: string;
      contentType: string;
      sizeBytes: number;
      sha256: string;
      note?: string | undefined;
    };

/** Add evidence to an open case. A transaction is copied from the servicing ledger as it stands. */
export async function addSarEvidence(deps: Deps, ctx: ActorContext, caseId: string, input: EvidenceInput) {
  const db = deps.database.db;
  const c = await repo.findSarCase(db, caseId);
  if (!c) throw Problem.notFound('Case');
  let data: Record<string, unknown> = {};
  if (input.kind === 'transaction') {
    const loan = await getLoan(deps, STAFF_ACCESS, input.loanId).catch(() => null);
    if (!loan) throw Problem.badRequest('loanId', 'is not a loan');
    if (loan.customerId !== c.customerId) throw Problem.badRequest('loanId', "is not the case customer's loan");
    const journals = await loanJournals(deps, STAFF_ACCESS, input.loanId, { limit: 1000, offset: 0 });
    const j = journals.find((x) => String(x.id) === input.journalId);
    if (!j) throw Problem.badRequest('journalId', 'is not a journal of this loan');
    data = { loanId: input.loanId, journal: j };
  } else if (input.kind === 'attachment') {
    data = {
      fileName: input.fileName,
      contentType: input.contentType,
      sizeBytes: input.sizeBytes,
      sha256: input.sha256.toLowerCase(),
    };
  }
  const now = deps.now();
  return db.transaction(async (tx) => {
    const locked = await repo.findSarCase(tx, caseId, true);
    if (!locked || locked.status === 'filed' || locked.status === 'closed_no_filing')
      throw Problem.conflict('case-closed', 'Evidence is added to an open case only', 'caseId');
    const row = await repo.insertEvidence(tx, {
      id: randomUUID(),
      caseId,
      kind: input.kind,
      data,
      note: input.kind === 'note' ? input.note : (input.note ?? null),
      createdBy: ctx.actorName,
      createdAt: now,
    });
    await repo.updateSarCase(tx, caseId, { updatedAt: now });
    await recordAudit(tx, ctx, now, {
      action: 'sar_case.evidence_added',
      entityType: 'sar_case',
      entityId: caseId,
      after: { evidenceId: row.id, kind: row.kind, ...(input.kind === 'transaction' ? { journalId: input.journalId } : {}) },
    });
    return evidenceView(row);
  });
}

export type SarTransition =
  | { status: 'investigating' }
  | { status: 'filed'; filingReference: string; filedAt?: string | undefined }
  | { status: 'closed_no_filing'; reason: string };

export async function transitionSarCase(deps: Deps, ctx: ActorContext, caseId: string, input: SarTransition) {
  const db = deps.database.db;
  const now = deps.now();
  return db.transaction(async (tx) => {
    const c = await repo.findSarCase(tx, caseId, true);
    if (!c) throw Problem.notFound('Case');
    if (c.status === 'filed' || c.status === 'closed_no_filing')
      throw Problem.conflict('case-closed', `The case is ${c.status.replace(/_/g, ' ')} already`, 'status');
    if (input.status === 'investigating' && c.status !== 'open')
      throw Problem.conflict('bad-transition', 'The case is under investigation already', 'status');
    let patch: Partial<SarCaseRow> = { status: input.status, updatedAt: now };
    if (input.status === 'filed') {
      const filedAt = input.filedAt ? new Date(input.filedAt) : now;
      if (Number.isNaN(filedAt.getTime()) || filedAt > now || filedAt < c.detectedAt)
        throw Problem.badRequest('filedAt', 'must lie between detection and now');
      patch = { ...patch, filingReference: input.filingReference, filedAt };
    }
    if (input.status === 'closed_no_filing') patch = { ...patch, closedReason: input.reason };
    const updated = await repo.updateSarCase(tx, caseId, patch);
    await recordAudit(tx, ctx, now, {
      action: `sar_case.${input.status}`,
      entityType: 'sar_case',
      entityId: caseId,
      before: { status: c.status },
      after: {
        status: updated.status,
        filingReference: updated.filingReference,
        closedReason: updated.closedReason,
        late: input.status === 'filed' && (updated.filedAt ?? now) > c.filingDueAt,
      },
    });
    return sarCaseView(updated, now);
  });
}
