// `bursar`: serve, migrate, seed, audit, users and the calculator from the command line.
import { readFileSync } from 'node:fs';
import {
  calculateIncomeDriven,
  calculateSchedule,
  incomeDrivenRequestSchema,
  isRole,
  scheduleRequestSchema,
  type Role,
} from '@bursar/core';
import { Command, CommanderError, Option } from 'commander';
import type { ZodType } from 'zod';
import { openDeps } from '../bootstrap.ts';
import { loadConfig, type Config } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { SYSTEM_ACTOR, type Deps } from '../deps.ts';
import { fieldErrorsFromZod, Problem, validationProblem } from '../http/problem.ts';
import { anchorAuditTrail, readAnchors, sealAuditTrail, verifyAuditTrail } from '../modules/audit/index.ts';
import { createUser } from '../modules/identity/index.ts';
import { importCustomersFromFile, loadSchoolsCli } from '../modules/customers/index.ts';
import { closeBusinessDay, importLoans, recordBenchmarkRate } from '../modules/servicing/index.ts';
import { riskModelsCli, riskTrainCli, type RiskTrainCliOptions } from '../modules/risk/index.ts';
import { riskAlertsCli, riskReviewCli } from '../modules/risk/index.ts';
import { DatabaseNotEmptyError, formatDemoLogins, seedDemo } from '../seed/demo.ts';
import { announce, startServer } from '../server.ts';
import { progress } from './progress.ts';
import { addOpsCommands } from '../ops/ops.cli.ts';

/** Thrown by commands to exit with a code after printing their own message. */
class Exit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

async function withDeps<T>(config: Config, fn: (deps: Deps) => Promise<T>): Promise<T> {
  const deps = await openDeps(config);
  try {
    return await fn(deps);
  } finally {
    await deps.database.close();
  }
}

function readStdin(): string {
  try {
    return readFileSync(0, 'utf8');
  } catch {
    return '';
  }
}

/** Parse JSON from stdin against a contract schema; on bad input print problem+json and exit 2. */
function parseStdin<T>(schema: ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(readStdin());
  } catch (e) {
    process.stderr.write(
      JSON.stringify({
        type: '/problems/malformed-body',
        title: 'Input is not valid JSON',
        status: 400,
        detail: String(e),
      }) + '\n',
    );
    throw new Exit(2);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const p = validationProblem(fieldErrorsFromZod(parsed.error));
    process.stderr.write(
      JSON.stringify({
        type: '/problems/' + p.slug,
        title: p.title,
        status: p.status,
        detail: p.detail,
        ...p.extensions,
      }) + '\n',
    );
    throw new Exit(2);
  }
  return parsed.data;
}

export function buildCli(): Command {
  const program = new Command('bursar')
    .description('Bursar: CRM and loan servicing for student lending')
    .exitOverride()
    .showHelpAfterError();

  program
    .command('serve')
    .description('serve the web app and API (migrates; seeds demo data into an empty embedded database)')
    .option('-p, --port <port>', 'port to listen on (env PORT, default 3000)', (v) => Number.parseInt(v, 10))
    .option('--host <host>', 'interface to bind (env HOST, default 0.0.0.0)')
    .option('--no-seed', 'do not seed demo data into an empty database')
    .action(async (opts: { port?: number; host?: string; seed: boolean }) => {
      const config = loadConfig(process.env, {
        ...(opts.port !== undefined ? { port: opts.port } : {}),
        ...(opts.host ? { host: opts.host } : {}),
      });
      const server = await startServer(config, {
        seedIfEmpty: opts.seed ? undefined : false,
        demoPassword: process.env.BURSAR_DEMO_PASSWORD,
      });
      announce(server);
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          console.log(`\n${signal} received: finishing requests and closing`);
          server.close().then(resolve, (err: unknown) => {
            console.error(err);
            resolve();
          });
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });

  const db = program.command('db').description('database maintenance');
  db.command('migrate')
    .description('apply committed migrations')
    .action(async () => {
      const config = loadConfig();
      const database = await openDatabase({
        databaseUrl: config.databaseUrl,
        dataDir: `${config.dataDir}/pglite`,
      });
      try {
        await migrateDatabase(database);
        console.log(`Migrated the ${database.kind} database.`);
      } finally {
        await database.close();
      }
    });

  program
    .command('seed')
    .description('load the demo portfolio into an empty database and print the demo logins')
    .action(async () => {
      await withDeps(loadConfig(), async (deps) => {
        try {
          console.log(formatDemoLogins(await seedDemo(deps, { password: process.env.BURSAR_DEMO_PASSWORD })));
        } catch (e) {
          if (e instanceof DatabaseNotEmptyError) {
            console.error(e.message);
            throw new Exit(1);
          }
          throw e;
        }
      });
    });

  const audit = program.command('audit').description('the tamper-evident audit trail');
  const anchorFileOption = () =>
    new Option(
      '--anchor-file <file>',
      'anchor file (env AUDIT_ANCHOR_FILE, default DATA_DIR/audit-anchors.log)',
    );
  audit
    .command('verify')
    .description('verify the hash chain and its anchors; exits 1 naming the first bad row')
    .addOption(anchorFileOption())
    .option('--json', 'print the report as JSON')
    .action(async (opts: { anchorFile?: string; json?: boolean }) => {
      const config = loadConfig();
      await withDeps(config, async (deps) => {
        await sealAuditTrail(deps);
        const bar = progress('verifying audit chain', 0);
        const report = await verifyAuditTrail(
          deps,
          readAnchors(opts.anchorFile ?? config.auditAnchorFile),
          (n, total) => bar.update(n, total),
        );
        bar.stop();
        if (opts.json) console.log(JSON.stringify(report, null, 2));
        else if (report.ok)
          console.log(
            `Audit trail verified: ${report.checked} rows, ${report.anchorsChecked} anchors, head ${report.head?.chainPos ?? 0} ${report.head?.hash ?? ''}`,
          );
        else
          console.error(
            `Audit trail TAMPERED at chain position ${report.firstBad!.chainPos} (seq ${report.firstBad!.seq ?? 'unknown'}): ${report.firstBad!.reason}`,
          );
        if (!report.ok) throw new Exit(1);
      });
    });
  audit
    .command('anchor')
    .description('seal pending rows, print the head hash and append it to the anchor file')
    .addOption(anchorFileOption())
    .action(async (opts: { anchorFile?: string }) => {
      const config = loadConfig();
      await withDeps(config, async (deps) => {
        const file = opts.anchorFile ?? config.auditAnchorFile;
        const anchor = await anchorAuditTrail(deps, file);
        if (!anchor) console.log('The audit trail is empty; nothing to anchor.');
        else
          console.log(
            `${anchor.chainPos} ${anchor.hash}  (appended to ${file}; ship this file off the database host)`,
          );
      });
    });

  const user = program.command('user').description('user administration');
  user
    .command('create')
    .description('create a user; the password is read from BURSAR_NEW_PASSWORD or the first line of stdin')
    .requiredOption('-u, --username <username>')
    .requiredOption('-r, --role <role...>', 'one or more roles')
    .option('-n, --display-name <name>')
    .option('-e, --email <email>')
    .option('--locale <locale>', 'en or zh-CN', 'en')
    .option('--require-totp', 'require a second factor')
    .action(
      async (opts: {
        username: string;
        role: string[];
        displayName?: string;
        email?: string;
        locale: string;
        requireTotp?: boolean;
      }) => {
        const bad = opts.role.filter((r) => !isRole(r));
        if (bad.length) {
          console.error(`Unknown role(s): ${bad.join(', ')}`);
          throw new Exit(2);
        }
        if (opts.locale !== 'en' && opts.locale !== 'zh-CN') {
          console.error('--locale must be en or zh-CN');
          throw new Exit(2);
        }
        const password = process.env.BURSAR_NEW_PASSWORD ?? readStdin().split('\n')[0] ?? '';
        await withDeps(loadConfig(), async (deps) => {
          try {
            const created = await createUser(
              deps,
              { ...SYSTEM_ACTOR, actorName: 'cli' },
              {
                username: opts.username,
                displayName: opts.displayName ?? opts.username,
                email: opts.email,
                password,
                roles: opts.role as Role[],
                locale: opts.locale as 'en' | 'zh-CN',
                totpRequired: opts.requireTotp ?? false,
              },
            );
            console.log(`Created ${created.username} (${created.roles.join(', ')}) id ${created.id}`);
          } catch (e) {
            if (e instanceof Problem) {
              console.error(e.detail ?? e.title);
              throw new Exit(2);
            }
            throw e;
          }
        });
      },
    );

  addOpsCommands(program);

  const cob = program.command('cob').description('close of business (日终批处理)');
  cob
    .command('run')
    .description(
      'close a business date: accrual, billing, ageing, penalties, state moves, events (resumable, idempotent per date)',
    )
    .requiredOption('--date <date>', 'the business date to close (YYYY-MM-DD): the open one')
    .action(async (opts: { date: string }) => {
      await withDeps(loadConfig(), async (deps) => {
        const bar = progress(`close of business ${opts.date}`, 7);
        try {
          const r = await closeBusinessDay(deps, opts.date, {
            ctx: { ...SYSTEM_ACTOR, actorName: 'cli' },
            onProgress: (done, total) => bar.update(done, total),
          });
          bar.stop();
          if (r.alreadyClosed) console.log(`${r.businessDate} was already closed; nothing changed.`);
          else
            console.log(
              `Closed ${r.businessDate} (${r.stepsRun.join(', ')}); the open business date is now ${r.nextBusinessDate}. ${JSON.stringify(r.stats)}`,
            );
        } catch (e) {
          bar.stop();
          if (e instanceof Problem) {
            console.error(e.detail ?? e.title);
            throw new Exit(2);
          }
          throw e;
        }
      });
    });

  program
    .command('rates')
    .description('benchmark rates for floating-rate loans (LPR 贷款市场报价利率)')
    .command('record')
    .description('record a published rate; floating loans reprice from it on their repricing day')
    .requiredOption('--from <date>', 'effective from (YYYY-MM-DD), e.g. the 20th-of-month publication day')
    .requiredOption('--rate <rate>', 'annual rate as a decimal, e.g. 0.035 for 3.5 %')
    .option('--benchmark <code>', 'benchmark', 'CN-LPR-5Y')
    .option('--source <text>', 'where it was published')
    .action(async (opts: { from: string; rate: string; benchmark: string; source?: string }) => {
      await withDeps(loadConfig(), async (deps) => {
        try {
          const r = await recordBenchmarkRate(
            deps,
            { ...SYSTEM_ACTOR, actorName: 'cli' },
            {
              benchmark: opts.benchmark as 'CN-LPR-5Y',
              effectiveFrom: opts.from,
              rate: opts.rate,
              source: opts.source,
            },
          );
          console.log(`Recorded ${r.benchmark} ${r.rate} from ${r.effectiveFrom}.`);
        } catch (e) {
          if (e instanceof Problem) {
            console.error(e.detail ?? e.title);
            throw new Exit(2);
          }
          throw e;
        }
      });
    });

  const calc = program.command('calc').description('the repayment calculator: JSON on stdin, JSON on stdout');
  calc
    .command('schedule')
    .description('repayment schedule (contract: docs/loan-engine.md)')
    .action(() => {
      console.log(JSON.stringify(calculateSchedule(parseStdin(scheduleRequestSchema)), null, 2));
    });
  calc
    .command('income-driven')
    .description('income-driven payment and projection (contract: docs/loan-engine.md)')
    .action(() => {
      console.log(JSON.stringify(calculateIncomeDriven(parseStdin(incomeDrivenRequestSchema)), null, 2));
    });

  const risk = program.command('risk').description('credit scorecards (docs/user-guide/risk-scorecards.md)');
  risk
    .command('train')
    .description('train a scorecard on a CSV file and save it as a draft model')
    .requiredOption('--data <file>', 'training data: CSV with a header row')
    .requiredOption('--target <column>', 'the outcome column')
    .requiredOption('--bad <value>', 'the outcome value that marks a bad (default) outcome')
    .option('--folds <k>', 'cross-validation folds', '5')
    .option('--exclude <columns>', 'comma-separated columns not to use')
    .option('--protected <columns>', 'comma-separated extra protected attributes (never features)')
    .option('--holdout <share>', 'share of rows kept back to check the saved model (0 to 0.5)', '0.2')
    .option('--seed <n>', 'seed for folds and hold-out', '42')
    .option('--name <name>', 'model name (default: the file name)')
    .option('--json', 'print the figures as JSON')
    .action(async (opts: RiskTrainCliOptions) => {
      const code = await riskTrainCli(opts, (fn) => withDeps(loadConfig(), fn));
      if (code !== 0) throw new Exit(code);
    });
  risk
    .command('models')
    .description('list scorecard models')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      await riskModelsCli(opts, (fn) => withDeps(loadConfig(), fn));
    });
  risk
    .command('review')
    .description('monthly behavioural review: rescore active loans at the month end, grade migrations')
    .requiredOption('--month <YYYY-MM>', 'the month to review (close of business must have passed its end)')
    .option('--json', 'print as JSON')
    .action(async (opts: { month: string; json?: boolean }) => {
      const code = await riskReviewCli(opts, (fn) => withDeps(loadConfig(), fn));
      if (code !== 0) throw new Exit(code);
    });
  risk
    .command('alerts')
    .description('evaluate the early-warning rules and raise alerts with their playbook tasks')
    .option('--date <YYYY-MM-DD>', 'business date (default: the last one closed)')
    .option('--json', 'print as JSON')
    .action(async (opts: { date?: string; json?: boolean }) => {
      const code = await riskAlertsCli(opts, (fn) => withDeps(loadConfig(), fn));
      if (code !== 0) throw new Exit(code);
    });

  program
    .command('import')
    .description('bulk imports')
    .command('customers <file>')
    .description(
      'import customers from CSV (template: GET /api/v1/customers/imports/template.csv); idempotent on external_ref',
    )
    .option('--dry-run', 'check every row and report, write nothing')
    .option('--json', 'print the job report as JSON')
    .action(async (file: string, opts: { dryRun?: boolean; json?: boolean }) => {
      const code = await withDeps(loadConfig(), (deps) => importCustomersFromFile(deps, file, opts));
      if (code !== 0) throw new Exit(code);
    });
  program
    .command('schools')
    .description('the school catalogue')
    .command('load')
    .description(
      'load the shipped catalogue (US FSA schools, Chinese universities) into an empty schools table',
    )
    .action(async () => {
      await withDeps(loadConfig(), loadSchoolsCli);
    });

  addLoanBoardingCommand(program);
  return program;
}

/** `bursar import loans FILE`: joins the `import` command other modules may have created already. */
function addLoanBoardingCommand(program: Command): void {
  const imp =
    program.commands.find((c) => c.name() === 'import') ??
    program.command('import').description('bulk imports');
  imp
    .command('loans <file>')
    .description(
      'board existing loans from a legacy system (CSV; validated in full, then reconciled to the ledger)',
    )
    .action(async (file: string) => {
      await withDeps(loadConfig(), async (deps) => {
        try {
          const report = await importLoans(
            deps,
            { ...SYSTEM_ACTOR, actorName: 'cli' },
            readFileSync(file, 'utf8'),
          );
          console.log(JSON.stringify(report, null, 2));
        } catch (e) {
          if (e instanceof Problem) {
            process.stderr.write(
              JSON.stringify(
                {
                  type: '/problems/' + e.slug,
                  title: e.title,
                  status: e.status,
                  detail: e.detail,
                  ...e.extensions,
                },
                null,
                2,
              ) + '\n',
            );
            throw new Exit(2);
          }
          throw e;
        }
      });
    });
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildCli().parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof Exit) return e.code;
    if (e instanceof CommanderError) return e.exitCode;
    console.error(e instanceof Error ? e.message : e);
    return 1;
  }
}
