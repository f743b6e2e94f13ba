// Regulator reporting: EAST-style tables, NSLDS-style loan-level records and the complaint
// register. Each run builds its files, validates them (fields, code lists, dates, record layout,
// totals reconciled to the ledger) before release, and is logged with its SHA-256 checksum.
// Runs are idempotent per report+period (the same content returns the same run); a re-run whose
// content changed adds a version, and every version stays. Files are stored encrypted.
import { randomUUID } from 'node:crypto';
import { addDays, addMonthsIso, CsvError, isValidIsoDate, parseCsv, parseMoney } from '@bursar/core';
import type { ActorContext, Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { customerContacts } from '../customers/index.ts';
import { complaintRegister, complaintRegisterCsv } from '../service-desk/index.ts';
import {
  listLoans,
  openBusinessDate,
  STAFF_ACCESS,
  trialBalance,
  type LoanView,
} from '../servicing/index.ts';
import {
  eastDate,
  eastFile,
  eastLoanStatus,
  fiveTierClass,
  percentOf,
  sumAmounts,
  validateEastTable,
} from './east.format.ts';
import { fixedRecord, nsldsStatus, validateNsldsFile } from './nslds.format.ts';
import { assertExportAllowed, type DataRegion } from './residency.ts';
import * as repo from './retention.repository.ts';
import type { ReportRunRow } from './retention.repository.ts';
import { sha256 } from './retention.service.ts';
import type { ValidationIssue } from './retention.tables.ts';

export const REGULATOR_REPORTS = ['east', 'nslds', 'complaints'] as const;
export type RegulatorReport = (typeof REGULATOR_REPORTS)[number];

/** Where each report goes by default: the supervisor's country. */
export const REPORT_DESTINATION: Record<RegulatorReport, DataRegion | null> = {
  east: 'cn',
  nslds: 'us',
  complaints: null,
};
/** The reporting institution's id in NSLDS-style headers. */
export const NSLDS_REPORTER_ID = 'BURSAR01';
const LEDGER_PRINCIPAL = '1100';

export interface BuiltReport {
  files: { name: string; content: string }[];
  issues: ValidationIssue[];
  totals: Record<string, string | number>;
}

async function allLoans(deps: Deps): Promise<LoanView[]> {
  const out: LoanView[] = [];
  for (let offset = 0; ; offset += 500) {
    const { items } = await listLoans(deps, STAFF_ACCESS, {}, { limit: 500, offset });
    out.push(...items);
    if (items.length < 500) return out;
  }
}

/** Principal outstanding per currency on the ledger's principal account (minor units). */
async function ledgerPrincipal(deps: Deps): Promise<Map<string, bigint>> {
  const tb = await trialBalance(deps);
  const out = new Map<string, bigint>();
  for (const a of tb.accounts)
    if (a.account === LEDGER_PRINCIPAL) out.set(a.currency, BigInt(parseMoney(a.balance, a.currency)));
  return out;
}

const minor = (amount: string, currency: string) => BigInt(parseMoney(amount, currency));
const major2 = (m: bigint) => {
  const s = (m < 0n ? -m : m).toString().padStart(3, '0');
  return `${m < 0n ? '-' : ''}${s.slice(0, -2)}.${s.slice(-2)}`;
};

function maturityOf(l: LoanView): string {
  const r = l.repayment;
  if (!r.nextDueDate || r.instalmentsTotal <= 0) return '';
  return addMonthsIso(r.nextDueDate, Math.max(0, r.instalmentsTotal - r.nextInstalment) * r.frequencyMonths);
}

function reconcileIssues(
  file: string,
  field: string,
  fileTotals: Map<string, bigint>,
  ledger: Map<string, bigint>,
  currencies: string[] | null,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const keys = new Set([
    ...fileTotals.keys(),
    ...[...ledger.keys()].filter((c) => !currencies || currencies.includes(c)),
  ]);
  for (const c of keys) {
    const a = fileTotals.get(c) ?? 0n;
    const b = ledger.get(c) ?? 0n;
    if (a !== b)
      issues.push({
        file,
        line: 0,
        field,
        message: `total ${c} ${major2(a)} differs from ledger account ${LEDGER_PRINCIPAL} ${major2(b)}`,
      });
  }
  return issues;
}

export async function buildEast(deps: Deps, period: string, dataDate: string): Promise<BuiltReport> {
  const loans = await allLoans(deps);
  const contacts = await customerContacts(
    deps,
    deps.database.db,
    loans.map((l) => l.customerId),
  );
  const cj = eastDate(dataDate);
  const khh = (id: string) => id.replaceAll('-', '');
  const loanRows = loans.map((l) => [
    l.loanNumber,
    khh(l.customerId),
    l.currency,
    l.disbursed,
    l.balances.principal,
    fiveTierClass(l.delinquency.daysPastDue, l.state === 'charged_off'),
    percentOf(l.annualRate),
    eastDate(l.openedOn),
    eastDate(maturityOf(l)),
    eastLoanStatus(l.state, l.delinquency.daysPastDue),
    String(l.delinquency.daysPastDue),
    cj,
  ]);
  const customerIds = [...new Set(loans.map((l) => l.customerId))].sort();
  const customerRows = customerIds.map((id) => {
    const c = contacts.get(id);
    return [khh(id), c?.legalName ?? '', c?.country ?? '', c?.region ?? '', cj];
  });
  const files = [
    { name: `GRKHXX_${period.replace('-', '')}.txt`, content: eastFile(customerRows) },
    { name: `GRXDJJ_${period.replace('-', '')}.txt`, content: eastFile(loanRows) },
  ];
  return validateEast(files, await ledgerPrincipal(deps));
}

/** Validate both EAST tables: fields, code lists, dates, customer references, totals to the ledger. */
export function validateEast(
  files: { name: string; content: string }[],
  ledger: Map<string, bigint>,
): BuiltReport {
  const [kh, jj] = files as [{ name: string; content: string }, { name: string; content: string }];
  const customers = validateEastTable('GRKHXX', kh.name, kh.content);
  const loans = validateEastTable('GRXDJJ', jj.name, jj.content);
  const issues = [...customers.issues, ...loans.issues];
  const known = new Set(customers.records.map((r) => r.KHH));
  loans.records.forEach((r, k) => {
    if (r.KHH && !known.has(r.KHH))
      issues.push({
        file: jj.name,
        line: k + 1,
        field: 'KHH',
        message: '客户号 is not in the customer table',
      });
    if (r.DQRQ && r.FFRQ && r.DQRQ < r.FFRQ)
      issues.push({ file: jj.name, line: k + 1, field: 'DQRQ', message: '到期日期 before 发放日期' });
  });
  const balances = sumAmounts(loans.records, 'DKYE', 'BZ');
  issues.push(...reconcileIssues(jj.name, 'DKYE', balances, ledger, null));
  const totals: Record<string, string | number> = {
    customers: customers.records.length,
    loans: loans.records.length,
  };
  for (const [c, v] of balances) totals[`principal_${c}`] = major2(v);
  return { files, issues, totals };
}

export async function buildNslds(deps: Deps, period: string, dataDate: string): Promise<BuiltReport> {
  const loans = (await allLoans(deps)).filter((l) => l.currency === 'USD');
  const d = eastDate(dataDate);
  let principal = 0n;
  let interest = 0n;
  const details = loans.map((l) => {
    const p = minor(l.balances.principal, l.currency);
    const i = minor(l.balances.interestAccrued, l.currency) + minor(l.balances.interestDue, l.currency);
    principal += p;
    interest += i;
    return fixedRecord('D', {
      loanId: l.loanNumber,
      borrowerRef: deps.cipher.blindIndex(`nslds:${l.customerId}`).slice(0, 12).toUpperCase(),
      loanType: l.phases.interestMode === 'subsidy' ? 'D1' : 'D2',
      loanStatus: nsldsStatus(l.state),
      statusEffectiveDate: eastDate(l.stateSince),
      disbursedAmount: minor(l.disbursed, l.currency).toString(),
      firstDisbursementDate: eastDate(l.openedOn),
      outstandingPrincipal: p.toString(),
      outstandingInterest: i.toString(),
      balanceDate: d,
    });
  });
  const content = [
    fixedRecord('H', {
      reporterId: NSLDS_REPORTER_ID,
      fileDate: d,
      reportingPeriod: period.replace('-', ''),
    }),
    ...details,
    fixedRecord('T', {
      detailCount: details.length,
      totalPrincipal: principal.toString(),
      totalInterest: interest.toString(),
    }),
  ]
    .map((r) => `${r}\n`)
    .join('');
  const files = [{ name: `NSLDS_${period.replace('-', '')}.dat`, content }];
  return validateNslds(files, await ledgerPrincipal(deps));
}

export function validateNslds(
  files: { name: string; content: string }[],
  ledger: Map<string, bigint>,
): BuiltReport {
  const f = files[0]!;
  const { issues, totals } = validateNsldsFile(f.name, f.content);
  issues.push(
    ...reconcileIssues(f.name, 'outstandingPrincipal', new Map([['USD', totals.totalPrincipal]]), ledger, [
      'USD',
    ]),
  );
  return {
    files,
    issues,
    totals: {
      loans: totals.detailCount,
      principal_USD: major2(totals.totalPrincipal),
      interest_USD: major2(totals.totalInterest),
    },
  };
}

const REGISTER_HEADER =
  'reference,receivedOn,channel,customerName,category,product,school,subject,rootCauses,status,priority,firstResponseAt,regulatoryDueDate,resolvedOn,withinDeadline,resolutionSummary,satisfaction';

export async function buildComplaints(deps: Deps, period: string): Promise<BuiltReport> {
  const from = `${period}-01`;
  // The register's period is inclusive: the first to the last day of the month.
  const last = addDays(addMonthsIso(from, 1), -1);
  const content = await complaintRegisterCsv(deps, { from, to: last });
  const expected = (await complaintRegister(deps, { from, to: last })).length;
  return validateComplaints(
    [{ name: `COMPLAINTS_${period.replace('-', '')}.csv`, content }],
    period,
    expected,
  );
}

export function validateComplaints(
  files: { name: string; content: string }[],
  period: string,
  expectedRows: number,
): BuiltReport {
  const f = files[0]!;
  const issues: ValidationIssue[] = [];
  const issue = (line: number, field: string, message: string) =>
    issues.push({ file: f.name, line, field, message });
  let rows = 0;
  let late = 0;
  try {
    let header = true;
    for (const rec of parseCsv(f.content)) {
      if (header) {
        if (rec.cells.join(',') !== REGISTER_HEADER)
          issue(rec.line, '(header)', 'columns differ from the register layout');
        header = false;
        continue;
      }
      rows += 1;
      const [reference, receivedOn, , , , , , , , status, , , due, resolvedOn, within] = rec.cells;
      if (rec.cells.length !== 17)
        issue(rec.line, '(row)', `${rec.cells.length} fields, the register has 17`);
      if (!reference) issue(rec.line, 'reference', 'required');
      if (!receivedOn || !isValidIsoDate(receivedOn)) issue(rec.line, 'receivedOn', 'not a date YYYY-MM-DD');
      else if (!receivedOn.startsWith(period)) issue(rec.line, 'receivedOn', `outside the period ${period}`);
      if (!due || !isValidIsoDate(due)) issue(rec.line, 'regulatoryDueDate', 'not a date YYYY-MM-DD');
      if (resolvedOn && !isValidIsoDate(resolvedOn)) issue(rec.line, 'resolvedOn', 'not a date YYYY-MM-DD');
      if (!status) issue(rec.line, 'status', 'required');
      if (!['yes', 'no', ''].includes(within ?? ''))
        issue(rec.line, 'withinDeadline', 'must be yes, no or empty');
      if (within === 'no') late += 1;
    }
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    issue(e.line, '(file)', e.message);
  }
  if (rows !== expectedRows) issue(0, '(file)', `${rows} rows, the register holds ${expectedRows}`);
  return { files, issues, totals: { complaints: rows, answeredLate: late } };
}

// ---------------------------------------------------------------------------------------------

export interface ReportRunView {
  id: string;
  report: RegulatorReport;
  period: string;
  version: number;
  status: ReportRunRow['status'];
  destinationRegion: string;
  files: ReportRunRow['files'];
  issues: ValidationIssue[];
  totals: Record<string, string | number>;
  sha256: string;
  createdBy: string | null;
  createdAt: string;
}

function runView(r: ReportRunRow): ReportRunView {
  return {
    id: r.id,
    report: r.report,
    period: r.period,
    version: r.version,
    status: r.status,
    destinationRegion: r.destinationRegion,
    files: r.files,
    issues: r.issues,
    totals: r.totals,
    sha256: r.sha256,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
  };
}

export interface RunReportInput {
  report: RegulatorReport;
  /** YYYY-MM. */
  period: string;
  destinationRegion?: DataRegion | undefined;
}

/** Build, validate and log a report run; the same content for the same report+period returns the existing run. */
export async function runRegulatorReport(
  deps: Deps,
  ctx: ActorContext,
  input: RunReportInput,
): Promise<ReportRunView> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(input.period)) throw Problem.badRequest('period', 'must be YYYY-MM');
  const destination =
    input.destinationRegion ?? REPORT_DESTINATION[input.report] ?? deps.config.dataRegion ?? 'cn';
  await assertExportAllowed(deps, destination);
  const dataDate = await openBusinessDate(deps);
  const built =
    input.report === 'east'
      ? await buildEast(deps, input.period, dataDate)
      : input.report === 'nslds'
        ? await buildNslds(deps, input.period, dataDate)
        : await buildComplaints(deps, input.period);
  const metas = built.files.map((f) => ({
    name: f.name,
    sha256: sha256(f.content),
    records: f.content.split('\n').filter(Boolean).length,
    bytes: Buffer.byteLength(f.content),
  }));
  const runSha = sha256(metas.map((m) => `${m.name}:${m.sha256}\n`).join(''));
  const status = built.issues.length ? ('rejected' as const) : ('released' as const);
  const row = await deps.database.db.transaction(async (tx) => {
    await repo.lockReportPeriod(tx, input.report, input.period);
    const latest = await repo.latestReportRun(tx, input.report, input.period);
    if (latest && latest.sha256 === runSha && latest.status === status) return latest;
    const at = deps.now();
    const id = randomUUID();
    const r = await repo.insertReportRun(
      tx,
      {
        id,
        report: input.report,
        period: input.period,
        version: (latest?.version ?? 0) + 1,
        status,
        destinationRegion: destination,
        files: metas,
        issues: built.issues.slice(0, 500),
        totals: built.totals,
        sha256: runSha,
        createdBy: ctx.actorName,
        createdAt: at,
      },
      // Extracts hold personal data: encrypted at rest like the customers module's fields.
      built.files.map((f) => ({ name: f.name, content: deps.cipher.encrypt(f.content) })),
    );
    await recordAudit(tx, ctx, at, {
      action: status === 'released' ? 'regulator_report.released' : 'regulator_report.rejected',
      entityType: 'regulator_report_run',
      entityId: id,
      after: {
        report: input.report,
        period: input.period,
        version: r.version,
        sha256: runSha,
        issues: built.issues.length,
      },
    });
    return r;
  });
  return runView(row);
}

export async function listRegulatorRuns(deps: Deps, limit = 100): Promise<ReportRunView[]> {
  return (await repo.listReportRuns(deps.database.db, limit)).map(runView);
}

export async function getRegulatorRun(deps: Deps, id: string): Promise<ReportRunView> {
  const r = await repo.findReportRun(deps.database.db, id);
  if (!r) throw Problem.notFound('Report run');
  return runView(r);
}

/** A released run's file, decrypted; its checksum is verified against the logged one. */
export async function regulatorFile(
  deps: Deps,
  ctx: ActorContext,
  id: string,
  name: string,
): Promise<{ name: string; content: string; sha256: string }> {
  const db = deps.database.db;
  const run = await repo.findReportRun(db, id);
  if (!run) throw Problem.notFound('Report run');
  if (run.status !== 'released')
    throw Problem.conflict(
      'report-rejected',
      'The run failed validation: its files are not released',
      'status',
    );
  const meta = run.files.find((f) => f.name === name);
  const file = meta && (await repo.reportFile(db, id, name));
  if (!meta || !file) throw Problem.notFound('Report file');
  await assertExportAllowed(deps, run.destinationRegion as DataRegion);
  const content = deps.cipher.decrypt(file.content);
  const sha = sha256(content);
  if (sha !== meta.sha256)
    throw new Problem(500, 'checksum-mismatch', 'Stored file does not match its checksum');
  await db.transaction(async (tx) =>
    recordAudit(tx, ctx, deps.now(), {
      action: 'regulator_report.downloaded',
      entityType: 'regulator_report_run',
      entityId: id,
      after: { file: name, sha256: sha },
    }),
  );
  return { name, content, sha256: sha };
}
