// API load test (issue 13): the real server on PostgreSQL with a 1,000,000-customer portfolio
// (BENCH_SCALE overrides; half of them with a loan), driven over HTTP by concurrent virtual users
// with a realistic mix: portal logins (students), customer-360 views (the four calls a staff
// customer page makes), payment postings and ticket updates. Prints throughput and p50/p95/p99 per
// operation and overall, and the ratio of customer-360 throughput to a trivial Fastify route
// measured the same way on the same machine (`api-load` in ARCHITECTURE.md).
import { randomBytes, randomInt } from 'node:crypto';
import Fastify from 'fastify';
import { loadConfig } from '../packages/server/src/config.ts';
import type { Deps } from '../packages/server/src/deps.ts';
import { buildApp } from '../packages/server/src/http/app.ts';
import { loadSchoolCatalogue } from '../packages/server/src/modules/customers/index.ts';
import { createUser } from '../packages/server/src/modules/identity/index.ts';
import { installBuiltInProducts } from '../packages/server/src/modules/products/index.ts';
import { SYSTEM_ACTOR } from '../packages/server/src/deps.ts';
import { createDataCipher } from '../packages/server/src/security/data-key.ts';
import { benchScale, printBench } from './bench-line.ts';
import { insertActiveLoans, throwawayDatabase, withDb } from './loan-book.ts';
import { fill } from './segment-count.bench.ts';

const PASSWORD = 'Load-Test-Passphrase-2026';
const STUDENTS = 40;
const TICKETS = 200;
const VUS = Number(process.env.BENCH_VUS ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);

type Op = 'portal_login' | 'customer360' | 'payment' | 'ticket_update';
const MIX: [Op, number][] = [
  ['customer360', 0.5],
  ['payment', 0.2],
  ['ticket_update', 0.2],
  ['portal_login', 0.1],
];

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** A browser-like session: cookie and CSRF token, keep-alive fetch. */
class Client {
  cookie = '';
  csrf = '';
  constructor(private base: string) {}
  async call(method: string, url: string, body?: unknown): Promise<Response> {
    const res = await fetch(this.base + url, {
      method,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const set = res.headers.get('set-cookie');
    if (set?.startsWith('bursar_session=')) this.cookie = set.split(';')[0]!;
    return res;
  }
  async ok(method: string, url: string, body?: unknown): Promise<unknown> {
    const res = await this.call(method, url, body);
    const text = await res.text();
    if (res.status >= 400) throw new Error(`${method} ${url} → ${res.status} ${text.slice(0, 200)}`);
    return text ? JSON.parse(text) : null;
  }
  async login(username: string): Promise<void> {
    const r = (await this.ok('POST', '/api/v1/auth/login', { username, password: PASSWORD })) as {
      csrfToken: string;
    };
    this.csrf = r.csrfToken;
  }
}

/** Run `vus` loops of `step` for `seconds`; latencies per operation name. */
async function drive(
  vus: number,
  seconds: number,
  step: (vu: number, i: number) => Promise<[string, number][]>,
): Promise<{ lat: Map<string, number[]>; errors: number; seconds: number }> {
  const lat = new Map<string, number[]>();
  let errors = 0;
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: vus }, async (_, vu) => {
      for (let i = 0; performance.now() < end; i++) {
        try {
          for (const [op, ms] of await step(vu, i)) lat.set(op, [...(lat.get(op) ?? []), ms]);
        } catch (e) {
          errors++;
          if (errors <= 3) console.error(`load bench: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    }),
  );
  return { lat, errors, seconds: (performance.now() - t0) / 1000 };
}

/** One customer-360 view: the calls a staff customer page makes, in parallel as the browser does. */
function view360(s: Client, customerId: string): Promise<number> {
  return timed(() =>
    Promise.all([
      s.ok('GET', `/api/v1/customers/${customerId}`),
      s.ok('GET', `/api/v1/customers/${customerId}/timeline`),
      s.ok('GET', `/api/v1/loans?customerId=${customerId}`),
      s.ok('GET', `/api/v1/service-desk/tickets?customerId=${customerId}`),
    ]),
  );
}

async function timed<T>(fn: () => Promise<T>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

export default async function loadBench(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.log('load bench skipped: set DATABASE_URL to a PostgreSQL server (the figure is for PostgreSQL)');
    return;
  }
  const n = benchScale(1_000_000);
  const { name, database, drop } = await throwawayDatabase(url, 'bursar_bench_load');
  const config = loadConfig(
    {
      DATABASE_URL: withDb(url, name),
      LOG_LEVEL: 'silent',
      WEB_DIST: '',
      DATA_DIR: '/tmp/bursar-bench-load',
    },
    // Many portal logins from one client address: the per-client login limit would refuse them.
    { loginRateLimit: 1_000_000, runJobs: false },
  );
  const deps: Deps = { config, database, cipher: createDataCipher(randomBytes(32)), now: () => new Date() };
  const trivial = Fastify({ logger: false });
  trivial.get('/ping', async () => ({ ok: true }));
  let built: Awaited<ReturnType<typeof buildApp>> | null = null;
  try {
    // The portfolio, set-based: customers (with household, credit record, enrolment, consent), and a
    // loan in repayment for every second customer.
    const t0 = performance.now();
    await loadSchoolCatalogue(deps, SYSTEM_ACTOR);
    await installBuiltInProducts(deps, SYSTEM_ACTOR);
    await fill(database, n);
    await database.exec(`create table bench_customer_ix as select row_number() over (order by id)::int as n, id from customers;
      create unique index on bench_customer_ix (n);`);
    await insertActiveLoans(database, Math.floor(n / 2), '2026-09-08', {
      customerId: `(select id from bench_customer_ix where n = g * 2)`,
    });
    await database.exec('drop table bench_customer_ix; analyze;');
    console.log(
      `load bench: ${n.toLocaleString('en')} customers, ${Math.floor(n / 2).toLocaleString('en')} loans in ${((performance.now() - t0) / 1000).toFixed(1)} s (${name})`,
    );

    // Staff and students, and tickets to update.
    await createUser(deps, SYSTEM_ACTOR, {
      username: 'load.manager',
      displayName: 'Load Manager',
      password: PASSWORD,
      roles: ['manager'],
    });
    const sample = await database.query<{ customer_id: string; loan_id: string }>(
      `select customer_id::text, id::text as loan_id from loans order by loan_number limit 2000`,
    );
    for (let i = 0; i < STUDENTS; i++)
      await createUser(deps, SYSTEM_ACTOR, {
        username: `load.student.${i}`,
        displayName: `学生 ${i}`,
        password: PASSWORD,
        roles: ['student'],
        customerId: sample[i]!.customer_id,
      });

    built = await buildApp(deps, { logger: false });
    const address = await built.app.listen({ host: '127.0.0.1', port: 0 });
    const trivialAddress = await trivial.listen({ host: '127.0.0.1', port: 0 });
    const staff = await Promise.all(
      Array.from({ length: VUS }, async () => {
        const c = new Client(address);
        await c.login('load.manager');
        return c;
      }),
    );
    const ticketIds: string[] = [];
    for (let i = 0; i < TICKETS; i++) {
      const t = (await staff[0]!.ok('POST', '/api/v1/service-desk/tickets', {
        type: 'consultation',
        subject: `还款问题 ${i}`,
        body: 'Question about my next instalment',
        customerId: sample[i % sample.length]!.customer_id,
        channel: 'phone',
      })) as { id: string };
      ticketIds.push(t.id);
    }

    // The baseline: the trivial route, same loop, same concurrency.
    const base = await drive(VUS, Math.max(3, SECONDS / 4), async () => {
      const ms = await timed(async () => (await fetch(`${trivialAddress}/ping`)).text());
      return [['trivial', ms]];
    });
    const trivialRps = base.lat.get('trivial')!.length / base.seconds;
    // Customer-360 views alone, the same loop and concurrency as the trivial route.
    const c360 = await drive(VUS, Math.max(3, SECONDS / 4), async (vu, i) => {
      const row = sample[(vu * 997 + i * 31) % sample.length]!;
      return [['customer360', await view360(staff[vu]!, row.customer_id)]];
    });
    const c360Rps = c360.lat.get('customer360')!.length / c360.seconds;

    let key = 0;
    const pick = (r: number): Op => {
      let acc = 0;
      for (const [op, w] of MIX) if (r < (acc += w)) return op;
      return 'customer360';
    };
    const run = await drive(VUS, SECONDS, async (vu, i) => {
      const s = staff[vu]!;
      const row = sample[(vu * 997 + i * 31) % sample.length]!;
      const op = pick(randomInt(0, 1_000_000) / 1_000_000);
      if (op === 'customer360') {
        return [[op, await view360(s, row.customer_id)]];
      }
      if (op === 'payment') {
        const ms = await timed(() =>
          s.ok('POST', `/api/v1/loans/${row.loan_id}/payments`, {
            amount: '12.34',
            currency: 'CNY',
            channel: 'bank_transfer',
            idempotencyKey: `load-${process.pid}-${++key}`,
          }),
        );
        return [[op, ms]];
      }
      if (op === 'ticket_update') {
        const id = ticketIds[(vu * 13 + i) % ticketIds.length]!;
        const ms = await timed(() =>
          s.ok('POST', `/api/v1/service-desk/tickets/${id}/replies`, {
            body: `Called the borrower back (${i})`,
            visibility: 'internal',
          }),
        );
        return [[op, ms]];
      }
      const student = new Client(address);
      const ms = await timed(async () => {
        await student.login(`load.student.${(vu + i) % STUDENTS}`);
        await student.ok('GET', '/api/v1/loans');
      });
      return [[op, ms]];
    });

    const all: number[] = [];
    for (const [op] of MIX) {
      const xs = (run.lat.get(op) ?? []).sort((a, b) => a - b);
      all.push(...xs);
      const rps = xs.length / run.seconds;
      printBench({ name: 'api-load', metric: `mix_${op}_rps`, value: rps, unit: 'req/s' });
      for (const p of [50, 95, 99])
        printBench({ name: 'api-load', metric: `mix_${op}_p${p}_ms`, value: percentile(xs, p), unit: 'ms' });
    }
    all.sort((a, b) => a - b);
    printBench({ name: 'api-load', metric: 'overall_rps', value: all.length / run.seconds, unit: 'req/s' });
    for (const p of [50, 95, 99])
      printBench({
        name: 'api-load',
        metric: `p${p}_ms`,
        value: percentile(all, p),
        unit: 'ms',
        goal: p === 99 ? 'report' : undefined,
      });
    printBench({ name: 'api-load', metric: 'errors', value: run.errors, unit: 'count' });
    printBench({
      name: 'api-load',
      metric: 'customer360_rps',
      value: c360Rps,
      unit: 'views/s',
      baseline: trivialRps,
      goal: 'report (4 API calls a view; baseline: trivial Fastify route, same machine and concurrency)',
    });
  } finally {
    await built?.app.close();
    await trivial.close();
    await drop();
  }
}
