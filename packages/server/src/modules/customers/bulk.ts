// Bulk writes for import and the demo seed: each table gets ONE multi-row INSERT per batch,
// whose columns travel as typed arrays through unnest() (parameterised; works on PGlite and
// PostgreSQL alike). Encryption and classification happen in JS before the batch is written.
import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Executor } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import type { FieldError } from '../../http/problem.ts';
import type { NewCustomerRow, NewEnrolmentRow, NewRelatedPartyRow } from './customers.repository.ts';
import type { CreateCustomerInput } from './customers.schema.ts';
import { classificationOf, creditRow, householdRow, prepareCustomer, prepareParty } from './customers.service.ts';

export interface PreparedStudent {
  customer: NewCustomerRow & { id: string };
  enrolment: (NewEnrolmentRow & { id: string }) | null;
  household: ReturnType<typeof householdRow> | null;
  credit: ReturnType<typeof creditRow> | null;
  parties: NewRelatedPartyRow[];
  consents: { purpose: string; granted: boolean; source: string; note: string | null }[];
  /** Term results of the enrolment (demo seed). */
  termResults?: { term: string; gpa: number; gpaScale: number; creditsEarned: number }[];
}

/**
 * Validate, encrypt and classify one student for a bulk write. `schoolCountry` is the enrolment
 * school's country (resolved by the caller, which has checked that the school exists).
 */
export function prepareStudent(
  deps: Deps,
  input: CreateCustomerInput,
  at: Date,
  by: string | null,
  schoolCountry: string | null,
  via: string,
): { student: PreparedStudent | null; errors: FieldError[] } {
  const { row, errors } = prepareCustomer(deps, input, at);
  const parties = (input.relatedParties ?? []).map((p, i) => prepareParty(deps, p, row.id, at, `relatedParties.${i}.`, errors));
  if (errors.length) return { student: null, errors };
  const e = input.enrolment;
  const enrolment = e
    ? {
        id: randomUUID(),
        customerId: row.id,
        schoolId: e.schoolId,
        programmeId: e.programmeId ?? null,
        programmeName: e.programmeName ?? null,
        level: e.level,
        yearOfStudy: e.yearOfStudy ?? null,
        startDate: e.startDate,
        expectedGraduationDate: e.expectedGraduationDate,
        status: e.status ?? 'enrolled',
        statusDate: e.startDate,
        isCurrent: true,
        latestGpa: null,
        createdAt: at,
        updatedAt: at,
      }
    : null;
  const household = input.household ? householdRow(row.id, input.household, [], by, at) : null;
  const credit = input.creditRecord ? creditRow(row.id, input.creditRecord, at) : null;
  const { stored, columns } = classificationOf({ customer: { country: row.country ?? null, declaredLoanPurpose: row.declaredLoanPurpose ?? null }, enrolment, schoolCountry, household, credit }, {}, at);
  return {
    student: {
      customer: { ...row, id: row.id, ...columns, classification: stored, currentSchoolId: enrolment?.schoolId ?? null, createdVia: via },
      enrolment,
      household,
      credit,
      parties,
      consents: (input.consents ?? []).map((c) => ({ purpose: c.purpose, granted: c.granted, source: c.source, note: c.note ?? null })),
    },
    errors: [],
  };
}

type PgType = 'uuid' | 'text' | 'int' | 'bigint' | 'numeric' | 'date' | 'timestamptz' | 'boolean' | 'jsonb' | 'text[]';

interface Col<T> {
  name: string;
  type: PgType;
  get: (row: T) => unknown;
}

const SEP = '\u001f';

/** One INSERT … SELECT FROM unnest(…) for many rows. Array and jsonb columns travel as text. */
async function insertMany<T>(db: Executor, table: string, cols: Col<T>[], rows: T[], suffix: SQL = sql``): Promise<Record<string, unknown>[]> {
  if (rows.length === 0) return [];
  const arrays = cols.map((c) =>
    rows.map((r) => {
      const v = c.get(r);
      if (v === null || v === undefined) return null;
      if (c.type === 'text[]') return (v as string[]).join(SEP);
      if (c.type === 'jsonb') return JSON.stringify(v);
      if (v instanceof Date) return v.toISOString();
      return v;
    }),
  );
  const carrier = (t: PgType) => (t === 'text[]' || t === 'jsonb' ? 'text' : t);
  const params = sql.join(
    cols.map((c, i) => sql`${sql.param(arrays[i])}::${sql.raw(carrier(c.type))}[]`),
    sql`, `,
  );
  const aliases = cols.map((_, i) => `u${i}`).join(', ');
  const select = cols
    .map((c, i) =>
      c.type === 'text[]'
        ? `case when u${i} is null or u${i} = '' then '{}'::text[] else string_to_array(u${i}, chr(31)) end`
        : c.type === 'jsonb'
          ? `u${i}::jsonb`
          : `u${i}`,
    )
    .join(', ');
  return rowsOf(
    db,
    sql`insert into ${sql.raw(table)} (${sql.raw(cols.map((c) => c.name).join(', '))}) select ${sql.raw(select)} from unnest(${params}) as u(${sql.raw(aliases)}) ${suffix}`,
  );
}

type C = PreparedStudent['customer'];
const CUSTOMER_COLS: Col<C>[] = [
  { name: 'id', type: 'uuid', get: (r) => r.id },
  { name: 'external_ref', type: 'text', get: (r) => r.externalRef },
  { name: 'legal_name', type: 'text', get: (r) => r.legalName },
  { name: 'preferred_name', type: 'text', get: (r) => r.preferredName },
  { name: 'search_name', type: 'text', get: (r) => r.searchName },
  { name: 'date_of_birth', type: 'date', get: (r) => r.dateOfBirth },
  { name: 'gender', type: 'text', get: (r) => r.gender },
  { name: 'national_id_type', type: 'text', get: (r) => r.nationalIdType },
  { name: 'national_id_enc', type: 'text', get: (r) => r.nationalIdEnc },
  { name: 'national_id_hash', type: 'text', get: (r) => r.nationalIdHash },
  { name: 'phone_enc', type: 'text', get: (r) => r.phoneEnc },
  { name: 'phone_hash', type: 'text', get: (r) => r.phoneHash },
  { name: 'phone_last4_hash', type: 'text', get: (r) => r.phoneLast4Hash },
  { name: 'email', type: 'text', get: (r) => r.email },
  { name: 'address', type: 'jsonb', get: (r) => r.address },
  { name: 'country', type: 'text', get: (r) => r.country },
  { name: 'region', type: 'text', get: (r) => r.region },
  { name: 'city', type: 'text', get: (r) => r.city },
  { name: 'preferred_language', type: 'text', get: (r) => r.preferredLanguage },
  { name: 'preferred_channel', type: 'text', get: (r) => r.preferredChannel },
  { name: 'declared_loan_purpose', type: 'text', get: (r) => r.declaredLoanPurpose },
  { name: 'status', type: 'text', get: (r) => r.status },
  { name: 'tags', type: 'text[]', get: (r) => r.tags },
  { name: 'class_education_level', type: 'text', get: (r) => r.classEducationLevel },
  { name: 'class_economic_status', type: 'text', get: (r) => r.classEconomicStatus },
  { name: 'class_credit_record', type: 'text', get: (r) => r.classCreditRecord },
  { name: 'class_loan_need', type: 'text', get: (r) => r.classLoanNeed },
  { name: 'classification', type: 'jsonb', get: (r) => r.classification },
  { name: 'current_school_id', type: 'uuid', get: (r) => r.currentSchoolId },
  { name: 'created_via', type: 'text', get: (r) => r.createdVia },
  { name: 'created_at', type: 'timestamptz', get: (r) => r.createdAt },
  { name: 'updated_at', type: 'timestamptz', get: (r) => r.updatedAt },
];

type E = NonNullable<PreparedStudent['enrolment']>;
const ENROLMENT_COLS: Col<E>[] = [
  { name: 'id', type: 'uuid', get: (r) => r.id },
  { name: 'customer_id', type: 'uuid', get: (r) => r.customerId },
  { name: 'school_id', type: 'uuid', get: (r) => r.schoolId },
  { name: 'programme_id', type: 'uuid', get: (r) => r.programmeId },
  { name: 'programme_name', type: 'text', get: (r) => r.programmeName },
  { name: 'level', type: 'text', get: (r) => r.level },
  { name: 'year_of_study', type: 'int', get: (r) => r.yearOfStudy },
  { name: 'start_date', type: 'date', get: (r) => r.startDate },
  { name: 'expected_graduation_date', type: 'date', get: (r) => r.expectedGraduationDate },
  { name: 'status', type: 'text', get: (r) => r.status },
  { name: 'status_date', type: 'date', get: (r) => r.statusDate },
  { name: 'is_current', type: 'boolean', get: (r) => r.isCurrent },
  { name: 'latest_gpa', type: 'numeric', get: (r) => r.latestGpa },
  { name: 'created_at', type: 'timestamptz', get: (r) => r.createdAt },
  { name: 'updated_at', type: 'timestamptz', get: (r) => r.updatedAt },
];

const HISTORY_COLS: Col<E & { by: string | null; at: Date }>[] = [
  { name: 'id', type: 'uuid', get: () => randomUUID() },
  { name: 'enrolment_id', type: 'uuid', get: (r) => r.id },
  { name: 'to_status', type: 'text', get: (r) => r.status },
  { name: 'effective_date', type: 'date', get: (r) => r.startDate },
  { name: 'reason', type: 'text', get: () => 'recorded' },
  { name: 'changed_by', type: 'text', get: (r) => r.by },
  { name: 'recorded_at', type: 'timestamptz', get: (r) => r.at },
];

type H = NonNullable<PreparedStudent['household']>;
const HOUSEHOLD_COLS: Col<H>[] = [
  { name: 'customer_id', type: 'uuid', get: (r) => r.customerId },
  { name: 'size', type: 'int', get: (r) => r.size },
  { name: 'annual_income_minor', type: 'bigint', get: (r) => r.annualIncomeMinor },
  { name: 'currency', type: 'text', get: (r) => r.currency },
  { name: 'dependants', type: 'int', get: (r) => r.dependants },
  { name: 'need_codes', type: 'text[]', get: (r) => r.needCodes },
  { name: 'needs', type: 'jsonb', get: (r) => r.needs },
  { name: 'updated_at', type: 'timestamptz', get: (r) => r.updatedAt },
];

type K = NonNullable<PreparedStudent['credit']>;
const CREDIT_COLS: Col<K>[] = [
  { name: 'customer_id', type: 'uuid', get: (r) => r.customerId },
  { name: 'bureau_name', type: 'text', get: (r) => r.bureauName },
  { name: 'bureau_score', type: 'int', get: (r) => r.bureauScore },
  { name: 'score_date', type: 'date', get: (r) => r.scoreDate },
  { name: 'file_status', type: 'text', get: (r) => r.fileStatus },
  { name: 'prior_loans', type: 'int', get: (r) => r.priorLoans },
  { name: 'delinquencies', type: 'int', get: (r) => r.delinquencies },
  { name: 'fraud_flags', type: 'text[]', get: (r) => r.fraudFlags },
  { name: 'updated_at', type: 'timestamptz', get: (r) => r.updatedAt },
];

const PARTY_COLS: Col<NewRelatedPartyRow>[] = [
  { name: 'id', type: 'uuid', get: (r) => r.id },
  { name: 'customer_id', type: 'uuid', get: (r) => r.customerId },
  { name: 'relationship', type: 'text', get: (r) => r.relationship },
  { name: 'name', type: 'text', get: (r) => r.name },
  { name: 'phone_enc', type: 'text', get: (r) => r.phoneEnc },
  { name: 'phone_hash', type: 'text', get: (r) => r.phoneHash },
  { name: 'national_id_type', type: 'text', get: (r) => r.nationalIdType },
  { name: 'national_id_enc', type: 'text', get: (r) => r.nationalIdEnc },
  { name: 'national_id_hash', type: 'text', get: (r) => r.nationalIdHash },
  { name: 'email', type: 'text', get: (r) => r.email },
  { name: 'occupation', type: 'text', get: (r) => r.occupation },
  { name: 'annual_income_minor', type: 'bigint', get: (r) => r.annualIncomeMinor },
  { name: 'currency', type: 'text', get: (r) => r.currency },
  { name: 'created_at', type: 'timestamptz', get: (r) => r.createdAt },
  { name: 'updated_at', type: 'timestamptz', get: (r) => r.updatedAt },
];

interface ConsentRow {
  customerId: string;
  purpose: string;
  granted: boolean;
  source: string;
  note: string | null;
  by: string | null;
  at: Date;
}
const CONSENT_EVENT_COLS: Col<ConsentRow>[] = [
  { name: 'id', type: 'uuid', get: () => randomUUID() },
  { name: 'customer_id', type: 'uuid', get: (r) => r.customerId },
  { name: 'purpose', type: 'text', get: (r) => r.purpose },
  { name: 'granted', type: 'boolean', get: (r) => r.granted },
  { name: 'source', type: 'text', get: (r) => r.source },
  { name: 'note', type: 'text', get: (r) => r.note },
  { name: 'recorded_by', type: 'text', get: (r) => r.by },
  { name: 'recorded_at', type: 'timestamptz', get: (r) => r.at },
];
const CONSENT_COLS: Col<ConsentRow>[] = [
  { name: 'customer_id', type: 'uuid', get: (r) => r.customerId },
  { name: 'purpose', type: 'text', get: (r) => r.purpose },
  { name: 'granted', type: 'boolean', get: (r) => r.granted },
  { name: 'source', type: 'text', get: (r) => r.source },
  { name: 'recorded_at', type: 'timestamptz', get: (r) => r.at },
];

interface ResultRow {
  enrolmentId: string;
  term: string;
  gpa: number;
  gpaScale: number;
  creditsEarned: number;
  at: Date;
}
const RESULT_COLS: Col<ResultRow>[] = [
  { name: 'id', type: 'uuid', get: () => randomUUID() },
  { name: 'enrolment_id', type: 'uuid', get: (r) => r.enrolmentId },
  { name: 'term', type: 'text', get: (r) => r.term },
  { name: 'gpa', type: 'numeric', get: (r) => r.gpa },
  { name: 'gpa_scale', type: 'numeric', get: (r) => r.gpaScale },
  { name: 'credits_earned', type: 'numeric', get: (r) => r.creditsEarned },
  { name: 'recorded_at', type: 'timestamptz', get: (r) => r.at },
];

const TIMELINE_COLS: Col<{ customerId: string; via: string; by: string | null; at: Date }>[] = [
  { name: 'id', type: 'uuid', get: () => randomUUID() },
  { name: 'customer_id', type: 'uuid', get: (r) => r.customerId },
  { name: 'occurred_at', type: 'timestamptz', get: (r) => r.at },
  { name: 'kind', type: 'text', get: () => 'customers.customer_created' },
  { name: 'summary', type: 'text', get: (r) => `Customer created (${r.via})` },
  { name: 'actor_name', type: 'text', get: (r) => r.by },
];

/**
 * Write a batch of prepared students. Rows whose external reference exists already are skipped
 * (imports are idempotent on it); returns the ids actually inserted.
 */
export async function insertStudents(tx: Executor, items: PreparedStudent[], by: string | null, at: Date): Promise<Set<string>> {
  const inserted = await insertMany(tx, 'customers', CUSTOMER_COLS, items.map((i) => i.customer), sql`on conflict (external_ref) do nothing returning id`);
  const ids = new Set(inserted.map((r) => String(r.id)));
  const kept = items.filter((i) => ids.has(i.customer.id));
  const enrolments = kept.flatMap((i) => (i.enrolment ? [i.enrolment] : []));
  await insertMany(tx, 'enrolments', ENROLMENT_COLS, enrolments);
  await insertMany(tx, 'enrolment_status_history', HISTORY_COLS, enrolments.map((e) => ({ ...e, by, at })));
  await insertMany(tx, 'households', HOUSEHOLD_COLS, kept.flatMap((i) => (i.household ? [i.household] : [])));
  await insertMany(tx, 'credit_records', CREDIT_COLS, kept.flatMap((i) => (i.credit ? [i.credit] : [])));
  await insertMany(tx, 'related_parties', PARTY_COLS, kept.flatMap((i) => i.parties));
  const consents = kept.flatMap((i) => i.consents.map((c) => ({ ...c, customerId: i.customer.id, by, at })));
  await insertMany(tx, 'consent_events', CONSENT_EVENT_COLS, consents);
  const results = kept.flatMap((i) => (i.enrolment ? (i.termResults ?? []).map((t) => ({ ...t, enrolmentId: i.enrolment!.id, at })) : []));
  await insertMany(tx, 'term_results', RESULT_COLS, results);
  const timeline = kept.map((i) => ({ customerId: i.customer.id, via: i.customer.createdVia ?? 'import', by, at }));
  await insertMany(tx, 'customer_timeline_events', TIMELINE_COLS, timeline);
  // The current consent per purpose: the last one given for it in the batch.
  const current = new Map(consents.map((c) => [`${c.customerId}:${c.purpose}`, c]));
  await insertMany(tx, 'consents', CONSENT_COLS, [...current.values()]);
  return ids;
}
