// PBOC (中国人民银行征信中心) second-generation personal credit reporting of loan accounts
// (个人借贷账户信息记录, record type 210, account type D1 非循环贷账户), written as UTF-8 text
// with one pipe-delimited line per segment: 基础段 BS, 基本信息段 IS, 月度表现信息段 MS, framed
// by a header HD and trailer TR. Segment and field names follow the 二代 interface
// specification; the layout and code lists are documented in docs/user-guide/compliance.md.
// Pure: no I/O, no clock.

/** AN: text up to `max` characters; N: digits up to `max`; D: YYYY-MM-DD; M: YYYY-MM; DT: date-time. */
export type PbocType = 'AN' | 'N' | 'D' | 'M' | 'DT';

export interface PbocField {
  name: string;
  label: string;
  type: PbocType;
  max: number;
  required?: boolean;
  codes?: readonly string[];
}

const p = (name: string, label: string, type: PbocType, max: number, extra: Partial<PbocField> = {}): PbocField => ({
  name,
  label,
  type,
  max,
  ...extra,
});

/** 还款状态: N 正常, 1–7 逾期期数 (7 = 7 期及以上), C 结清, G 结束 (非正常), * 本月无还款义务, # 未知. */
export const REPAYMENT_STATUS_CODES = ['N', '1', '2', '3', '4', '5', '6', '7', 'C', 'G', '*', '#'] as const;
/** 账户状态 (D1): 1 正常, 2 逾期, 3 关闭, 4 呆账. */
export const PBOC_ACCOUNT_STATUSES = ['1', '2', '3', '4'] as const;
/** 五级分类: 1 正常, 2 关注, 3 次级, 4 可疑, 5 损失, 9 未分类. */
export const FIVE_CATEGORIES = ['1', '2', '3', '4', '5', '9'] as const;
/** 报告时点说明代码: 10 新开户, 20 账户关闭, 30 月结日, 49 更正 (其他信息变化). */
export const REPORT_POINT_CODES = ['10', '20', '30', '49'] as const;
/** 更正标志 (this lender's flag): 0 none, 1 corrected data, 2 delete the account. */
export const CORRECTION_FLAGS = ['0', '1', '2'] as const;

export const PBOC_SEGMENTS: Record<'HD' | 'BS' | 'IS' | 'MS' | 'TR', readonly PbocField[]> = {
  HD: [
    p('Version', '接口版本', 'AN', 8, { required: true, codes: ['2.0'] }),
    p('MngmtOrgCode', '业务管理机构代码', 'AN', 14, { required: true }),
    p('RptMonth', '报告月份', 'M', 7, { required: true }),
    p('GenTime', '生成时间', 'DT', 19, { required: true }),
    p('RecordCount', '记录数', 'N', 10, { required: true }),
  ],
  BS: [
    p('InfRecType', '信息记录类型', 'AN', 3, { required: true, codes: ['210'] }),
    p('AcctType', '账户类型', 'AN', 2, { required: true, codes: ['D1'] }),
    p('AcctCode', '账户标识码', 'AN', 60, { required: true }),
    p('RptDate', '信息报告日期', 'D', 10, { required: true }),
    p('RptDateCode', '报告时点说明代码', 'AN', 2, { required: true, codes: REPORT_POINT_CODES }),
    p('Name', '借款人姓名', 'AN', 30, { required: true }),
    p('IDType', '借款人证件类型', 'AN', 2, { required: true, codes: ['10', '1', '2', '5', '6', '8', 'X'] }),
    p('IDNum', '借款人证件号码', 'AN', 20, { required: true }),
    p('MngmtOrgCode', '业务管理机构代码', 'AN', 14, { required: true }),
    p('CorrFlag', '更正标志', 'AN', 1, { required: true, codes: CORRECTION_FLAGS }),
  ],
  IS: [
    p('BusiLines', '借贷业务大类', 'AN', 1, { required: true, codes: ['1'] }),
    p('BusiDtlLines', '借贷业务种类细分', 'AN', 2, { required: true, codes: ['31', '32', '91'] }),
    p('OpenDate', '开户日期', 'D', 10, { required: true }),
    p('Cy', '币种', 'AN', 3, { required: true, codes: ['CNY'] }),
    p('LoanAmt', '借款金额', 'N', 15, { required: true }),
    p('DueDate', '到期日期', 'D', 10),
    p('RepayMode', '还款方式', 'AN', 2, { required: true, codes: ['11', '12', '13', '90'] }),
    p('RepayFrqcy', '还款频率', 'AN', 2, { required: true, codes: ['03', '04', '05', '06', '99'] }),
    p('RepayPrd', '还款期数', 'N', 4, { required: true }),
    p('GuarMode', '担保方式', 'AN', 1, { required: true, codes: ['1', '2', '3', '4', '9'] }),
  ],
  MS: [
    p('Month', '月份', 'M', 7, { required: true }),
    p('SettDate', '结算/应还款日', 'D', 10, { required: true }),
    p('AcctStatus', '账户状态', 'AN', 1, { required: true, codes: PBOC_ACCOUNT_STATUSES }),
    p('AcctBal', '余额', 'N', 15, { required: true }),
    p('FiveCate', '五级分类', 'AN', 1, { required: true, codes: FIVE_CATEGORIES }),
    p('RemRepPrd', '剩余还款期数', 'N', 4, { required: true }),
    p('RpyStatus', '当前还款状态', 'AN', 1, { required: true, codes: REPAYMENT_STATUS_CODES }),
    p('OverdPrd', '当前逾期期数', 'N', 3, { required: true }),
    p('TotOverd', '当前逾期总额', 'N', 15, { required: true }),
    p('CurRpyAmt', '本月应还款金额', 'N', 15, { required: true }),
    p('ActRpyAmt', '本月实还款金额', 'N', 15, { required: true }),
    p('LatRpyDate', '最近一次实际还款日期', 'D', 10),
    p('CloseDate', '账户关闭日期', 'D', 10),
    p('RpyStatus24', '24个月还款状态', 'AN', 24, { required: true }),
    p('DisputeFlag', '异议标注', 'AN', 1, { required: true, codes: ['0', '1'] }),
  ],
  TR: [
    p('AccountCount', '账户数', 'N', 10, { required: true }),
    p('TotalBal', '余额合计', 'N', 18, { required: true }),
    p('TotalOverd', '逾期总额合计', 'N', 18, { required: true }),
  ],
};

export type PbocValues = Record<string, string | number | null | undefined>;
export interface PbocAccount {
  BS: PbocValues;
  IS: PbocValues;
  MS: PbocValues;
}

/** Whole yuan from fen, rounded half-up (四舍五入). */
export function yuan(fen: number): number {
  return Math.max(0, Math.floor((fen + 50) / 100));
}

function cell(v: string | number | null | undefined): string {
  return (v === null || v === undefined ? '' : String(v)).replace(/[|\r\n]/g, ' ').trim();
}

function line(tag: keyof typeof PBOC_SEGMENTS, values: PbocValues): string {
  return [tag, ...PBOC_SEGMENTS[tag].map((f) => cell(values[f.name]))].join('|');
}

export function pbocTotals(accounts: PbocAccount[]) {
  return {
    AccountCount: accounts.length,
    TotalBal: accounts.reduce((s, a) => s + Number(a.MS.AcctBal ?? 0), 0),
    TotalOverd: accounts.reduce((s, a) => s + Number(a.MS.TotOverd ?? 0), 0),
  };
}

export function renderPbocFile(header: PbocValues, accounts: PbocAccount[]): string {
  const lines = [line('HD', { ...header, Version: '2.0', RecordCount: accounts.length })];
  for (const a of accounts) lines.push(line('BS', a.BS), line('IS', a.IS), line('MS', a.MS));
  lines.push(line('TR', pbocTotals(accounts)));
  return `${lines.join('\n')}\n`;
}

export interface PbocValidationError {
  /** 1-based line number. */
  record: number;
  field: string;
  message: string;
}

function validDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function checkSegment(tag: keyof typeof PBOC_SEGMENTS, cells: string[], record: number, errors: PbocValidationError[]) {
  const fields = PBOC_SEGMENTS[tag];
  if (cells.length !== fields.length) {
    errors.push({ record, field: tag, message: `${tag} has ${cells.length} fields, expected ${fields.length}` });
    return;
  }
  fields.forEach((f, i) => {
    const v = cells[i]!;
    const err = (message: string) => errors.push({ record, field: `${tag}.${f.name}`, message: `${f.label}: ${message}` });
    if (v === '') {
      if (f.required) err('required');
      return;
    }
    if ([...v].length > f.max) err(`longer than ${f.max}`);
    if (f.type === 'N' && !/^\d+$/.test(v)) err(`not a whole number: "${v}"`);
    if (f.type === 'D' && !validDate(v)) err(`not a date YYYY-MM-DD: "${v}"`);
    if (f.type === 'M' && !(/^\d{4}-\d{2}$/.test(v) && validDate(`${v}-01`))) err(`not a month YYYY-MM: "${v}"`);
    if (f.type === 'DT' && !(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(v) && validDate(v.slice(0, 10))))
      err(`not a date-time: "${v}"`);
    if (f.codes && !f.codes.includes(v)) err(`"${v}" is not an allowed code`);
  });
}

/** Structural validation: segment order, field counts, types, lengths, codes, cross-field rules, totals. */
export function validatePboc(content: string): PbocValidationError[] {
  const errors: PbocValidationError[] = [];
  const lines = content.replace(/\n$/, '').split('\n');
  const tagOf = (l: string) => l.split('|')[0]!;
  if (tagOf(lines[0] ?? '') !== 'HD') errors.push({ record: 1, field: 'HD', message: 'the file must start with HD' });
  if (tagOf(lines[lines.length - 1] ?? '') !== 'TR')
    errors.push({ record: lines.length, field: 'TR', message: 'the file must end with TR' });
  if (errors.length) return errors;
  checkSegment('HD', lines[0]!.split('|').slice(1), 1, errors);
  const body = lines.slice(1, -1);
  if (body.length % 3 !== 0)
    errors.push({ record: 2, field: 'file', message: 'each account needs exactly BS, IS and MS lines' });
  let count = 0;
  let bal = 0;
  let overd = 0;
  const order = ['BS', 'IS', 'MS'] as const;
  body.forEach((l, i) => {
    const record = i + 2;
    const expected = order[i % 3]!;
    const [tag, ...cells] = l.split('|');
    if (tag !== expected) {
      errors.push({ record, field: 'segment', message: `expected ${expected}, found ${tag}` });
      return;
    }
    checkSegment(expected, cells, record, errors);
    if (expected === 'MS' && cells.length === PBOC_SEGMENTS.MS.length) {
      count++;
      const get = (n: string) => cells[PBOC_SEGMENTS.MS.findIndex((f) => f.name === n)]!;
      bal += Number(get('AcctBal')) || 0;
      overd += Number(get('TotOverd')) || 0;
      const status = get('AcctStatus');
      const rpy = get('RpyStatus');
      const overdPrd = Number(get('OverdPrd'));
      const tot = Number(get('TotOverd'));
      const err = (field: string, message: string) => errors.push({ record, field: `MS.${field}`, message });
      if (status === '2' && (overdPrd === 0 || tot === 0)) err('OverdPrd', '账户状态为逾期时当前逾期期数与逾期总额须大于 0');
      if (status === '1' && (overdPrd > 0 || tot > 0)) err('OverdPrd', '账户状态为正常时不得有逾期');
      if (status === '3' && (Number(get('AcctBal')) !== 0 || get('CloseDate') === ''))
        err('CloseDate', '账户关闭时余额须为 0 且须有关闭日期');
      if (rpy !== '' && /^[1-7]$/.test(rpy) && Number(rpy) !== Math.min(overdPrd, 7))
        err('RpyStatus', '当前还款状态须与当前逾期期数一致');
      const h = get('RpyStatus24');
      if (h.length !== 24 || ![...h].every((c) => (REPAYMENT_STATUS_CODES as readonly string[]).includes(c)))
        err('RpyStatus24', `24 个月还款状态须为 24 位且只含 ${REPAYMENT_STATUS_CODES.join('')}`);
    }
  });
  const trailer = lines[lines.length - 1]!.split('|').slice(1);
  checkSegment('TR', trailer, lines.length, errors);
  const header = lines[0]!.split('|').slice(1);
  const expected = { AccountCount: count, TotalBal: bal, TotalOverd: overd };
  PBOC_SEGMENTS.TR.forEach((f, i) => {
    const found = Number(trailer[i]);
    const want = expected[f.name as keyof typeof expected];
    if (found !== want)
      errors.push({ record: lines.length, field: `TR.${f.name}`, message: `trailer says ${found}, the file has ${want}` });
  });
  if (Number(header[4]) !== count)
    errors.push({ record: 1, field: 'HD.RecordCount', message: `header says ${header[4]}, the file has ${count}` });
  return errors;
}
