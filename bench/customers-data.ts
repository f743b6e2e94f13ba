// Generated customers for the customers benches: deterministic CSV rows in the import format.
import { cnIdCheckDigit } from '../packages/core/src/index.ts';
import { csvLine } from '@bursar/core';
import { IMPORT_COLUMNS } from '../packages/server/src/modules/customers/index.ts';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '欧阳'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '小明', '子涵', '欣怡', '浩然'];
const SCHOOLS = [
  '4111010001',
  '4111010003',
  '4131010246',
  '4133010335',
  '4142010486',
  '4144010558',
  '4151010610',
  '4161010698',
];
const REGIONS = [
  ['Sichuan', '成都', '510104'],
  ['Henan', '郑州', '410102'],
  ['Guangdong', '广州', '440103'],
  ['Gansu', '兰州', '620102'],
] as const;

export const HEADER = csvLine([...IMPORT_COLUMNS]);

/** Row n of the generated file: unique external_ref, ID number and phone. */
export function row(n: number): string {
  const x = (n * 2654435761) >>> 0;
  const region = REGIONS[x % REGIONS.length]!;
  const year = 2000 + (x % 8);
  const dob = `${year}-${String(1 + (x % 12)).padStart(2, '0')}-${String(1 + (x % 28)).padStart(2, '0')}`;
  // 6-digit region + 8-digit birth date + 3-digit sequence is unique for n < 1000 per day; add n to the region digits for uniqueness.
  const reg = String((Number(region[2]) + Math.floor(n / 1000)) % 1000000).padStart(6, '0');
  const first17 = `${reg}${dob.replace(/-/g, '')}${String(n % 1000).padStart(3, '0')}`;
  const size = 2 + (x % 5);
  const values: Record<string, string> = {
    external_ref: `BENCH-${n}`,
    legal_name: SURNAMES[x % SURNAMES.length]! + GIVEN[(x >>> 8) % GIVEN.length]!,
    date_of_birth: dob,
    gender: x % 2 ? 'female' : 'male',
    national_id_type: 'cn_resident',
    national_id: first17 + cnIdCheckDigit(first17),
    phone: `1${3 + (x % 7)}${String(n).padStart(9, '0')}`,
    email: `s${n}@example.cn`,
    city: region[1],
    region: region[0],
    country: 'CN',
    school_code: SCHOOLS[x % SCHOOLS.length]!,
    school_country: 'CN',
    level: (['undergraduate', 'undergraduate', 'master', 'associate'] as const)[x % 4]!,
    start_date: `${2022 + (x % 4)}-09-01`,
    expected_graduation_date: `${2026 + (x % 4)}-07-01`,
    household_size: String(size),
    household_income: `${(8000 + (x % 120000)) * size}.00`,
    currency: 'CNY',
    need_indicators: x % 7 === 0 ? 'low_income' : '',
    needs_verified: x % 7 === 0 ? 'yes' : '',
    credit_file_status: x % 5 === 0 ? 'established' : 'none',
    bureau_score: x % 5 === 0 ? String(500 + (x % 350)) : '',
    party_relationship: 'parent',
    party_name: `${SURNAMES[x % SURNAMES.length]!}建国`,
    party_phone: `13${String(x % 1000000000).padStart(9, '0')}`,
    consent_service: 'yes',
    consent_marketing: x % 3 ? 'yes' : 'no',
  };
  return csvLine(IMPORT_COLUMNS.map((c) => values[c] ?? ''));
}

/** The rows from..to as CSV text (no header). */
export function rows(from: number, to: number): string {
  let s = '';
  for (let n = from; n < to; n++) s += row(n);
  return s;
}
