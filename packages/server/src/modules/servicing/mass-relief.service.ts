// Mass relief: a policy-wide action (for now: waive the interest owed by a cohort, e.g. a
// graduation year or a product) previewed first and applied as one audited bulk operation.
import { formatMoney } from '@bursar/core';
import type { ActorContext, Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import * as cobRepo from './cob.repository.ts';
import { openBusinessDate } from './loans.service.ts';
import * as repo from './servicing.repository.ts';

export interface MassReliefInput {
  action: 'waive-interest';
  filter: cobRepo.MassFilter;
  reason: string;
  /** false: preview only. */
  apply: boolean;
}

export async function massRelief(deps: Deps, ctx: ActorContext, input: MassReliefInput) {
  if (
    !input.filter.productCode &&
    !input.filter.state &&
    !input.filter.studyEndFrom &&
    !input.filter.studyEndTo
  ) {
    throw Problem.badRequest('filter', 'name the cohort: a product, a state or a range of study end dates');
  }
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    // Exclusive like a close-of-business step: the cohort's balances do not move underneath.
    await cobRepo.lockCob(tx);
    const preview = (await cobRepo.massInterestPreview(tx, input.filter)).map((p) => ({
      currency: p.currency,
      loans: p.loans,
      accruedInterest: formatMoney(Number(p.accrued), p.currency),
      billedInterest: formatMoney(Number(p.billed), p.currency),
      total: formatMoney(Number(p.accrued) + Number(p.billed), p.currency),
    }));
    if (!input.apply) return { applied: false, preview, loans: preview.reduce((s, p) => s + p.loans, 0) };
    const businessDate = await openBusinessDate(deps, tx);
    const n = await cobRepo.massWaiveInterest(tx, input.filter, businessDate, `Mass relief: ${input.reason}`);
    await recordAudit(tx, ctx, now, {
      action: 'servicing.mass_relief',
      entityType: 'loan_cohort',
      after: { action: input.action, filter: input.filter, reason: input.reason, loans: n, preview },
    });
    await repo.insertEvent(tx, {
      type: 'relief.mass_applied',
      businessDate,
      payload: { action: input.action, filter: input.filter, loans: n },
    });
    return { applied: true, preview, loans: n };
  });
}
