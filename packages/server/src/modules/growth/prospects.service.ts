// Prospects (leads): capture from every channel with dedupe against customers and other
// prospects, the stage pipeline with its history, assignment, the lead score, CSV import and
// conversion to a customer and a draft application in one transaction.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  limitsFor,
  parseCsv,
  CsvError,
  type ApplicationSections,
  type EducationLevel,
  type NationalIdType,
} from '@bursar/core';
import type { Executor } from '../../db/database.ts';
import { SYSTEM_ACTOR, type ActorContext, type Deps } from '../../deps.ts';
import { Problem, validationProblem, type FieldError } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import {
  createCustomer,
  customersMatchingContact,
  getSchool,
  listSchools,
  maskName,
  protectNationalId,
  protectPhone,
  publishTimelineEvent,
  shown,
} from '../customers/index.ts';
import { activeUsersWithRole, type Actor } from '../identity/index.ts';
import { applicationProgress, createDraftApplicationWithin } from '../origination/index.ts';
import { listProducts } from '../products/index.ts';
import * as repo from './acquisition.repository.ts';
import type { ProspectRow } from './acquisition.repository.ts';
import { leadScore, type ScoreFactor } from './lead-score.ts';
import type * as S from './prospects.schema.ts';
import { LOST_REASONS, prospectInput, type ProspectInput, type ProspectStage } from './prospects.schema.ts';
import { onReferralProgress } from './referrals.service.ts';

/** Deps whose database handle is the caller's transaction, for another module's use case to join it. */
export function within(deps: Deps, tx: Executor): Deps {
  return { ...deps, database: { ...deps.database, db: tx } };
}

/**
 * Allowed stage moves by hand. `applied` is reached only by converting the prospect (it has an
 * application then), `funded` only when that application's loan is disbursed; a lost prospect
 * may be reopened.
 */
export const STAGE_TRANSITIONS: Readonly<Record<ProspectStage, readonly ProspectStage[]>> = {
  new: ['contacted', 'qualified', 'lost'],
  contacted: ['qualified', 'lost'],
  qualified: ['contacted', 'lost'],
  applied: ['lost'],
  funded: [],
  lost: ['new'],
};
const OPEN: readonly ProspectStage[] = ['new', 'contacted', 'qualified'];
const STAGE_TIME = {
  contacted: 'contactedAt',
  qualified: 'qualifiedAt',
  applied: 'appliedAt',
  funded: 'fundedAt',
  lost: 'lostAt',
} as const;

const searchNameOf = (name: string) => name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

export type ProspectView = ReturnType<typeof prospectView>;

export function prospectView(deps: Deps, p: ProspectRow, schoolName: string | null, reveal = false) {
  return {
    id: p.id,
    reference: p.reference,
    legalName: p.legalName,
    email: p.email,
    phone: shown(deps.cipher, p.phoneEnc, 'phone', reveal),
    nationalId: shown(deps.cipher, p.nationalIdEnc, 'nationalId', reveal),
    schoolId: p.schoolId,
    schoolName,
    educationLevel: p.educationLevel,
    financialNeed: p.financialNeed,
    requestedAmount: p.requestedAmount,
    currency: p.currency,
    source: p.source,
    trackingCode: p.trackingCode,
    eventId: p.eventId,
    stage: p.stage,
    lostReason: p.lostReason,
    stageChangedAt: p.stageChangedAt.toISOString(),
    assignedTo: p.assignedTo,
    assignedName: p.assignedName,
    customerId: p.customerId,
    applicationId: p.applicationId,
    consentContact: p.consentContact,
    score: p.score,
    scoreFactors: p.scoreFactors as ScoreFactor[],
    createdAt: p.createdAt.toISOString(),
  };
}

async function schoolNames(deps: Deps, ids: (string | null)[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const id of new Set(ids.filter((x): x is string => !!x))) {
    const s = await getSchool(deps, id).catch(() => null);
    if (s) out.set(id, s.nameLocal ?? s.name);
  }
  return out;
}

// ---- scoring --------------------------------------------------------------------------------------

/** Per-year limits of the active products in a currency: for the level, and the largest of any level. */
async function productLimits(deps: Deps, currency: string, level: string | null) {
  const today = deps.now().toISOString().slice(0, 10);
  let expected: number | null = null;
  let max: number | null = null;
  for (const p of await listProducts(deps)) {
    if (p.status !== 'active' || p.definition.currency !== currency) continue;
    for (const l of new Set(p.definition.limits.map((x) => x.level))) {
      const lim = limitsFor(p.definition, l, today);
      if (!lim) continue;
      max = Math.max(max ?? 0, lim.perYear);
      if (l === level) expected = Math.max(expected ?? 0, lim.perYear);
    }
  }
  return { expected, max };
}

/** Recompute and store a prospect's score from its profile and engagement (caller's transaction). */
export async function rescore(tx: Executor, deps: Deps, p: ProspectRow): Promise<ProspectRow> {
  const d = within(deps, tx);
  const school = p.schoolId ? await getSchool(d, p.schoolId).catch(() => null) : null;
  const limits = await productLimits(d, p.currency, p.educationLevel);
  const counts = await repo.engagementCounts(tx, p.id);
  const s = leadScore({
    educationLevel: p.educationLevel,
    hasSchool: !!school,
    cohortDefaultRate: school?.cohortDefaultRate ?? null,
    financialNeed: p.financialNeed,
    requestedAmount: p.requestedAmount,
    expectedLimitMinor: limits.expected,
    maxLimitMinor: limits.max,
    ...counts,
  });
  return repo.updateProspect(tx, p.id, { score: s.score, scoreFactors: s.factors });
}

// ---- capture --------------------------------------------------------------------------------------

export interface CaptureOptions {
  eventId?: string | undefined;
  referralCode?: string | undefined;
  /** The prospect arrived by following a tracked link (counts as a click). */
  viaLink?: boolean | undefined;
  /** Run even when the school is unknown (public forms say so as a field error instead). */
  actorName?: string | null | undefined;
}

export interface CaptureResult {
  prospect: ProspectRow;
  duplicateOf: string | null;
  matchedCustomers: { customerId: string; reasons: string[] }[];
}

function protectedIdentifiers(deps: Deps, input: ProspectInput) {
  const errors: FieldError[] = [];
  const phone = input.phone ? protectPhone(deps.cipher, input.phone, 'phone', errors) : null;
  const nid = input.nationalId
    ? protectNationalId(
        deps.cipher,
        input.nationalIdType ?? 'cn_resident',
        input.nationalId,
        'nationalId',
        errors,
      )
    : null;
  if (!input.email && !phone && !nid && !errors.length)
    errors.push({ field: 'phone', message: 'give a phone number, an e-mail address or an ID number' });
  return { phone, nid, errors };
}

async function addActivity(
  tx: Executor,
  prospectId: string,
  kind: string,
  at: Date,
  actorName: string | null,
  extra: {
    fromStage?: string | null;
    toStage?: string | null;
    note?: string | null;
    data?: Record<string, unknown>;
  } = {},
) {
  await repo.insertActivity(tx, {
    id: repo.orderedId(),
    prospectId,
    kind,
    fromStage: extra.fromStage ?? null,
    toStage: extra.toStage ?? null,
    note: extra.note ?? null,
    data: extra.data ?? {},
    actorName,
    at,
  });
}

/**
 * Capture one prospect inside the caller's transaction. An open prospect with the same ID number,
 * phone or e-mail is updated instead of creating a second one (its attendance and clicks count);
 * a matching customer is linked (`customerId`) so nobody markets to an existing borrower blind.
 */
export async function captureWithin(
  tx: Executor,
  deps: Deps,
  ctx: ActorContext,
  input: ProspectInput,
  opts: CaptureOptions = {},
): Promise<CaptureResult> {
  const at = deps.now();
  const { phone, nid, errors } = protectedIdentifiers(deps, input);
  if (input.schoolId && !(await getSchool(within(deps, tx), input.schoolId).catch(() => null)))
    errors.push({ field: 'schoolId', message: 'is not a known school' });
  if (errors.length) throw validationProblem(errors);
  const email = input.email?.toLowerCase() ?? null;
  const probe = { nationalIdHash: nid?.nationalIdHash ?? null, phoneHash: phone?.phoneHash ?? null, email };
  const matchedCustomers = await customersMatchingContact(tx, probe);
  const by = opts.actorName ?? ctx.actorName;
  const [existing] = await repo.findMatchingProspects(tx, probe);
  if (existing) {
    await addActivity(tx, existing.id, 'recaptured', at, by, {
      data: { source: input.source, trackingCode: input.trackingCode ?? null, eventId: opts.eventId ?? null },
    });
    if (opts.viaLink && input.trackingCode)
      await addActivity(tx, existing.id, 'link_clicked', at, by, {
        data: { trackingCode: input.trackingCode },
      });
    if (opts.eventId) await attend(tx, existing.id, opts.eventId, at, by);
    const patched = await repo.updateProspect(tx, existing.id, {
      updatedAt: at,
      consentContact: existing.consentContact || input.consentContact === true,
      customerId: existing.customerId ?? matchedCustomers[0]?.customerId ?? null,
    });
    return { prospect: await rescore(tx, deps, patched), duplicateOf: existing.id, matchedCustomers };
  }
  const row = await repo.insertProspect(tx, {
    id: randomUUID(),
    reference: await repo.nextProspectReference(tx),
    legalName: input.legalName,
    searchName: searchNameOf(input.legalName),
    email,
    phoneEnc: phone?.phoneEnc ?? null,
    phoneHash: phone?.phoneHash ?? null,
    nationalIdType: nid?.nationalIdType ?? null,
    nationalIdEnc: nid?.nationalIdEnc ?? null,
    nationalIdHash: nid?.nationalIdHash ?? null,
    schoolId: input.schoolId ?? null,
    educationLevel: input.educationLevel ?? null,
    financialNeed: input.financialNeed ?? false,
    requestedAmount: input.requestedAmount ?? null,
    currency: input.currency ?? 'CNY',
    preferredLanguage: input.preferredLanguage ?? 'zh-CN',
    source: input.source,
    trackingCode: input.trackingCode ?? null,
    externalRef: input.externalRef ?? null,
    eventId: opts.eventId ?? null,
    consentContact: input.consentContact ?? false,
    stage: 'new',
    stageChangedAt: at,
    customerId: matchedCustomers[0]?.customerId ?? null,
    createdBy: by,
    createdAt: at,
    updatedAt: at,
  });
  await addActivity(tx, row.id, 'created', at, by, {
    toStage: 'new',
    note: input.note ?? null,
    data: { source: input.source, trackingCode: input.trackingCode ?? null },
  });
  if (matchedCustomers.length)
    await addActivity(tx, row.id, 'matched_customer', at, by, { data: { customers: matchedCustomers } });
  if (opts.viaLink && input.trackingCode)
    await addActivity(tx, row.id, 'link_clicked', at, by, { data: { trackingCode: input.trackingCode } });
  if (opts.eventId) await attend(tx, row.id, opts.eventId, at, by);
  if (opts.referralCode)
    await onReferralProgress.captured(
      tx,
      deps,
      ctx,
      row,
      opts.referralCode,
      matchedCustomers.map((m) => m.customerId),
    );
  await recordAudit(tx, ctx, at, {
    action: 'prospect.created',
    entityType: 'prospect',
    entityId: row.id,
    after: {
      reference: row.reference,
      source: row.source,
      trackingCode: row.trackingCode,
      name: maskName(row.legalName),
      matchedCustomers: matchedCustomers.map((m) => m.customerId),
    },
  });
  return { prospect: await rescore(tx, deps, row), duplicateOf: null, matchedCustomers };
}

async function attend(tx: Executor, prospectId: string, eventId: string, at: Date, by: string | null) {
  if (await repo.insertAttendance(tx, eventId, prospectId, at))
    await addActivity(tx, prospectId, 'event_attended', at, by, { data: { eventId } });
}

export async function captureProspect(
  deps: Deps,
  ctx: ActorContext,
  input: ProspectInput,
  opts: CaptureOptions = {},
) {
  const r = await deps.database.db.transaction((tx) => captureWithin(tx, deps, ctx, input, opts));
  const names = await schoolNames(deps, [r.prospect.schoolId]);
  return {
    prospect: prospectView(deps, r.prospect, names.get(r.prospect.schoolId ?? '') ?? null),
    duplicateOf: r.duplicateOf,
    matchedCustomers: r.matchedCustomers,
  };
}

// ---- reading --------------------------------------------------------------------------------------

export async function listProspects(deps: Deps, q: z.infer<typeof S.listQuery>) {
  const page = await repo.searchProspects(deps.database.db, q, q);
  const names = await schoolNames(
    deps,
    page.items.map((p) => p.schoolId),
  );
  return {
    items: page.items.map((p) => prospectView(deps, p, names.get(p.schoolId ?? '') ?? null)),
    total: page.total,
    stageCounts: await repo.stageCounts(deps.database.db),
  };
}

async function visibleProspect(db: Executor, id: string, lock = false): Promise<ProspectRow> {
  const p = await repo.findProspect(db, id, lock);
  if (!p) throw Problem.notFound('Prospect');
  return p;
}

export async function getProspect(deps: Deps, ctx: ActorContext, actor: Actor, id: string, reveal = false) {
  const db = deps.database.db;
  const p = await visibleProspect(db, id);
  const mayReveal = reveal && actor.permissions.has('pii.read');
  if (reveal && !mayReveal) throw Problem.forbidden('Showing full identifiers needs the pii.read permission');
  if (mayReveal)
    await db.transaction((tx) =>
      recordAudit(tx, ctx, deps.now(), {
        action: 'prospect.pii_revealed',
        entityType: 'prospect',
        entityId: id,
      }),
    );
  const names = await schoolNames(deps, [p.schoolId]);
  const activity = await repo.activityOf(db, id);
  return {
    ...prospectView(deps, p, names.get(p.schoolId ?? '') ?? null, mayReveal),
    activity: activity.map((a) => ({
      id: a.id,
      kind: a.kind,
      fromStage: a.fromStage,
      toStage: a.toStage,
      note: a.note,
      data: a.data as Record<string, unknown>,
      actorName: a.actorName,
      at: a.at.toISOString(),
    })),
  };
}

// ---- pipeline -------------------------------------------------------------------------------------

/** Move a prospect (caller's transaction): checks the move, stamps the stage time, writes history and audit. */
export async function moveStage(
  tx: Executor,
  deps: Deps,
  ctx: ActorContext,
  p: ProspectRow,
  to: ProspectStage,
  extra: {
    lostReason?: string | undefined;
    note?: string | undefined;
    data?: Record<string, unknown>;
    system?: boolean;
  } = {},
): Promise<ProspectRow> {
  const at = deps.now();
  if (!extra.system && !STAGE_TRANSITIONS[p.stage].includes(to))
    throw Problem.conflict(
      'prospect-stage-transition',
      to === 'applied'
        ? 'A prospect reaches "applied" by converting it to an application'
        : to === 'funded'
          ? 'A prospect is funded when its loan is disbursed'
          : `A ${p.stage} prospect cannot move to ${to}; allowed: ${STAGE_TRANSITIONS[p.stage].join(', ') || 'none'}`,
      'stage',
    );
  if (to === 'lost' && !extra.lostReason)
    throw Problem.badRequest('lostReason', 'is required when a prospect is lost');
  if (extra.lostReason && !(extra.lostReason in LOST_REASONS))
    throw Problem.badRequest('lostReason', 'is not a known reason');
  const patch: Partial<repo.NewProspectRow> = {
    stage: to,
    stageChangedAt: at,
    updatedAt: at,
    lostReason: to === 'lost' ? extra.lostReason : null,
  };
  if (to !== 'new') patch[STAGE_TIME[to]] = at;
  const after = await repo.updateProspect(tx, p.id, patch);
  await addActivity(tx, p.id, 'stage_changed', at, ctx.actorName, {
    fromStage: p.stage,
    toStage: to,
    note: extra.note ?? null,
    data: { ...(extra.lostReason ? { lostReason: extra.lostReason } : {}), ...(extra.data ?? {}) },
  });
  await recordAudit(tx, ctx, at, {
    action: 'prospect.stage_changed',
    entityType: 'prospect',
    entityId: p.id,
    before: { stage: p.stage },
    after: { stage: to, lostReason: extra.lostReason ?? null },
  });
  return after;
}

export async function changeStage(
  deps: Deps,
  ctx: ActorContext,
  id: string,
  body: { stage: ProspectStage; lostReason?: string | undefined; note?: string | undefined },
) {
  const row = await deps.database.db.transaction(async (tx) => {
    const p = await visibleProspect(tx, id, true);
    return moveStage(tx, deps, ctx, p, body.stage, body);
  });
  return prospectView(deps, row, null);
}

/** A staff contact (call, message, meeting): engagement for the score; a new prospect becomes contacted. */
export async function logContact(
  deps: Deps,
  ctx: ActorContext,
  id: string,
  body: { channel: string; note?: string | undefined },
) {
  const row = await deps.database.db.transaction(async (tx) => {
    let p = await visibleProspect(tx, id, true);
    const at = deps.now();
    await addActivity(tx, p.id, 'contacted', at, ctx.actorName, {
      note: body.note ?? null,
      data: { channel: body.channel },
    });
    if (p.stage === 'new') p = await moveStage(tx, deps, ctx, p, 'contacted');
    await recordAudit(tx, ctx, at, {
      action: 'prospect.contacted',
      entityType: 'prospect',
      entityId: p.id,
      after: { channel: body.channel },
    });
    return rescore(tx, deps, p);
  });
  return prospectView(deps, row, null);
}

async function assignWithin(
  tx: Executor,
  deps: Deps,
  ctx: ActorContext,
  p: ProspectRow,
  officer: { id: string; displayName: string },
  auto: boolean,
) {
  const at = deps.now();
  const after = await repo.updateProspect(tx, p.id, {
    assignedTo: officer.id,
    assignedName: officer.displayName,
    updatedAt: at,
  });
  await addActivity(tx, p.id, 'assigned', at, ctx.actorName, {
    data: { userId: officer.id, name: officer.displayName, auto, previous: p.assignedTo },
  });
  await recordAudit(tx, ctx, at, {
    action: 'prospect.assigned',
    entityType: 'prospect',
    entityId: p.id,
    before: { assignedTo: p.assignedTo },
    after: { assignedTo: officer.id, auto },
  });
  return after;
}

export async function assignProspect(deps: Deps, ctx: ActorContext, id: string, userId: string) {
  const row = await deps.database.db.transaction(async (tx) => {
    const officers = await activeUsersWithRole(tx, 'loan_officer');
    const managers = await activeUsersWithRole(tx, 'manager');
    const officer = [...officers, ...managers].find((o) => o.id === userId);
    if (!officer) throw Problem.badRequest('userId', 'is not an active loan officer or manager');
    const p = await visibleProspect(tx, id, true);
    return assignWithin(tx, deps, ctx, p, officer, false);
  });
  return prospectView(deps, row, null);
}

/** Round-robin: open unassigned prospects, oldest first, to the active loan officers in turn. */
export async function autoAssign(deps: Deps, ctx: ActorContext, limit: number) {
  return deps.database.db.transaction(async (tx) => {
    const officers = await activeUsersWithRole(tx, 'loan_officer');
    if (!officers.length)
      throw Problem.conflict('no-loan-officers', 'There is no active loan officer to assign to');
    let cursor = await repo.autoAssignedCount(tx);
    const assigned: { prospectId: string; userId: string }[] = [];
    for (const p of await repo.unassignedOpenProspects(tx, limit)) {
      const officer = officers[cursor % officers.length]!;
      cursor++;
      await assignWithin(tx, deps, ctx, p, officer, true);
      assigned.push({ prospectId: p.id, userId: officer.id });
    }
    return { assigned };
  });
}

// ---- conversion -----------------------------------------------------------------------------------

/**
 * Convert a prospect: the matched customer, or a new one (status prospect), and a draft
 * application, with the prospect moved to `applied` and linked to both — one transaction. The
 * customer's timeline gets the prospect's reference so its history stays one click away.
 */
export async function convertProspect(
  deps: Deps,
  ctx: ActorContext,
  id: string,
  body: { productCode?: string | undefined },
) {
  const row = await deps.database.db.transaction(async (tx) => {
    const p = await visibleProspect(tx, id, true);
    if (p.applicationId)
      throw Problem.conflict('prospect-converted', 'This prospect has an application already', 'id');
    if (!OPEN.includes(p.stage))
      throw Problem.conflict(
        'prospect-stage-transition',
        `A ${p.stage} prospect cannot be converted`,
        'stage',
      );
    const at = deps.now();
    let customerId = p.customerId;
    const created = !customerId;
    if (!customerId) {
      const c = await createCustomer(
        within(deps, tx),
        ctx,
        {
          legalName: p.legalName,
          ...(p.email ? { email: p.email } : {}),
          ...(p.phoneEnc ? { phone: deps.cipher.decrypt(p.phoneEnc) } : {}),
          ...(p.nationalIdEnc
            ? {
                nationalIdType: p.nationalIdType as NationalIdType,
                nationalId: deps.cipher.decrypt(p.nationalIdEnc),
              }
            : {}),
          status: 'prospect',
          preferredLanguage: p.preferredLanguage as 'en' | 'zh-CN',
          allowDuplicate: true,
        },
        'growth-prospect',
      );
      customerId = c.id;
    }
    const answers: ApplicationSections = {
      identity: { legalName: p.legalName, ...(p.email ? { email: p.email } : {}) },
      ...(p.schoolId || p.educationLevel
        ? {
            school: {
              ...(p.schoolId ? { schoolId: p.schoolId } : {}),
              ...(p.educationLevel ? { level: p.educationLevel as EducationLevel } : {}),
            },
          }
        : {}),
      ...(body.productCode ? { purpose: { productCode: body.productCode } } : {}),
    };
    const app = await createDraftApplicationWithin(tx, deps, ctx, {
      customerId,
      channel: p.source === 'campus_event' ? 'campus_event' : 'branch',
      answers,
    });
    await repo.updateProspect(tx, p.id, { customerId, applicationId: app.id, updatedAt: at });
    const after = await moveStage(tx, deps, ctx, { ...p, customerId, applicationId: app.id }, 'applied', {
      system: true,
      data: { applicationId: app.id, applicationNumber: app.applicationNumber, customerCreated: created },
    });
    await addActivity(tx, p.id, 'converted', at, ctx.actorName, {
      data: {
        customerId,
        applicationId: app.id,
        applicationNumber: app.applicationNumber,
        customerCreated: created,
      },
    });
    await publishTimelineEvent(
      tx,
      {
        customerId,
        kind: 'growth.prospect_converted',
        summary: `Prospect ${p.reference} (${p.source}) converted to application ${app.applicationNumber}`,
        data: {
          prospectId: p.id,
          reference: p.reference,
          applicationId: app.id,
          source: p.source,
          trackingCode: p.trackingCode,
        },
        actorName: ctx.actorName,
      },
      at,
    );
    await recordAudit(tx, ctx, at, {
      action: 'prospect.converted',
      entityType: 'prospect',
      entityId: p.id,
      before: { stage: p.stage, customerId: p.customerId },
      after: { stage: 'applied', customerId, applicationId: app.id, customerCreated: created },
    });
    await onReferralProgress.applied(tx, deps, ctx, after);
    return after;
  });
  return prospectView(deps, row, null);
}

/**
 * Follow converted prospects to the end: funded when the application's loan is disbursed (the
 * referral reward is earned then), lost when it is declined or withdrawn. Idempotent; run by the
 * pipeline page and the CLI/job.
 */
export async function syncProspectOutcomes(deps: Deps, ctx: ActorContext) {
  const db = deps.database.db;
  const applied = (await repo.prospectsInStage(db, 'applied')).filter((p) => p.applicationId);
  const progress = new Map(
    (
      await applicationProgress(
        db,
        applied.map((p) => p.applicationId!),
      )
    ).map((a) => [a.id, a]),
  );
  let funded = 0;
  let lost = 0;
  for (const p0 of applied) {
    const a = progress.get(p0.applicationId!);
    if (!a) continue;
    const outcome = a.firstDisbursedAt
      ? 'funded'
      : a.status === 'declined' || a.status === 'withdrawn'
        ? 'lost'
        : null;
    if (!outcome) continue;
    await db.transaction(async (tx) => {
      const p = await visibleProspect(tx, p0.id, true);
      if (p.stage !== 'applied') return;
      const after = await moveStage(tx, deps, ctx, p, outcome, {
        system: true,
        lostReason:
          outcome === 'lost'
            ? a.status === 'declined'
              ? 'application_declined'
              : 'application_withdrawn'
            : undefined,
        data: { applicationId: a.id, applicationStatus: a.status },
      });
      if (outcome === 'funded') {
        funded++;
        await onReferralProgress.funded(tx, deps, ctx, after);
      } else {
        lost++;
        await onReferralProgress.lost(tx, deps, ctx, after);
      }
    });
  }
  return { checked: applied.length, funded, lost };
}

/** Attribution input for campaigns: prospects created since a time with their tracking code. */
export async function listProspectTouches(deps: Deps, opts: { since: Date }) {
  return repo.prospectTouchesSince(deps.database.db, opts.since);
}

/** A tracked link click by a known prospect (campaigns' click redirect calls this). */
export async function recordLinkClick(deps: Deps, prospectId: string, trackingCode: string) {
  await deps.database.db.transaction(async (tx) => {
    const p = await visibleProspect(tx, prospectId, true);
    await addActivity(tx, p.id, 'link_clicked', deps.now(), null, { data: { trackingCode } });
    await rescore(tx, deps, p);
  });
}

// ---- CSV import -----------------------------------------------------------------------------------

export const PROSPECT_IMPORT_COLUMNS = [
  'external_ref',
  'legal_name',
  'email',
  'phone',
  'national_id_type',
  'national_id',
  'school',
  'education_level',
  'financial_need',
  'requested_amount',
  'tracking_code',
  'consent_contact',
] as const;

const COLUMN_FIELD: Record<string, string> = {
  external_ref: 'externalRef',
  legal_name: 'legalName',
  email: 'email',
  phone: 'phone',
  national_id_type: 'nationalIdType',
  national_id: 'nationalId',
  school: 'schoolId',
  education_level: 'educationLevel',
  financial_need: 'financialNeed',
  requested_amount: 'requestedAmount',
  tracking_code: 'trackingCode',
  consent_contact: 'consentContact',
};
const fieldColumn = Object.fromEntries(Object.entries(COLUMN_FIELD).map(([c, f]) => [f, c]));

async function schoolByName(deps: Deps, value: string, cache: Map<string, string | null>) {
  if (cache.has(value)) return cache.get(value)!;
  let id: string | null = null;
  if (/^[0-9a-f-]{36}$/i.test(value)) id = (await getSchool(deps, value).catch(() => null))?.id ?? null;
  else {
    const page = await listSchools(deps, { q: value, limit: 5, offset: 0 });
    const exact = page.items.filter((s) => [s.name, s.nameLocal, s.externalCode].includes(value));
    id = exact.length === 1 ? exact[0]!.id : page.items.length === 1 ? page.items[0]!.id : null;
  }
  cache.set(value, id);
  return id;
}

/**
 * Import a partner-school list or a CSV of prospects. Every row is checked and its errors reported
 * by line and column; the good rows are imported in one transaction. A row's `external_ref` makes
 * re-importing the same file a no-op (`unchanged`).
 */
export async function importProspects(
  deps: Deps,
  ctx: ActorContext,
  { csv, source, dryRun }: { csv: string; source: 'csv' | 'partner_school'; dryRun: boolean },
) {
  const errors: { line: number; field: string; message: string }[] = [];
  let records;
  try {
    records = [...parseCsv(csv)];
  } catch (e) {
    if (e instanceof CsvError) throw Problem.badRequest('csv', e.message);
    throw e;
  }
  const [header, ...rows] = records;
  if (!header) throw Problem.badRequest('csv', 'the file is empty');
  const cols = header.cells.map((c) => c.trim().toLowerCase());
  for (const required of ['external_ref', 'legal_name'])
    if (!cols.includes(required)) throw Problem.badRequest('csv', `the header has no ${required} column`);
  const unknown = cols.filter((c) => !(PROSPECT_IMPORT_COLUMNS as readonly string[]).includes(c));
  if (unknown.length) throw Problem.badRequest('csv', `unknown columns: ${unknown.join(', ')}`);
  const schools = new Map<string, string | null>();
  const inputs: { line: number; input: ProspectInput }[] = [];
  const seenRefs = new Set<string>();
  for (const r of rows) {
    if (r.cells.every((c) => c.trim() === '')) continue;
    const v = Object.fromEntries(cols.map((c, i) => [c, (r.cells[i] ?? '').trim()]));
    const lineErrors: { field: string; message: string }[] = [];
    let schoolId: string | undefined;
    if (v.school) {
      schoolId = (await schoolByName(deps, v.school, schools)) ?? undefined;
      if (!schoolId)
        lineErrors.push({ field: 'school', message: 'is not a known school (name, code or id)' });
    }
    const bool = (x: string | undefined, col: string) => {
      if (!x) return undefined;
      if (/^(true|yes|y|1|是)$/i.test(x)) return true;
      if (/^(false|no|n|0|否)$/i.test(x)) return false;
      lineErrors.push({ field: col, message: 'must be yes or no' });
      return undefined;
    };
    let amount: number | undefined;
    if (v.requested_amount) {
      if (!/^\d+(\.\d{1,2})?$/.test(v.requested_amount))
        lineErrors.push({ field: 'requested_amount', message: 'must be an amount like 8000 or 8000.50' });
      else {
        const [whole, frac = ''] = v.requested_amount.split('.');
        amount = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
      }
    }
    const raw = {
      legalName: v.legal_name || undefined,
      email: v.email || undefined,
      phone: v.phone || undefined,
      nationalIdType: v.national_id_type || undefined,
      nationalId: v.national_id || undefined,
      schoolId,
      educationLevel: v.education_level || undefined,
      financialNeed: bool(v.financial_need, 'financial_need'),
      requestedAmount: amount,
      trackingCode: v.tracking_code || undefined,
      consentContact: bool(v.consent_contact, 'consent_contact'),
      externalRef: v.external_ref || undefined,
      source,
    };
    const parsed = prospectInput.safeParse(raw);
    if (!parsed.success)
      for (const issue of parsed.error.issues) {
        const f = String(issue.path[0] ?? '');
        lineErrors.push({ field: fieldColumn[f] ?? f, message: issue.message });
      }
    if (!v.external_ref)
      lineErrors.push({ field: 'external_ref', message: 'is required (it makes re-imports safe)' });
    else if (seenRefs.has(v.external_ref))
      lineErrors.push({ field: 'external_ref', message: 'appears twice in the file' });
    const { errors: idErrors } = protectedIdentifiers(deps, {
      legalName: raw.legalName ?? '-',
      source,
      ...(raw.email ? { email: raw.email } : {}),
      ...(raw.phone ? { phone: raw.phone } : {}),
      ...(raw.nationalId ? { nationalId: raw.nationalId } : {}),
      ...(raw.nationalIdType && parsed.success ? { nationalIdType: parsed.data.nationalIdType } : {}),
    });
    for (const e of idErrors) lineErrors.push({ field: fieldColumn[e.field] ?? e.field, message: e.message });
    seenRefs.add(v.external_ref ?? '');
    const uniq = new Map(lineErrors.map((e) => [`${e.field}:${e.message}`, e]));
    for (const e of uniq.values()) errors.push({ line: r.line, ...e });
    if (!uniq.size && parsed.success) inputs.push({ line: r.line, input: parsed.data });
  }
  let created = 0;
  let unchanged = 0;
  let duplicates = 0;
  const run = async (tx: Executor) => {
    for (const { input } of inputs) {
      if (await repo.findProspectByExternalRef(tx, source, input.externalRef!)) {
        unchanged++;
        continue;
      }
      const r = await captureWithin(tx, deps, ctx, input);
      if (r.duplicateOf) duplicates++;
      else created++;
    }
    await recordAudit(tx, ctx, deps.now(), {
      action: 'prospect.imported',
      entityType: 'prospect_import',
      entityId: randomUUID(),
      after: { source, rows: rows.length, created, unchanged, duplicates, errors: errors.length, dryRun },
    });
    if (dryRun) throw new DryRun();
  };
  try {
    await deps.database.db.transaction(run);
  } catch (e) {
    if (!(e instanceof DryRun)) throw e;
  }
  return {
    rows: rows.filter((r) => r.cells.some((c) => c.trim() !== '')).length,
    created,
    unchanged,
    duplicates,
    errors,
    dryRun,
  };
}

class DryRun extends Error {}

/** The worker's job: follow converted prospects to funding (and earn referral rewards) every hour. */
export function prospectJobs(deps: Deps) {
  return [
    {
      queue: 'growth-prospect-outcomes',
      cron: '20 * * * *',
      retryLimit: 3,
      handle: async () =>
        void (await syncProspectOutcomes(deps, { ...SYSTEM_ACTOR, actorName: 'prospect-outcomes-job' })),
    },
  ];
}
