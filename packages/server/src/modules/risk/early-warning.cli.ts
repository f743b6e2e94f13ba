// `bursar risk review --month YYYY-MM` and `bursar risk alerts [--date YYYY-MM-DD]`: the monthly
// behavioural review and an early-warning evaluation from the command line.
import { SYSTEM_ACTOR, type Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { gradeDashboard, runBehaviourReview } from './behaviour.service.ts';
import { evaluateAlerts } from './early-warning.service.ts';

const CLI_ACTOR = { ...SYSTEM_ACTOR, actorName: 'cli' };
type WithDeps = <T>(fn: (deps: Deps) => Promise<T>) => Promise<T>;

function fail(command: string, e: unknown): number {
  if (e instanceof Problem) {
    const errors = (e.extensions.errors ?? []).map((x) => `${x.field}: ${x.message}`);
    process.stderr.write(`risk ${command}: ${errors.length ? errors.join('; ') : (e.detail ?? e.title)}\n`);
    return 2;
  }
  throw e;
}

export async function riskReviewCli(
  opts: { month: string; json?: boolean },
  withDeps: WithDeps,
): Promise<number> {
  try {
    return await withDeps(async (deps) => {
      const r = await runBehaviourReview(deps, CLI_ACTOR, opts.month);
      const dash = await gradeDashboard(deps, r.month);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ ...r, migration: dash.migration }, null, 2)}\n`);
        return 0;
      }
      process.stdout.write(
        `Behavioural review ${r.month} (as of ${r.reviewDate}): ${r.loans} loans graded\n`,
      );
      for (const d of r.distribution)
        process.stdout.write(`  ${d.grade.padEnd(4)} ${String(d.loans).padStart(8)}\n`);
      const m = dash.migration;
      if (m) {
        process.stdout.write(`Migration from ${dash.previousMonth}: rows last month, columns this month\n`);
        process.stdout.write(`       ${m.grades.map((g) => g.padStart(7)).join('')}\n`);
        m.grades.forEach((g, i) =>
          process.stdout.write(
            `  ${g.padEnd(5)}${m.counts[i]!.map((n) => String(n).padStart(7)).join('')}\n`,
          ),
        );
        process.stdout.write(`  upgraded ${m.upgraded}, downgraded ${m.downgraded}, stable ${m.stable}\n`);
      }
      return 0;
    });
  } catch (e) {
    return fail('review', e);
  }
}

export async function riskAlertsCli(
  opts: { date?: string; json?: boolean },
  withDeps: WithDeps,
): Promise<number> {
  try {
    return await withDeps(async (deps) => {
      const r = await evaluateAlerts(deps, CLI_ACTOR, { date: opts.date });
      if (opts.json) process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
      else {
        process.stdout.write(
          `Early warning as of ${r.businessDate}: ${r.loans} loans, ${r.firing} signals, ${r.raised} new alerts\n`,
        );
        for (const [rule, n] of Object.entries(r.byRule)) process.stdout.write(`  ${rule.padEnd(28)} ${n}\n`);
      }
      return 0;
    });
  } catch (e) {
    return fail('alerts', e);
  }
}
