// Bulk writes for import and the demo seed. Encryption and classification happen in JS before a
// batch is written. Two write paths share the prepared rows:
// - `insertStudents` (demo seed): each table gets ONE multi-row INSERT per batch whose columns
//   travel as typed arrays through unnest().
// - `writeStagedStudents` (bulk import, ADR 0004): one line per customer is COPYed into a temp
//   staging table, and each real table is filled from it by one set-based INSERT … SELECT; the
//   rows that are pure functions of the customer (first enrolment status, timeline entry, consent
//   history and current consent) are derived in SQL rather than built and shipped from JS.
import { randomFillSync, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql, type SQL } from 'drizzle-orm';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { rowsOf, type Executor } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import type { FieldError } from '../../http/problem.ts';
import type { NewCustomerRow, NewEnrolmentRow, NewRelatedPartyRow } from './customers.repository.ts';
import type { CreateCustomerInput } from './customers.schema.ts';
import {
  classificationOf,
  creditRow,
  householdRow,
  prepareCustomer,
  prepareParty,
} from './customers.service.ts';

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
  // Time-ordered ids: bulk inserts then append to the id indexes instead of touching random pages.
  row.id = newCustomerId();
  const parties = (input.relatedParties ?? []).map((p, i) =>
    prepareParty(deps, p, row.id, at, `relatedParties.${i}.`, errors),
  );
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
  const { stored, columns } = classificationOf(
    {
      customer: { country: row.country ?? null, declaredLoanPurpose: row.declaredLoanPurpose ?? null },
      enrolment,
      schoolCountry,
      household,
      credit,
    },
    {},
    at,
  );
  return {
    student: {
      customer: {
        ...row,
        id: row.id,
        ...columns,
        classification: stored,
        currentSchoolId: enrolment?.schoolId ?? null,
        createdVia: via,
      },
      enrolment,
      household,
      credit,
      parties,
      consents: (input.consents ?? []).map((c) => ({
        purpose: c.purpose,
        granted: c.granted,
        source: c.source,
        note: c.note ?? null,
      })),
    },
    errors: [],
  };
}

type PgType =
  'uuid' | 'text' | 'int' | 'bigint' | 'numeric' | 'date' | 'timestamptz' | 'boolean' | 'jsonb' | 'text[]';

interface Col<T> {
  name: string;
  type: PgType;
  get: (row: T) => unknown;
}

const SEP = '\u001f';

/** One INSERT … SELECT FROM unnest(…) for many rows. Array and jsonb columns travel as text. */
async function insertMany<T>(
  db: Executor,
  table: string,
  cols: Col<T>[],
  rows: T[],
  suffix: SQL = sql``,
): Promise<Record<string, unknown>[]> {
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
export async function insertStudents(
  tx: Executor,
  items: PreparedStudent[],
  by: string | null,
  at: Date,
): Promise<Set<string>> {
  const inserted = await insertMany(
    tx,
    'customers',
    CUSTOMER_COLS,
    items.map((i) => i.customer),
    sql`on conflict (external_ref) do nothing returning id`,
  );
  const ids = new Set(inserted.map((r) => String(r.id)));
  const kept = items.filter((i) => ids.has(i.customer.id));
  const enrolments = kept.flatMap((i) => (i.enrolment ? [i.enrolment] : []));
  await insertMany(tx, 'enrolments', ENROLMENT_COLS, enrolments);
  await insertMany(
    tx,
    'enrolment_status_history',
    HISTORY_COLS,
    enrolments.map((e) => ({ ...e, by, at })),
  );
  await insertMany(
    tx,
    'households',
    HOUSEHOLD_COLS,
    kept.flatMap((i) => (i.household ? [i.household] : [])),
  );
  await insertMany(
    tx,
    'credit_records',
    CREDIT_COLS,
    kept.flatMap((i) => (i.credit ? [i.credit] : [])),
  );
  await insertMany(
    tx,
    'related_parties',
    PARTY_COLS,
    kept.flatMap((i) => i.parties),
  );
  const consents = kept.flatMap((i) => i.consents.map((c) => ({ ...c, customerId: i.customer.id, by, at })));
  await insertMany(tx, 'consent_events', CONSENT_EVENT_COLS, consents);
  const results = kept.flatMap((i) =>
    i.enrolment ? (i.termResults ?? []).map((t) => ({ ...t, enrolmentId: i.enrolment!.id, at })) : [],
  );
  await insertMany(tx, 'term_results', RESULT_COLS, results);
  const timeline = kept.map((i) => ({
    customerId: i.customer.id,
    via: i.customer.createdVia ?? 'import',
    by,
    at,
  }));
  await insertMany(tx, 'customer_timeline_events', TIMELINE_COLS, timeline);
  // The current consent per purpose: the last one given for it in the batch.
  const current = new Map(consents.map((c) => [`${c.customerId}:${c.purpose}`, c]));
  await insertMany(tx, 'consents', CONSENT_COLS, [...current.values()]);
  return ids;
}

// ---------------------------------------------------------------------------------------------
// Time-ordered ids

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const randomPool = Buffer.alloc(8 * 1024);
let randomAt = randomPool.length;
let lastMs = 0;
let counter = 0;

/**
 * A UUIDv7 (RFC 9562: 48-bit Unix milliseconds, version 7, a 12-bit counter, the variant and 58
 * random bits) whose last hex digit is 0. Ids that grow with time make bulk inserts append to the
 * id indexes (and to the customer_id indexes of the child tables) instead of dirtying random
 * pages; the spare digit lets the staged import derive the ids of a customer's own rows in SQL
 * (see STAGE_ID_SUFFIX).
 */
export function newCustomerId(): string {
  let ms = Date.now();
  if (ms <= lastMs) {
    ms = lastMs;
    counter++;
    if (counter > 0xfff) {
      ms = ++lastMs;
      counter = 0;
    }
  } else {
    lastMs = ms;
    counter = 0;
  }
  if (randomAt + 8 > randomPool.length) {
    randomFillSync(randomPool);
    randomAt = 0;
  }
  const r = randomPool;
  const o = randomAt;
  randomAt += 8;
  const t = ms.toString(16).padStart(12, '0');
  return (
    `${t.slice(0, 8)}-${t.slice(8)}-7${counter.toString(16).padStart(3, '0')}-${HEX[0x80 | (r[o]! & 0x3f)]}${HEX[r[o + 1]!]}-` +
    `${HEX[r[o + 2]!]}${HEX[r[o + 3]!]}${HEX[r[o + 4]!]}${HEX[r[o + 5]!]}${HEX[r[o + 6]!]}${(r[o + 7]! >> 4).toString(16)}0`
  );
}

/** Last hex digit of the id of each row the staged import derives from a customer id (which ends in 0). */
const STAGE_ID_SUFFIX = {
  enrolment: '1',
  party: '2',
  history: '3',
  timeline: '4',
  service: '5',
  marketing: '6',
  data_sharing: '7',
} as const;
const derivedId = (suffix: string, idCol = 'id') => `(left(${idCol}::text, 35) || '${suffix}')::uuid`;

// ---------------------------------------------------------------------------------------------
// Staged import: one COPY line per customer, then one INSERT … SELECT per table

type StageType = 'uuid' | 'text' | 'int' | 'bigint' | 'date' | 'boolean' | 'jsonb' | 'text[]';
interface StageCol {
  name: string;
  type: StageType;
  get: (s: PreparedStudent) => unknown;
}

const CONSENT_PURPOSES = ['service', 'marketing', 'data_sharing'] as const;
const consentOf = (s: PreparedStudent, purpose: string) =>
  s.consents.find((c) => c.purpose === purpose)?.granted;

const STAGE_COLS: StageCol[] = [
  ...CUSTOMER_COLS.filter((c) => c.name !== 'created_at' && c.name !== 'updated_at').map((c) => ({
    name: c.name,
    type: c.type as StageType,
    get: (s: PreparedStudent) => c.get(s.customer),
  })),
  { name: 'e_school_id', type: 'uuid', get: (s) => s.enrolment?.schoolId },
  { name: 'e_programme_id', type: 'uuid', get: (s) => s.enrolment?.programmeId },
  { name: 'e_programme_name', type: 'text', get: (s) => s.enrolment?.programmeName },
  { name: 'e_level', type: 'text', get: (s) => s.enrolment?.level },
  { name: 'e_year_of_study', type: 'int', get: (s) => s.enrolment?.yearOfStudy },
  { name: 'e_start_date', type: 'date', get: (s) => s.enrolment?.startDate },
  { name: 'e_expected_graduation_date', type: 'date', get: (s) => s.enrolment?.expectedGraduationDate },
  { name: 'e_status', type: 'text', get: (s) => s.enrolment?.status },
  { name: 'e_status_date', type: 'date', get: (s) => s.enrolment?.statusDate },
  { name: 'h_present', type: 'boolean', get: (s) => !!s.household },
  { name: 'h_size', type: 'int', get: (s) => s.household?.size },
  { name: 'h_annual_income_minor', type: 'bigint', get: (s) => s.household?.annualIncomeMinor },
  { name: 'h_currency', type: 'text', get: (s) => s.household?.currency },
  { name: 'h_dependants', type: 'int', get: (s) => s.household?.dependants },
  { name: 'h_need_codes', type: 'text[]', get: (s) => s.household?.needCodes },
  { name: 'h_needs', type: 'jsonb', get: (s) => s.household?.needs },
  { name: 'k_present', type: 'boolean', get: (s) => !!s.credit },
  { name: 'k_bureau_name', type: 'text', get: (s) => s.credit?.bureauName },
  { name: 'k_bureau_score', type: 'int', get: (s) => s.credit?.bureauScore },
  { name: 'k_score_date', type: 'date', get: (s) => s.credit?.scoreDate },
  { name: 'k_file_status', type: 'text', get: (s) => s.credit?.fileStatus },
  { name: 'k_prior_loans', type: 'int', get: (s) => s.credit?.priorLoans },
  { name: 'k_delinquencies', type: 'int', get: (s) => s.credit?.delinquencies },
  { name: 'k_fraud_flags', type: 'text[]', get: (s) => s.credit?.fraudFlags },
  { name: 'p_relationship', type: 'text', get: (s) => s.parties[0]?.relationship },
  { name: 'p_name', type: 'text', get: (s) => s.parties[0]?.name },
  { name: 'p_phone_enc', type: 'text', get: (s) => s.parties[0]?.phoneEnc },
  { name: 'p_phone_hash', type: 'text', get: (s) => s.parties[0]?.phoneHash },
  { name: 'p_national_id_type', type: 'text', get: (s) => s.parties[0]?.nationalIdType },
  { name: 'p_national_id_enc', type: 'text', get: (s) => s.parties[0]?.nationalIdEnc },
  { name: 'p_national_id_hash', type: 'text', get: (s) => s.parties[0]?.nationalIdHash },
  { name: 'p_email', type: 'text', get: (s) => s.parties[0]?.email },
  { name: 'p_occupation', type: 'text', get: (s) => s.parties[0]?.occupation },
  { name: 'p_annual_income_minor', type: 'bigint', get: (s) => s.parties[0]?.annualIncomeMinor },
  { name: 'p_currency', type: 'text', get: (s) => s.parties[0]?.currency },
  { name: 'consent_source', type: 'text', get: (s) => s.consents[0]?.source },
  { name: 'consent_note', type: 'text', get: (s) => s.consents[0]?.note },
  { name: 'consent_service', type: 'boolean', get: (s) => consentOf(s, 'service') },
  { name: 'consent_marketing', type: 'boolean', get: (s) => consentOf(s, 'marketing') },
  { name: 'consent_data_sharing', type: 'boolean', get: (s) => consentOf(s, 'data_sharing') },
];

const STAGE = 'customer_import_stage';
const STAGE_DDL = `create temp table ${STAGE} (${STAGE_COLS.map((c) => `${c.name} ${c.type}`).join(', ')}) on commit drop`;
const STAGE_COPY_COLUMNS = STAGE_COLS.map((c) => c.name).join(', ');

/** COPY text format: backslash, tab, newline and carriage return are escaped; \N is NULL. */
function copyEscape(v: string): string {
  return /[\\\t\n\r]/.test(v)
    ? v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
    : v;
}

function arrayLiteral(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

function copyValue(type: StageType, v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  switch (type) {
    case 'boolean':
      return v ? 't' : 'f';
    case 'int':
    case 'bigint':
      return (v as number).toString();
    case 'jsonb':
      return copyEscape(JSON.stringify(v));
    case 'text[]':
      return copyEscape(arrayLiteral(v as string[]));
    default:
      return copyEscape(v instanceof Date ? v.toISOString() : (v as string));
  }
}

/**
 * Whether a prepared student fits the staging row: at most one related party, at most one consent
 * per purpose (all from one source), no term results. Everything the import builds does.
 */
export function stageable(s: PreparedStudent): boolean {
  if (s.parties.length > 1 || (s.termResults?.length ?? 0) > 0 || !s.customer.id.endsWith('0')) return false;
  const purposes = new Set(s.consents.map((c) => c.purpose));
  return (
    purposes.size === s.consents.length &&
    s.consents.every(
      (c) =>
        (CONSENT_PURPOSES as readonly string[]).includes(c.purpose) &&
        c.source === s.consents[0]!.source &&
        c.note === s.consents[0]!.note,
    )
  );
}

/** The student's staging row as one line of COPY text (with its newline). */
export function stageLine(s: PreparedStudent): string {
  if (!stageable(s)) throw new Error('this student does not fit the import staging row');
  let line = '';
  for (let i = 0; i < STAGE_COLS.length; i++) {
    const c = STAGE_COLS[i]!;
    line += (i ? '\t' : '') + copyValue(c.type, c.get(s));
  }
  return line + '\n';
}

interface NodePgTx {
  session: { client: pg.PoolClient };
}
interface PgliteTx {
  session: { client: { query: (q: string, params: unknown[], opts: { blob: Blob }) => Promise<unknown> } };
}

/** COPY the lines into the staging table on the transaction's own connection. */
async function loadStage(tx: Executor, kind: 'pglite' | 'postgres', lines: string[]): Promise<void> {
  // The raw client under drizzle's transaction: COPY is not a statement drizzle can send.
  if (kind === 'postgres') {
    const client = (tx as unknown as NodePgTx).session.client;
    await pipeline(
      Readable.from([lines.join('')]),
      client.query(copyFrom(`copy ${STAGE} (${STAGE_COPY_COLUMNS}) from stdin`)),
    );
  } else {
    // PGlite has no COPY FROM STDIN through its client API; it reads a COPY from a blob instead.
    const client = (tx as unknown as PgliteTx).session.client;
    await client.query(`copy ${STAGE} (${STAGE_COPY_COLUMNS}) from '/dev/blob'`, [], {
      blob: new Blob(lines),
    });
  }
}

const CUSTOMER_STAGE_COLUMNS = CUSTOMER_COLS.map((c) => c.name).filter(
  (n) => n !== 'created_at' && n !== 'updated_at',
);

/**
 * Write staged students (lines from `stageLine`) on the caller's transaction: all of them or, on
 * any error, none (the caller then retries row by row). Does not skip existing external
 * references: the caller filters them first, and a concurrent import that wins the race makes the
 * unique index refuse the batch.
 */
export async function writeStagedStudents(
  tx: Executor,
  kind: 'pglite' | 'postgres',
  lines: string[],
  by: string | null,
  at: Date,
): Promise<void> {
  if (lines.length === 0) return;
  await tx.execute(sql.raw(STAGE_DDL));
  await loadStage(tx, kind, lines);
  const ts = sql`${at.toISOString()}::timestamptz`;
  const actor = sql`${by}::text`;
  const run = (q: SQL) => tx.execute(q);
  await run(sql`insert into customers (${sql.raw(CUSTOMER_STAGE_COLUMNS.join(', '))}, created_at, updated_at)
    select ${sql.raw(CUSTOMER_STAGE_COLUMNS.join(', '))}, ${ts}, ${ts} from ${sql.raw(STAGE)}`);
  await run(sql`insert into enrolments (id, customer_id, school_id, programme_id, programme_name, level, year_of_study, start_date,
      expected_graduation_date, status, status_date, is_current, created_at, updated_at)
    select ${sql.raw(derivedId(STAGE_ID_SUFFIX.enrolment))}, id, e_school_id, e_programme_id, e_programme_name, e_level, e_year_of_study,
      e_start_date, e_expected_graduation_date, e_status, e_status_date, true, ${ts}, ${ts}
    from ${sql.raw(STAGE)} where e_level is not null`);
  await run(sql`insert into enrolment_status_history (id, enrolment_id, to_status, effective_date, reason, changed_by, recorded_at)
    select ${sql.raw(derivedId(STAGE_ID_SUFFIX.history))}, ${sql.raw(derivedId(STAGE_ID_SUFFIX.enrolment))}, e_status, e_start_date, 'recorded', ${actor}, ${ts}
    from ${sql.raw(STAGE)} where e_level is not null`);
  await run(sql`insert into households (customer_id, size, annual_income_minor, currency, dependants, need_codes, needs, updated_at)
    select id, h_size, h_annual_income_minor, h_currency, h_dependants, h_need_codes, h_needs, ${ts} from ${sql.raw(STAGE)} where h_present`);
  await run(sql`insert into credit_records (customer_id, bureau_name, bureau_score, score_date, file_status, prior_loans, delinquencies, fraud_flags, updated_at)
    select id, k_bureau_name, k_bureau_score, k_score_date, k_file_status, k_prior_loans, k_delinquencies, k_fraud_flags, ${ts}
    from ${sql.raw(STAGE)} where k_present`);
  await run(sql`insert into related_parties (id, customer_id, relationship, name, phone_enc, phone_hash, national_id_type, national_id_enc,
      national_id_hash, email, occupation, annual_income_minor, currency, created_at, updated_at)
    select ${sql.raw(derivedId(STAGE_ID_SUFFIX.party))}, id, p_relationship, p_name, p_phone_enc, p_phone_hash, p_national_id_type, p_national_id_enc,
      p_national_id_hash, p_email, p_occupation, p_annual_income_minor, p_currency, ${ts}, ${ts}
    from ${sql.raw(STAGE)} where p_name is not null`);
  const consents = sql.raw(`${STAGE} s cross join lateral (values
      ('${STAGE_ID_SUFFIX.service}', 'service', s.consent_service),
      ('${STAGE_ID_SUFFIX.marketing}', 'marketing', s.consent_marketing),
      ('${STAGE_ID_SUFFIX.data_sharing}', 'data_sharing', s.consent_data_sharing)) c(suffix, purpose, granted)`);
  await run(sql`insert into consent_events (id, customer_id, purpose, granted, source, note, recorded_by, recorded_at)
    select (left(s.id::text, 35) || c.suffix)::uuid, s.id, c.purpose, c.granted, s.consent_source, s.consent_note, ${actor}, ${ts}
    from ${consents} where c.granted is not null`);
  await run(sql`insert into consents (customer_id, purpose, granted, source, recorded_at)
    select s.id, c.purpose, c.granted, s.consent_source, ${ts} from ${consents} where c.granted is not null`);
  await run(sql`insert into customer_timeline_events (id, customer_id, occurred_at, kind, summary, actor_name)
    select ${sql.raw(derivedId(STAGE_ID_SUFFIX.timeline))}, id, ${ts}, 'customers.customer_created', 'Customer created (' || created_via || ')', ${actor}
    from ${sql.raw(STAGE)}`);
}
