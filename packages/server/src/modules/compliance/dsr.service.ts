// Data-subject requests: access (an export package built on the customers module's export),
// correction and deletion (anonymisation unless a legal hold or obligation applies, the reason
// recorded), each on its regime's statutory clock. A student files one for themself from the portal.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import type { ActorContext, Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { canonicalJson, recordAudit } from '../audit/index.ts';
import {
  anonymiseCustomerWithin,
  assertCustomerVisible,
  customerContacts,
  exportCustomerData,
  lockCustomerForErasure,
} from '../customers/index.ts';
import type { Actor } from '../identity/index.ts';
import { listLoans } from '../servicing/index.ts';
import { daysLeft, dsrDueDate, type PrivacyRegime } from './dsr.deadline.ts';
import { holdReason } from './legal-hold.service.ts';
import { assertExportAllowed, type DataRegion } from './residency.ts';
import * as repo from './retention.repository.ts';
import type { DsrRow } from './retention.repository.ts';
import { loanObligation, sha256 } from './retention.service.ts';

export interface FileDsrInput {
  customerId?: string | undefined;
  kind: DsrRow['kind'];
  regime?: PrivacyRegime | undefined;
  details: string;
  /** The day the request was received (staff keying in a letter); default today. */
  receivedOn?: string | undefined;
}

export interface DsrView {
  id: string;
  reference: string;
  customerId: string;
  kind: DsrRow['kind'];
  regime: DsrRow['regime'];
  channel: DsrRow['channel'];
  details: string;
  receivedOn: string;
  dueOn: string;
  daysLeft: number;
  status: DsrRow['status'];
  outcome: string | null;
  outcomeReason: string | null;
  evidenceSha256: string | null;
  createdAt: string;
  completedAt: string | null;
  completedBy: string | null;
}

/** The lender's calendar day (the business clock's time zone), for received and due dates. */
export function lenderToday(deps: Deps): string {
  return new Date(deps.now().getTime() + deps.config.cobUtcOffsetHours * 3_600_000)
    .toISOString()
    .slice(0, 10);
}

function view(deps: Deps, r: DsrRow): DsrView {
  return {
    id: r.id,
    reference: r.reference,
    customerId: r.customerId,
    kind: r.kind,
    regime: r.regime,
    channel: r.channel,
    details: r.details,
    receivedOn: r.receivedOn,
    dueOn: r.dueOn,
    daysLeft: daysLeft(r.dueOn, lenderToday(deps)),
    status: r.status,
    outcome: r.outcome,
    outcomeReason: r.outcomeReason,
    evidenceSha256: r.evidenceSha256,
    createdAt: r.createdAt.toISOString(),
    completedAt: r.completedAt?.toISOString() ?? null,
    completedBy: r.completedBy,
  };
}

function defaultRegime(deps: Deps): PrivacyRegime {
  return deps.config.dataRegion === 'eu' ? 'GDPR' : deps.config.dataRegion === 'us' ? 'CCPA' : 'PIPL';
}

const isStudent = (actor: Actor) => actor.roles.length === 1 && actor.roles[0] === 'student';

/** File a request; `actor` null is the system (a demo seed, an import of letters received). */
export async function fileDsr(
  deps: Deps,
  ctx: ActorContext,
  actor: Actor | null,
  input: FileDsrInput,
): Promise<DsrView> {
  const student = actor !== null && isStudent(actor);
  const customerId = student ? actor.customerId : input.customerId;
  if (!customerId)
    throw Problem.badRequest('customerId', student ? 'your login has no customer record' : 'required');
  if (student && input.customerId && input.customerId !== actor.customerId)
    throw Problem.badRequest('customerId', 'a student files requests for themself only');
  if (actor) await assertCustomerVisible(deps.database.db, actor, customerId);
  else if (!(await customerContacts(deps, deps.database.db, [customerId])).has(customerId))
    throw Problem.badRequest('customerId', 'no such customer');
  const today = lenderToday(deps);
  const receivedOn = student ? today : (input.receivedOn ?? today);
  if (receivedOn > today) throw Problem.badRequest('receivedOn', 'must not be in the future');
  const regime = input.regime ?? defaultRegime(deps);
  const row = await deps.database.db.transaction(async (tx) => {
    const at = deps.now();
    const year = receivedOn.slice(0, 4);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`dsr-reference:${year}`}))`);
    const n = await repo.nextDsrNumber(tx, year);
    const r = await repo.insertDsr(tx, {
      id: randomUUID(),
      reference: `DSR-${year}-${String(n).padStart(4, '0')}`,
      customerId,
      kind: input.kind,
      regime,
      channel: student ? 'portal' : 'staff',
      details: input.details,
      receivedOn,
      dueOn: dsrDueDate(regime, receivedOn),
      status: 'open',
      createdBy: ctx.actorName,
      createdAt: at,
    });
    await recordAudit(tx, ctx, at, {
      action: 'dsr.filed',
      entityType: 'data_subject_request',
      entityId: r.id,
      after: { reference: r.reference, customerId, kind: r.kind, regime, dueOn: r.dueOn, channel: r.channel },
    });
    return r;
  });
  return view(deps, row);
}

export async function listDsrs(
  deps: Deps,
  actor: Actor,
  f: { status?: DsrRow['status'] | undefined; customerId?: string | undefined },
): Promise<DsrView[]> {
  const customerId = isStudent(actor)
    ? (actor.customerId ?? '00000000-0000-0000-0000-000000000000')
    : f.customerId;
  return (await repo.listDsrs(deps.database.db, { status: f.status, customerId })).map((r) => view(deps, r));
}

export async function getDsr(deps: Deps, actor: Actor, id: string): Promise<DsrView> {
  const r = await repo.findDsr(deps.database.db, id);
  if (!r || (isStudent(actor) && r.customerId !== actor.customerId))
    throw Problem.notFound('Data-subject request');
  return view(deps, r);
}

async function openDsr(deps: Deps, id: string, kind: DsrRow['kind']): Promise<DsrRow> {
  const r = await repo.findDsr(deps.database.db, id);
  if (!r) throw Problem.notFound('Data-subject request');
  if (r.status !== 'open')
    throw Problem.conflict('dsr-closed', `The request is ${r.status} already`, 'status');
  if (r.kind !== kind) throw Problem.conflict('dsr-kind', `This is a ${r.kind} request, not ${kind}`, 'kind');
  return r;
}

/** Close an open request with its outcome and evidence on one transaction (plus `more`, if any). */
async function close(
  deps: Deps,
  ctx: ActorContext,
  id: string,
  status: 'completed' | 'refused',
  outcome: string,
  outcomeReason: string | null,
  evidence: Record<string, unknown>,
  more?: (tx: Executor) => Promise<void>,
): Promise<DsrRow> {
  return deps.database.db.transaction(async (tx) => {
    const before = await repo.lockDsr(tx, id);
    if (!before || before.status !== 'open')
      throw Problem.conflict('dsr-closed', 'The request is closed already', 'status');
    if (more) await more(tx);
    const at = deps.now();
    const evidenceSha256 = sha256(canonicalJson(evidence));
    const r = await repo.updateDsr(tx, id, {
      status,
      outcome,
      outcomeReason,
      evidence,
      evidenceSha256,
      completedAt: at,
      completedBy: ctx.actorName,
    });
    await recordAudit(tx, ctx, at, {
      action: status === 'completed' ? 'dsr.completed' : 'dsr.refused',
      entityType: 'data_subject_request',
      entityId: id,
      before: { status: 'open' },
      after: { status, outcome, outcomeReason, evidenceSha256, onTime: lenderToday(deps) <= before.dueOn },
    });
    return r;
  });
}

/** Access: the person's data package (customers' export plus their loans), released in-region. */
export async function fulfilAccess(
  deps: Deps,
  ctx: ActorContext,
  actor: Actor,
  id: string,
  destinationRegion: DataRegion | undefined,
): Promise<{ request: DsrView; fileName: string; content: string; sha256: string }> {
  const dsr = await openDsr(deps, id, 'access');
  await assertExportAllowed(deps, destinationRegion);
  const customer = await exportCustomerData(deps, ctx, actor, dsr.customerId);
  const loans = await listLoans(
    deps,
    { ownCustomerOnly: true, customerId: dsr.customerId },
    {},
    { limit: 1000, offset: 0 },
  );
  const content = `${JSON.stringify(
    {
      request: { reference: dsr.reference, regime: dsr.regime, receivedOn: dsr.receivedOn },
      customer,
      loans: loans.items,
    },
    null,
    2,
  )}\n`;
  const sha = sha256(content);
  const r = await close(deps, ctx, id, 'completed', 'Export package released to the data subject', null, {
    packageSha256: sha,
    bytes: Buffer.byteLength(content),
    sections: ['customer', 'consentHistory', 'notes', 'tasks', 'timeline', 'loans'],
    loans: loans.items.length,
    destinationRegion: destinationRegion ?? null,
  });
  return { request: view(deps, r), fileName: `${dsr.reference}-access.json`, content, sha256: sha };
}

/** Correction: the data is corrected on the customer's record; this closes the request with what changed. */
export async function fulfilCorrection(
  deps: Deps,
  ctx: ActorContext,
  id: string,
  outcome: string,
): Promise<DsrView> {
  await openDsr(deps, id, 'correction');
  const r = await close(deps, ctx, id, 'completed', outcome, null, { corrected: outcome });
  return view(deps, r);
}

/** Deletion: anonymise the customer, or refuse with the reason when a hold or obligation applies. */
export async function fulfilDeletion(deps: Deps, ctx: ActorContext, id: string): Promise<DsrView> {
  const dsr = await openDsr(deps, id, 'deletion');
  const db = deps.database.db;
  const reason = (await holdReason(db, dsr.customerId)) ?? (await loanObligation(deps, dsr.customerId));
  if (reason) {
    const r = await close(deps, ctx, id, 'refused', 'Deletion refused: the data must be kept', reason, {
      refusedBecause: reason,
    });
    return view(deps, r);
  }
  const r = await close(
    deps,
    ctx,
    id,
    'completed',
    'Personal data anonymised',
    null,
    { anonymised: true },
    async (tx) => {
      // The hold check again on this transaction: a hold placed meanwhile wins.
      const held = await holdReason(tx, dsr.customerId);
      if (held) throw Problem.conflict('retention-applies', `Data must be kept: ${held}`);
      const customer = await lockCustomerForErasure(tx, dsr.customerId);
      if (!customer) throw Problem.notFound('Customer');
      if (customer.status !== 'anonymised')
        await anonymiseCustomerWithin(deps, tx, ctx, customer, `data-subject request ${dsr.reference}`);
    },
  );
  return view(deps, r);
}

export async function refuseDsr(deps: Deps, ctx: ActorContext, id: string, reason: string): Promise<DsrView> {
  const r = await close(deps, ctx, id, 'refused', 'Request refused', reason, { refusedBecause: reason });
  return view(deps, r);
}

/** Open requests due on or before `dueBy`: the dashboard's at-risk list. */
export async function dsrsAtRisk(deps: Deps, dueBy: string): Promise<DsrRow[]> {
  return repo.openDsrsDueBy(deps.database.db, dueBy);
}
