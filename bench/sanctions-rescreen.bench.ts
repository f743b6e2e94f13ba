// Re-screening every customer after a sanctions list update: 100,000 customers (BENCH_SCALE
// overrides; 60 % Chinese names in Hanzi, 40 % Latin names) against a 10,000-entry list (pinyin
// and Latin names with aliases, about the size of the OFAC SDN list), on PostgreSQL (or PGlite
// without DATABASE_URL). The baseline reads the same customers in the same batches without
// screening (the I/O floor of the job).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../packages/server/src/config.ts';
import { openDatabase, type Database } from '../packages/server/src/db/database.ts';
import { migrateDatabase } from '../packages/server/src/db/migrate.ts';
import { SYSTEM_ACTOR } from '../packages/server/src/deps.ts';
import { createDataCipher } from '../packages/server/src/security/data-key.ts';
import { importSanctionsList, runRescreens } from '../packages/server/src/modules/compliance/index.ts';
import { printBench, benchScale } from './bench-line.ts';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂小华建国文玉英红志新海波宇鹏飞慧佳晨欣怡浩然子轩梓涵';
const FIRST = ['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Carlos', 'Maria', 'Ahmed', 'Fatima', 'Ivan', 'Olga', 'Mohammed', 'Aisha', 'Jose', 'Ana', 'Hiroshi', 'Yuki'];
const LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Hassan', 'Ali', 'Petrov', 'Ivanov', 'Kim', 'Nguyen', 'Tanaka', 'Khan', 'Silva', 'Rossi'];
const PINYIN_FAMILY = ['WANG', 'LI', 'ZHANG', 'LIU', 'CHEN', 'YANG', 'HUANG', 'ZHAO', 'WU', 'ZHOU', 'XU', 'SUN', 'MA', 'ZHU', 'HU', 'GUO', 'HE', 'GAO', 'LIN', 'LUO'];
// Listed names come from other pools than the customers' (1 entry in 50 from the customers' own),
// so hits stay as rare as in a real book.
const LIST_FIRST = ['Abdul', 'Bogdan', 'Dmitri', 'Emeka', 'Farid', 'Goran', 'Hamid', 'Ilya', 'Jamal', 'Kamal', 'Luka', 'Nikolai', 'Omar', 'Pavel', 'Rashid', 'Sergei', 'Tariq', 'Viktor', 'Yusuf', 'Zoran'];
const LIST_LAST = ['Al-Rashid', 'Bakr', 'Chowdhury', 'Dragunov', 'Ekwueme', 'Farouk', 'Grigoryev', 'Haddad', 'Ismailov', 'Jafari', 'Karimov', 'Lazarev', 'Mansour', 'Nazarov', 'Okonkwo', 'Qureshi', 'Rahimi', 'Sokolov', 'Tahir', 'Volkov'];
const LIST_GIVEN = ['De', 'Shao', 'Bing', 'Kun', 'Rui', 'Zhen', 'Yao', 'Song', 'Lun', 'Qi', 'Cong', 'Heng', 'Sen', 'Tian', 'Ze', 'Yuan', 'Kai', 'Mao', 'Lang', 'Pei'];
const PINYIN_GIVEN = ['Wei', 'Fang', 'Na', 'Min', 'Jing', 'Li', 'Qiang', 'Lei', 'Jun', 'Yang', 'Yong', 'Yan', 'Jie', 'Juan', 'Tao', 'Ming', 'Chao', 'Xiu', 'Xia', 'Ping', 'Gang', 'Hua', 'Jian', 'Guo', 'Wen', 'Yu', 'Ying', 'Hong', 'Zhi', 'Xin', 'Hai', 'Bo', 'Peng', 'Fei', 'Hui', 'Jia', 'Chen', 'Hao', 'Ran', 'Zi'];

const withDb = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

/** A deterministic generator (mulberry32): the same list every run. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function listCsv(entries: number): string {
  const r = rng(42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const lines = ['reference,name,type,aliases,birth_dates,program,remarks'];
  for (let i = 0; i < entries; i++) {
    let name: string;
    let alias: string;
    const own = i % 50 === 0;
    if (i % 2 === 0) {
      const pool = own ? PINYIN_GIVEN : LIST_GIVEN;
      const fam = pick(PINYIN_FAMILY);
      const given = pick(pool) + pick(pool).toLowerCase();
      name = `${fam} ${given}`;
      alias = `${given} ${fam}`;
    } else {
      const first = pick(own ? FIRST : LIST_FIRST);
      const last = pick(own ? LAST : LIST_LAST);
      name = `${first} ${pick(LIST_FIRST)} ${last}`;
      alias = `${last} ${first}`;
    }
    lines.push(`B-${i},${name},individual,${alias},${1950 + (i % 50)}-01-01,BENCH,synthetic`);
  }
  return `${lines.join('\n')}\n`;
}

async function loadCustomers(database: Database, n: number) {
  await database.exec(`
    insert into customers (id, legal_name, search_name, classification, created_at, updated_at, date_of_birth)
    select gen_random_uuid(), nm, lower(nm), '{"computed":{},"overrides":{},"computedAt":"2026-01-01"}'::jsonb, now(), now(),
           ('1990-01-01'::date + (g % 5000))
      from generate_series(1, ${n}) g,
      lateral (select case when g % 5 < 3
        then substr('${SURNAMES}', 1 + (g * 7) % ${[...SURNAMES].length}, 1)
             || substr('${GIVEN}', 1 + (g * 13) % ${[...GIVEN].length}, 1)
             || case when g % 3 = 0 then '' else substr('${GIVEN}', 1 + (g * 31) % ${[...GIVEN].length}, 1) end
        else (array[${FIRST.map((f) => `'${f}'`).join(',')}])[1 + (g * 7) % ${FIRST.length}] || ' ' ||
             (array[${LAST.map((l) => `'${l}'`).join(',')}])[1 + (g * 11) % ${LAST.length}]
      end as nm) x;
    analyze customers;`);
}

export default async function sanctionsRescreenBench(): Promise<void> {
  const url = process.env.DATABASE_URL;
  const n = benchScale(100_000);
  const listSize = Math.max(100, Math.round(benchScale(100_000) / 10));
  const name = `bursar_bench_screen_${Date.now().toString(36)}`;
  let admin: pg.Client | null = null;
  let database: Database;
  if (url) {
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    database = await openDatabase({ databaseUrl: withDb(url, name), poolSize: 4 });
  } else {
    database = await openDatabase({ dataDir: 'memory://' });
  }
  try {
    await migrateDatabase(database);
    await loadCustomers(database, n);
    const config = loadConfig({ ...(url ? { DATABASE_URL: withDb(url, name) } : {}), LOG_LEVEL: 'silent', WEB_DIST: '' });
    const deps = { config, database, cipher: createDataCipher(randomBytes(32)), now: () => new Date() };
    const ctx = { ...SYSTEM_ACTOR, actorName: 'bench' };
    const imported = await importSanctionsList(deps, ctx, {
      format: 'generic_csv',
      listCode: 'bench',
      sourceName: 'synthetic',
      csv: listCsv(listSize),
    });
    console.log(`sanctions-rescreen bench: ${n.toLocaleString('en')} customers, ${listSize.toLocaleString('en')} list entries (${url ? 'PostgreSQL' : 'PGlite'})`);

    // Baseline: the same batched reads of every customer, without screening.
    const b0 = performance.now();
    let cursor: string | null = null;
    for (;;) {
      const rows: { id: string }[] = await database.query<{ id: string }>(
        `select id, legal_name, preferred_name, date_of_birth::text from customers where status not in ('merged','anonymised') ${cursor ? 'and id > $1' : ''} order by id limit 2000`,
        cursor ? [cursor] : [],
      );
      if (rows.length === 0) break;
      cursor = rows.at(-1)!.id;
      if (rows.length < 2000) break;
    }
    const baseline = (performance.now() - b0) / 1000;

    const t0 = performance.now();
    await runRescreens(deps, ctx, { rescreenId: imported.rescreenId! });
    const seconds = (performance.now() - t0) / 1000;
    const [run] = await database.query<{ screened: number; hits: number }>(
      'select screened, hits from sanctions_rescreens where id = $1',
      [imported.rescreenId],
    );
    console.log(`sanctions-rescreen bench: screened ${run?.screened}, hits ${run?.hits}`);
    printBench({ name: 'sanctions-rescreen', metric: 'seconds', value: seconds, unit: 's', baseline, goal: 'report' });
    printBench({ name: 'sanctions-rescreen', metric: 'customers_per_s', value: Math.round(n / seconds), unit: 'customers/s' });
  } finally {
    await database.close();
    if (admin) {
      if (!process.env.BENCH_KEEP_DB) await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }
}
