// Metro 2® (CDIA) 426-byte character format: the header record, the base segment and the
// trailer record at their published positions, a writer and a structural validator. Field
// positions follow the CDIA Credit Reporting Resource Guide field list (as tabulated in the
// open-source moov-io/metro2 `specifications.go`); see docs/user-guide/compliance.md.
// Pure: no I/O, no clock.

export const METRO2_RECORD_LENGTH = 426;

/** N: numeric, right-justified, zero-filled. A: alphanumeric, left-justified, blank-filled.
 *  D: date MMDDYYYY (zeros when absent). T: time stamp MMDDYYYYHHMMSS. */
export type FieldType = 'N' | 'A' | 'D' | 'T';

export interface FieldSpec {
  name: string;
  /** 1-based first position, as the Resource Guide numbers them. */
  start: number;
  length: number;
  type: FieldType;
  required?: boolean;
  /** Allowed values (after trimming); blank allowed unless `required`. */
  codes?: readonly string[];
  /** A fixed value (record identifiers, the record descriptor word). */
  constant?: string;
}

/** Account status codes (field 17A) of the Resource Guide. */
export const ACCOUNT_STATUS_CODES = [
  'DA', 'DF', '05', '11', '13', '61', '62', '63', '64', '65', '71', '78', '80', '82', '83', '84',
  '88', '89', '93', '94', '95', '96', '97',
] as const;
export type AccountStatusCode = (typeof ACCOUNT_STATUS_CODES)[number];
/** Statuses that need a payment rating (field 17B). */
export const RATED_STATUSES: readonly string[] = ['05', '13', '65', '88', '89', '94', '95'];
export const PAYMENT_RATINGS = ['0', '1', '2', '3', '4', '5', '6', 'G', 'L'] as const;
/** Payment history profile characters (field 18). */
export const HISTORY_CODES = ['0', '1', '2', '3', '4', '5', '6', 'B', 'D', 'E', 'G', 'H', 'J', 'K', 'L'] as const;
/** Compliance condition codes (field 20). */
export const COMPLIANCE_CODES = ['XA', 'XB', 'XC', 'XD', 'XE', 'XF', 'XG', 'XH', 'XJ', 'XR'] as const;
/** Special comment codes this lender may furnish (field 19). */
export const SPECIAL_COMMENTS = ['AC', 'AI', 'AU', 'AW', 'B', 'CO', 'CP', 'M', 'O'] as const;
const ECOA_CODES = ['1', '2', '3', '5', '7', 'T', 'W', 'X', 'Z'] as const;
const TERMS_FREQUENCIES = ['D', 'P', 'W', 'B', 'E', 'M', 'L', 'Q', 'T', 'S', 'Y'] as const;
const PORTFOLIO_TYPES = ['C', 'I', 'M', 'O', 'R'] as const;

const f = (
  name: string,
  start: number,
  length: number,
  type: FieldType,
  extra: Partial<FieldSpec> = {},
): FieldSpec => ({ name, start, length, type, ...extra });

export const HEADER_LAYOUT: readonly FieldSpec[] = [
  f('recordDescriptorWord', 1, 4, 'N', { constant: '0426' }),
  f('recordIdentifier', 5, 6, 'A', { constant: 'HEADER' }),
  f('cycleIdentifier', 11, 2, 'A'),
  f('innovisProgramIdentifier', 13, 10, 'A'),
  f('equifaxProgramIdentifier', 23, 10, 'A'),
  f('experianProgramIdentifier', 33, 5, 'A'),
  f('transUnionProgramIdentifier', 38, 10, 'A'),
  f('activityDate', 48, 8, 'D', { required: true }),
  f('dateCreated', 56, 8, 'D', { required: true }),
  f('programDate', 64, 8, 'D'),
  f('programRevisionDate', 72, 8, 'D'),
  f('reporterName', 80, 40, 'A', { required: true }),
  f('reporterAddress', 120, 96, 'A', { required: true }),
  f('reporterTelephone', 216, 10, 'N'),
  f('softwareVendorName', 226, 40, 'A'),
  f('softwareVersion', 266, 5, 'A'),
  f('prbcProgramIdentifier', 271, 10, 'A'),
  f('reserved', 281, 146, 'A'),
];

export const BASE_LAYOUT: readonly FieldSpec[] = [
  f('recordDescriptorWord', 1, 4, 'N', { constant: '0426' }),
  f('processingIndicator', 5, 1, 'N', { constant: '1' }),
  f('timeStamp', 6, 14, 'T', { required: true }),
  f('correctionIndicator', 20, 1, 'N'),
  f('identificationNumber', 21, 20, 'A', { required: true }),
  f('cycleIdentifier', 41, 2, 'A'),
  f('consumerAccountNumber', 43, 30, 'A', { required: true }),
  f('portfolioType', 73, 1, 'A', { required: true, codes: PORTFOLIO_TYPES }),
  f('accountType', 74, 2, 'A', { required: true }),
  f('dateOpened', 76, 8, 'D', { required: true }),
  f('creditLimit', 84, 9, 'N'),
  f('highestCredit', 93, 9, 'N'),
  f('termsDuration', 102, 3, 'A', { required: true }),
  f('termsFrequency', 105, 1, 'A', { codes: TERMS_FREQUENCIES }),
  f('scheduledMonthlyPayment', 106, 9, 'N'),
  f('actualPayment', 115, 9, 'N'),
  f('accountStatus', 124, 2, 'A', { required: true, codes: ACCOUNT_STATUS_CODES }),
  f('paymentRating', 126, 1, 'A', { codes: PAYMENT_RATINGS }),
  f('paymentHistoryProfile', 127, 24, 'A', { required: true }),
  f('specialComment', 151, 2, 'A', { codes: SPECIAL_COMMENTS }),
  f('complianceConditionCode', 153, 2, 'A', { codes: COMPLIANCE_CODES }),
  f('currentBalance', 155, 9, 'N'),
  f('amountPastDue', 164, 9, 'N'),
  f('originalChargeOffAmount', 173, 9, 'N'),
  f('dateOfAccountInformation', 182, 8, 'D', { required: true }),
  f('dateOfFirstDelinquency', 190, 8, 'D'),
  f('dateClosed', 198, 8, 'D'),
  f('dateOfLastPayment', 206, 8, 'D'),
  f('interestTypeIndicator', 214, 1, 'A', { codes: ['F', 'V'] }),
  f('reserved', 215, 17, 'A'),
  f('surname', 232, 25, 'A', { required: true }),
  f('firstName', 257, 20, 'A', { required: true }),
  f('middleName', 277, 20, 'A'),
  f('generationCode', 297, 1, 'A'),
  f('socialSecurityNumber', 298, 9, 'N'),
  f('dateOfBirth', 307, 8, 'D'),
  f('telephoneNumber', 315, 10, 'N'),
  f('ecoaCode', 325, 1, 'A', { required: true, codes: ECOA_CODES }),
  f('consumerInformationIndicator', 326, 2, 'A'),
  f('countryCode', 328, 2, 'A'),
  f('firstLineOfAddress', 330, 32, 'A', { required: true }),
  f('secondLineOfAddress', 362, 32, 'A'),
  f('city', 394, 20, 'A', { required: true }),
  f('state', 414, 2, 'A', { required: true }),
  f('postalCode', 416, 9, 'A', { required: true }),
  f('addressIndicator', 425, 1, 'A'),
  f('residenceCode', 426, 1, 'A'),
];

/** Trailer totals: status counts by code, then the segment and identifier counts. */
const TRAILER_STATUS_FIELDS: [string, number][] = [
  ['DA', 66], ['05', 75], ['11', 84], ['13', 93], ['61', 102], ['62', 111], ['63', 120], ['64', 129],
  ['65', 138], ['71', 147], ['78', 156], ['80', 165], ['82', 174], ['83', 183], ['84', 192], ['88', 201],
  ['89', 210], ['93', 219], ['94', 228], ['95', 237], ['96', 246], ['97', 255],
];
export const TRAILER_LAYOUT: readonly FieldSpec[] = [
  f('recordDescriptorWord', 1, 4, 'N', { constant: '0426' }),
  f('recordIdentifier', 5, 7, 'A', { constant: 'TRAILER' }),
  f('totalBaseRecords', 12, 9, 'N', { required: true }),
  f('reserved1', 21, 9, 'A'),
  f('totalStatusDF', 30, 9, 'N'),
  f('totalJ1Segments', 39, 9, 'N'),
  f('totalJ2Segments', 48, 9, 'N'),
  f('blockCount', 57, 9, 'N'),
  ...TRAILER_STATUS_FIELDS.map(([code, start]) => f(`totalStatus${code}`, start, 9, 'N')),
  f('totalEcoaZ', 264, 9, 'N'),
  f('totalEmploymentSegments', 273, 9, 'N'),
  f('totalOriginalCreditorSegments', 282, 9, 'N'),
  f('totalPurchasedToSegments', 291, 9, 'N'),
  f('totalMortgageSegments', 300, 9, 'N'),
  f('totalPaymentInformationSegments', 309, 9, 'N'),
  f('totalChangeSegments', 318, 9, 'N'),
  f('totalSsnAllSegments', 327, 9, 'N'),
  f('totalSsnBaseSegments', 336, 9, 'N'),
  f('totalSsnJ1Segments', 345, 9, 'N'),
  f('totalSsnJ2Segments', 354, 9, 'N'),
  f('totalDobAllSegments', 363, 9, 'N'),
  f('totalDobBaseSegments', 372, 9, 'N'),
  f('totalDobJ1Segments', 381, 9, 'N'),
  f('totalDobJ2Segments', 390, 9, 'N'),
  f('totalTelephoneAllSegments', 399, 9, 'N'),
  f('reserved2', 408, 19, 'A'),
];

export type Values = Record<string, string | number | null | undefined>;

/** Metro 2 text: upper-case printable ASCII (accents and non-Latin letters dropped). */
export function metro2Text(s: string | null | undefined): string {
  return (s ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^ -~]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `YYYY-MM-DD` → `MMDDYYYY`; absent → zeros. */
export function metro2Date(iso: string | null | undefined): string {
  if (!iso) return '00000000';
  return `${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(0, 4)}`;
}

/** Whole currency units from minor units, cents truncated (the Guide: report whole dollars only). */
export function wholeUnits(minor: number, minorPerMajor = 100): number {
  return Math.max(0, Math.floor(minor / minorPerMajor));
}

export class FieldOverflow extends Error {
  override readonly name = 'FieldOverflow';
}

function renderField(spec: FieldSpec, raw: string | number | null | undefined): string {
  if (spec.constant !== undefined) return spec.constant;
  const v = raw === null || raw === undefined ? '' : String(raw);
  let out: string;
  if (spec.type === 'N') {
    if (v !== '' && !/^\d+$/.test(v)) throw new FieldOverflow(`${spec.name}: not a whole number: ${v}`);
    out = v.padStart(spec.length, '0');
  } else if (spec.type === 'D' || spec.type === 'T') {
    out = v === '' ? '0'.repeat(spec.length) : v;
  } else {
    out = metro2Text(v).slice(0, spec.length).padEnd(spec.length, ' ');
  }
  if (out.length !== spec.length) throw new FieldOverflow(`${spec.name}: ${v} does not fit ${spec.length} positions`);
  return out;
}

export function renderRecord(layout: readonly FieldSpec[], values: Values): string {
  let line = '';
  for (const spec of layout) {
    if (line.length !== spec.start - 1) throw new Error(`layout gap before ${spec.name}`);
    line += renderField(spec, values[spec.name]);
  }
  if (line.length !== METRO2_RECORD_LENGTH) throw new Error(`record is ${line.length} long`);
  return line;
}

export function readField(line: string, spec: FieldSpec): string {
  return line.slice(spec.start - 1, spec.start - 1 + spec.length);
}

/** The trailer's totals from the base segments (status counts, SSNs and birth dates furnished). */
export function trailerValues(bases: Values[]): Values {
  const t: Values = { totalBaseRecords: bases.length, blockCount: 0 };
  const count = (pred: (b: Values) => boolean) => bases.filter(pred).length;
  for (const [code] of TRAILER_STATUS_FIELDS) t[`totalStatus${code}`] = count((b) => b.accountStatus === code);
  t.totalStatusDF = count((b) => b.accountStatus === 'DF');
  t.totalEcoaZ = count((b) => b.ecoaCode === 'Z');
  const ssn = count((b) => /[1-9]/.test(String(b.socialSecurityNumber ?? '')));
  const dob = count((b) => /[1-9]/.test(String(b.dateOfBirth ?? '')));
  const tel = count((b) => /[1-9]/.test(String(b.telephoneNumber ?? '')));
  Object.assign(t, {
    totalSsnAllSegments: ssn,
    totalSsnBaseSegments: ssn,
    totalDobAllSegments: dob,
    totalDobBaseSegments: dob,
    totalTelephoneAllSegments: tel,
  });
  return t;
}

/** A complete file: header, one base segment per account, trailer; records end with CR LF. */
export function renderMetro2File(header: Values, bases: Values[]): string {
  const lines = [
    renderRecord(HEADER_LAYOUT, header),
    ...bases.map((b) => renderRecord(BASE_LAYOUT, b)),
    renderRecord(TRAILER_LAYOUT, trailerValues(bases)),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

// ---- validation ---------------------------------------------------------------------------

export interface ValidationError {
  /** 1-based record (line) number in the file. */
  record: number;
  field: string;
  message: string;
}

function validDate(s: string): boolean {
  if (!/^\d{8}$/.test(s)) return false;
  const m = Number(s.slice(0, 2));
  const d = Number(s.slice(2, 4));
  const y = Number(s.slice(4, 8));
  if (m < 1 || m > 12 || d < 1 || y < 1900) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

function checkFields(line: string, record: number, layout: readonly FieldSpec[], errors: ValidationError[]) {
  for (const spec of layout) {
    const raw = readField(line, spec);
    const v = raw.trim();
    const err = (message: string) => errors.push({ record, field: spec.name, message });
    if (spec.constant !== undefined) {
      if (raw !== spec.constant) err(`must be "${spec.constant}", found "${raw}"`);
      continue;
    }
    if (spec.type === 'N') {
      if (!/^\d+$/.test(raw)) err(`numeric field must be digits, zero-filled and right-justified: "${raw}"`);
      else if (spec.required && /^0+$/.test(raw)) err('required');
    } else if (spec.type === 'D') {
      if (/^0+$/.test(raw)) {
        if (spec.required) err('required');
      } else if (!validDate(raw)) err(`not a date MMDDYYYY: "${raw}"`);
    } else if (spec.type === 'T') {
      if (!/^\d{14}$/.test(raw) || !validDate(raw.slice(0, 8))) err(`not a time stamp MMDDYYYYHHMMSS: "${raw}"`);
    } else {
      if (/[^ -~]/.test(raw)) err('alphanumeric field holds characters outside printable ASCII');
      else if (v !== '' && raw.startsWith(' ')) err(`alphanumeric field must be left-justified: "${raw}"`);
      if (spec.required && v === '') err('required');
      if (spec.codes && v !== '' && !spec.codes.includes(v)) err(`"${v}" is not an allowed code`);
    }
  }
}

/** Cross-field rules of the base segment. */
function checkBase(line: string, record: number, errors: ValidationError[]) {
  const get = (name: string) => readField(line, BASE_LAYOUT.find((s) => s.name === name)!).trim();
  const err = (field: string, message: string) => errors.push({ record, field, message });
  const status = get('accountStatus');
  const rating = get('paymentRating');
  if (RATED_STATUSES.includes(status) && rating === '') err('paymentRating', `required with account status ${status}`);
  if (!RATED_STATUSES.includes(status) && rating !== '')
    err('paymentRating', `must be blank with account status ${status}`);
  const profile = readField(line, BASE_LAYOUT.find((s) => s.name === 'paymentHistoryProfile')!);
  if (![...profile].every((c) => (HISTORY_CODES as readonly string[]).includes(c)))
    err('paymentHistoryProfile', `only ${HISTORY_CODES.join('')} allowed: "${profile}"`);
  const pastDue = Number(get('amountPastDue') || '0');
  if (['11', '13'].includes(status) && pastDue > 0)
    err('amountPastDue', `must be zero with account status ${status}`);
  if (['71', '78', '80', '82', '83', '84'].includes(status) && pastDue === 0)
    err('amountPastDue', `must be greater than zero with account status ${status}`);
  if (['71', '78', '80', '82', '83', '84', '93', '97'].includes(status) && /^0+$/.test(get('dateOfFirstDelinquency')))
    err('dateOfFirstDelinquency', `required with account status ${status}`);
  if (status === '97' && /^0+$/.test(get('originalChargeOffAmount')))
    err('originalChargeOffAmount', 'required with account status 97');
}

/** Structural validation of a whole character-format file, errors by record and field. */
export function validateMetro2(content: string): ValidationError[] {
  const errors: ValidationError[] = [];
  const lines = content.replace(/\r\n$|\n$/, '').split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.length !== METRO2_RECORD_LENGTH)
      errors.push({ record: i + 1, field: 'record', message: `length ${line.length}, expected ${METRO2_RECORD_LENGTH}` });
  });
  if (errors.length) return errors;
  if (lines.length < 2) return [{ record: 1, field: 'file', message: 'a file needs a header and a trailer' }];
  checkFields(lines[0]!, 1, HEADER_LAYOUT, errors);
  const last = lines.length;
  checkFields(lines[last - 1]!, last, TRAILER_LAYOUT, errors);
  const bases: Values[] = [];
  for (let i = 1; i < last - 1; i++) {
    const line = lines[i]!;
    if (line.startsWith('0426HEADER') || line.startsWith('0426TRAILER')) {
      errors.push({ record: i + 1, field: 'recordIdentifier', message: 'header or trailer inside the file' });
      continue;
    }
    checkFields(line, i + 1, BASE_LAYOUT, errors);
    checkBase(line, i + 1, errors);
    const v: Values = {};
    for (const spec of BASE_LAYOUT) v[spec.name] = readField(line, spec).trim();
    bases.push(v);
  }
  // The trailer's totals must match the segments.
  const expected = trailerValues(bases);
  const trailer = lines[last - 1]!;
  for (const [name, value] of Object.entries(expected)) {
    const spec = TRAILER_LAYOUT.find((s) => s.name === name)!;
    const found = readField(trailer, spec);
    if (/^\d+$/.test(found) && Number(found) !== Number(value))
      errors.push({ record: last, field: name, message: `trailer says ${Number(found)}, the file has ${String(value)}` });
  }
  return errors;
}
