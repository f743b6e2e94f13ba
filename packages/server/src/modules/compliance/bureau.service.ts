// Credit-bureau furnishing: build the monthly file of a bureau format from servicing's book and
// customers' identities, validate it structurally, store it with its SHA-256, release it, and
// remember what was furnished per account so the next file carries corrections (payment
// reversals, dispute outcomes) and the 24-month payment history.
import { createHash, randomUUID } from 'node:crypto';
import { addMonthsIso } from '@bursar/core';
import type { Executor } from '../../db/database.ts';
import type { ActorContext, Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { creditIdentities, type CreditIdentity } from '../customers/index.ts';
import { creditReportingLoans, openBusinessDate, type CreditReportingLoan } from '../servicing/index.ts';
import * as repo from './bureau.repository.ts';
import type { BureauRunRow, NewFurnishedRow } from './bureau.repository.ts';
import { BUREAU_FORMATS, type RunValidationError } from './bureau.tables.ts';
import { metro2Date, metro2Text, renderMetro2File, validateMetro2, wholeUnits, type Values } from './metro2.ts';
import { renderPbocFile, validatePboc, yuan, type PbocAccount } from './pboc.ts';
import * as disputesRepo from './disputes.repository.ts';
import type { DisputeRow } from './disputes.repository.ts';

export type Bureau = (typeof BUREAU_FORMATS)[number];

/** Who the lender is to the bureaus (environment; documented in docs/operations.md). */
export function furnisherSettings() {
  const env = process.env;
  return {
    metro2Id: env.BURSAR_METRO2_FURNISHER_ID ?? 'BURSAR0000000001',
    reporterName: env.BURSAR_FURNISHER_NAME ?? 'BURSAR STUDENT LENDING',
    reporterAddress: env.BURSAR_FURNISHER_ADDRESS ?? '100 MAIN STREET, SUITE 200, WILMINGTON DE 19801',
    reporterPhone: (env.BURSAR_FURNISHER_PHONE ?? '3025550100').replace(/\D/g, ''),
    pbocOrgCode: env.BURSAR_PBOC_ORG_CODE ?? 'B0000H00000001',
  };
}

/** Which loans each format carries: Metro 2 the US dollar book, PBOC the renminbi book. */
const BUREAU_CURRENCY: Record<Bureau, string> = { metro2: 'USD', pboc: 'CNY' };
const TERMINAL = ['paid_off', 'closed', 'discharged', 'forgiven'];
const NO_PAYMENT_DUE = ['in_school', 'grace', 'deferment'];

export function isBureau(b: string): b is Bureau {
  return (BUREAU_FORMATS as readonly string[]).includes(b);
}

/** `YYYY-MM` → first and last day. */
export function cycleBounds(cycle: string): { start: string; end: string } {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(cycle)) throw Problem.badRequest('cycle', 'a month as YYYY-MM');
  const start = `${cycle}-01`;
  const next = addMonthsIso(start, 1);
  const end = new Date(Date.parse(`${next}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return { start, end };
}

const cycleMinus = (cycle: string, months: number) => addMonthsIso(`${cycle}-01`, -months).slice(0, 7);

/** Delinquency and state of one loan as every format sees it. */
interface AccountFacts {
  loan: CreditReportingLoan;
  person: CreditIdentity | undefined;
  deleted: boolean;
  /** An open dispute: Metro 2 XB / PBOC 异议标注. */
  disputed: boolean;
  /** Resolved disputes not yet furnished by a released run of this bureau. */
  outcomes: DisputeRow[];
  previousCompliance: string | null;
  previousLastPayment: string | null;
  firstReport: boolean;
  history: Map<string, string>;
  correction: string | null;
}

// ---- Metro 2 ------------------------------------------------------------------------------

/** Account status (17A), payment rating (17B) and this month's history character. */
export function metro2Status(l: CreditReportingLoan, deleted: boolean): { status: string; rating: string; history: string } {
  if (deleted) return { status: 'DA', rating: '', history: 'D' };
  if (l.state === 'charged_off') return { status: '97', rating: '', history: 'L' };
  if (TERMINAL.includes(l.state))
    return { status: '13', rating: l.chargedOffAmount > 0 ? 'L' : '0', history: 'E' };
  if (l.state === 'default') return { status: '93', rating: '', history: 'G' };
  const d = l.daysPastDue;
  if (d < 30) return { status: '11', rating: '', history: '0' };
  if (d < 60) return { status: '71', rating: '', history: '1' };
  if (d < 90) return { status: '78', rating: '', history: '2' };
  if (d < 120) return { status: '80', rating: '', history: '3' };
  if (d < 150) return { status: '82', rating: '', history: '4' };
  if (d < 180) return { status: '83', rating: '', history: '5' };
  return { status: '84', rating: '', history: '6' };
}

/** Compliance condition code (field 20): XB while a dispute is open; after, XH (investigation completed) or XR. */
export function complianceCode(f: Pick<AccountFacts, 'disputed' | 'outcomes' | 'previousCompliance'>): string {
  if (f.disputed) return 'XB';
  const latest = [...f.outcomes].sort((a, b) => +b.resolvedAt! - +a.resolvedAt!)[0];
  if (latest && latest.outcome !== 'frivolous') return 'XH';
  if (f.previousCompliance === 'XB') return 'XR';
  return '';
}

function splitName(legal: string): { surname: string; first: string; middle: string } {
  const parts = metro2Text(legal).split(' ').filter(Boolean);
  if (parts.length <= 1) return { surname: parts[0] ?? '', first: '', middle: '' };
  return { surname: parts[parts.length - 1]!, first: parts[0]!, middle: parts.slice(1, -1).join(' ') };
}

function metro2Base(f: AccountFacts, cycle: string, asOf: string, stamp: string): Values {
  const l = f.loan;
  const { status, rating } = metro2Status(l, f.deleted);
  const delinquent = ['71', '78', '80', '82', '83', '84', '93', '97'].includes(status);
  const deferred = NO_PAYMENT_DUE.includes(l.state);
  const closed = TERMINAL.includes(l.state);
  const freq = { 1: 'M', 3: 'Q', 6: 'S', 12: 'Y' }[l.frequencyMonths] ?? 'M';
  const months = Math.min(999, l.termInstalments * l.frequencyMonths);
  const name = splitName(f.person?.legalName ?? '');
  const addr = f.person?.address ?? null;
  const ssn = f.person?.nationalIdType === 'us_ssn' ? (f.person.nationalId ?? '').replace(/\D/g, '') : '';
  const profile = Array.from({ length: 24 }, (_, k) => {
    const c = cycleMinus(cycle, k + 1);
    const h = f.history.get(c);
    if (h) return h;
    return `${c}-31` < l.openedOn ? 'B' : 'D';
  }).join('');
  const balance = closed || f.deleted ? 0 : wholeUnits(l.currentBalance);
  return {
    timeStamp: stamp,
    correctionIndicator: '0',
    identificationNumber: furnisherSettings().metro2Id,
    consumerAccountNumber: l.loanNumber,
    portfolioType: 'I',
    accountType: '12',
    dateOpened: metro2Date(l.openedOn),
    creditLimit: 0,
    highestCredit: wholeUnits(l.disbursed),
    termsDuration: String(months).padStart(3, '0'),
    termsFrequency: deferred ? 'D' : freq,
    scheduledMonthlyPayment:
      deferred || closed || l.state === 'forbearance' ? 0 : wholeUnits(Math.floor(l.scheduledPayment / l.frequencyMonths)),
    actualPayment: wholeUnits(l.paidInCycle),
    accountStatus: status,
    paymentRating: rating,
    paymentHistoryProfile: profile,
    specialComment: l.state === 'forbearance' ? 'CP' : '',
    complianceConditionCode: complianceCode(f),
    currentBalance: balance,
    amountPastDue: status === '97' ? balance : delinquent ? Math.max(1, wholeUnits(l.amountPastDue)) : 0,
    originalChargeOffAmount: status === '97' ? Math.max(1, wholeUnits(l.chargedOffAmount || l.currentBalance)) : 0,
    dateOfAccountInformation: metro2Date(asOf),
    dateOfFirstDelinquency: delinquent ? metro2Date(l.oldestDueDate ?? l.stateSince) : '',
    dateClosed: closed ? metro2Date(l.stateSince) : '',
    dateOfLastPayment: metro2Date(l.lastPaymentDate),
    surname: name.surname,
    firstName: name.first,
    middleName: name.middle,
    socialSecurityNumber: /^\d{9}$/.test(ssn) ? ssn : '',
    dateOfBirth: metro2Date(f.person?.dateOfBirth),
    ecoaCode: '1',
    countryCode: (f.person?.country ?? 'US').slice(0, 2),
    firstLineOfAddress: addr?.line1 ?? '',
    secondLineOfAddress: addr?.line2 ?? '',
    city: addr?.city ?? f.person?.city ?? '',
    state: (addr?.region ?? f.person?.region ?? '').slice(0, 2),
    postalCode: (addr?.postalCode ?? '').replace(/[^0-9]/g, '').slice(0, 9),
  };
}

// ---- PBOC ---------------------------------------------------------------------------------

const PBOC_ID_TYPES: Record<string, string> = { cn_resident: '10', passport: '2' };

export function pbocStatus(l: CreditReportingLoan) {
  const overdPrd = l.daysPastDue > 0 ? Math.max(1, Math.ceil(l.daysPastDue / (30 * Math.max(1, l.frequencyMonths)))) : 0;
  let acct = '1';
  let rpy = 'N';
  if (l.state === 'charged_off') {
    acct = '4';
    rpy = 'G';
  } else if (TERMINAL.includes(l.state)) {
    acct = '3';
    rpy = l.chargedOffAmount > 0 ? 'G' : 'C';
  } else if (overdPrd > 0) {
    acct = '2';
    rpy = String(Math.min(overdPrd, 7));
  } else if (NO_PAYMENT_DUE.includes(l.state)) rpy = '*';
  const d = l.daysPastDue;
  const five =
    l.state === 'charged_off' ? '5' : d === 0 ? '1' : d <= 90 ? '2' : d <= 180 ? '3' : d <= 360 ? '4' : '5';
  return { acct, rpy, five, overdPrd };
}

function pbocAccount(f: AccountFacts, cycle: string, asOf: string): PbocAccount {
  const l = f.loan;
  const s = pbocStatus(l);
  const org = furnisherSettings().pbocOrgCode;
  const closed = s.acct === '3';
  const corrected = f.outcomes.some((o) => o.outcome === 'corrected') || f.correction !== null;
  const history =
    Array.from({ length: 23 }, (_, k) => f.history.get(cycleMinus(cycle, 23 - k)) ?? '#').join('') + s.rpy;
  const due = l.firstDueDate ? addMonthsIso(l.firstDueDate, (l.termInstalments - 1) * l.frequencyMonths) : '';
  return {
    BS: {
      InfRecType: '210',
      AcctType: 'D1',
      AcctCode: l.loanNumber,
      RptDate: asOf,
      RptDateCode: f.deleted || corrected ? '49' : f.firstReport ? '10' : closed ? '20' : '30',
      Name: f.person?.legalName ?? '',
      IDType: PBOC_ID_TYPES[f.person?.nationalIdType ?? ''] ?? 'X',
      IDNum: f.person?.nationalId ?? '',
      MngmtOrgCode: org,
      CorrFlag: f.deleted ? '2' : corrected ? '1' : '0',
    },
    IS: {
      BusiLines: '1',
      BusiDtlLines: l.productCode.startsWith('CN-NSL') ? '32' : '31',
      OpenDate: l.openedOn,
      Cy: 'CNY',
      LoanAmt: yuan(l.disbursed),
      DueDate: due,
      RepayMode: { annuity: '11', 'equal-principal': '12', 'interest-only': '13' }[l.repayMethod] ?? '90',
      RepayFrqcy: { 1: '03', 3: '04', 6: '05', 12: '06' }[l.frequencyMonths] ?? '99',
      RepayPrd: l.termInstalments,
      GuarMode: '4',
    },
    MS: {
      Month: cycle,
      SettDate: asOf,
      AcctStatus: s.acct,
      AcctBal: closed ? 0 : yuan(l.currentBalance),
      FiveCate: s.five,
      RemRepPrd: l.instalmentsRemaining,
      RpyStatus: s.rpy,
      OverdPrd: s.overdPrd,
      TotOverd: s.overdPrd > 0 ? Math.max(1, yuan(l.amountPastDue)) : 0,
      CurRpyAmt: NO_PAYMENT_DUE.includes(l.state) || closed ? 0 : yuan(l.scheduledPayment),
      ActRpyAmt: yuan(l.paidInCycle),
      LatRpyDate: l.lastPaymentDate ?? '',
      CloseDate: closed ? l.stateSince : '',
      RpyStatus24: history,
      DisputeFlag: f.disputed ? '1' : '0',
    },
  };
}

// ---- building a file ----------------------------------------------------------------------

export interface BuiltFile {
  bureau: Bureau;
  cycle: string;
  asOf: string;
  fileName: string;
  content: string;
  sha256: string;
  errors: RunValidationError[];
  furnished: Omit<NewFurnishedRow, 'runId'>[];
  totals: Record<string, number>;
}

export async function buildFile(deps: Deps, db: Executor, bureau: Bureau, cycle: string, at: Date): Promise<BuiltFile> {
  const { start, end } = cycleBounds(cycle);
  const businessDate = await openBusinessDate(deps, db);
  if (start > businessDate) throw Problem.badRequest('cycle', `the cycle has not begun (business date ${businessDate})`);
  const asOf = end < businessDate ? end : businessDate;
  const loans = (await creditReportingLoans(db, start, asOf)).filter((l) => l.currency === BUREAU_CURRENCY[bureau]);
  const ids = loans.map((l) => l.loanId);
  const people = await creditIdentities(deps, db, loans.map((l) => l.customerId));
  const deleted = await repo.deletedLoans(db, bureau);
  const prior = await repo.releasedHistory(db, bureau, ids, cycleMinus(cycle, 24), cycle);
  const byLoan = new Map<string, typeof prior>();
  for (const r of prior) byLoan.set(r.loanId, [...(byLoan.get(r.loanId) ?? []), r]);
  const disputes = await disputesRepo.disputesOfLoans(db, ids);
  const disputesByLoan = new Map<string, DisputeRow[]>();
  for (const d of disputes) disputesByLoan.set(d.loanId, [...(disputesByLoan.get(d.loanId) ?? []), d]);

  const stamp = at.toISOString();
  const metroStamp = `${stamp.slice(5, 7)}${stamp.slice(8, 10)}${stamp.slice(0, 4)}${stamp.slice(11, 13)}${stamp.slice(14, 16)}${stamp.slice(17, 19)}`;
  const furnished: BuiltFile['furnished'] = [];
  const bases: Values[] = [];
  const pboc: PbocAccount[] = [];
  for (const l of loans) {
    if (deleted.has(l.loanId)) continue;
    const history = [...(byLoan.get(l.loanId) ?? [])].sort((a, b) => (a.cycle < b.cycle ? -1 : 1));
    const last = history[history.length - 1];
    const lastGenerated = last?.generatedAt ?? new Date(0);
    const own = disputesByLoan.get(l.loanId) ?? [];
    const outcomes = own.filter(
      (d) => d.status === 'resolved' && d.resolvedAt! >= lastGenerated && d.resolvedAt! <= at,
    );
    const isDeleted = outcomes.some((d) => d.outcome === 'deleted');
    const previousLastPayment = (last?.data.lastPaymentDate as string | null | undefined) ?? null;
    const reasons: string[] = [];
    if (l.reversedEarlier > 0 || (previousLastPayment && (l.lastPaymentDate ?? '') < previousLastPayment))
      reasons.push('payment-reversal');
    for (const d of outcomes) reasons.push(`dispute-${d.outcome}:${d.reference}`);
    const facts: AccountFacts = {
      loan: l,
      person: people.get(l.customerId),
      deleted: isDeleted,
      disputed: own.some((d) => d.status === 'open' && d.receivedAt <= at),
      outcomes,
      previousCompliance: last?.complianceCode ?? null,
      previousLastPayment,
      firstReport: !last,
      history: new Map(history.map((h) => [h.cycle, h.historyCode])),
      correction: reasons.length ? reasons.join('; ') : null,
    };
    let statusCode: string;
    let historyCode: string;
    let compliance: string | null;
    let data: Record<string, string | number | null>;
    if (bureau === 'metro2') {
      const b = metro2Base(facts, cycle, asOf, metroStamp);
      bases.push(b);
      statusCode = String(b.accountStatus);
      historyCode = metro2Status(l, isDeleted).history;
      compliance = String(b.complianceConditionCode) || null;
      data = pick(b, [
        'accountStatus', 'paymentRating', 'specialComment', 'complianceConditionCode', 'currentBalance',
        'amountPastDue', 'actualPayment', 'scheduledMonthlyPayment', 'paymentHistoryProfile', 'dateClosed',
        'dateOfFirstDelinquency', 'termsFrequency',
      ]);
    } else {
      const a = pbocAccount(facts, cycle, asOf);
      pboc.push(a);
      statusCode = isDeleted ? 'DA' : String(a.MS.AcctStatus);
      historyCode = String(a.MS.RpyStatus);
      compliance = a.MS.DisputeFlag === '1' ? 'XB' : null;
      data = {
        ...pick(a.MS, ['AcctStatus', 'AcctBal', 'FiveCate', 'RpyStatus', 'OverdPrd', 'TotOverd', 'ActRpyAmt', 'DisputeFlag']),
        ...pick(a.BS, ['RptDateCode', 'CorrFlag']),
      };
    }
    data.lastPaymentDate = l.lastPaymentDate;
    furnished.push({
      bureau,
      cycle,
      loanId: l.loanId,
      customerId: l.customerId,
      statusCode,
      historyCode,
      complianceCode: compliance,
      data,
      digest: createHash('sha256').update(JSON.stringify(data)).digest('hex'),
      correction: facts.correction,
    });
  }
  const s = furnisherSettings();
  let content: string;
  let errors: RunValidationError[];
  if (bureau === 'metro2') {
    content = renderMetro2File(
      {
        activityDate: metro2Date(asOf),
        dateCreated: metro2Date(stamp.slice(0, 10)),
        reporterName: s.reporterName,
        reporterAddress: s.reporterAddress,
        reporterTelephone: s.reporterPhone.slice(0, 10),
        softwareVendorName: 'BURSAR',
        softwareVersion: '1.0',
      },
      bases,
    );
    errors = validateMetro2(content);
  } else {
    content = renderPbocFile({ MngmtOrgCode: s.pbocOrgCode, RptMonth: cycle, GenTime: stamp.slice(0, 19) }, pboc);
    errors = validatePboc(content);
  }
  const totals: Record<string, number> = {};
  for (const r of furnished) totals[`status:${r.statusCode}`] = (totals[`status:${r.statusCode}`] ?? 0) + 1;
  return {
    bureau,
    cycle,
    asOf,
    fileName: bureau === 'metro2' ? `METRO2-${cycle}.txt` : `PBOC-D1-${cycle}.txt`,
    content,
    sha256: createHash('sha256').update(content, 'utf8').digest('hex'),
    errors,
    furnished,
    totals,
  };
}

function pick<T extends Record<string, unknown>>(o: T, keys: string[]): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const k of keys) {
    const v = o[k];
    out[k] = typeof v === 'number' ? v : typeof v === 'string' ? v : null;
  }
  return out;
}

// ---- use cases ----------------------------------------------------------------------------

export function runView(r: Omit<BureauRunRow, 'content'>) {
  return {
    id: r.id,
    bureau: r.bureau,
    cycle: r.cycle,
    asOf: r.asOf,
    status: r.status,
    fileName: r.fileName,
    sha256: r.sha256,
    accounts: r.accounts,
    corrections: r.corrections,
    disputed: r.disputed,
    errorCount: r.errors.length,
    errors: r.errors.slice(0, 200),
    totals: r.totals,
    generatedAt: r.generatedAt.toISOString(),
    releasedAt: r.releasedAt?.toISOString() ?? null,
  };
}
export type RunView = ReturnType<typeof runView>;

/** Build and validate without storing anything. */
export async function previewRun(deps: Deps, bureau: Bureau, cycle: string) {
  const f = await buildFile(deps, deps.database.db, bureau, cycle, deps.now());
  return {
    bureau,
    cycle,
    asOf: f.asOf,
    accounts: f.furnished.length,
    corrections: f.furnished.filter((r) => r.correction).length,
    disputed: f.furnished.filter((r) => r.complianceCode === 'XB').length,
    valid: f.errors.length === 0,
    errors: f.errors.slice(0, 200),
    errorCount: f.errors.length,
    sha256: f.sha256,
    totals: f.totals,
  };
}

/**
 * Generate (or regenerate) the run of a bureau and cycle and store it. Idempotent per bureau +
 * cycle: a released run is returned as it is; an unreleased one is replaced by a fresh build.
 */
export async function generateRun(deps: Deps, ctx: ActorContext, bureau: Bureau, cycle: string): Promise<RunView> {
  return deps.database.db.transaction(async (tx) => {
    const existing = await repo.findRunForCycle(tx, bureau, cycle, true);
    if (existing?.status === 'released') return runView(existing);
    const at = deps.now();
    const f = await buildFile(deps, tx, bureau, cycle, at);
    if (existing) await repo.deleteRun(tx, existing.id);
    const id = randomUUID();
    const row = {
      id,
      bureau,
      cycle,
      asOf: f.asOf,
      status: f.errors.length ? ('invalid' as const) : ('validated' as const),
      fileName: f.fileName,
      content: Buffer.from(f.content, 'utf8'),
      sha256: f.sha256,
      accounts: f.furnished.length,
      corrections: f.furnished.filter((r) => r.correction).length,
      disputed: f.furnished.filter((r) => r.complianceCode === 'XB').length,
      errors: f.errors,
      totals: f.totals,
      generatedBy: ctx.actorId,
      generatedAt: at,
    };
    await repo.insertRun(tx, row);
    await repo.insertFurnished(
      tx,
      f.furnished.map((r) => ({ ...r, runId: id })),
    );
    await recordAudit(tx, ctx, at, {
      action: 'bureau_run.generated',
      entityType: 'bureau_run',
      entityId: id,
      after: { bureau, cycle, status: row.status, sha256: f.sha256, accounts: row.accounts, errors: f.errors.length },
    });
    return runView({ ...row, releasedAt: null, releasedBy: null });
  });
}

export async function listRunViews(deps: Deps, bureau?: Bureau, limit = 50): Promise<RunView[]> {
  return (await repo.listRuns(deps.database.db, limit, bureau)).map(runView);
}

export async function getRun(deps: Deps, id: string) {
  const db = deps.database.db;
  const r = await repo.findRun(db, id);
  if (!r) throw Problem.notFound('Bureau run');
  const accounts = await repo.furnishedOfRun(db, id);
  return {
    ...runView(r),
    furnished: accounts
      .sort((a, b) => (a.correction ? 0 : 1) - (b.correction ? 0 : 1) || a.loanId.localeCompare(b.loanId))
      .slice(0, 500)
      .map((a) => ({
        loanId: a.loanId,
        customerId: a.customerId,
        statusCode: a.statusCode,
        historyCode: a.historyCode,
        complianceCode: a.complianceCode,
        correction: a.correction,
      })),
  };
}

/** Release a validated run: the file is re-validated from its stored bytes and its checksum re-checked. */
export async function releaseRun(deps: Deps, ctx: ActorContext, id: string): Promise<RunView> {
  return deps.database.db.transaction(async (tx) => {
    const r = await repo.findRun(tx, id, true);
    if (!r) throw Problem.notFound('Bureau run');
    if (r.status === 'released') return runView(r);
    const content = Buffer.from(r.content).toString('utf8');
    const errors = r.bureau === 'metro2' ? validateMetro2(content) : validatePboc(content);
    const sha = createHash('sha256').update(content, 'utf8').digest('hex');
    if (sha !== r.sha256) throw Problem.conflict('checksum-mismatch', 'The stored file no longer matches its checksum', 'id');
    if (errors.length) {
      throw new Problem(
        409,
        'file-invalid',
        'Conflict',
        `The file fails validation (${errors.length} errors); fix the data and generate it again`,
        { errors: errors.slice(0, 50).map((e) => ({ field: `record ${e.record}: ${e.field}`, message: e.message })) },
      );
    }
    const at = deps.now();
    const updated = await repo.updateRun(tx, id, { status: 'released', releasedAt: at, releasedBy: ctx.actorId });
    const outcomeIds = (await repo.furnishedOfRun(tx, id)).filter((f) => f.correction?.includes('dispute-'));
    const disputes = await disputesRepo.disputesOfLoans(tx, outcomeIds.map((f) => f.loanId));
    await disputesRepo.markFurnished(
      tx,
      disputes.filter((d) => d.status === 'resolved' && d.resolvedAt! <= r.generatedAt).map((d) => d.id),
      id,
    );
    await recordAudit(tx, ctx, at, {
      action: 'bureau_run.released',
      entityType: 'bureau_run',
      entityId: id,
      before: { status: r.status },
      after: { status: 'released', sha256: r.sha256, bureau: r.bureau, cycle: r.cycle },
    });
    return runView(updated);
  });
}

/** The file's bytes for download; handing out a file of personal data is audited. */
export async function downloadRun(deps: Deps, ctx: ActorContext, id: string) {
  return deps.database.db.transaction(async (tx) => {
    const r = await repo.findRun(tx, id);
    if (!r) throw Problem.notFound('Bureau run');
    await recordAudit(tx, ctx, deps.now(), {
      action: 'bureau_run.downloaded',
      entityType: 'bureau_run',
      entityId: id,
      after: { sha256: r.sha256 },
    });
    return { fileName: r.fileName, content: Buffer.from(r.content), sha256: r.sha256 };
  });
}

/** The previous month of the lender's business date: what the monthly job furnishes. */
export async function lastClosedCycle(deps: Deps): Promise<string> {
  const bd = await openBusinessDate(deps);
  return cycleMinus(bd.slice(0, 7), 1);
}
