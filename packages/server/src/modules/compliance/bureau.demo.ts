// Demo credit reporting: a released furnishing file for last month of each format that has
// loans, and a few disputes on demo loans (one days from its deadline, one resolved). Fast: a
// few queries and one file per format.
import { SYSTEM_ACTOR, type Deps } from '../../deps.ts';
import { creditReportingLoans, openBusinessDate } from '../servicing/index.ts';
import { generateRun, lastClosedCycle, releaseRun } from './bureau.service.ts';
import { fileDispute, resolveDispute } from './disputes.service.ts';

const DEMO = { ...SYSTEM_ACTOR, actorName: 'demo-seed' };
const STAFF = { ownCustomerOnly: false, customerId: null };
const DAY = 86_400_000;

export async function seedDemoComplianceCreditReporting(deps: Deps): Promise<{ runs: number; disputes: number }> {
  const cycle = await lastClosedCycle(deps);
  const bd = await openBusinessDate(deps);
  const loans = await creditReportingLoans(deps.database.db, `${cycle}-01`, bd);
  let runs = 0;
  for (const bureau of ['pboc', 'metro2'] as const) {
    const currency = bureau === 'pboc' ? 'CNY' : 'USD';
    if (!loans.some((l) => l.currency === currency)) continue;
    const run = await generateRun(deps, DEMO, bureau, cycle);
    if (run.status === 'validated') {
      await releaseRun(deps, DEMO, run.id);
      runs++;
    }
  }
  const now = deps.now().getTime();
  const picks = loans.slice(0, 3);
  const specs = [
    { daysAgo: 27, reason: 'payment-history' as const, text: 'Borrower says the payment of last month was on time.' },
    { daysAgo: 8, reason: 'balance' as const, text: '借款人认为报送余额未扣除上月还款。' },
    { daysAgo: 20, reason: 'status' as const, text: 'Bureau ACDV: consumer disputes the account status.' },
  ];
  let disputes = 0;
  for (const [i, loan] of picks.entries()) {
    const s = specs[i]!;
    const d = await fileDispute(deps, DEMO, STAFF, {
      loanId: loan.loanId,
      reason: s.reason,
      description: s.text,
      bureau: loan.currency === 'USD' ? 'metro2' : 'pboc',
      bureauReference: `ACDV-DEMO-${String(i + 1).padStart(4, '0')}`,
      receivedAt: new Date(now - s.daysAgo * DAY).toISOString(),
    });
    if (i === 2)
      await resolveDispute(deps, DEMO, d.id, {
        outcome: 'verified',
        resolution: 'Payment records checked against the ledger: the status reported is accurate.',
      });
    disputes++;
  }
  return { runs, disputes };
}
