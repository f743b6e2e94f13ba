// Demo data of data protection (fast): the default retention schedule and one retention run, a
// legal hold on a defaulted loan in litigation, an open access request a few days from its
// statutory deadline, and one run of the EAST-style regulator report for last month.
import { addDays, addMonthsIso } from '@bursar/core';
import { SYSTEM_ACTOR, type Deps } from '../../deps.ts';
import { listLoans, STAFF_ACCESS } from '../servicing/index.ts';
import { dsrDueDate } from './dsr.deadline.ts';
import { fileDsr, lenderToday } from './dsr.service.ts';
import { placeLegalHold } from './legal-hold.service.ts';
import { runRegulatorReport } from './regulator-reports.service.ts';
import { installDefaultRetentionSchedule, runRetention } from './retention.service.ts';

const ctx = { ...SYSTEM_ACTOR, actorName: 'demo-seed' };

export async function seedDemoDataProtection(deps: Deps, opts: { studentCustomerId: string }): Promise<void> {
  await installDefaultRetentionSchedule(deps);
  const { items } = await listLoans(deps, STAFF_ACCESS, { state: 'default' }, { limit: 1, offset: 0 });
  const loan = items[0] ?? (await listLoans(deps, STAFF_ACCESS, {}, { limit: 1, offset: 0 })).items[0];
  if (loan)
    await placeLegalHold(deps, ctx, {
      subjectType: 'loan',
      subjectId: loan.id,
      reason:
        'Collection lawsuit filed: keep all records until judgment / 催收诉讼进行中，判决前保留全部资料',
    });
  // Received long enough ago that the statutory deadline is three days away.
  const today = lenderToday(deps);
  let received = today;
  while (dsrDueDate('PIPL', received) > addDays(today, 3)) received = addDays(received, -1);
  await fileDsr(deps, ctx, null, {
    customerId: opts.studentCustomerId,
    kind: 'access',
    regime: 'PIPL',
    details: 'Copy of all personal data held about me / 请提供贵司持有的我的全部个人信息副本',
    receivedOn: received,
  });
  await runRetention(deps, { ctx });
  await runRegulatorReport(deps, ctx, { report: 'east', period: addMonthsIso(today, -1).slice(0, 7) });
}
