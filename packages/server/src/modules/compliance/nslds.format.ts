// NSLDS-style loan-level reporting of US federal student loans: fixed-width records of 200
// characters (LF-terminated): one header, one detail record per loan, one trailer with counts and
// totals. The layout is data (NSLDS_LAYOUT) so builder, validator and user guide agree.
// Pure: rows in, file text out; file text in, validation issues out.
import { isValidIsoDate } from '@bursar/core';
import type { ValidationIssue } from './retention.tables.ts';

export const NSLDS_RECORD_LENGTH = 200;

export interface FixedField {
  name: string;
  /** 1-based first position and length, as published layouts give them. */
  start: number;
  length: number;
  type: 'alpha' | 'numeric' | 'date' | 'code' | 'filler';
  codes?: readonly string[];
}

/**
 * Loan status codes (NSLDS loan status values where one exists): IS in school, IG in grace,
 * RP in repayment, DA deferred, FB forbearance, DF defaulted, DU defaulted and written off
 * (unresolved), DI discharged, FG forgiven (local code), PF paid in full, CA closed/cancelled.
 */
export const NSLDS_STATUS_CODES = ['IS', 'IG', 'RP', 'DA', 'FB', 'DF', 'DU', 'DI', 'FG', 'PF', 'CA'] as const;

export function nsldsStatus(state: string): (typeof NSLDS_STATUS_CODES)[number] {
  const map: Record<string, (typeof NSLDS_STATUS_CODES)[number]> = {
    in_school: 'IS',
    grace: 'IG',
    repayment: 'RP',
    deferment: 'DA',
    forbearance: 'FB',
    default: 'DF',
    charged_off: 'DU',
    discharged: 'DI',
    forgiven: 'FG',
    paid_off: 'PF',
    closed: 'CA',
  };
  const code = map[state];
  if (!code) throw new Error(`no NSLDS status for loan state ${state}`);
  return code;
}

export const NSLDS_LAYOUT = {
  H: [
    { name: 'recordType', start: 1, length: 1, type: 'code', codes: ['H'] },
    { name: 'reporterId', start: 2, length: 8, type: 'alpha' },
    { name: 'fileDate', start: 10, length: 8, type: 'date' },
    { name: 'reportingPeriod', start: 18, length: 6, type: 'numeric' },
    { name: 'filler', start: 24, length: 177, type: 'filler' },
  ],
  D: [
    { name: 'recordType', start: 1, length: 1, type: 'code', codes: ['D'] },
    { name: 'loanId', start: 2, length: 20, type: 'alpha' },
    { name: 'borrowerRef', start: 22, length: 12, type: 'alpha' },
    { name: 'loanType', start: 34, length: 2, type: 'code', codes: ['D1', 'D2'] },
    { name: 'loanStatus', start: 36, length: 2, type: 'code', codes: NSLDS_STATUS_CODES },
    { name: 'statusEffectiveDate', start: 38, length: 8, type: 'date' },
    { name: 'disbursedAmount', start: 46, length: 12, type: 'numeric' },
    { name: 'firstDisbursementDate', start: 58, length: 8, type: 'date' },
    { name: 'outstandingPrincipal', start: 66, length: 12, type: 'numeric' },
    { name: 'outstandingInterest', start: 78, length: 12, type: 'numeric' },
    { name: 'balanceDate', start: 90, length: 8, type: 'date' },
    { name: 'filler', start: 98, length: 103, type: 'filler' },
  ],
  T: [
    { name: 'recordType', start: 1, length: 1, type: 'code', codes: ['T'] },
    { name: 'detailCount', start: 2, length: 9, type: 'numeric' },
    { name: 'totalPrincipal', start: 11, length: 15, type: 'numeric' },
    { name: 'totalInterest', start: 26, length: 15, type: 'numeric' },
    { name: 'filler', start: 41, length: 160, type: 'filler' },
  ],
} as const satisfies Record<'H' | 'D' | 'T', readonly FixedField[]>;
type Kind = keyof typeof NSLDS_LAYOUT;

/** Lay out one record: alpha left-justified space-filled, numeric right-justified zero-filled. */
export function fixedRecord(kind: Kind, values: Record<string, string | number>): string {
  let out = '';
  for (const f of NSLDS_LAYOUT[kind] as readonly FixedField[]) {
    const raw = f.name === 'recordType' ? kind : String(values[f.name] ?? '');
    if (f.type === 'filler') out += ' '.repeat(f.length);
    else if (f.type === 'numeric') {
      if (!/^\d*$/.test(raw) || raw.length > f.length)
        throw new Error(`${f.name}: ${raw} does not fit ${f.length} digits`);
      out += raw.padStart(f.length, '0');
    } else {
      if (raw.length > f.length) throw new Error(`${f.name}: longer than ${f.length}`);
      out += raw.padEnd(f.length, ' ');
    }
  }
  return out;
}

const dateOk = (v: string) =>
  /^\d{8}$/.test(v) && isValidIsoDate(`${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}`);

export interface NsldsTotals {
  detailCount: number;
  totalPrincipal: bigint;
  totalInterest: bigint;
}

/** Validate record lengths, positions, codes, dates, and the trailer against the details. */
export function validateNsldsFile(
  fileName: string,
  text: string,
): { issues: ValidationIssue[]; totals: NsldsTotals } {
  const issues: ValidationIssue[] = [];
  const totals: NsldsTotals = { detailCount: 0, totalPrincipal: 0n, totalInterest: 0n };
  if (!text.endsWith('\n'))
    issues.push({
      file: fileName,
      line: 0,
      field: '(file)',
      message: 'the last record does not end with LF',
    });
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const seen: { trailer: Record<string, string> | null } = { trailer: null };
  lines.forEach((line, k) => {
    const n = k + 1;
    const issue = (field: string, message: string) =>
      issues.push({ file: fileName, line: n, field, message });
    if (line.length !== NSLDS_RECORD_LENGTH) {
      issue('(record)', `record length ${line.length}, must be ${NSLDS_RECORD_LENGTH}`);
      return;
    }
    const kind = line[0] as Kind;
    const expected: Kind = n === 1 ? 'H' : n === lines.length ? 'T' : 'D';
    if (kind !== expected) {
      issue('recordType', `position 1 is '${line[0]}', expected '${expected}'`);
      return;
    }
    const rec: Record<string, string> = {};
    for (const f of NSLDS_LAYOUT[kind] as readonly FixedField[]) {
      const v = line.slice(f.start - 1, f.start - 1 + f.length);
      rec[f.name] = v;
      const at = `${f.name} (${f.start}-${f.start + f.length - 1})`;
      if (f.type === 'filler' && v.trim() !== '') issue(at, 'filler must be spaces');
      if (f.type === 'numeric' && !/^\d+$/.test(v)) issue(at, 'not zero-filled digits');
      if (f.type === 'date' && !dateOk(v)) issue(at, 'not a date CCYYMMDD');
      if (f.type === 'alpha' && (v.trim() === '' || v.startsWith(' '))) issue(at, 'required, left-justified');
      if (f.type === 'code' && f.codes && !(f.codes).includes(v))
        issue(at, `${v} is not in the code list`);
    }
    if (kind === 'D') {
      totals.detailCount += 1;
      if (/^\d+$/.test(rec.outstandingPrincipal!)) totals.totalPrincipal += BigInt(rec.outstandingPrincipal!);
      if (/^\d+$/.test(rec.outstandingInterest!)) totals.totalInterest += BigInt(rec.outstandingInterest!);
    }
    if (kind === 'T') seen.trailer = rec;
  });
  if (lines.length < 2)
    issues.push({ file: fileName, line: 0, field: '(file)', message: 'a header and a trailer are required' });
  const t = seen.trailer;
  if (t) {
    const n = lines.length;
    if (/^\d+$/.test(t.detailCount!) && Number(t.detailCount) !== totals.detailCount)
      issues.push({
        file: fileName,
        line: n,
        field: 'detailCount',
        message: `trailer says ${Number(t.detailCount)}, file has ${totals.detailCount}`,
      });
    if (/^\d+$/.test(t.totalPrincipal!) && BigInt(t.totalPrincipal!) !== totals.totalPrincipal)
      issues.push({
        file: fileName,
        line: n,
        field: 'totalPrincipal',
        message: 'trailer total differs from the details',
      });
    if (/^\d+$/.test(t.totalInterest!) && BigInt(t.totalInterest!) !== totals.totalInterest)
      issues.push({
        file: fileName,
        line: n,
        field: 'totalInterest',
        message: 'trailer total differs from the details',
      });
  }
  return { issues, totals };
}
