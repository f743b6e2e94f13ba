// Next-best offers: gather each customer's facts (set-based, a page at a time), decide with
// core's rules, store one row per customer (upsert: the job is idempotent) and keep the
// customer's `nbo:<code>` tag in step through customers' index, so a segment can select on it.
import {
  daysToNextTermStart,
  DEFAULT_NBO_RULES,
  nboTag,
  nextBestOffer,
  NBO_TAG_PREFIX,
  toEpochDay,
  type NboCode,
  type NboFacts,
} from '@bursar/core';
import type { z } from 'zod';
import { SYSTEM_ACTOR, type ActorContext, type Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { assertCustomerVisible, replaceTagGroupWithin } from '../customers/index.ts';
import type { Actor } from '../identity/index.ts';
import { openBusinessDate } from '../servicing/index.ts';
import * as repo from './campaigns.repository.ts';
import * as read from './next-best-offer.repository.ts';
import type * as S from './campaigns.schema.ts';

/** Facts of one customer from the read-model row, on a business date. */
export function factsOf(r: read.NboFactRow, businessDate: string): NboFacts {
  const today = toEpochDay(businessDate);
  const income = r.annual_income === null ? null : BigInt(r.annual_income);
  const yearly = r.yearly_payment === null ? null : BigInt(r.yearly_payment.split('.')[0]!);
  return {
    enrolmentStatus: r.enrolment_status,
    level: r.level,
    daysToGraduation: r.expected_graduation_date ? toEpochDay(r.expected_graduation_date) - today : null,
    daysToNextTerm: daysToNextTermStart(businessDate),
    hasOpenLoan: r.has_open_loan === true,
    maxDaysPastDue: r.max_dpd ?? 0,
    inCollections: r.in_collections === true,
    onIncomeDrivenPlan: r.on_idr === true,
    paymentToIncomeBps: income && income > 0n && yearly !== null ? Number((yearly * 10_000n) / income) : null,
    daysSinceFirstDisbursement: r.first_disbursed_on ? today - toEpochDay(r.first_disbursed_on) : null,
    hasBusinessPlan: (r.tags ?? []).includes('business-plan'),
  };
}

function viewOf(row: repo.NboRow): z.infer<typeof S.nboSchema> {
  const rule = DEFAULT_NBO_RULES.find((r) => r.code === row.code) ?? null;
  return {
    customerId: row.customerId,
    code: (row.code as NboCode | null) ?? null,
    actionKind: rule?.action.kind ?? null,
    href: rule?.action.href ?? null,
    reason: rule?.reason ?? null,
    eligible: row.eligible,
    tag: rule ? nboTag(rule.code) : null,
    businessDate: row.businessDate,
    computedAt: row.computedAt.toISOString(),
  };
}

async function decideAndStore(
  deps: Deps,
  ctx: ActorContext,
  rows: read.NboFactRow[],
  businessDate: string,
): Promise<{ changed: number }> {
  if (!rows.length) return { changed: 0 };
  return deps.database.db.transaction(async (tx) => {
    const at = deps.now();
    const previous = new Map(
      (
        await repo.nbosOf(
          tx,
          rows.map((r) => r.customer_id),
        )
      ).map((p) => [p.customerId, p.code]),
    );
    let changed = 0;
    const upserts = [];
    for (const r of rows) {
      const facts = factsOf(r, businessDate);
      const d = nextBestOffer(facts);
      upserts.push({
        customerId: r.customer_id,
        code: d.code,
        eligible: d.eligible,
        facts,
        businessDate,
        computedAt: at,
      });
      const tags = d.code ? [nboTag(d.code)] : [];
      const tagged = (r.tags ?? []).filter((t) => t.startsWith(NBO_TAG_PREFIX));
      if (previous.get(r.customer_id) !== d.code || tagged.join() !== tags.join()) {
        if (await replaceTagGroupWithin(tx, ctx, r.customer_id, NBO_TAG_PREFIX, tags, at)) changed++;
      }
    }
    await repo.upsertNbos(tx, upserts);
    return { changed };
  });
}

/** The job: every active customer, a page at a time. Rerunning on the same facts changes nothing. */
export async function runNextBestOffers(
  deps: Deps,
  ctx: ActorContext = SYSTEM_ACTOR,
  pageSize = 500,
): Promise<z.infer<typeof S.nboRunSchema>> {
  const businessDate = await openBusinessDate(deps);
  let after: string | null = null;
  let evaluated = 0;
  let changed = 0;
  for (;;) {
    const rows = await read.nboFacts(deps.database.db, { afterId: after, limit: pageSize });
    if (!rows.length) break;
    changed += (await decideAndStore(deps, ctx, rows, businessDate)).changed;
    evaluated += rows.length;
    after = rows.at(-1)!.customer_id;
  }
  const counts: Record<string, number> = {};
  for (const c of await repo.nboCounts(deps.database.db)) counts[c.code ?? 'none'] = c.n;
  return { evaluated, changed, counts };
}

/** One customer's offer, recomputed now (on demand, e.g. when the customer page opens). */
export async function nextBestOfferFor(
  deps: Deps,
  ctx: ActorContext,
  actor: Actor,
  customerId: string,
  recompute: boolean,
): Promise<z.infer<typeof S.nboSchema>> {
  await assertCustomerVisible(deps.database.db, actor, customerId);
  if (recompute || !(await repo.nboOf(deps.database.db, customerId))) {
    const rows = await read.nboFacts(deps.database.db, { ids: [customerId] });
    if (!rows.length) throw Problem.notFound('Customer');
    await decideAndStore(deps, ctx, rows, await openBusinessDate(deps));
  }
  return viewOf((await repo.nboOf(deps.database.db, customerId))!);
}
