// The demo portfolio of students: deterministic (a seeded PRNG, never Math.random), realistic
// (Chinese and English names, real schools from the catalogue, levels, needs, related parties,
// results) and fast (bulk inserts in batches).
import { cnIdCheckDigit, type EducationLevel, type NeedIndicator } from '@bursar/core';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../db/database.ts';
import type { ActorContext, Deps } from '../../deps.ts';
import { recordAudit } from '../audit/index.ts';
import { insertStudents, prepareStudent, type PreparedStudent } from './bulk.ts';
import type { CreateCustomerInput } from './customers.schema.ts';
import { loadSchoolCatalogue } from './schools.service.ts';

/** mulberry32: a small, fast, seeded PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '罗',
  '高',
  '欧阳',
  '司马',
];
const SURNAME_PINYIN: Record<string, string> = {
  王: 'Wang',
  李: 'Li',
  张: 'Zhang',
  刘: 'Liu',
  陈: 'Chen',
  杨: 'Yang',
  黄: 'Huang',
  赵: 'Zhao',
  吴: 'Wu',
  周: 'Zhou',
  徐: 'Xu',
  孙: 'Sun',
  马: 'Ma',
  朱: 'Zhu',
  胡: 'Hu',
  郭: 'Guo',
  何: 'He',
  林: 'Lin',
  罗: 'Luo',
  高: 'Gao',
  欧阳: 'Ouyang',
  司马: 'Sima',
};
const GIVEN = [
  ['伟', 'Wei'],
  ['芳', 'Fang'],
  ['娜', 'Na'],
  ['敏', 'Min'],
  ['静', 'Jing'],
  ['丽', 'Li'],
  ['强', 'Qiang'],
  ['磊', 'Lei'],
  ['军', 'Jun'],
  ['洋', 'Yang'],
  ['勇', 'Yong'],
  ['艳', 'Yan'],
  ['杰', 'Jie'],
  ['娟', 'Juan'],
  ['涛', 'Tao'],
  ['明', 'Ming'],
  ['超', 'Chao'],
  ['秀英', 'Xiuying'],
  ['霞', 'Xia'],
  ['平', 'Ping'],
  ['刚', 'Gang'],
  ['桂英', 'Guiying'],
  ['小明', 'Xiaoming'],
  ['子涵', 'Zihan'],
  ['欣怡', 'Xinyi'],
  ['浩然', 'Haoran'],
  ['思远', 'Siyuan'],
  ['雨桐', 'Yutong'],
  ['梓萱', 'Zixuan'],
  ['宇轩', 'Yuxuan'],
] as const;
const FIRST_EN = [
  'Emily',
  'James',
  'Olivia',
  'Michael',
  'Sophia',
  'Daniel',
  'Ava',
  'Ethan',
  'Mia',
  'Noah',
  'Isabella',
  'Liam',
  'Grace',
  'Lucas',
  'Chloe',
  'Mason',
  'Zoe',
  'Logan',
  'Aaliyah',
  'Diego',
];
const LAST_EN = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Hernandez',
  'Lopez',
  'Wilson',
  'Anderson',
  'Thomas',
  'Taylor',
  'Moore',
  'Jackson',
  'Nguyen',
  'Kim',
];
/** Home regions: province, its capital, and the first six digits of a resident ID issued there. */
const CN_HOMES = [
  ['Beijing', '北京', '110105'],
  ['Hebei', '石家庄', '130102'],
  ['Henan', '郑州', '410102'],
  ['Sichuan', '成都', '510104'],
  ['Guizhou', '贵阳', '520102'],
  ['Gansu', '兰州', '620102'],
  ['Yunnan', '昆明', '530102'],
  ['Guangdong', '广州', '440103'],
  ['Hunan', '长沙', '430102'],
  ['Shandong', '济南', '370102'],
  ['Jiangsu', '南京', '320102'],
  ['Guangxi', '南宁', '450102'],
  ['Anhui', '合肥', '340102'],
  ['Hubei', '武汉', '420102'],
] as const;
const PROGRAMMES = [
  '计算机科学与技术',
  '临床医学',
  '汉语言文学',
  '机械工程',
  '会计学',
  '土木工程',
  '电子信息工程',
  '英语',
  '法学',
  '护理学',
  'Computer Science',
  'Nursing',
  'Business Administration',
  'Mechanical Engineering',
  'Psychology',
];
const LEVEL_RANK: Record<EducationLevel, number> = {
  vocational: 0,
  associate: 1,
  undergraduate: 2,
  master: 3,
  doctoral: 4,
};
const LEVEL_YEARS: Record<EducationLevel, number> = {
  vocational: 3,
  associate: 3,
  undergraduate: 4,
  master: 3,
  doctoral: 4,
};

interface SchoolRef {
  id: string;
  country: string;
  region: string | null;
  highestLevel: string | null;
}

export interface DemoCustomers {
  count: number;
  /** The customer the demo `student` login is linked to, and the school of the demo school officer. */
  studentCustomerId: string;
  schoolId: string;
  ms: number;
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}

function isoDate(y: number, m: number, d: number): string {
  return `${y}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** Generate the input of the n-th demo student (deterministic in `seed` and n). */
export function demoStudent(
  n: number,
  r: () => number,
  cn: SchoolRef[],
  us: SchoolRef[],
  todayIso: string,
): { input: CreateCustomerInput; school: SchoolRef; results: PreparedStudent['termResults'] } {
  const chinese = n === 0 || r() < 0.75;
  const abroad = chinese && r() < 0.06;
  const school =
    n === 0 ? cn.find((s) => s.highestLevel === 'doctoral')! : chinese && !abroad ? pick(r, cn) : pick(r, us);
  const max = LEVEL_RANK[(school.highestLevel ?? 'undergraduate') as EducationLevel];
  const wanted = ((): EducationLevel => {
    const x = r();
    return x < 0.08
      ? 'vocational'
      : x < 0.23
        ? 'associate'
        : x < 0.78
          ? 'undergraduate'
          : x < 0.95
            ? 'master'
            : 'doctoral';
  })();
  const level = (Object.keys(LEVEL_RANK) as EducationLevel[]).find(
    (l) => LEVEL_RANK[l] === Math.min(LEVEL_RANK[wanted], max),
  )!;
  const startYear = 2021 + Math.floor(r() * 5);
  const ageAtStart =
    { vocational: 15, associate: 18, undergraduate: 18, master: 22, doctoral: 25 }[level] +
    Math.floor(r() * 2);
  const birthYear = startYear - ageAtStart;
  const dob = isoDate(birthYear, 1 + Math.floor(r() * 12), 1 + Math.floor(r() * 28));
  const start = isoDate(startYear, 9, 1);
  const grad = isoDate(startYear + LEVEL_YEARS[level], 7, 1);
  const status =
    grad < todayIso
      ? r() < 0.9
        ? 'graduated'
        : 'withdrawn'
      : ((x) => (x < 0.03 ? 'on_leave' : x < 0.05 ? 'withdrawn' : 'enrolled'))(r());
  const yearOfStudy = Math.max(
    1,
    Math.min(
      LEVEL_YEARS[level],
      Number(todayIso.slice(0, 4)) - startYear + (todayIso.slice(5) >= '09' ? 1 : 0),
    ),
  );

  let legalName: string;
  let preferredName: string | undefined;
  let nationalId: string;
  let phone: string;
  let home: { region: string; city: string; country: string };
  const seq = pad(n % 1000, 3);
  if (chinese) {
    const sur = n === 0 ? '张' : pick(r, SURNAMES);
    const given = n === 0 ? GIVEN.find((g) => g[0] === '小明')! : pick(r, GIVEN);
    legalName = sur + given[0];
    preferredName = `${SURNAME_PINYIN[sur]} ${given[1]}`;
    const h = pick(r, CN_HOMES);
    home = { region: h[0], city: h[1], country: 'CN' };
    const first17 = `${h[2]}${dob.replace(/-/g, '')}${seq}`;
    nationalId = first17 + cnIdCheckDigit(first17);
    phone = `1${pick(r, ['3', '5', '7', '8', '9'])}${pad(Math.floor(r() * 1e9), 9)}`;
  } else {
    legalName = `${pick(r, FIRST_EN)} ${pick(r, LAST_EN)}`;
    home = { region: school.region ?? 'CA', city: 'Springfield', country: 'US' };
    nationalId = `${pad(1 + Math.floor(r() * 664), 3)}${pad(1 + Math.floor(r() * 98), 2)}${pad(1 + Math.floor(r() * 9998), 4)}`;
    phone = `+1 ${200 + Math.floor(r() * 700)} 555 ${pad(100 + Math.floor(r() * 99), 4)}`;
  }
  const currency = chinese ? 'CNY' : 'USD';
  const size = 2 + Math.floor(r() * 5);
  const perCapita = chinese
    ? Math.round(4_000 * Math.exp(r() * 3.6))
    : Math.round(9_000 * Math.exp(r() * 2.4));
  const needs: { code: NeedIndicator; evidenceRef?: string; verified?: boolean }[] = [];
  if (r() < 0.16) {
    const code = pick(r, [
      'poverty_registered',
      'low_income',
      'orphan',
      'disability',
      'disaster_affected',
    ] as const);
    needs.push({ code, evidenceRef: `EV-${n}`, verified: r() < 0.8 });
  }
  if (r() < 0.2) needs.push({ code: 'first_generation' });
  const creditRoll = r();
  const relationship =
    r() < 0.25 ? pick(r, ['co_signer', 'guarantor'] as const) : pick(r, ['parent', 'guardian'] as const);
  const input: CreateCustomerInput = {
    externalRef: `DEMO-${pad(n + 1, 6)}`,
    legalName,
    preferredName,
    dateOfBirth: dob,
    gender: pick(r, ['female', 'male', 'female', 'male', 'undisclosed'] as const),
    nationalIdType: chinese ? 'cn_resident' : 'us_ssn',
    nationalId,
    phone,
    email: `student${n + 1}@${chinese ? 'example.cn' : 'example.com'}`,
    address: {
      line1: chinese ? `${home.city}市人民路 ${1 + (n % 300)} 号` : `${100 + (n % 900)} Main Street`,
      city: home.city,
      region: home.region,
      country: home.country,
    },
    preferredLanguage: chinese ? 'zh-CN' : 'en',
    preferredChannel: chinese
      ? pick(r, ['wechat', 'sms', 'app_push'] as const)
      : pick(r, ['email', 'sms'] as const),
    status: 'active',
    tags: r() < 0.1 ? ['campus-event-2025'] : [],
    enrolment: {
      schoolId: school.id,
      level,
      yearOfStudy,
      startDate: start,
      expectedGraduationDate: grad,
      status,
      programmeName: pick(r, PROGRAMMES),
    },
    household: {
      size,
      annualIncomeMinor: perCapita * size * 100,
      currency,
      dependants: Math.max(0, size - 2),
      needs,
    },
    creditRecord:
      creditRoll < 0.65
        ? { fileStatus: 'none' }
        : creditRoll < 0.85
          ? { fileStatus: 'thin', priorLoans: 0 }
          : {
              fileStatus: 'established',
              bureauScore: 480 + Math.floor(r() * 370),
              scoreDate: '2026-06-30',
              priorLoans: 1 + Math.floor(r() * 2),
              delinquencies: r() < 0.15 ? 1 : 0,
            },
    relatedParties: [
      {
        relationship,
        name: chinese
          ? `${legalName.slice(0, 1)}${pick(r, ['建国', '秀兰', '国强', '桂芳', '志明'])}`
          : `${pick(r, FIRST_EN)} ${legalName.split(' ')[1]}`,
        phone: chinese
          ? `13${pad(Math.floor(r() * 1e9), 9)}`
          : `+1 ${200 + Math.floor(r() * 700)} 555 ${pad(200 + Math.floor(r() * 99), 4)}`,
        occupation: chinese
          ? pick(r, ['农民', '工人', '教师', '个体经营', '务工'])
          : pick(r, ['Teacher', 'Nurse', 'Driver', 'Clerk']),
      },
    ],
    consents: [
      { purpose: 'service', granted: true, source: 'paper' },
      { purpose: 'marketing', granted: r() < 0.6, source: 'paper' },
      { purpose: 'data_sharing', granted: r() < 0.4, source: 'paper' },
    ],
  };
  const results: PreparedStudent['termResults'] = [];
  if (status !== 'withdrawn') {
    for (let y = startYear; y < Math.min(startYear + yearOfStudy, 2026); y++) {
      results.push({
        term: `${y}-1`,
        gpa: Math.round((2 + r() * 2) * 100) / 100,
        gpaScale: 4,
        creditsEarned: 20 + Math.floor(r() * 10),
      });
    }
  }
  return { input, school, results };
}

/**
 * Seed the school catalogue and `count` demo students into an empty customers module.
 * The demo `student` login is linked to student 0 (张小明, at a Chinese university).
 */
export async function seedDemoCustomers(
  deps: Deps,
  ctx: ActorContext,
  count: number,
  seed = 20260901,
): Promise<DemoCustomers> {
  const t0 = performance.now();
  await loadSchoolCatalogue(deps, ctx);
  const schools = await rowsOf<{
    id: string;
    country: string;
    region: string | null;
    highest_level: string | null;
    source: string;
  }>(
    deps.database.db,
    sql`select id, country, region, highest_level, source from schools order by source, external_code nulls last, name`,
  );
  const ref = (s: (typeof schools)[number]): SchoolRef => ({
    id: s.id,
    country: s.country,
    region: s.region,
    highestLevel: s.highest_level,
  });
  const cn = schools.filter((s) => s.country === 'CN').map(ref);
  // Degree-granting US schools make the demo students: a few hundred real names.
  const us = schools
    .filter(
      (s) => s.country === 'US' && ['doctoral', 'undergraduate', 'associate'].includes(s.highest_level ?? ''),
    )
    .map(ref);
  const r = prng(seed);
  const at = deps.now();
  const todayIso = at.toISOString().slice(0, 10);
  let first: { customerId: string; schoolId: string } | null = null;
  const batchSize = 500;
  for (let start = 0; start < count; start += batchSize) {
    const batch: PreparedStudent[] = [];
    for (let n = start; n < Math.min(count, start + batchSize); n++) {
      const { input, school, results } = demoStudent(n, r, cn, us, todayIso);
      const { student, errors } = prepareStudent(deps, input, at, ctx.actorName, school.country, 'seed');
      if (!student) throw new Error(`demo student ${n} is invalid: ${JSON.stringify(errors)}`);
      student.termResults = results;
      batch.push(student);
      if (n === 0) first = { customerId: student.customer.id, schoolId: school.id };
    }
    await deps.database.db.transaction(async (tx) => {
      await insertStudents(tx, batch, ctx.actorName, at);
      await recordAudit(tx, ctx, at, {
        action: 'customer.seeded',
        entityType: 'customer',
        after: { count: batch.length, firstExternalRef: batch[0]!.customer.externalRef },
      });
    });
  }
  return {
    count,
    studentCustomerId: first!.customerId,
    schoolId: first!.schoolId,
    ms: Math.round(performance.now() - t0),
  };
}

/** How many demo students to seed: BURSAR_DEMO_CUSTOMERS, else 3,000 (40 under the test runner). */
export function demoCustomerCount(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.BURSAR_DEMO_CUSTOMERS ?? (env.VITEST ? 40 : 3000));
  return Number.isInteger(n) && n >= 1 ? n : 3000;
}
