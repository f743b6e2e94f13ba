// Bulk import of customers (with enrolment, household, credit record, a related party and
// consents) from CSV or XLSX: dry run, row-level errors (row, field, reason), all-or-nothing per
// row, idempotent on external_ref, progress on the job row. Rows are validated, encrypted and
// classified in JS; each batch is checked for duplicates with one query per rule and written in
// one transaction through a COPY-loaded staging table (ADR 0005); while one batch is being
// written the next is prepared.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../db/database.ts';
import type { ActorContext, Deps } from '../../deps.ts';
import { fieldErrorsFromZod, Problem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { prepareStudent, stageLine, writeStagedStudents, type PreparedStudent } from './bulk.ts';
import { CsvError, csvLine, parseCsv, type CsvRecord } from '@bursar/core';
import { readXlsxRecords, XlsxError } from '../../files/xlsx.ts';
import * as repo from './customers.repository.ts';
import { createCustomerBody } from './customers.schema.ts';
import type { ImportRowError } from './customers.tables.ts';

/** The CSV columns, in template order. Header names are matched case-insensitively. */
export const IMPORT_COLUMNS = [
  'external_ref',
  'legal_name',
  'preferred_name',
  'date_of_birth',
  'gender',
  'national_id_type',
  'national_id',
  'phone',
  'email',
  'address_line1',
  'city',
  'region',
  'postal_code',
  'country',
  'preferred_language',
  'preferred_channel',
  'declared_loan_purpose',
  'tags',
  'school_code',
  'school_country',
  'school_name',
  'programme',
  'level',
  'year_of_study',
  'start_date',
  'expected_graduation_date',
  'enrolment_status',
  'household_size',
  'household_income',
  'currency',
  'dependants',
  'need_indicators',
  'needs_verified',
  'credit_file_status',
  'bureau_score',
  'prior_loans',
  'delinquencies',
  'party_relationship',
  'party_name',
  'party_phone',
  'consent_service',
  'consent_marketing',
  'consent_data_sharing',
] as const;
type Column = (typeof IMPORT_COLUMNS)[number];

/** Input path (as zod and the service name it) → CSV column, for row errors. */
const FIELD_TO_COLUMN: Record<string, Column> = {
  externalRef: 'external_ref',
  legalName: 'legal_name',
  preferredName: 'preferred_name',
  dateOfBirth: 'date_of_birth',
  gender: 'gender',
  nationalIdType: 'national_id_type',
  nationalId: 'national_id',
  phone: 'phone',
  email: 'email',
  'address.line1': 'address_line1',
  'address.city': 'city',
  'address.region': 'region',
  'address.postalCode': 'postal_code',
  'address.country': 'country',
  preferredLanguage: 'preferred_language',
  preferredChannel: 'preferred_channel',
  declaredLoanPurpose: 'declared_loan_purpose',
  tags: 'tags',
  'enrolment.schoolId': 'school_code',
  'enrolment.programmeName': 'programme',
  'enrolment.level': 'level',
  'enrolment.yearOfStudy': 'year_of_study',
  'enrolment.startDate': 'start_date',
  'enrolment.expectedGraduationDate': 'expected_graduation_date',
  'enrolment.status': 'enrolment_status',
  'household.size': 'household_size',
  'household.annualIncomeMinor': 'household_income',
  'household.currency': 'currency',
  'household.dependants': 'dependants',
  'household.needs': 'need_indicators',
  'creditRecord.fileStatus': 'credit_file_status',
  'creditRecord.bureauScore': 'bureau_score',
  'creditRecord.priorLoans': 'prior_loans',
  'creditRecord.delinquencies': 'delinquencies',
  'relatedParties.0.relationship': 'party_relationship',
  'relatedParties.0.name': 'party_name',
  'relatedParties.0.phone': 'party_phone',
};

function columnOf(field: string): string {
  if (FIELD_TO_COLUMN[field]) return FIELD_TO_COLUMN[field];
  const consent = /^consents\.(\d)/.exec(field);
  if (consent) return 'consent_*';
  const prefix = Object.keys(FIELD_TO_COLUMN)
    .filter((k) => field.startsWith(`${k}.`))
    .sort((a, b) => b.length - a.length)[0];
  return prefix ? FIELD_TO_COLUMN[prefix]! : field;
}

/** The import template: every column, with one example row (header first). */
export function importTemplateRows(): string[][] {
  const example: Record<Column, string> = {
    external_ref: 'APP-2026-000001',
    legal_name: '张伟',
    preferred_name: 'Zhang Wei',
    date_of_birth: '2006-05-17',
    gender: 'male',
    national_id_type: 'cn_resident',
    national_id: '11010520060517001X',
    phone: '13800138000',
    email: 'zhang.wei@example.cn',
    address_line1: '朝阳区建国路 1 号',
    city: '北京',
    region: 'Beijing',
    postal_code: '100022',
    country: 'CN',
    preferred_language: 'zh-CN',
    preferred_channel: 'wechat',
    declared_loan_purpose: '',
    tags: 'campus-event-2026',
    school_code: '4111010003',
    school_country: 'CN',
    school_name: '',
    programme: '计算机科学与技术',
    level: 'undergraduate',
    year_of_study: '1',
    start_date: '2026-09-01',
    expected_graduation_date: '2030-07-01',
    enrolment_status: 'enrolled',
    household_size: '4',
    household_income: '36000.00',
    currency: 'CNY',
    dependants: '2',
    need_indicators: 'low_income;first_generation',
    needs_verified: 'no',
    credit_file_status: 'none',
    bureau_score: '',
    prior_loans: '',
    delinquencies: '',
    party_relationship: 'parent',
    party_name: '张建国',
    party_phone: '13900139000',
    consent_service: 'yes',
    consent_marketing: 'no',
    consent_data_sharing: 'no',
  };
  return [[...IMPORT_COLUMNS], IMPORT_COLUMNS.map((c) => example[c])];
}

export function importTemplateCsv(): string {
  return importTemplateRows().map(csvLine).join('');
}

interface SchoolIndex {
  byCode: Map<string, { id: string; country: string }>;
  byName: Map<string, { id: string; country: string }>;
}

async function schoolIndex(deps: Deps): Promise<SchoolIndex> {
  const rows = await rowsOf<{
    id: string;
    country: string;
    external_code: string | null;
    name: string;
    name_local: string | null;
  }>(deps.database.db, sql`select id, country, external_code, name, name_local from schools`);
  const byCode = new Map<string, { id: string; country: string }>();
  const byName = new Map<string, { id: string; country: string }>();
  for (const r of rows) {
    const s = { id: r.id, country: r.country };
    if (r.external_code) byCode.set(`${r.country}:${r.external_code}`, s);
    byName.set(r.name.toLowerCase(), s);
    if (r.name_local) byName.set(r.name_local, s);
  }
  return { byCode, byName };
}

const YES = new Set(['yes', 'y', 'true', '1', '是']);
const NO = new Set(['no', 'n', 'false', '0', '否']);

/** Turn one CSV record into the create-customer input; problems that are the CSV's own go to `errors`. */
function recordToInput(
  get: (c: Column) => string | undefined,
  schools: SchoolIndex,
  errors: { field: string; reason: string }[],
): { input: unknown; schoolCountry: string | null } {
  const num = (c: Column): number | undefined => {
    const v = get(c);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n)) errors.push({ field: c, reason: 'must be a number' });
    return n;
  };
  const bool = (c: Column): boolean | undefined => {
    const v = get(c)?.toLowerCase();
    if (v === undefined) return undefined;
    if (YES.has(v)) return true;
    if (NO.has(v)) return false;
    errors.push({ field: c, reason: 'must be yes or no' });
    return undefined;
  };
  const list = (c: Column) =>
    get(c)
      ?.split(/[;|]/)
      .map((s) => s.trim())
      .filter(Boolean);

  let schoolCountry: string | null = null;
  let enrolment: Record<string, unknown> | undefined;
  const code = get('school_code');
  const name = get('school_name');
  if (code || name || get('level') || get('start_date')) {
    const country = (get('school_country') ?? 'CN').toUpperCase();
    const school = code
      ? schools.byCode.get(`${country}:${code}`)
      : name
        ? (schools.byName.get(name.toLowerCase()) ?? schools.byName.get(name))
        : undefined;
    if (!school)
      errors.push({
        field: code ? 'school_code' : 'school_name',
        reason: code || name ? 'is not a known school' : 'is required with an enrolment',
      });
    else schoolCountry = school.country;
    enrolment = {
      schoolId: school?.id ?? '00000000-0000-4000-8000-000000000000',
      programmeName: get('programme'),
      level: get('level'),
      yearOfStudy: num('year_of_study'),
      startDate: get('start_date'),
      expectedGraduationDate: get('expected_graduation_date'),
      status: get('enrolment_status'),
    };
  }
  let household: Record<string, unknown> | undefined;
  if (get('household_size') || get('household_income') || get('need_indicators')) {
    const income = get('household_income');
    let minor: number | undefined;
    if (income !== undefined) {
      if (!/^\d+(\.\d{1,2})?$/.test(income))
        errors.push({ field: 'household_income', reason: 'must be an amount like 36000.00' });
      else minor = Math.round(Number(income) * 100);
    }
    const verified = bool('needs_verified');
    household = {
      size: num('household_size'),
      annualIncomeMinor: minor,
      currency: get('currency'),
      dependants: num('dependants'),
      needs: list('need_indicators')?.map((code) => ({ code, ...(verified ? { verified: true } : {}) })),
    };
  }
  let creditRecord: Record<string, unknown> | undefined;
  if (get('credit_file_status') || get('bureau_score') || get('delinquencies')) {
    creditRecord = {
      fileStatus: get('credit_file_status'),
      bureauScore: num('bureau_score'),
      priorLoans: num('prior_loans'),
      delinquencies: num('delinquencies'),
    };
  }
  const consents: { purpose: string; granted: boolean; source: string }[] = [];
  for (const [c, purpose] of [
    ['consent_service', 'service'],
    ['consent_marketing', 'marketing'],
    ['consent_data_sharing', 'data_sharing'],
  ] as const) {
    const b = bool(c);
    if (b !== undefined) consents.push({ purpose, granted: b, source: 'import' });
  }
  const partyName = get('party_name');
  const input = {
    externalRef: get('external_ref'),
    legalName: get('legal_name'),
    preferredName: get('preferred_name'),
    dateOfBirth: get('date_of_birth'),
    gender: get('gender'),
    nationalIdType: get('national_id_type') ?? (get('national_id') ? 'cn_resident' : undefined),
    nationalId: get('national_id'),
    phone: get('phone'),
    email: get('email'),
    address:
      get('address_line1') || get('city') || get('region') || get('country')
        ? {
            line1: get('address_line1'),
            city: get('city'),
            region: get('region'),
            postalCode: get('postal_code'),
            country: get('country'),
          }
        : undefined,
    preferredLanguage: get('preferred_language'),
    preferredChannel: get('preferred_channel'),
    declaredLoanPurpose: get('declared_loan_purpose'),
    tags: list('tags'),
    enrolment,
    household,
    creditRecord,
    relatedParties: partyName
      ? [{ relationship: get('party_relationship') ?? 'parent', name: partyName, phone: get('party_phone') }]
      : undefined,
    consents: consents.length ? consents : undefined,
    allowDuplicate: true,
  };
  return { input, schoolCountry };
}

export interface ImportSummary {
  totalRows: number;
  processedRows: number;
  createdRows: number;
  skippedRows: number;
  failedRows: number;
  errors: ImportRowError[];
  warnings: ImportRowError[];
}

export interface ImportOptions {
  dryRun: boolean;
  via?: string;
  jobId?: string;
  batchSize?: number;
  /** Estimated data rows, for progress. */
  totalRows?: number;
  onProgress?: (s: ImportSummary) => void | Promise<void>;
}

const MAX_KEPT_ERRORS = 5000;

/** Rows per batch: each batch is validated in JS, checked with one query per duplicate rule and written in one transaction. */
export const DEFAULT_IMPORT_BATCH = 5000;

/** BURSAR_IMPORT_BATCH sets smaller (or larger) write transactions for an installation. */
function configuredBatch(): number {
  const n = Number(process.env.BURSAR_IMPORT_BATCH);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_IMPORT_BATCH;
}

/** A validated, encrypted and classified row waiting for its batch to be written. */
interface ReadyRow {
  line: number;
  id: string;
  ref: string;
  nationalIdHash: string | null;
  searchName: string;
  dateOfBirth: string | null;
  schoolId: string | null;
  /** The staging row as COPY text (empty on a dry run, which writes nothing). */
  copy: string;
}

const LIVE = sql.raw(`('merged', 'anonymised')`);

/** The database's own words for a row it refused (drizzle wraps the driver's error). */
function dbReason(e: unknown): { reason: string; refTaken: boolean } {
  const err = (e as { cause?: unknown }).cause ?? e;
  const { code, constraint, message } = err as { code?: string; constraint?: string; message?: string };
  return {
    reason: (message ?? 'could not be written').split('\n')[0]!.slice(0, 200),
    refTaken: code === '23505' && constraint === 'customers_external_ref_uq',
  };
}

/**
 * Import from CSV records (the first is the header). Rows are validated, encrypted and classified
 * in JS; every `batchSize` rows, one query per rule finds the rows already imported (skipped: a
 * re-run resumes an interrupted import), the ID numbers on file under another reference (refused)
 * and the likely duplicates (warned), and the rest are written in one transaction through the
 * staging table (ADR 0004). Each row is written whole or not at all: when the database refuses a
 * batch, its rows are retried one by one so a bad row spoils only itself.
 */
export async function importCustomerRecords(
  deps: Deps,
  ctx: ActorContext,
  records: Iterable<CsvRecord>,
  opts: ImportOptions,
): Promise<ImportSummary> {
  const at = deps.now();
  const by = ctx.actorName;
  const via = opts.via ?? 'import';
  const batchSize = opts.batchSize ?? configuredBatch();
  const db = deps.database.db;
  const kind = deps.database.kind;
  const summary: ImportSummary = {
    totalRows: opts.totalRows ?? 0,
    processedRows: 0,
    createdRows: 0,
    skippedRows: 0,
    failedRows: 0,
    errors: [],
    warnings: [],
  };
  const fail = (row: number, field: string, reason: string) => {
    if (summary.errors.length < MAX_KEPT_ERRORS) summary.errors.push({ row, field, reason });
  };
  const warn = (row: number, field: string, reason: string) => {
    if (summary.warnings.length < MAX_KEPT_ERRORS) summary.warnings.push({ row, field, reason });
  };
  const schools = await schoolIndex(deps);
  const seenRefs = new Map<string, number>();
  const seenIds = new Map<string, number>();
  const seenPeople = new Map<string, number>();
  const it = records[Symbol.iterator]();
  const head = it.next();
  if (head.done) throw Problem.badRequest('(file)', 'is empty');
  const header = head.value.cells.map((c) => c.trim().toLowerCase());
  const unknown = header.filter((h) => h && !(IMPORT_COLUMNS as readonly string[]).includes(h));
  if (unknown.length) throw Problem.badRequest('(file)', `unknown columns: ${unknown.join(', ')}`);
  for (const required of ['external_ref', 'legal_name'] as const)
    if (!header.includes(required)) throw Problem.badRequest('(file)', `missing column ${required}`);
  const index = new Map(header.map((h, i) => [h, i]));

  /** Write rows in one transaction with one audit event listing them; all or none. */
  const write = (rows: ReadyRow[]) =>
    db.transaction(async (tx) => {
      await writeStagedStudents(
        tx,
        kind,
        rows.map((r) => r.copy),
        by,
        at,
      );
      await recordAudit(tx, ctx, at, {
        action: 'customer.imported',
        entityType: 'customer_import',
        entityId: opts.jobId ?? null,
        after: {
          rows: rows.length,
          created: rows.length,
          firstRow: rows[0]?.line,
          lastRow: rows[rows.length - 1]?.line,
          customerIds: rows.map((r) => r.id),
        },
      });
    });

  const writeBatch = async (items: ReadyRow[]) => {
    // Already imported (idempotency on external_ref): skipped, whatever else the row says.
    const refs = items.map((i) => i.ref);
    const known = new Set(
      (
        await rowsOf<{ external_ref: string }>(
          db,
          sql`select external_ref from customers where external_ref = any(${sql.param(refs)}::text[])`,
        )
      ).map((r) => r.external_ref),
    );
    const fresh = items.filter((i) => !known.has(i.ref));
    summary.skippedRows += items.length - fresh.length;
    // An ID number on file under another reference: refused, not merged silently.
    const hashes = fresh.flatMap((i) => (i.nationalIdHash ? [i.nationalIdHash] : []));
    const taken = new Set(
      hashes.length
        ? (
            await rowsOf<{ national_id_hash: string }>(
              db,
              sql`select distinct national_id_hash from customers where national_id_hash = any(${sql.param(hashes)}::text[]) and status not in ${LIVE}`,
            )
          ).map((r) => r.national_id_hash)
        : [],
    );
    const ok = fresh.filter((i) => {
      if (i.nationalIdHash && taken.has(i.nationalIdHash)) {
        summary.failedRows++;
        fail(i.line, 'national_id', 'belongs to an existing customer');
        return false;
      }
      return true;
    });
    // Same name and birth date (and school, when the row names one) as someone on file: imported,
    // with a warning to review. The database answers with the positions of the rows that match.
    const named = ok.filter((i) => i.dateOfBirth);
    if (named.length) {
      const likely = await rowsOf<{ i: number }>(
        db,
        sql`select u.i::int as i from unnest(${sql.param(named.map((r) => r.searchName))}::text[], ${sql.param(named.map((r) => r.dateOfBirth))}::date[],
              ${sql.param(named.map((r) => r.schoolId))}::uuid[]) with ordinality as u(n, d, s, i)
            where exists (select 1 from customers c where c.date_of_birth = u.d and c.search_name = u.n
              and (u.s is null or c.current_school_id = u.s) and c.status not in ${LIVE})`,
      );
      for (const { i } of likely) {
        const r = named[i - 1]!;
        warn(
          r.line,
          'legal_name',
          `same name, date of birth${r.schoolId ? ' and school' : ''} as an existing customer: review for a duplicate`,
        );
      }
    }
    if (opts.dryRun) {
      summary.createdRows += ok.length;
      return;
    }
    if (ok.length === 0) return;
    try {
      await write(ok);
      summary.createdRows += ok.length;
    } catch {
      // Something only the database could see: retry row by row so one bad row spoils only itself.
      for (const row of ok) {
        try {
          await write([row]);
          summary.createdRows++;
        } catch (e) {
          const { reason, refTaken } = dbReason(e);
          // Imported meanwhile by a concurrent run of the same file: already there, so skipped.
          if (refTaken) summary.skippedRows++;
          else {
            summary.failedRows++;
            fail(row.line, '(row)', reason);
          }
        }
      }
    }
  };

  let pending: Promise<void> = Promise.resolve();
  let batch: ReadyRow[] = [];
  const flush = async () => {
    const items = batch;
    batch = [];
    await pending;
    // Prepare the next batch while this one is written; progress after each batch.
    pending = writeBatch(items).then(async () => {
      await opts.onProgress?.(summary);
    });
  };

  for (let r = it.next(); !r.done; r = it.next()) {
    const rec = r.value;
    summary.processedRows++;
    // Let the batch being written make progress: its statements are sent from this thread.
    if ((summary.processedRows & 31) === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    const get = (c: Column): string | undefined => {
      const i = index.get(c);
      const v = i === undefined ? undefined : rec.cells[i]?.trim();
      return v ? v : undefined;
    };
    const rowErrors: { field: string; reason: string }[] = [];
    if (rec.cells.length !== header.length)
      rowErrors.push({
        field: '(row)',
        reason: `has ${rec.cells.length} cells, the header has ${header.length}`,
      });
    // PostgreSQL text cannot hold NUL: name the cell here rather than let the database refuse the batch.
    for (let i = 0; i < rec.cells.length; i++)
      if (rec.cells[i]!.includes('\u0000'))
        rowErrors.push({ field: header[i] ?? '(row)', reason: 'contains a NUL character' });
    const ref = get('external_ref');
    if (!ref) rowErrors.push({ field: 'external_ref', reason: 'is required' });
    else if (seenRefs.has(ref))
      rowErrors.push({
        field: 'external_ref',
        reason: `appears twice in the file (first on row ${seenRefs.get(ref)})`,
      });
    else seenRefs.set(ref, rec.line);
    const { input, schoolCountry } = recordToInput(get, schools, rowErrors);
    let student: PreparedStudent | null = null;
    if (rowErrors.length === 0) {
      const parsed = createCustomerBody.safeParse(input);
      if (!parsed.success) {
        for (const e of fieldErrorsFromZod(parsed.error))
          rowErrors.push({ field: columnOf(e.field), reason: e.message });
      } else {
        const prepared = prepareStudent(deps, parsed.data, at, by, schoolCountry, via);
        for (const e of prepared.errors) rowErrors.push({ field: columnOf(e.field), reason: e.message });
        student = prepared.student;
      }
    }
    const c = student?.customer;
    if (c?.nationalIdHash) {
      const first = seenIds.get(c.nationalIdHash);
      if (first !== undefined)
        rowErrors.push({ field: 'national_id', reason: `appears twice in the file (first on row ${first})` });
      else seenIds.set(c.nationalIdHash, rec.line);
    }
    if (rowErrors.length || !student || !c) {
      summary.failedRows++;
      for (const e of rowErrors) fail(rec.line, e.field, e.reason);
      continue;
    }
    const schoolId = student.enrolment?.schoolId ?? null;
    const dateOfBirth = c.dateOfBirth ?? null;
    if (dateOfBirth) {
      const person = `${c.searchName}|${dateOfBirth}|${schoolId ?? ''}`;
      const first = seenPeople.get(person);
      if (first !== undefined)
        warn(
          rec.line,
          'legal_name',
          `same name, date of birth${schoolId ? ' and school' : ''} as row ${first}: review for a duplicate`,
        );
      else seenPeople.set(person, rec.line);
    }
    batch.push({
      line: rec.line,
      id: c.id,
      ref: ref!,
      nationalIdHash: c.nationalIdHash ?? null,
      searchName: c.searchName,
      dateOfBirth,
      schoolId,
      copy: opts.dryRun ? '' : stageLine(student),
    });
    if (batch.length >= batchSize) await flush();
  }
  if (batch.length) await flush();
  await pending;
  summary.totalRows = summary.processedRows;
  return summary;
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return text.endsWith('\n') ? n : n + 1;
}

export type ImportJobInput = {
  fileName?: string | undefined;
  dryRun: boolean;
} & ({ format: 'csv'; text: string } | { format: 'xlsx'; data: Uint8Array });

/** The file's records (header first) and its number of data rows, whichever the format. */
async function importSource(
  input: ImportJobInput,
): Promise<{ records: () => Iterable<CsvRecord>; dataRows: number }> {
  if (input.format === 'csv') {
    const text = input.text;
    return { records: () => parseCsv(text), dataRows: Math.max(0, countLines(text) - 1) };
  }
  let rows: CsvRecord[];
  try {
    rows = await readXlsxRecords(input.data);
  } catch (e) {
    if (e instanceof XlsxError) throw Problem.badRequest('(file)', e.message);
    throw e;
  }
  return { records: () => rows, dataRows: Math.max(0, rows.length - 1) };
}

function jobView(j: repo.ImportJobRow) {
  return {
    id: j.id,
    fileName: j.fileName,
    format: j.format,
    dryRun: j.dryRun,
    status: j.status as 'running' | 'done' | 'failed',
    totalRows: j.totalRows,
    processedRows: j.processedRows,
    createdRows: j.createdRows,
    skippedRows: j.skippedRows,
    failedRows: j.failedRows,
    errors: j.errors,
    warnings: j.warnings,
    startedBy: j.startedBy,
    startedAt: j.startedAt.toISOString(),
    finishedAt: j.finishedAt?.toISOString() ?? null,
  };
}

/**
 * Start an import job: the job row records progress and the row-level report. Returns the job
 * at once and a promise of its end (the HTTP route may wait for it; the CLI does).
 */
export async function startImport(
  deps: Deps,
  ctx: ActorContext,
  input: ImportJobInput,
): Promise<{ job: ReturnType<typeof jobView>; done: Promise<ReturnType<typeof jobView>> }> {
  const db = deps.database.db;
  // Read the workbook and check the header before accepting the job, so a wrong file is a 400 at once.
  const source = await importSource(input);
  const first = source.records()[Symbol.iterator]().next();
  if (first.done) throw Problem.badRequest('(file)', 'is empty');
  const id = randomUUID();
  const total = source.dataRows;
  const job = await repo.insertImportJob(db, {
    id,
    fileName: input.fileName ?? null,
    format: input.format,
    dryRun: input.dryRun,
    status: 'running',
    totalRows: total,
    startedBy: ctx.actorName,
    startedAt: deps.now(),
  });
  const done = (async () => {
    try {
      const summary = await importCustomerRecords(deps, ctx, source.records(), {
        dryRun: input.dryRun,
        jobId: id,
        totalRows: total,
        onProgress: (s) =>
          repo.updateImportJob(db, id, {
            processedRows: s.processedRows,
            createdRows: s.createdRows,
            skippedRows: s.skippedRows,
            failedRows: s.failedRows,
          }),
      });
      await repo.updateImportJob(db, id, { ...summary, status: 'done', finishedAt: deps.now() });
    } catch (e) {
      const err =
        e instanceof CsvError
          ? { row: e.line, field: '(file)', reason: e.message }
          : e instanceof Problem
            ? {
                row: 1,
                field: e.extensions.errors?.[0]?.field ?? '(file)',
                reason: e.extensions.errors?.[0]?.message ?? e.detail ?? e.title,
              }
            : { row: 0, field: '(file)', reason: 'the import stopped: see the server log' };
      await repo.updateImportJob(db, id, { status: 'failed', errors: [err], finishedAt: deps.now() });
    }
    return jobView((await repo.findImportJob(db, id))!);
  })();
  return { job: jobView(job), done };
}

export async function getImportJob(deps: Deps, id: string) {
  const j = await repo.findImportJob(deps.database.db, id);
  if (!j) throw Problem.notFound('Import job');
  return jobView(j);
}

export async function listImportJobs(deps: Deps) {
  return (await repo.listImportJobs(deps.database.db, 50)).map(jobView);
}
