// Customer 360 use cases: parties, enrolment, household, credit record, consent, classification,
// tags, notes, tasks and the timeline. Every change writes an audit event (masked values only)
// in the same transaction; reads are limited to what the viewer may see.
import { randomUUID } from 'node:crypto';
import {
  AXIS_VALUES,
  CLASSIFICATION_AXES,
  classifyCustomer,
  isRealDate,
  type ClassificationAxis,
  type ClassificationInput,
  type EducationLevel,
  type EnrolmentStatus,
  type LoanNeed,
  type NationalIdType,
  type NeedIndicator,
} from '@bursar/core';
import { and, eq, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import type { ActorContext, Deps } from '../../deps.ts';
import { Problem, validationProblem, type FieldError } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import type { Actor } from '../identity/index.ts';
import * as repo from './customers.repository.ts';
import type {
  CustomerRow,
  CustomerScope,
  EnrolmentRow,
  HouseholdRow,
  CreditRecordRow,
  SchoolRow,
} from './customers.repository.ts';
import type { Address, StoredClassification } from './customers.tables.ts';
import type * as S from './customers.schema.ts';
import type { z } from 'zod';
import {
  decryptOrNull,
  maskEmailAddress,
  maskName,
  maskNationalId,
  maskPhone,
  nationalIdHash,
  phoneHash,
  phoneLast4Hash,
  protectNationalId,
  protectPhone,
  shown,
  shownEmail,
} from './pii.ts';

type CustomerView = z.infer<typeof S.customerView>;
type CustomerSummary = z.infer<typeof S.customerSummary>;

// ---------------------------------------------------------------------------------------------
// Who may see what

/** Staff see every customer; a school officer their school's students; a student only themself. */
export function scopeOf(actor: Actor): CustomerScope | null {
  if (actor.roles.some((r) => r !== 'student' && r !== 'school_officer')) return null;
  if (actor.roles.includes('school_officer')) return { schoolId: actor.schoolId };
  return { customerId: actor.customerId };
}

function inScope(scope: CustomerScope | null, row: CustomerRow): boolean {
  if (!scope) return true;
  if (scope.customerId !== undefined) return !!scope.customerId && row.id === scope.customerId;
  if (scope.schoolId !== undefined) return !!scope.schoolId && row.currentSchoolId === scope.schoolId;
  return true;
}

/** A customer the actor may see, else 404 (never 403: do not confirm that it exists). */
export async function visibleCustomer(
  db: Executor,
  actor: Actor | null,
  id: string,
  lock = false,
): Promise<CustomerRow> {
  const row = lock ? await repo.lockCustomer(db, id) : await repo.findCustomer(db, id);
  if (!row || (actor && !inScope(scopeOf(actor), row))) throw Problem.notFound('Customer');
  return row;
}

export function mayReveal(actor: Actor, customerId: string): boolean {
  return actor.permissions.has('pii.read') || actor.customerId === customerId;
}

export function actorLabel(ctx: ActorContext): string | null {
  return ctx.actorName;
}

// ---------------------------------------------------------------------------------------------
// Audit and timeline helpers

/** What an audit row may hold about a customer: masked personal data only. */
export function auditView(deps: Deps, row: CustomerRow): Record<string, unknown> {
  const nid = decryptOrNull(deps.cipher, row.nationalIdEnc);
  const phone = decryptOrNull(deps.cipher, row.phoneEnc);
  return {
    externalRef: row.externalRef,
    legalName: maskName(row.legalName),
    dateOfBirth: row.dateOfBirth ? `${row.dateOfBirth.slice(0, 4)}-**-**` : null,
    nationalId: nid ? maskNationalId(nid) : null,
    phone: phone ? maskPhone(phone) : null,
    email: row.email ? maskEmailAddress(row.email) : null,
    status: row.status,
    tags: row.tags,
    currentSchoolId: row.currentSchoolId,
    classes: classesOf(row),
  };
}

function classesOf(row: CustomerRow) {
  return {
    educationLevel: row.classEducationLevel,
    economicStatus: row.classEconomicStatus,
    creditRecord: row.classCreditRecord,
    loanNeed: row.classLoanNeed,
  };
}

export interface TimelineEventInput {
  customerId: string;
  /** `<module>.<event>`, e.g. `servicing.loan_disbursed`. */
  kind: string;
  summary: string;
  data?: unknown;
  occurredAt?: Date;
  actorName?: string | null;
}

/** Add an event to a customer's timeline on the caller's transaction. */
export async function publishTimelineEvent(
  tx: Executor,
  event: TimelineEventInput,
  at: Date = new Date(),
): Promise<void> {
  await repo.insertTimeline(tx, {
    id: randomUUID(),
    customerId: event.customerId,
    occurredAt: event.occurredAt ?? at,
    kind: event.kind,
    summary: event.summary.slice(0, 500),
    data: event.data ?? null,
    actorName: event.actorName ?? null,
  });
}

// Graduation and withdrawal are events other modules react to (e.g. start a grace period).
export interface EnrolmentEvent {
  type: 'graduated' | 'withdrawn' | 'transferred' | 'status_changed';
  customerId: string;
  enrolmentId: string;
  status: EnrolmentStatus;
  effectiveDate: string;
}
const enrolmentListeners: ((e: EnrolmentEvent) => Promise<void> | void)[] = [];

/** Called after the change commits; a failing listener is logged by its owner, never rolls back. */
export function onEnrolmentEvent(listener: (e: EnrolmentEvent) => Promise<void> | void): () => void {
  enrolmentListeners.push(listener);
  return () => {
    const i = enrolmentListeners.indexOf(listener);
    if (i >= 0) enrolmentListeners.splice(i, 1);
  };
}

async function emitEnrolmentEvent(e: EnrolmentEvent): Promise<void> {
  for (const l of enrolmentListeners) {
    try {
      await l(e);
    } catch {
      // A listener's failure is its own module's to handle; the enrolment change stands.
    }
  }
}

// Other modules say whether they must keep a customer's data (e.g. open or recent loans).
export type RetentionCheck = (deps: Deps, customerId: string) => Promise<string | null>;
const retentionChecks: RetentionCheck[] = [];
export function registerRetentionCheck(check: RetentionCheck): void {
  retentionChecks.push(check);
}

// ---------------------------------------------------------------------------------------------
// Classification

export interface ClassificationSources {
  customer: Pick<CustomerRow, 'country' | 'declaredLoanPurpose'>;
  enrolment: Pick<EnrolmentRow, 'level' | 'status'> | null;
  schoolCountry: string | null;
  household: Pick<HouseholdRow, 'size' | 'annualIncomeMinor' | 'currency' | 'needs'> | null;
  credit: Pick<
    CreditRecordRow,
    'fileStatus' | 'bureauScore' | 'priorLoans' | 'delinquencies' | 'fraudFlags'
  > | null;
}

export function classificationInputOf(s: ClassificationSources): ClassificationInput {
  return {
    homeCountry: s.customer.country,
    declaredLoanPurpose: (s.customer.declaredLoanPurpose as LoanNeed | null) ?? null,
    enrolment: s.enrolment
      ? {
          level: s.enrolment.level as EducationLevel,
          status: s.enrolment.status as EnrolmentStatus,
          schoolCountry: s.schoolCountry,
        }
      : null,
    household: s.household
      ? {
          size: s.household.size,
          annualIncomeMinor: s.household.annualIncomeMinor,
          currency: s.household.currency,
          needIndicators: s.household.needs.map((n) => ({
            code: n.code as NeedIndicator,
            verified: n.verifiedAt !== null,
          })),
        }
      : null,
    credit: s.credit
      ? {
          fileStatus: (s.credit.fileStatus as 'established' | 'thin' | 'none' | null) ?? null,
          bureauScore: s.credit.bureauScore,
          priorLoans: s.credit.priorLoans,
          delinquencies: s.credit.delinquencies,
          fraudFlags: s.credit.fraudFlags,
        }
      : null,
  };
}

/** Classify from sources and merge with existing overrides: the stored form and the effective classes. */
export function classificationOf(
  sources: ClassificationSources,
  overrides: StoredClassification['overrides'],
  at: Date,
) {
  const result = classifyCustomer(classificationInputOf(sources));
  const stored: StoredClassification = { computed: { ...result }, overrides, computedAt: at.toISOString() };
  const eff = (axis: ClassificationAxis) => overrides[axis]?.value ?? result[axis].value;
  return {
    stored,
    columns: {
      classEducationLevel: eff('educationLevel'),
      classEconomicStatus: eff('economicStatus'),
      classCreditRecord: eff('creditRecord'),
      classLoanNeed: eff('loanNeed'),
    },
  };
}

/** Recompute a customer's classes from their current data; audit and timeline when a class moves. */
export async function reclassify(
  tx: Executor,
  deps: Deps,
  ctx: ActorContext,
  customerId: string,
  at: Date,
): Promise<CustomerRow> {
  const customer = (await repo.findCustomer(tx, customerId))!;
  const enrolment = (await repo.currentEnrolment(tx, customerId)) ?? null;
  const school = enrolment ? await repo.findSchool(tx, enrolment.schoolId) : undefined;
  const household = (await repo.findHousehold(tx, customerId)) ?? null;
  const credit = (await repo.findCreditRecord(tx, customerId)) ?? null;
  const { stored, columns } = classificationOf(
    { customer, enrolment, schoolCountry: school?.country ?? null, household, credit },
    customer.classification.overrides,
    at,
  );
  const before = classesOf(customer);
  const after = {
    educationLevel: columns.classEducationLevel,
    economicStatus: columns.classEconomicStatus,
    creditRecord: columns.classCreditRecord,
    loanNeed: columns.classLoanNeed,
  };
  const changed = CLASSIFICATION_AXES.filter((a) => before[a] !== after[a]);
  const updated = await repo.updateCustomer(tx, customerId, {
    ...columns,
    classification: stored,
    currentSchoolId: enrolment?.schoolId ?? null,
    updatedAt: at,
  });
  if (changed.length > 0 && customer.classification.computedAt !== '') {
    await recordAudit(tx, ctx, at, {
      action: 'customer.reclassified',
      entityType: 'customer',
      entityId: customerId,
      before,
      after,
    });
    await publishTimelineEvent(
      tx,
      {
        customerId,
        kind: 'customers.classification_changed',
        summary: changed.map((a) => `${a}: ${before[a] ?? '—'} → ${after[a] ?? '—'}`).join('; '),
        data: { before, after, rules: Object.fromEntries(changed.map((a) => [a, stored.computed[a]?.rule])) },
        actorName: ctx.actorName,
      },
      at,
    );
  }
  return updated;
}

// ---------------------------------------------------------------------------------------------
// Validation shared by entry, update and import

export function today(deps: Deps): string {
  return deps.now().toISOString().slice(0, 10);
}

export function checkDateOfBirth(dob: string, todayIso: string, field: string, errors: FieldError[]): void {
  if (!isRealDate(dob)) errors.push({ field, message: 'is not a real date' });
  else if (dob > todayIso) errors.push({ field, message: 'is in the future' });
  else if (dob < '1900-01-01') errors.push({ field, message: 'is before 1900' });
}

export function checkEnrolmentDates(
  e: { startDate: string; expectedGraduationDate: string },
  dob: string | null | undefined,
  prefix: string,
  errors: FieldError[],
): void {
  if (!isRealDate(e.startDate)) errors.push({ field: `${prefix}startDate`, message: 'is not a real date' });
  if (!isRealDate(e.expectedGraduationDate))
    errors.push({ field: `${prefix}expectedGraduationDate`, message: 'is not a real date' });
  else if (e.expectedGraduationDate <= e.startDate)
    errors.push({ field: `${prefix}expectedGraduationDate`, message: 'must be after the start date' });
  if (dob && isRealDate(e.startDate) && e.startDate <= dob)
    errors.push({ field: `${prefix}startDate`, message: 'must be after the date of birth' });
}

export function searchNameOf(legalName: string, preferredName: string | null | undefined): string {
  return [legalName, preferredName].filter(Boolean).join(' ').normalize('NFKC').toLowerCase();
}

function addressColumns(address: Address | null | undefined) {
  return {
    address: address ?? null,
    country: address?.country ?? null,
    region: address?.region ?? null,
    city: address?.city ?? null,
  };
}

function needsOf(
  input: z.infer<typeof S.needInput>[] | undefined,
  previous: HouseholdRow['needs'],
  by: string | null,
  at: Date,
): HouseholdRow['needs'] {
  return (input ?? []).map((n) => {
    const prev = previous.find((p) => p.code === n.code);
    const verifiedNow = n.verified === true;
    const keep = n.verified === undefined && prev;
    return {
      code: n.code,
      evidenceRef: n.evidenceRef ?? prev?.evidenceRef ?? null,
      verifiedBy: verifiedNow ? by : keep ? prev.verifiedBy : null,
      verifiedAt: verifiedNow ? at.toISOString() : keep ? prev.verifiedAt : null,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Views

async function schoolMap(db: Executor, ids: (string | null)[]): Promise<Map<string, SchoolRow>> {
  const unique = [...new Set(ids.filter((x): x is string => !!x))];
  return new Map((await repo.findSchoolsByIds(db, unique)).map((s) => [s.id, s]));
}

function schoolSummary(s: SchoolRow | undefined) {
  return s ? { id: s.id, name: s.name, nameLocal: s.nameLocal, country: s.country } : null;
}

export function summaryOf(
  deps: Deps,
  row: CustomerRow,
  school: SchoolRow | undefined,
  reveal: boolean,
): CustomerSummary {
  return {
    id: row.id,
    externalRef: row.externalRef,
    legalName: row.legalName,
    preferredName: row.preferredName,
    dateOfBirth: row.dateOfBirth,
    nationalId: shown(deps.cipher, row.nationalIdEnc, 'nationalId', reveal),
    phone: shown(deps.cipher, row.phoneEnc, 'phone', reveal),
    email: shownEmail(row.email, reveal),
    status: row.status,
    school: schoolSummary(school),
    classes: classesOf(row),
    tags: row.tags,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function summariesOf(
  deps: Deps,
  db: Executor,
  rows: CustomerRow[],
  reveal: boolean,
): Promise<CustomerSummary[]> {
  const schools = await schoolMap(
    db,
    rows.map((r) => r.currentSchoolId),
  );
  return rows.map((r) =>
    summaryOf(deps, r, r.currentSchoolId ? schools.get(r.currentSchoolId) : undefined, reveal),
  );
}

function classificationView(c: StoredClassification) {
  const axis = (a: ClassificationAxis) => {
    const computed = c.computed[a] ?? { value: null, rule: 'none', explanation: 'not computed' };
    const override = c.overrides[a] ?? null;
    return { value: override?.value ?? computed.value, computed, override };
  };
  return {
    educationLevel: axis('educationLevel'),
    economicStatus: axis('economicStatus'),
    creditRecord: axis('creditRecord'),
    loanNeed: axis('loanNeed'),
    computedAt: c.computedAt,
  };
}

async function customer360(
  deps: Deps,
  db: Executor,
  row: CustomerRow,
  reveal: boolean,
): Promise<CustomerView> {
  const enrolmentRows = await repo.listEnrolments(db, row.id);
  const schools = await schoolMap(db, [row.currentSchoolId, ...enrolmentRows.map((e) => e.schoolId)]);
  const history = await repo.listStatusHistory(
    db,
    enrolmentRows.map((e) => e.id),
  );
  const results = await repo.listTermResults(
    db,
    enrolmentRows.map((e) => e.id),
  );
  const parties = await repo.listRelatedParties(db, row.id);
  const household = await repo.findHousehold(db, row.id);
  const credit = await repo.findCreditRecord(db, row.id);
  const consents = await repo.listConsents(db, row.id);
  const openTasks = await repo.listTasks(db, { customerId: row.id, status: 'open' }, 1000);
  return {
    ...summaryOf(deps, row, row.currentSchoolId ? schools.get(row.currentSchoolId) : undefined, reveal),
    gender: row.gender,
    nationalIdType: row.nationalIdType,
    address: row.address,
    preferredLanguage: row.preferredLanguage,
    preferredChannel: row.preferredChannel,
    declaredLoanPurpose: row.declaredLoanPurpose,
    mergedInto: row.mergedInto,
    closedAt: row.closedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
    piiRevealed: reveal,
    classification: classificationView(row.classification),
    relatedParties: parties.map((p) => ({
      id: p.id,
      relationship: p.relationship,
      name: p.name,
      phone: shown(deps.cipher, p.phoneEnc, 'phone', reveal),
      nationalIdType: p.nationalIdType,
      nationalId: shown(deps.cipher, p.nationalIdEnc, 'nationalId', reveal),
      email: shownEmail(p.email, reveal),
      occupation: p.occupation,
      annualIncomeMinor: p.annualIncomeMinor,
      currency: p.currency,
    })),
    enrolments: enrolmentRows.map((e) => ({
      id: e.id,
      school: schoolSummary(schools.get(e.schoolId))!,
      programmeId: e.programmeId,
      programmeName: e.programmeName,
      level: e.level,
      yearOfStudy: e.yearOfStudy,
      startDate: e.startDate,
      expectedGraduationDate: e.expectedGraduationDate,
      status: e.status,
      statusDate: e.statusDate,
      isCurrent: e.isCurrent,
      latestGpa: e.latestGpa,
      statusHistory: history
        .filter((h) => h.enrolmentId === e.id)
        .map((h) => ({
          fromStatus: h.fromStatus,
          toStatus: h.toStatus,
          effectiveDate: h.effectiveDate,
          reason: h.reason,
          changedBy: h.changedBy,
        })),
      results: results
        .filter((r) => r.enrolmentId === e.id)
        .map((r) => ({
          term: r.term,
          gpa: r.gpa,
          gpaScale: r.gpaScale,
          averageScore: r.averageScore,
          creditsEarned: r.creditsEarned,
        })),
    })),
    household: household
      ? {
          size: household.size,
          annualIncomeMinor: household.annualIncomeMinor,
          currency: household.currency,
          dependants: household.dependants,
          needs: household.needs,
          updatedAt: household.updatedAt.toISOString(),
        }
      : null,
    creditRecord: credit
      ? {
          bureauName: credit.bureauName,
          bureauScore: credit.bureauScore,
          scoreDate: credit.scoreDate,
          fileStatus: credit.fileStatus,
          priorLoans: credit.priorLoans,
          delinquencies: credit.delinquencies,
          fraudFlags: credit.fraudFlags,
          updatedAt: credit.updatedAt.toISOString(),
        }
      : null,
    consents: consents.map((c) => ({
      purpose: c.purpose,
      granted: c.granted,
      source: c.source,
      recordedAt: c.recordedAt.toISOString(),
    })),
    openTasks: openTasks.length,
  };
}

/** Write the `customer.pii_read` audit event for an unmasking. */
export async function auditPiiRead(
  deps: Deps,
  ctx: ActorContext,
  customerId: string,
  what: string,
): Promise<void> {
  await deps.database.db.transaction((tx) =>
    recordAudit(tx, ctx, deps.now(), {
      action: 'customer.pii_read',
      entityType: 'customer',
      entityId: customerId,
      after: { what },
    }),
  );
}

export async function getCustomer(
  deps: Deps,
  ctx: ActorContext,
  actor: Actor,
  id: string,
  reveal: boolean,
): Promise<CustomerView> {
  const db = deps.database.db;
  const row = await visibleCustomer(db, actor, id);
  if (reveal) {
    if (!mayReveal(actor, id))
      throw Problem.forbidden('Showing unmasked personal data needs the pii.read permission');
    await auditPiiRead(deps, ctx, id, 'customer 360');
  }
  return customer360(deps, db, row, reveal);
}

export async function revealPii(
  deps: Deps,
  ctx: ActorContext,
  actor: Actor,
  id: string,
): Promise<z.infer<typeof S.piiView>> {
  const db = deps.database.db;
  const row = await visibleCustomer(db, actor, id);
  const parties = await repo.listRelatedParties(db, id);
  await auditPiiRead(deps, ctx, id, 'identifiers');
  return {
    nationalIdType: row.nationalIdType,
    nationalId: decryptOrNull(deps.cipher, row.nationalIdEnc),
    phone: decryptOrNull(deps.cipher, row.phoneEnc),
    email: row.email,
    relatedParties: parties.map((p) => ({
      id: p.id,
      name: p.name,
      phone: decryptOrNull(deps.cipher, p.phoneEnc),
      nationalId: decryptOrNull(deps.cipher, p.nationalIdEnc),
      email: p.email,
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Search and list

export interface ListInput {
  q?: string | undefined;
  schoolId?: string | undefined;
  status?: string | undefined;
  tag?: string | undefined;
  level?: string | undefined;
  economicStatus?: string | undefined;
  creditRecord?: string | undefined;
  loanNeed?: string | undefined;
  limit: number;
  offset: number;
}

/** How a free-text query is read: an ID or phone (exact, by blind index), last four, email or name. */
export function interpretQuery(
  deps: Deps,
  q: string,
): repo.CustomerSearch & { identifier?: { nationalIdHash: string; phoneHash: string } } {
  const t = q.trim();
  if (/^\d{4}$/.test(t)) return { phoneLast4Hash: phoneLast4Hash(deps.cipher, t) };
  if (t.includes('@')) return { email: t };
  const digits = t.replace(/\D/g, '').length;
  if (digits >= 5 && /^[+A-Za-z0-9\s()-]+$/.test(t)) {
    return {
      identifier: { nationalIdHash: nationalIdHash(deps.cipher, t), phoneHash: phoneHash(deps.cipher, t) },
    };
  }
  return { name: t };
}

export async function listCustomers(
  deps: Deps,
  actor: Actor,
  f: ListInput,
  extra?: SQL,
): Promise<{ items: CustomerSummary[]; total: number }> {
  const db = deps.database.db;
  const search: repo.CustomerSearch = {
    schoolId: f.schoolId,
    status: f.status,
    tag: f.tag,
    level: f.level,
    economicStatus: f.economicStatus,
    creditRecord: f.creditRecord,
    loanNeed: f.loanNeed,
  };
  let idCond: SQL | undefined = extra;
  if (f.q) {
    const { identifier, ...rest } = interpretQuery(deps, f.q);
    Object.assign(search, rest);
    if (identifier) {
      const c = or(
        eq(repo.customers.nationalIdHash, identifier.nationalIdHash),
        eq(repo.customers.phoneHash, identifier.phoneHash),
      )!;
      idCond = idCond ? and(idCond, c) : c;
    }
  }
  const page = await repo.searchCustomers(
    db,
    scopeOf(actor),
    search,
    { limit: f.limit, offset: f.offset },
    idCond,
  );
  return { items: await summariesOf(deps, db, page.items, false), total: page.total };
}

// ---------------------------------------------------------------------------------------------
// Create and update

export interface PreparedCustomer {
  row: repo.NewCustomerRow;
  errors: FieldError[];
}

/** Validate and encrypt a new customer's profile (no database access): shared by entry and import. */
export function prepareCustomer(
  deps: Deps,
  input: S.CreateCustomerInput,
  at: Date,
  prefix = '',
): PreparedCustomer {
  const errors: FieldError[] = [];
  const todayIso = at.toISOString().slice(0, 10);
  let dob = input.dateOfBirth ?? null;
  if (dob) checkDateOfBirth(dob, todayIso, `${prefix}dateOfBirth`, errors);
  let nid: ReturnType<typeof protectNationalId> = null;
  if (input.nationalId) {
    nid = protectNationalId(
      deps.cipher,
      input.nationalIdType ?? 'cn_resident',
      input.nationalId,
      `${prefix}nationalId`,
      errors,
    );
    if (nid?.birthDate) {
      if (!dob) dob = nid.birthDate;
      else if (dob !== nid.birthDate)
        errors.push({
          field: `${prefix}nationalId`,
          message: `carries birth date ${nid.birthDate}, not the date of birth given`,
        });
      if (nid.birthDate > todayIso)
        errors.push({ field: `${prefix}nationalId`, message: 'carries a birth date in the future' });
    }
  } else if (input.nationalIdType) {
    errors.push({ field: `${prefix}nationalId`, message: 'is required when nationalIdType is given' });
  }
  const phone = input.phone ? protectPhone(deps.cipher, input.phone, `${prefix}phone`, errors) : null;
  if (input.enrolment) checkEnrolmentDates(input.enrolment, dob, `${prefix}enrolment.`, errors);
  if (input.household?.needs) {
    const codes = input.household.needs.map((n) => n.code);
    if (new Set(codes).size !== codes.length)
      errors.push({ field: `${prefix}household.needs`, message: 'lists an indicator twice' });
  }
  if (input.household && input.household.annualIncomeMinor !== undefined && !input.household.currency) {
    errors.push({ field: `${prefix}household.currency`, message: 'is required with an income' });
  }
  const id = randomUUID();
  const row: repo.NewCustomerRow = {
    id,
    externalRef: input.externalRef ?? null,
    legalName: input.legalName,
    preferredName: input.preferredName ?? null,
    searchName: searchNameOf(input.legalName, input.preferredName),
    dateOfBirth: dob,
    gender: input.gender ?? null,
    nationalIdType: nid?.nationalIdType ?? null,
    nationalIdEnc: nid?.nationalIdEnc ?? null,
    nationalIdHash: nid?.nationalIdHash ?? null,
    phoneEnc: phone?.phoneEnc ?? null,
    phoneHash: phone?.phoneHash ?? null,
    phoneLast4Hash: phone?.phoneLast4Hash ?? null,
    email: input.email ?? null,
    ...addressColumns(input.address),
    preferredLanguage: input.preferredLanguage ?? 'zh-CN',
    preferredChannel: input.preferredChannel ?? 'sms',
    declaredLoanPurpose: input.declaredLoanPurpose ?? null,
    status: input.status ?? 'active',
    tags: [...new Set(input.tags ?? [])],
    classification: { computed: {}, overrides: {}, computedAt: '' },
    createdAt: at,
    updatedAt: at,
  };
  return { row, errors };
}

export class DuplicateFound extends Problem {}

export async function createCustomer(
  deps: Deps,
  ctx: ActorContext,
  input: S.CreateCustomerInput,
  via = 'api',
): Promise<CustomerView> {
  const at = deps.now();
  const { row, errors } = prepareCustomer(deps, input, at);
  const partyRows = (input.relatedParties ?? []).map((p, i) =>
    prepareParty(deps, p, row.id, at, `relatedParties.${i}.`, errors),
  );
  if (errors.length) throw validationProblem(errors);
  const db = deps.database.db;
  const created = await db.transaction(async (tx) => {
    const school = input.enrolment ? await repo.findSchool(tx, input.enrolment.schoolId) : undefined;
    if (input.enrolment && !school) throw Problem.badRequest('enrolment.schoolId', 'is not a known school');
    if (input.enrolment?.programmeId) {
      const prog = await repo.findProgramme(tx, input.enrolment.programmeId);
      if (!prog || prog.schoolId !== input.enrolment.schoolId)
        throw Problem.badRequest('enrolment.programmeId', 'is not a programme of that school');
    }
    if (row.externalRef && (await repo.findCustomerByExternalRef(tx, row.externalRef))) {
      throw Problem.conflict(
        'external-ref-taken',
        'Another customer has this external reference',
        'externalRef',
      );
    }
    await assertNoDuplicate(deps, tx, row, input.enrolment?.schoolId ?? null, input.allowDuplicate === true);
    await repo.insertCustomer(tx, { ...row, createdVia: via });
    const by = ctx.actorName;
    if (input.enrolment) await insertEnrolmentWithHistory(tx, row.id, input.enrolment, by, at);
    if (input.household) await repo.upsertHousehold(tx, householdRow(row.id, input.household, [], by, at));
    if (input.creditRecord) await repo.upsertCreditRecord(tx, creditRow(row.id, input.creditRecord, at));
    for (const p of partyRows) await repo.insertRelatedParty(tx, p);
    for (const c of input.consents ?? []) {
      await repo.recordConsent(tx, {
        id: randomUUID(),
        customerId: row.id,
        purpose: c.purpose,
        granted: c.granted,
        source: c.source,
        note: c.note ?? null,
        recordedBy: by,
        recordedAt: at,
      });
    }
    const after = await reclassify(tx, deps, ctx, row.id, at);
    await publishTimelineEvent(
      tx,
      {
        customerId: row.id,
        kind: 'customers.customer_created',
        summary: `Customer created (${via})`,
        actorName: by,
      },
      at,
    );
    await recordAudit(tx, ctx, at, {
      action: 'customer.created',
      entityType: 'customer',
      entityId: row.id,
      after: auditView(deps, after),
    });
    return after;
  });
  return customer360(deps, db, created, false);
}

async function assertNoDuplicate(
  deps: Deps,
  tx: Executor,
  row: repo.NewCustomerRow,
  schoolId: string | null,
  allowLikely: boolean,
  exceptId?: string,
): Promise<void> {
  if (row.nationalIdHash) {
    const same = (await repo.findCustomersByNationalIdHash(tx, row.nationalIdHash)).filter(
      (c) => c.id !== exceptId,
    );
    if (same.length) {
      throw new Problem(
        409,
        'duplicate-customer',
        'Conflict',
        'A customer with this ID number exists already',
        {
          errors: [{ field: 'nationalId', message: 'belongs to an existing customer' }],
          candidates: await summariesOf(deps, tx, same, false),
        },
      );
    }
  }
  if (!allowLikely && row.dateOfBirth && row.searchName) {
    const likely = (
      await repo.findCustomersByNameDob(tx, searchNameOf(row.legalName, null), row.dateOfBirth, schoolId)
    ).filter((c) => c.id !== exceptId);
    if (likely.length) {
      throw new Problem(
        409,
        'possible-duplicate',
        'Conflict',
        'A customer with the same name and date of birth exists; check it, or send allowDuplicate: true',
        {
          errors: [{ field: 'legalName', message: 'same name and date of birth as an existing customer' }],
          candidates: await summariesOf(deps, tx, likely, false),
        },
      );
    }
  }
}

export function prepareParty(
  deps: Deps,
  p: z.infer<typeof S.relatedPartyInput>,
  customerId: string,
  at: Date,
  prefix: string,
  errors: FieldError[],
): repo.NewRelatedPartyRow {
  const phone = p.phone ? protectPhone(deps.cipher, p.phone, `${prefix}phone`, errors) : null;
  const nid = p.nationalId
    ? protectNationalId(
        deps.cipher,
        p.nationalIdType ?? 'cn_resident',
        p.nationalId,
        `${prefix}nationalId`,
        errors,
      )
    : null;
  if (p.annualIncomeMinor !== undefined && !p.currency)
    errors.push({ field: `${prefix}currency`, message: 'is required with an income' });
  return {
    id: randomUUID(),
    customerId,
    relationship: p.relationship,
    name: p.name,
    phoneEnc: phone?.phoneEnc ?? null,
    phoneHash: phone?.phoneHash ?? null,
    nationalIdType: nid?.nationalIdType ?? null,
    nationalIdEnc: nid?.nationalIdEnc ?? null,
    nationalIdHash: nid?.nationalIdHash ?? null,
    email: p.email ?? null,
    occupation: p.occupation ?? null,
    annualIncomeMinor: p.annualIncomeMinor ?? null,
    currency: p.currency ?? null,
    createdAt: at,
    updatedAt: at,
  };
}

export function householdRow(
  customerId: string,
  h: z.infer<typeof S.householdInput>,
  previous: HouseholdRow['needs'],
  by: string | null,
  at: Date,
) {
  const needs = needsOf(h.needs, previous, by, at);
  return {
    customerId,
    size: h.size ?? null,
    annualIncomeMinor: h.annualIncomeMinor ?? null,
    currency: h.currency ?? null,
    dependants: h.dependants ?? null,
    needCodes: needs.map((n) => n.code),
    needs,
    updatedAt: at,
  };
}

export function creditRow(customerId: string, c: z.infer<typeof S.creditRecordInput>, at: Date) {
  return {
    customerId,
    bureauName: c.bureauName ?? null,
    bureauScore: c.bureauScore ?? null,
    scoreDate: c.scoreDate ?? null,
    fileStatus: c.fileStatus ?? (c.bureauScore !== undefined ? 'established' : 'none'),
    priorLoans: c.priorLoans ?? 0,
    delinquencies: c.delinquencies ?? 0,
    fraudFlags: c.fraudFlags ?? [],
    updatedAt: at,
  };
}

async function insertEnrolmentWithHistory(
  tx: Executor,
  customerId: string,
  e: z.infer<typeof S.enrolmentInput>,
  by: string | null,
  at: Date,
): Promise<EnrolmentRow> {
  await repo.clearCurrentEnrolment(tx, customerId);
  const status = e.status ?? 'enrolled';
  const row = await repo.insertEnrolment(tx, {
    id: randomUUID(),
    customerId,
    schoolId: e.schoolId,
    programmeId: e.programmeId ?? null,
    programmeName: e.programmeName ?? null,
    level: e.level,
    yearOfStudy: e.yearOfStudy ?? null,
    startDate: e.startDate,
    expectedGraduationDate: e.expectedGraduationDate,
    status,
    statusDate: e.startDate,
    isCurrent: true,
    createdAt: at,
    updatedAt: at,
  });
  await repo.insertStatusHistory(tx, {
    id: randomUUID(),
    enrolmentId: row.id,
    fromStatus: null,
    toStatus: status,
    effectiveDate: e.startDate,
    reason: 'recorded',
    changedBy: by,
    recordedAt: at,
  });
  return row;
}

export async function updateCustomer(
  deps: Deps,
  ctx: ActorContext,
  actor: Actor,
  id: string,
  input: S.UpdateCustomerInput,
): Promise<CustomerView> {
  const at = deps.now();
  const db = deps.database.db;
  const updated = await db.transaction(async (tx) => {
    const before = await visibleCustomer(tx, actor, id, true);
    if (['merged', 'anonymised'].includes(before.status))
      throw Problem.conflict('customer-inactive', `The customer is ${before.status}`);
    if (input.expectedVersion !== undefined && input.expectedVersion !== before.version) {
      throw Problem.conflict(
        'stale-version',
        `The customer changed since version ${input.expectedVersion} (now ${before.version}); reload and retry`,
        'expectedVersion',
      );
    }
    const errors: FieldError[] = [];
    const patch: Partial<repo.NewCustomerRow> = { updatedAt: at };
    const dob = input.dateOfBirth !== undefined ? input.dateOfBirth : before.dateOfBirth;
    if (input.dateOfBirth) checkDateOfBirth(input.dateOfBirth, today(deps), 'dateOfBirth', errors);
    if (input.dateOfBirth !== undefined) patch.dateOfBirth = input.dateOfBirth;
    if (input.nationalId !== undefined || input.nationalIdType !== undefined) {
      const type = (input.nationalIdType ?? before.nationalIdType ?? 'cn_resident') as NationalIdType;
      const raw =
        input.nationalId !== undefined ? input.nationalId : decryptOrNull(deps.cipher, before.nationalIdEnc);
      if (raw) {
        const nid = protectNationalId(deps.cipher, type, raw, 'nationalId', errors);
        if (nid) {
          Object.assign(patch, {
            nationalIdType: nid.nationalIdType,
            nationalIdEnc: nid.nationalIdEnc,
            nationalIdHash: nid.nationalIdHash,
          });
          if (nid.birthDate && dob && nid.birthDate !== dob)
            errors.push({
              field: 'nationalId',
              message: `carries birth date ${nid.birthDate}, not the date of birth on file`,
            });
        }
      } else Object.assign(patch, { nationalIdType: null, nationalIdEnc: null, nationalIdHash: null });
    }
    if (input.phone !== undefined) {
      const phone = input.phone ? protectPhone(deps.cipher, input.phone, 'phone', errors) : null;
      if (input.phone === null || phone)
        Object.assign(patch, {
          phoneEnc: phone?.phoneEnc ?? null,
          phoneHash: phone?.phoneHash ?? null,
          phoneLast4Hash: phone?.phoneLast4Hash ?? null,
        });
    }
    if (errors.length) throw validationProblem(errors);
    if (input.externalRef !== undefined) {
      if (
        input.externalRef &&
        input.externalRef !== before.externalRef &&
        (await repo.findCustomerByExternalRef(tx, input.externalRef))
      ) {
        throw Problem.conflict(
          'external-ref-taken',
          'Another customer has this external reference',
          'externalRef',
        );
      }
      patch.externalRef = input.externalRef;
    }
    if (input.legalName !== undefined || input.preferredName !== undefined) {
      patch.legalName = input.legalName ?? before.legalName;
      patch.preferredName = input.preferredName !== undefined ? input.preferredName : before.preferredName;
      patch.searchName = searchNameOf(patch.legalName, patch.preferredName);
    }
    if (input.gender !== undefined) patch.gender = input.gender;
    if (input.email !== undefined) patch.email = input.email;
    if (input.address !== undefined) Object.assign(patch, addressColumns(input.address));
    if (input.preferredLanguage) patch.preferredLanguage = input.preferredLanguage;
    if (input.preferredChannel) patch.preferredChannel = input.preferredChannel;
    if (input.declaredLoanPurpose !== undefined) patch.declaredLoanPurpose = input.declaredLoanPurpose;
    if (input.status) patch.status = input.status;
    if (patch.nationalIdHash) await assertNoDuplicate(deps, tx, { ...before, ...patch }, null, true, id);
    await repo.updateCustomer(tx, id, patch);
    const after = await reclassify(tx, deps, ctx, id, at);
    const changed = Object.keys(input).filter((k) => k !== 'expectedVersion');
    await publishTimelineEvent(
      tx,
      {
        customerId: id,
        kind: 'customers.profile_updated',
        summary: `Profile updated: ${changed.join(', ')}`,
        data: { fields: changed },
        actorName: ctx.actorName,
      },
      at,
    );
    await recordAudit(tx, ctx, at, {
      action: 'customer.updated',
      entityType: 'customer',
      entityId: id,
      before: auditView(deps, before),
      after: auditView(deps, after),
    });
    return after;
  });
  return customer360(deps, db, updated, false);
}

// ---------------------------------------------------------------------------------------------
// Related parties, enrolment, household, credit record

async function change<T>(
  deps: Deps,
  actor: Actor,
  customerId: string,
  fn: (tx: Executor, customer: CustomerRow, at: Date) => Promise<T>,
): Promise<T> {
  return deps.database.db.transaction(async (tx) => {
    const customer = await visibleCustomer(tx, actor, customerId, true);
    if (['merged', 'anonymised'].includes(customer.status))
      throw Problem.conflict('customer-inactive', `The customer is ${customer.status}`);
    return fn(tx, customer, deps.now());
  });
}

function partyAudit(deps: Deps, p: repo.RelatedPartyRow) {
  const phone = decryptOrNull(deps.cipher, p.phoneEnc);
  return { relationship: p.relationship, name: maskName(p.name), phone: phone ? maskPhone(phone) : null };
}

export async function addRelatedParty(
  deps: Deps,
  ctx: ActorContext,
  actor: Actor,
  customerId: string,
  input: z.infer<typeof S.relatedPartyInput>,
): Promise<CustomerView> {
  const errors: FieldError[] = [];
  const row = prepareParty(deps, input, customerId, deps.now(), '', errors);
  if (errors.length) throw validationProblem(errors);
  await change(deps, actor, customerId, async (tx, _c, at) => {
    const created = await repo.insertRelatedParty(tx, row);
    await publishTimelineEvent(
      tx,
      {
        customerId,
        kind: 'customers.related_party_added',
        summary: `${input.relationship} added`,
        actorName: ctx.actorName,
      },
      at,
    );
    await recordAudit(tx, ctx, at, {
      action: 'customer.related_party_added',
      entityType: 'customer',
      entityId: customerId,
      after: { partyId: created.id, ...partyAudit(deps, created) },
    });
  });
  return getCustomer(deps, ctx, actor, customerId, false);
}

export async function updateRelatedParty(
  deps: Deps,
  ctx: ActorContext,
  actor: Actor,
  customerId: string,
  partyId: string,
  input: z.infer<typeof S.relatedPartyInput>,
): Promise<CustomerView> {
  const errors: FieldError[] = [];
  const next = prepareParty(deps, input, customerId, deps.now(), '', errors);
  if (errors.length) throw validationProblem(errors);
  await change(deps, actor, customerId, async (tx, _c, at) => {
    const before = await repo.findRelatedParty(tx, customerId, partyId);
    if (!before) throw Problem.notFound('Related party');
    const { id: _id, createdAt: _ca, ...patch } = next;
    const after = await repo.updateRelatedParty(tx, partyId, { ...patch, updatedAt: at });
    await recordAudit(tx, ctx, at, {
      action: 'customer.related_party_updated',
      entityType: 'customer',
      entityId: customerId,
      before: partyAudit(deps, before),
      after: partyAudit(deps, after),
    });
  });
  return getCustomer(deps, ctx, actor, customerId, false);
}

export async function removeRelatedParty(
  deps: Deps,
  ctx: ActorContext,
  actor: Actor,
  customerId: string,
  partyId: string,
): Promise<void> {
  await change(deps, actor, customerId, async (tx, _c, at) => {
    const before = await repo.findRelatedParty(tx, customerId, partyId);
    if (!before) throw Problem.notFound('Related party');
    await repo.deleteRelatedParty(tx, partyId);
    await publishTimelineEvent(
      tx,
      {
        customerId,
        kind: 'customers.related_party_removed',
        summary: `${before.relationship} removed`,
        actorName: ctx.actorName,
      },
      at,
    );
    await recordAudit(tx, ctx, at, {
      action: 'customer.related_party_removed',
      entityType: 'customer',
      entityId: customerId,
      before: { partyId, ...partyAudit(deps, before) },
    });
  });
}

export async function addEnrolment(
  deps: Deps,
  ctx: ActorContext,
  actor: Actor,
  customerId: string,
  input: z.infer<typeof S.enrolmentInput>,
): Promise<CustomerView> {
  await change(deps, actor, customerId, async (tx, customer, at) => {
    const errors: FieldError[] = [];
    checkEnrolmentDates(input, customer.dateOfBirth, '', errors);
    if (errors.length) throw validationProblem(errors);
    const school = await repo.findSchool(tx, input.schoolId);
    if (!school) throw Problem.badRequest('schoolId', 'is not a known school');
    if (input.programmeId) {
      const prog = await repo.findProgramme(tx, input.programmeId);
      if (!prog || prog.schoolId !== input.schoolId)
        throw Problem.badRequest('programmeId', 'is not a programme of that school');
    }
    const row = await insertEnrolmentWithHistory(tx, customerId, input, ctx.actorName, at);
    await reclassify(tx, deps, ctx, customerId, at);
    await publishTimelineEvent(
      tx,
      {
        customerId,
        kind: 'customers.enrolment_added',
        summary: `Enrolled at ${school.name} (${input.level})`,
        data: { enrolmentId: row.id, schoolId: school.id },
        actorName: ctx.actorName,
      },
      at,
    );
    await recordAudit(tx, ctx, at, {
      action: 'customer.enrolment_added',
      entityType: 'customer',
      entityId: customerId,
      after: { enrolmentId: row.id, schoolId: school.id, level: row.level, status: row.status },
    });
  });
  return getCustomer(deps, ctx, actor, customerId, false);
}

const TERMINAL: readonly string[] = ['graduated', 'withdrawn', 'transferred'];
const NEXT: Readonly<Record<string, readonly EnrolmentStatus[]>> = {
  admitted: ['enrolled', 'withdrawn', 'transferred'],
  enrolled: ['on_leave', 'graduated', 'withdrawn', 'transferred'],
  on_leave: ['enrolled', 'withdrawn', 'transferred'],
};

/** A school officer reports only on enrolments at their own school. */
function assertEnrolmentReporter(actor: Actor, enrolment: EnrolmentRow): void {
  if (scopeOf(actor)?.schoolId !== undefined && enrolment.schoolId !== actor.schoolId)
    throw Problem.notFound('Enrolment');
}

export async function changeEnrolmentStatus(
  deps: Deps,
  ctx: ActorContext,
  actor: Actor,
  customerId: string,
  enrolmentId: string,
  input: z.infer<typeof S.enrolmentStatusBody>,
): Promise<CustomerView> {
  const event = await change(deps, actor, customerId, async (tx, _c, at) => {
    const e = await repo.findEnrolment(tx, customerId, enrolmentId);
    if (!e) throw Problem.notFound('Enrolment');
    assertEnrolmentReporter(actor, e);
    if (!isRealDate(input.effectiveDate)) throw Problem.badRequest('effectiveDate', 'is not a real date');
    if (TERMINAL.includes(e.status))
      throw Problem.conflict(
        'enrolment-closed',
        `The enrolment is ${e.status}; record a new enrolment instead`,
        'status',
      );
    if (!NEXT[e.status]?.includes(input.status))
      throw Problem.conflict(
        'invalid-transition',
        `An enrolment cannot go from ${e.status} to ${input.status}`,
        'status',
      );
    if (input.effectiveDate < e.statusDate)
      throw Problem.badRequest('effectiveDate', `must not be before the current status date ${e.statusDate}`);
    if (input.effectiveDate > today(deps)) throw Problem.badRequest('effectiveDate', 'is in the future');
    await repo.updateEnrolment(tx, e.id, {
      status: input.status,
      statusDate: input.effectiveDate,
      updatedAt: at,
    });
    await repo.insertStatusHistory(tx, {
      id: randomUUID(),
      enrolmentId: e.id,
      fromStatus: e.status,
      toStatus: input.status,
      effectiveDate: input.effectiveDate,
      reason: input.reason ?? null,
      changedBy: ctx.actorName,
      recordedAt: at,
    });
    await reclassify(tx, deps, ctx, customerId, at);
    await publishTimelineEvent(
      tx,
      {
        customerId,
        kind: 'customers.enrolment_status_changed',
        summary: `Enrolment ${e.status} → ${input.status} on ${input.effectiveDate}`,
        data: { enrolmentId, from: e.status, to: input.status, reason: input.reason ?? null },
        actorName: ctx.actorName,
      },
      at,
    );
    await recordAudit(tx, ctx, at, {
      action: 'customer.enrolment_status_changed',
      entityType: 'customer',
      entityId: customerId,
      before: { enrolmentId, status: e.status },
      after: { enrolmentId, status: input.status, effectiveDate: input.effectiveDate },
    });
    const type: EnrolmentEvent['type'] =
      input.status === 'graduated' || input.status === 'withdrawn' || input.status === 'transferred'
        ? input.status
        : 'status_changed';
    return { type, customerId, enrolmentId, status: input.status, effectiveDate: input.effectiveDate };
  });
  await emitEnrolmentEvent(event);
  return getCustomer(deps, ctx, actor, customerId, false);
}

export async function recordTermResult(
  deps: Deps,
  ctx: ActorContext,
  actor: Actor,
  customerId: string,
  enrolmentId: string,
  input: z.infer<typeof S.termResultBody>,
): Promise<CustomerView> {
  await change(deps, actor, customerId, async (tx, _c, at) => {
    const e = await repo.findEnrolment(tx, customerId, enrolmentId);
    if (!e) throw Problem.notFound('Enrolment');
    assertEnrolmentReporter(actor, e);
    if (input.gpa !== undefined && input.gpaScale !== undefined && input.gpa > input.gpaScale)
      throw Problem.badRequest('gpa', 'is above the GPA scale');
    await repo.upsertTermResult(tx, {
      id: randomUUID(),
      enrolmentId,
      term: input.term,
      gpa: input.gpa ?? null,
      gpaScale: input.gpaScale ?? (input.gpa !== undefined ? 4 : null),
      averageScore: input.averageScore ?? null,
      creditsEarned: input.creditsEarned ?? null,
      recordedAt: at,
    });
    await repo.updateEnrolment(tx, e.id, {
      latestGpa: input.gpa ?? input.averageScore ?? null,
      updatedAt: at,
    });
    await publishTimelineEvent(
      tx,
      {
        customerId,
        kind: 'customers.term_result_recorded',
        summary: `Results for ${input.term}${input.gpa !== undefined ? `: GPA ${input.gpa}` : ''}${input.averageScore !== undefined ? `: average ${input.averageScore}` : ''}`,
        actorName: ctx.actorName,
      },
      at,
    );
    await recordAudit(tx, ctx, at, {
      action: 'customer.term_result_recorded',
      entityType: 'customer',
      entityId: customerId,
      after: { enrolmentId, ...input },
    });
  });
  return getCustomer(deps, ctx, actor, customerId, false);
}

export async function putHousehold(
  deps: Deps,
  ctx: ActorContext,
  actor: Actor,
  customerId: string,
  input: z.infer<typeof S.householdInput>,
): Promise<CustomerView> {
  const codes = (input.needs ?? []).map((n) => n.code);
  if (new Set(codes).size !== codes.length) throw Problem.badRequest('needs', 'lists an indicator twice');
  if (input.annualIncomeMinor !== undefined && !input.currency)
    throw Problem.badRequest('currency', 'is required with an income');
  await change(deps, actor, customerId, async (tx, _c, at) => {
    const before = await repo.findHousehold(tx, customerId);
    const after = await repo.upsertHousehold(
      tx,
      householdRow(customerId, input, before?.needs ?? [], ctx.actorName, at),
    );
    await reclassify(tx, deps, ctx, customerId, at);
    await publishTimelineEvent(
      tx,
      {
        customerId,
        kind: 'customers.household_updated',
        summary: 'Household economics updated',
        actorName: ctx.actorName,
      },
      at,
    );
    const view = (h: typeof before) =>
      h
        ? {
            size: h.size,
            annualIncomeMinor: h.annualIncomeMinor,
            currency: h.currency,
            dependants: h.dependants,
            needs: h.needs,
          }
        : null;
    await recordAudit(tx, ctx, at, {
      action: 'customer.household_updated',
      entityType: 'customer',
      entityId: customerId,
      before: view(before),
      after: view(after),
    });
  });
  return getCustomer(deps, ctx, actor, customerId, false);
}

export async function putCreditRecord(
  deps: Deps,
  ctx: ActorContext,
  actor: Actor,
  customerId: string,
  input: z.infer<typeof S.creditRecordInput>,
): Promise<CustomerView> {
  await change(deps, actor, customerId, async (tx, _c, at) => {
    const before = await repo.findCreditRecord(tx, customerId);
    const after = await repo.upsertCreditRecord(tx, creditRow(customerId, input, at));
    await reclassify(tx, deps, ctx, customerId, at);
    await publishTimelineEvent(
      tx,
      {
        customerId,
        kind: 'customers.credit_record_updated',
        summary: 'Credit record updated',
        actorName: ctx.actorName,
      },
      at,
    );
    const view = (c: typeof before) =>
      c
        ? {
            bureauScore: c.bureauScore,
            fileStatus: c.fileStatus,
            priorLoans: c.priorLoans,
            delinquencies: c.delinquencies,
            fraudFlags: c.fraudFlags,
          }
        : null;
    await recordAudit(tx, ctx, at, {
      action: 'customer.credit_record_updated',
      entityType: 'customer',
      entityId: customerId,
      before: view(before),
      after: view(after),
    });
  });
  return getCustomer(deps, ctx, actor, customerId, false);
}

// ---------------------------------------------------------------------------------------------
// Consent, classification overrides, tags

export async function recordConsent(
  deps: Deps,
  ctx: ActorContext,
  actor: Actor,
  customerId: string,
  input: z.infer<typeof S.consentInput>,
) {
  await change(deps, actor, customerId, async (tx, _c, at) => {
    await repo.recordConsent(tx, {
      id: randomUUID(),
      customerId,
      purpose: input.purpose,
      granted: input.granted,
      source: input.source,
      note: input.note ?? null,
      recordedBy: ctx.actorName,
      recordedAt: at,
    });
    await publishTimelineEvent(
      tx,
      {
        customerId,
        kind: 'customers.consent_recorded',
        summary: `Consent to ${input.purpose} ${input.granted ? 'given' : 'withdrawn'} (${input.source})`,
        actorName: ctx.actorName,
      },
      at,
    );
    await recordAudit(tx, ctx, at, {
      action: 'customer.consent_recorded',
      entityType: 'customer',
      entityId: customerId,
      after: { purpose: input.purpose, granted: input.granted, source: input.source },
    });
  });
  const rows = await repo.listConsentEvents(deps.database.db, customerId);
  return rows.map((r) => ({
    purpose: r.purpose,
    granted: r.granted,
    source: r.source,
    note: r.note,
    recordedBy: r.recordedBy,
    recordedAt: r.recordedAt.toISOString(),
  }));
}

export async function overrideClass(
  deps: Deps,
  ctx: ActorContext,
  actor: Actor,
  customerId: string,
  input: z.infer<typeof S.overrideBody>,
): Promise<CustomerView> {
  if (input.value !== null && !AXIS_VALUES[input.axis].includes(input.value)) {
    throw Problem.badRequest('value', `must be one of ${AXIS_VALUES[input.axis].join(', ')}`);
  }
  await change(deps, actor, customerId, async (tx, customer, at) => {
    const overrides = { ...customer.classification.overrides };
    const before = overrides[input.axis] ?? null;
    if (input.value === null) delete overrides[input.axis];
    else
      overrides[input.axis] = {
        value: input.value,
        reason: input.reason,
        by: ctx.actorName,
        at: at.toISOString(),
      };
    await repo.updateCustomer(tx, customerId, { classification: { ...customer.classification, overrides } });
    await reclassify(tx, deps, ctx, customerId, at);
    await publishTimelineEvent(
      tx,
      {
        customerId,
        kind: 'customers.classification_overridden',
        summary:
          input.value === null
            ? `${input.axis}: override removed (${input.reason})`
            : `${input.axis} set to ${input.value} by staff: ${input.reason}`,
        actorName: ctx.actorName,
      },
      at,
    );
    await recordAudit(tx, ctx, at, {
      action: input.value === null ? 'customer.class_override_removed' : 'customer.class_overridden',
      entityType: 'customer',
      entityId: customerId,
      before: { axis: input.axis, override: before },
      after: { axis: input.axis, value: input.value, reason: input.reason },
    });
  });
  return getCustomer(deps, ctx, actor, customerId, false);
}

export async function changeTags(
  deps: Deps,
  ctx: ActorContext,
  actor: Actor,
  customerId: string,
  input: z.infer<typeof S.tagsBody>,
): Promise<string[]> {
  return change(deps, actor, customerId, async (tx, customer, at) => {
    const next = new Set(customer.tags);
    for (const t of input.add ?? []) next.add(t);
    for (const t of input.remove ?? []) next.delete(t);
    const tags = [...next].sort();
    await repo.updateCustomer(tx, customerId, { tags, updatedAt: at });
    await publishTimelineEvent(
      tx,
      {
        customerId,
        kind: 'customers.tags_changed',
        summary: `Tags: ${tags.join(', ') || '—'}`,
        data: input,
        actorName: ctx.actorName,
      },
      at,
    );
    await recordAudit(tx, ctx, at, {
      action: 'customer.tags_changed',
      entityType: 'customer',
      entityId: customerId,
      before: { tags: customer.tags },
      after: { tags },
    });
    return tags;
  });
}

// ---------------------------------------------------------------------------------------------
// Notes, tasks, timeline

export async function addNote(deps: Deps, ctx: ActorContext, actor: Actor, customerId: string, body: string) {
  return change(deps, actor, customerId, async (tx, _c, at) => {
    const note = await repo.insertNote(tx, {
      id: randomUUID(),
      customerId,
      body,
      authorId: actor.userId,
      authorName: actor.displayName,
      createdAt: at,
    });
    await publishTimelineEvent(
      tx,
      {
        customerId,
        kind: 'customers.note_added',
        summary: body.length > 140 ? `${body.slice(0, 140)}…` : body,
        data: { noteId: note.id },
        actorName: ctx.actorName,
      },
      at,
    );
    await recordAudit(tx, ctx, at, {
      action: 'customer.note_added',
      entityType: 'customer',
      entityId: customerId,
      after: { noteId: note.id, length: body.length },
    });
    return {
      id: note.id,
      body: note.body,
      authorName: note.authorName,
      createdAt: note.createdAt.toISOString(),
    };
  });
}

export async function listNotes(deps: Deps, actor: Actor, customerId: string, limit: number, offset: number) {
  const db = deps.database.db;
  await visibleCustomer(db, actor, customerId);
  const rows = await repo.listNotes(db, customerId, limit, offset);
  return rows.map((n) => ({
    id: n.id,
    body: n.body,
    authorName: n.authorName,
    createdAt: n.createdAt.toISOString(),
  }));
}

function taskView(t: repo.TaskRow) {
  return {
    id: t.id,
    customerId: t.customerId,
    title: t.title,
    dueDate: t.dueDate,
    assigneeId: t.assigneeId,
    status: t.status,
    createdBy: t.createdBy,
    createdAt: t.createdAt.toISOString(),
    completedAt: t.completedAt?.toISOString() ?? null,
  };
}

export async function addTask(
  deps: Deps,
  ctx: ActorContext,
  actor: Actor,
  customerId: string,
  input: z.infer<typeof S.taskBody>,
) {
  if (input.dueDate && !isRealDate(input.dueDate)) throw Problem.badRequest('dueDate', 'is not a real date');
  return change(deps, actor, customerId, async (tx, _c, at) => {
    const task = await repo.insertTask(tx, {
      id: randomUUID(),
      customerId,
      title: input.title,
      dueDate: input.dueDate ?? null,
      assigneeId: input.assigneeId ?? actor.userId,
      status: 'open',
      createdBy: ctx.actorName,
      createdAt: at,
    });
    await publishTimelineEvent(
      tx,
      {
        customerId,
        kind: 'customers.task_created',
        summary: `Task: ${input.title}`,
        data: { taskId: task.id },
        actorName: ctx.actorName,
      },
      at,
    );
    await recordAudit(tx, ctx, at, {
      action: 'customer.task_created',
      entityType: 'customer',
      entityId: customerId,
      after: taskView(task),
    });
    return taskView(task);
  });
}

export async function updateTask(
  deps: Deps,
  ctx: ActorContext,
  actor: Actor,
  customerId: string,
  taskId: string,
  input: z.infer<typeof S.taskPatch>,
) {
  if (input.dueDate && !isRealDate(input.dueDate)) throw Problem.badRequest('dueDate', 'is not a real date');
  return change(deps, actor, customerId, async (tx, _c, at) => {
    const before = await repo.findTask(tx, customerId, taskId);
    if (!before) throw Problem.notFound('Task');
    const after = await repo.updateTask(tx, taskId, {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.dueDate !== undefined ? { dueDate: input.dueDate } : {}),
      ...(input.assigneeId !== undefined ? { assigneeId: input.assigneeId } : {}),
      ...(input.status !== undefined
        ? { status: input.status, completedAt: input.status === 'open' ? null : at }
        : {}),
    });
    if (input.status && input.status !== before.status) {
      await publishTimelineEvent(
        tx,
        {
          customerId,
          kind: 'customers.task_status_changed',
          summary: `Task ${input.status}: ${after.title}`,
          data: { taskId },
          actorName: ctx.actorName,
        },
        at,
      );
    }
    await recordAudit(tx, ctx, at, {
      action: 'customer.task_updated',
      entityType: 'customer',
      entityId: customerId,
      before: taskView(before),
      after: taskView(after),
    });
    return taskView(after);
  });
}

export async function listCustomerTasks(deps: Deps, actor: Actor, customerId: string) {
  const db = deps.database.db;
  await visibleCustomer(db, actor, customerId);
  return (await repo.listTasks(db, { customerId }, 500)).map(taskView);
}

export async function listMyTasks(deps: Deps, actor: Actor, f: z.infer<typeof S.taskListQuery>) {
  const rows = await repo.listTasks(
    deps.database.db,
    { ...(f.assignee === 'me' ? { assigneeId: actor.userId } : {}), status: f.status },
    f.limit,
  );
  return rows.map(taskView);
}

export async function listTimeline(
  deps: Deps,
  actor: Actor,
  customerId: string,
  before: string | undefined,
  limit: number,
) {
  const db = deps.database.db;
  await visibleCustomer(db, actor, customerId);
  const rows = await repo.listTimeline(db, customerId, before ? new Date(before) : undefined, limit);
  return rows.map((r) => ({
    id: r.id,
    occurredAt: r.occurredAt.toISOString(),
    kind: r.kind,
    summary: r.summary,
    data: r.data,
    actorName: r.actorName,
  }));
}

// ---------------------------------------------------------------------------------------------
// Closing, data-subject export, anonymisation

export async function closeCustomer(
  deps: Deps,
  ctx: ActorContext,
  actor: Actor,
  customerId: string,
  reason: string,
): Promise<CustomerView> {
  await change(deps, actor, customerId, async (tx, customer, at) => {
    if (customer.status === 'closed')
      throw Problem.conflict('already-closed', 'The customer is closed already');
    await repo.updateCustomer(tx, customerId, { status: 'closed', closedAt: at, updatedAt: at });
    await publishTimelineEvent(
      tx,
      {
        customerId,
        kind: 'customers.customer_closed',
        summary: `Closed: ${reason}`,
        actorName: ctx.actorName,
      },
      at,
    );
    await recordAudit(tx, ctx, at, {
      action: 'customer.closed',
      entityType: 'customer',
      entityId: customerId,
      before: { status: customer.status },
      after: { status: 'closed', reason },
    });
  });
  return getCustomer(deps, ctx, actor, customerId, false);
}

/** Everything held about a customer, unmasked, for a data-subject access request. Audited. */
export async function exportCustomerData(
  deps: Deps,
  ctx: ActorContext,
  actor: Actor,
  customerId: string,
): Promise<Record<string, unknown>> {
  const db = deps.database.db;
  const row = await visibleCustomer(db, actor, customerId);
  const profile = await customer360(deps, db, row, true);
  const data = {
    exportedAt: deps.now().toISOString(),
    customer: profile,
    consentHistory: (await repo.listConsentEvents(db, customerId)).map((c) => ({
      ...c,
      recordedAt: c.recordedAt.toISOString(),
    })),
    notes: await listNotes(deps, actor, customerId, 10_000, 0),
    tasks: await listCustomerTasks(deps, actor, customerId),
    timeline: await listTimeline(deps, actor, customerId, undefined, 10_000),
  };
  await db.transaction(async (tx) => {
    const at = deps.now();
    await recordAudit(tx, ctx, at, {
      action: 'customer.pii_read',
      entityType: 'customer',
      entityId: customerId,
      after: { what: 'data-subject export' },
    });
    await recordAudit(tx, ctx, at, {
      action: 'customer.data_exported',
      entityType: 'customer',
      entityId: customerId,
    });
  });
  return data;
}

export async function anonymiseCustomer(
  deps: Deps,
  ctx: ActorContext,
  actor: Actor,
  customerId: string,
  reason: string,
): Promise<CustomerView> {
  const row = await visibleCustomer(deps.database.db, actor, customerId);
  if (row.status !== 'closed')
    throw Problem.conflict(
      'not-closed',
      'Only a closed customer can be anonymised; close the customer first',
      'status',
    );
  for (const check of retentionChecks) {
    const why = await check(deps, customerId);
    if (why) throw Problem.conflict('retention-applies', `Data must be kept: ${why}`);
  }
  await deps.database.db.transaction(async (tx) => {
    const before = await visibleCustomer(tx, actor, customerId, true);
    await anonymiseCustomerWithin(deps, tx, ctx, before, reason);
  });
  return getCustomer(deps, ctx, actor, customerId, false);
}

/** Candidates for the retention schedule's "customer profile after relationship end". */
export async function closedCustomersBefore(
  db: Executor,
  closedBefore: Date,
  afterId: string | null,
  limit: number,
): Promise<{ id: string; closedAt: Date }[]> {
  return repo.closedCustomersBefore(db, closedBefore, afterId, limit);
}

/** The customer row locked for update on the caller's transaction (null when there is none). */
export async function lockCustomerForErasure(tx: Executor, customerId: string): Promise<CustomerRow | null> {
  return (await repo.lockCustomer(tx, customerId)) ?? null;
}

/**
 * Remove a customer's personal data on the caller's transaction (retention job, data-subject
 * deletion); the caller has checked holds and obligations. The audit row holds masked values only.
 */
export async function anonymiseCustomerWithin(
  deps: Deps,
  tx: Executor,
  ctx: ActorContext,
  before: CustomerRow,
  reason: string,
): Promise<void> {
  const customerId = before.id;
  const at = deps.now();
  await repo.anonymiseCustomerData(tx, customerId);
  await repo.updateCustomer(tx, customerId, {
    externalRef: null,
    legalName: 'Anonymised customer',
    preferredName: null,
    searchName: 'anonymised customer',
    dateOfBirth: null,
    gender: null,
    nationalIdType: null,
    nationalIdEnc: null,
    nationalIdHash: null,
    phoneEnc: null,
    phoneHash: null,
    phoneLast4Hash: null,
    email: null,
    address: null,
    country: null,
    region: null,
    city: null,
    tags: [],
    status: 'anonymised',
    closedAt: before.closedAt ?? at,
    updatedAt: at,
  });
  await publishTimelineEvent(
    tx,
    {
      customerId,
      kind: 'customers.customer_anonymised',
      summary: 'Personal data removed',
      actorName: ctx.actorName,
    },
    at,
  );
  await recordAudit(tx, ctx, at, {
    action: 'customer.anonymised',
    entityType: 'customer',
    entityId: customerId,
    before: auditView(deps, before),
    after: { status: 'anonymised', reason },
  });
}
