// Demo data for portfolio risk: month-end snapshots rebuilt from the demo book's history, and a
// small risk register (risks of every category with controls and live KRIs) with incidents.
import { addDays } from '@bursar/core';
import { SYSTEM_ACTOR, type Deps } from '../../deps.ts';
import { captureMonthEnds } from './portfolio.service.ts';
import { createIncident, insertRisk, type RiskInput } from './register.service.ts';

const DEMO = { ...SYSTEM_ACTOR, actorName: 'demo-seed' };

const RISKS: RiskInput[] = [
  {
    title: 'Graduates without employment miss their first repayments',
    description: 'Weak graduate labour market in some fields raises early delinquency after grace ends.',
    category: 'credit',
    ownerName: 'Ravi Risk Analyst',
    likelihood: 4,
    impact: 4,
    controls: [
      { name: 'Grace-end outreach journey', kind: 'preventive', effectiveness: 'effective' },
      {
        name: 'Monthly PAR30 review in the risk committee',
        kind: 'detective',
        effectiveness: 'partially_effective',
      },
    ],
    kris: [
      { name: 'PAR30 (balance)', metric: 'par30', direction: 'above', amber: 0.05, red: 0.1 },
      {
        name: 'Stage 2 share of exposure',
        metric: 'stage2_share',
        direction: 'above',
        amber: 0.08,
        red: 0.15,
      },
    ],
  },
  {
    title: 'Concentration in a few schools',
    category: 'credit',
    ownerName: '王经理 Wang Li',
    likelihood: 3,
    impact: 4,
    controls: [
      {
        name: 'School exposure limits in the credit policy',
        kind: 'preventive',
        effectiveness: 'not_tested',
      },
    ],
    kris: [
      { name: 'Largest school share', metric: 'top_school_share', direction: 'above', amber: 0.2, red: 0.35 },
    ],
  },
  {
    title: 'Loan prime rate changes squeeze the margin on fixed-rate loans',
    category: 'market',
    ownerName: '王经理 Wang Li',
    likelihood: 2,
    impact: 3,
    controls: [{ name: 'Quarterly repricing gap report', kind: 'detective', effectiveness: 'effective' }],
  },
  {
    title: 'Payment posting errors from bank statement imports',
    category: 'operational',
    ownerName: 'Carmen Compliance',
    likelihood: 3,
    impact: 2,
    controls: [{ name: 'Daily suspense reconciliation', kind: 'detective', effectiveness: 'effective' }],
    kris: [
      {
        name: 'Operational losses, last 90 days',
        metric: 'incident_loss_90d',
        direction: 'above',
        amber: 100_000,
        red: 500_000,
      },
    ],
  },
  {
    title: 'Collection practices breach consumer protection rules',
    category: 'legal',
    ownerName: 'Carmen Compliance',
    likelihood: 2,
    impact: 5,
    reviewEveryDays: 30,
    controls: [
      {
        name: 'Call script approval and call recording sampling',
        kind: 'preventive',
        effectiveness: 'partially_effective',
      },
    ],
  },
];

export async function seedDemoPortfolioRisk(deps: Deps): Promise<{ risks: number; snapshots: number }> {
  const snaps = await captureMonthEnds(deps);
  const today = deps.now().toISOString().slice(0, 10);
  const ids: string[] = [];
  for (const [i, r] of RISKS.entries()) {
    // The legal risk's review is already overdue, so the register shows the flag.
    const nextReviewOn = i === RISKS.length - 1 ? addDays(today, -5) : undefined;
    ids.push(await insertRisk(deps, DEMO, { ...r, nextReviewOn }));
  }
  await createIncident(deps, DEMO, {
    occurredOn: addDays(today, -20),
    category: 'execution_delivery',
    title: 'Bank file imported twice; 14 payments held in suspense',
    lossAmount: '850.00',
    currency: 'CNY',
    riskId: ids[3],
    actions: 'Duplicates matched back; import now refuses a file already seen.',
    status: 'closed',
  });
  await createIncident(deps, DEMO, {
    occurredOn: addDays(today, -3),
    category: 'external_fraud',
    title: 'Forged enrolment letter detected at disbursement',
    lossAmount: '0.00',
    currency: 'CNY',
    riskId: ids[0],
    actions: 'Disbursement stopped; school asked to confirm enrolment directly.',
  });
  return { risks: ids.length, snapshots: snaps.rows };
}
