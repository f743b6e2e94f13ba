// EAST-style standard data tables for the banking supervisor (检查分析系统 style): one text file
// per table, fields separated by `|`, one record per line (LF), UTF-8, no header line. The field
// spec is data (EAST_TABLES) so the builder, the validator and the user guide say the same thing.
// Pure: rows in, file text out; file text in, validation issues out.
import { isValidIsoDate } from '@bursar/core';
import type { ValidationIssue } from './retention.tables.ts';

export const EAST_DELIMITER = '|';

export interface EastField {
  code: string;
  /** 中文 field name as the supervisor's table names it, and the English gloss. */
  zh: string;
  en: string;
  type: 'text' | 'amount' | 'date' | 'code' | 'rate' | 'integer';
  required: boolean;
  maxLength: number;
  codes?: readonly string[];
}

/** 五级分类 (five-tier loan classification) by days past due, 1 正常 … 5 损失. */
export const FIVE_TIER_CODES = ['1', '2', '3', '4', '5'] as const;
export const FIVE_TIER_NAMES = { '1': '正常', '2': '关注', '3': '次级', '4': '可疑', '5': '损失' } as const;
export const EAST_LOAN_STATUS_CODES = ['ZX', 'YQ', 'HQ', 'ZQ', 'HX', 'JQ', 'ZZ'] as const;
export const EAST_CURRENCIES = ['CNY', 'USD', 'EUR', 'GBP', 'HKD'] as const;

export const EAST_TABLES = {
  GRKHXX: {
    zh: '个人客户信息表',
    en: 'Individual customers',
    fields: [
      { code: 'KHH', zh: '客户号', en: 'Customer number', type: 'text', required: true, maxLength: 32 },
      { code: 'KHMC', zh: '客户名称', en: 'Customer name', type: 'text', required: true, maxLength: 100 },
      {
        code: 'GJDQ',
        zh: '国籍/地区',
        en: 'Country/region (ISO 3166-1 alpha-2)',
        type: 'text',
        required: false,
        maxLength: 2,
      },
      { code: 'SZDQ', zh: '所在地区', en: 'Province/region', type: 'text', required: false, maxLength: 60 },
      { code: 'CJRQ', zh: '采集日期', en: 'Data date', type: 'date', required: true, maxLength: 8 },
    ],
  },
  GRXDJJ: {
    zh: '个人信贷业务借据表',
    en: 'Individual loan receipts',
    fields: [
      { code: 'JJH', zh: '借据号', en: 'Loan (receipt) number', type: 'text', required: true, maxLength: 32 },
      { code: 'KHH', zh: '客户号', en: 'Customer number', type: 'text', required: true, maxLength: 32 },
      {
        code: 'BZ',
        zh: '币种',
        en: 'Currency',
        type: 'code',
        required: true,
        maxLength: 3,
        codes: EAST_CURRENCIES,
      },
      { code: 'DKJE', zh: '贷款金额', en: 'Amount disbursed', type: 'amount', required: true, maxLength: 20 },
      {
        code: 'DKYE',
        zh: '贷款余额',
        en: 'Principal outstanding',
        type: 'amount',
        required: true,
        maxLength: 20,
      },
      {
        code: 'WJFL',
        zh: '五级分类',
        en: 'Five-tier class',
        type: 'code',
        required: true,
        maxLength: 1,
        codes: FIVE_TIER_CODES,
      },
      { code: 'LL', zh: '执行利率(%)', en: 'Annual rate (%)', type: 'rate', required: true, maxLength: 12 },
      { code: 'FFRQ', zh: '发放日期', en: 'Start date', type: 'date', required: true, maxLength: 8 },
      {
        code: 'DQRQ',
        zh: '到期日期',
        en: 'Maturity date (empty before repayment is scheduled)',
        type: 'date',
        required: false,
        maxLength: 8,
      },
      {
        code: 'DKZT',
        zh: '贷款状态',
        en: 'Loan status',
        type: 'code',
        required: true,
        maxLength: 2,
        codes: EAST_LOAN_STATUS_CODES,
      },
      { code: 'YQTS', zh: '逾期天数', en: 'Days past due', type: 'integer', required: true, maxLength: 5 },
      { code: 'CJRQ', zh: '采集日期', en: 'Data date', type: 'date', required: true, maxLength: 8 },
    ],
  },
} as const satisfies Record<string, { zh: string; en: string; fields: readonly EastField[] }>;
export type EastTable = keyof typeof EAST_TABLES;

/** 五级分类 from days past due (and write-off): a common mapping for retail loans. */
export function fiveTierClass(daysPastDue: number, chargedOff: boolean): (typeof FIVE_TIER_CODES)[number] {
  if (chargedOff || daysPastDue > 360) return '5';
  if (daysPastDue > 180) return '4';
  if (daysPastDue > 90) return '3';
  if (daysPastDue > 0) return '2';
  return '1';
}

/** 贷款状态: ZX 正常 (in school, grace, repayment), YQ 逾期, HQ 缓还 (deferment/forbearance), ZQ 违约, HX 核销, JQ 结清, ZZ 终止. */
export function eastLoanStatus(state: string, daysPastDue: number): (typeof EAST_LOAN_STATUS_CODES)[number] {
  switch (state) {
    case 'deferment':
    case 'forbearance':
      return 'HQ';
    case 'default':
      return 'ZQ';
    case 'charged_off':
      return 'HX';
    case 'paid_off':
      return 'JQ';
    case 'closed':
    case 'discharged':
    case 'forgiven':
      return 'ZZ';
    default:
      return daysPastDue > 0 ? 'YQ' : 'ZX';
  }
}

export const eastDate = (iso: string) => iso.replaceAll('-', '');

/** "0.0435" (a fraction) → "4.350000" (percent, six places), exactly, truncating beyond. */
export function percentOf(fraction: string): string {
  const [int = '0', frac = ''] = fraction.split('.');
  const scaled = BigInt(int + frac.padEnd(8, '0').slice(0, 8)); // fraction × 10^8 = percent × 10^6
  const s = scaled.toString().padStart(7, '0');
  return `${s.slice(0, -6)}.${s.slice(-6)}`;
}

function clean(v: string): string {
  // The delimiter and line breaks cannot occur inside a field: replace them, never shift columns.
  return v.replace(/[|\r\n]/g, ' ');
}

export function eastFile(rows: string[][]): string {
  return rows.map((r) => r.map(clean).join(EAST_DELIMITER) + '\n').join('');
}

function isEastDate(v: string): boolean {
  return /^\d{8}$/.test(v) && isValidIsoDate(`${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}`);
}

/** Parse one table's file; each issue names file, line and field. Returns the parsed records too. */
export function validateEastTable(
  table: EastTable,
  fileName: string,
  text: string,
): { issues: ValidationIssue[]; records: Record<string, string>[] } {
  const spec = EAST_TABLES[table].fields as readonly EastField[];
  const issues: ValidationIssue[] = [];
  const records: Record<string, string>[] = [];
  if (text.length && !text.endsWith('\n'))
    issues.push({ file: fileName, line: 0, field: '(file)', message: 'the last line does not end with LF' });
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((line, k) => {
    const n = k + 1;
    const issue = (field: string, message: string) =>
      issues.push({ file: fileName, line: n, field, message });
    if (line.includes('\r')) issue('(line)', 'CR in line (LF line ends only)');
    const cells = line.split(EAST_DELIMITER);
    if (cells.length !== spec.length) {
      issue('(line)', `${cells.length} fields, the table has ${spec.length}`);
      return;
    }
    const rec: Record<string, string> = {};
    spec.forEach((f, i) => {
      const v = cells[i]!;
      rec[f.code] = v;
      if (v === '') {
        if (f.required) issue(f.code, `${f.zh} is required`);
        return;
      }
      if ([...v].length > f.maxLength) issue(f.code, `longer than ${f.maxLength}`);
      if (f.type === 'date' && !isEastDate(v)) issue(f.code, `${f.zh}: not a date YYYYMMDD`);
      if (f.type === 'amount' && !/^\d+\.\d{2}$/.test(v))
        issue(f.code, `${f.zh}: not an amount (digits, two decimals)`);
      if (f.type === 'rate' && !/^\d+\.\d{6}$/.test(v)) issue(f.code, `${f.zh}: not a rate (six decimals)`);
      if (f.type === 'integer' && !/^\d+$/.test(v)) issue(f.code, `${f.zh}: not a whole number`);
      if (f.type === 'code' && f.codes && !f.codes.includes(v))
        issue(f.code, `${f.zh}: ${v} is not in the code list`);
    });
    records.push(rec);
  });
  return { issues, records };
}

/** Sum of an amount field per currency, in minor units (two decimals). */
export function sumAmounts(
  records: Record<string, string>[],
  field: string,
  currencyField: string,
): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const r of records) {
    const v = r[field] ?? '';
    if (!/^\d+\.\d{2}$/.test(v)) continue;
    const c = r[currencyField] ?? '';
    out.set(c, (out.get(c) ?? 0n) + BigInt(v.replace('.', '')));
  }
  return out;
}
