// Segment count latency at 1,000,000 customers: the live-count preview of the segment builder.
// Customers (with households, credit records and current enrolments) are generated in SQL
// with a fixed seed; each rule is compiled by the customers module to one SQL query and counted
// five times; the figure is the median of the slowest rule. Goal (issue 3): < 2000 ms.
// PostgreSQL with DATABASE_URL; otherwise in-memory PGlite (smaller by default).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { SegmentRule } from '../packages/core/src/index.ts';
import { loadConfig } from '../packages/server/src/config.ts';
import { openDatabase, type Database } from '../packages/server/src/db/database.ts';
import { migrateDatabase } from '../packages/server/src/db/migrate.ts';
import { SYSTEM_ACTOR, type Deps } from '../packages/server/src/deps.ts';
import { countRule, loadSchoolCatalogue } from '../packages/server/src/modules/customers/index.ts';
import { createDataCipher } from '../packages/server/src/security/data-key.ts';
import { benchScale, median, printBench } from './bench-line.ts';

const RULES: Record<string, SegmentRule> = {
  'financial need, undergraduates': {
    and: [
      { field: 'class.economicStatus', op: 'eq', value: 'financial_need' },
      { field: 'enrolment.level', op: 'eq', value: 'undergraduate' },
    ],
  },
  'nested and/or/not over four tables': {
    and: [
      {
        or: [
          { field: 'customer.age', op: 'between', value: [18, 22] },
          { field: 'enrolment.level', op: 'in', value: ['master', 'doctoral'] },
        ],
      },
      { not: { field: 'credit.delinquencies', op: 'gt', value: 0 } },
      { field: 'household.needIndicators', op: 'hasAny', value: ['low_income', 'orphan'] },
      { field: 'consent.marketing', op: 'eq', value: true },
    ],
  },
  'region and tags': {
    and: [
      { field: 'customer.region', op: 'startsWith', value: 'Si' },
      { field: 'customer.tags', op: 'hasNone', value: ['vip'] },
    ],
  },
};

export async function fill(db: Database, n: number): Promise<void> {
  await db.exec(`select setseed(0.42)`);
  // Customers in one INSERT … SELECT; the rest join on them.
  await db.query(
    `insert into customers (id, external_ref, legal_name, search_name, date_of_birth, gender, country, region, city, preferred_language, preferred_channel,
        status, tags, class_education_level, class_economic_status, class_credit_record, class_loan_need, classification, current_school_id, created_via, created_at, updated_at)
     select gen_random_uuid(), 'GEN-' || g, '学生' || g, 'student ' || g, date '1998-01-01' + (random() * 3650)::int,
            (array['female','male'])[1 + (g % 2)], 'CN', (array['Sichuan','Henan','Guangdong','Gansu','Beijing'])[1 + (g % 5)], 'city',
            'zh-CN', 'sms', (array['active','active','active','prospect','closed'])[1 + (g % 5)],
            case when g % 20 = 0 then array['vip'] else '{}'::text[] end,
            (array['vocational','associate','undergraduate','undergraduate','master','doctoral'])[1 + (g % 6)],
            (array['financial_need','standard','standard','self_funded_lifestyle'])[1 + (g % 4)],
            (array['thin_or_none','thin_or_none','established','adverse'])[1 + (g % 4)],
            (array['tuition','living_expenses','graduate_study','study_abroad','entrepreneurship'])[1 + (g % 5)],
            '{"computed":{},"overrides":{},"computedAt":""}'::jsonb, s.id, 'bench', now(), now()
     from generate_series(1, $1::int) g
     cross join lateral (select id from schools where country = 'CN' order by id offset (g % 30) limit 1) s`,
    [n],
  );
  await db.exec(`
    insert into households (customer_id, size, annual_income_minor, currency, dependants, need_codes, needs, updated_at)
      select id, 2 + (random() * 4)::int, (2000000 + random() * 30000000)::bigint, 'CNY', 1,
             case when random() < 0.15 then array['low_income'] when random() < 0.03 then array['orphan'] else '{}'::text[] end, '[]', now()
      from customers;
    insert into credit_records (customer_id, bureau_score, file_status, prior_loans, delinquencies, updated_at)
      select id, case when random() < 0.3 then 450 + (random() * 400)::int end, 'thin', 0, case when random() < 0.05 then 1 else 0 end, now()
      from customers;
    insert into enrolments (id, customer_id, school_id, level, start_date, expected_graduation_date, status, status_date, is_current, created_at, updated_at)
      select gen_random_uuid(), id, current_school_id, class_education_level, date '2023-09-01', date '2027-07-01', 'enrolled', date '2023-09-01', true, now(), now()
      from customers;
    insert into consents (customer_id, purpose, granted, source, recorded_at)
      select id, 'marketing', random() < 0.6, 'import', now() from customers;
    analyze;`);
}

export default async function segmentCountBench(): Promise<void> {
  const server = process.env.DATABASE_URL;
  const n = benchScale(server ? 1_000_000 : 100_000);
  let db: Database;
  let drop = async () => undefined as void;
  if (server) {
    const name = `bench_segments_${process.pid}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
    const u = new URL(server);
    u.pathname = `/${name}`;
    db = await openDatabase({ databaseUrl: u.toString(), poolSize: 2 });
    drop = async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  } else {
    db = await openDatabase({ dataDir: 'memory://' });
  }
  try {
    await migrateDatabase(db);
    const deps: Deps = {
      config: loadConfig({ DATA_DIR: '/tmp/bursar-bench', LOG_LEVEL: 'silent' }),
      database: db,
      cipher: createDataCipher(randomBytes(32)),
      now: () => new Date('2026-09-01T09:00:00Z'),
    };
    await loadSchoolCatalogue(deps, SYSTEM_ACTOR);
    const t0 = performance.now();
    await fill(db, n);
    console.error(
      `segment-count: generated ${n} customers in ${((performance.now() - t0) / 1000).toFixed(1)} s on ${db.kind}`,
    );
    let worst = 0;
    for (const [name, rule] of Object.entries(RULES)) {
      await countRule(deps, rule); // warm
      const times: number[] = [];
      let count = 0;
      for (let i = 0; i < 5; i++) {
        const s = performance.now();
        count = (await countRule(deps, rule)).count;
        times.push(performance.now() - s);
      }
      console.error(`segment-count: ${name}: ${count} members, median ${median(times).toFixed(1)} ms`);
      worst = Math.max(worst, median(times));
    }
    printBench({
      name: 'segment-count',
      metric: 'latency_ms',
      value: Math.round(worst * 10) / 10,
      unit: 'ms',
      goal: '< 2000',
    });
  } finally {
    await db.close();
    await drop();
  }
}
