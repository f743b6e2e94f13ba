// Referrals: each customer's stable referral code, the friends it brought (tracked through the
// prospect to application and funding) and the reward ledger with its rules.
//
// Rules (REFERRAL_RULES): a reward per referred friend whose loan is disbursed — ¥100 (CNY) or
// $50 (USD), in the referred prospect's currency — at most `annualCap` rewards earned per referrer
// per calendar year (the year the loan is disbursed). No reward for referring oneself (refused),
// nor when the friend was already a customer (the referral is recorded, void). Rewards are
// payable liabilities, not ledger credits: `pending` → `earned` (disbursed) → `paid` (finance
// settles it outside the loan ledger and records the payment reference), or `void`.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Executor } from '../../db/database.ts';
import type { ActorContext, Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { customerContacts, maskName, publishTimelineEvent } from '../customers/index.ts';
import type { Actor } from '../identity/index.ts';
import * as repo from './acquisition.repository.ts';
import type { ProspectRow, RewardRow } from './acquisition.repository.ts';

export const REFERRAL_RULES = {
  rewardMinor: { CNY: 10_000, USD: 5_000 } as Readonly<Record<string, number>>,
  annualCap: 5,
};

/** Crockford base32 without look-alikes: 8 characters ≈ 40 random bits, easy to read out. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
function newCode(): string {
  const bytes = randomBytes(8);
  let s = '';
  for (const b of bytes) s += ALPHABET[b % ALPHABET.length];
  return s;
}

export function referralPath(code: string): string {
  return `/r/${code}`;
}

/** The customer's code, created on first use (stable afterwards). */
export async function referralCodeOf(tx: Executor, deps: Deps, customerId: string): Promise<string> {
  const existing = await repo.findCodeOfCustomer(tx, customerId);
  if (existing) return existing.code;
  for (let i = 0; i < 5; i++) {
    const code = newCode();
    if (await repo.insertCode(tx, customerId, code, deps.now())) return code;
    const raced = await repo.findCodeOfCustomer(tx, customerId);
    if (raced) return raced.code;
  }
  throw new Error('could not allocate a referral code');
}

export async function findReferrer(db: Executor, code: string): Promise<string | null> {
  return (await repo.findCode(db, code.trim().toUpperCase()))?.customerId ?? null;
}

function rewardAmount(currency: string): number {
  const a = REFERRAL_RULES.rewardMinor[currency];
  if (a === undefined) throw Problem.badRequest('currency', `no referral reward is set for ${currency}`);
  return a;
}

async function setReward(
  tx: Executor,
  deps: Deps,
  ctx: ActorContext,
  r: RewardRow,
  patch: Partial<RewardRow>,
) {
  const after = await repo.updateReward(tx, r.id, { ...patch, updatedAt: deps.now() });
  await recordAudit(tx, ctx, deps.now(), {
    action: `referral_reward.${after.status}`,
    entityType: 'referral_reward',
    entityId: r.id,
    before: { status: r.status },
    after: {
      status: after.status,
      amountMinor: after.amountMinor,
      voidReason: after.voidReason,
      paymentRef: after.paymentRef,
    },
  });
  return after;
}

/** Hooks the prospect pipeline calls inside its transactions. */
export const onReferralProgress = {
  async captured(
    tx: Executor,
    deps: Deps,
    ctx: ActorContext,
    p: ProspectRow,
    code: string,
    matched: string[],
  ) {
    const referrer = await findReferrer(tx, code);
    if (!referrer) throw Problem.badRequest('referralCode', 'is not a known referral code');
    if (matched.includes(referrer)) throw Problem.badRequest('referralCode', 'you cannot refer yourself');
    const existingCustomer = matched.length > 0;
    const at = deps.now();
    const ref = await repo.insertReferral(tx, {
      id: randomUUID(),
      referrerCustomerId: referrer,
      code: code.trim().toUpperCase(),
      prospectId: p.id,
      status: existingCustomer ? 'void' : 'registered',
      voidReason: existingCustomer ? 'existing_customer' : null,
      createdAt: at,
      updatedAt: at,
    });
    await repo.updateProspect(tx, p.id, { referralId: ref.id });
    await repo.insertReward(tx, {
      id: randomUUID(),
      referralId: ref.id,
      referrerCustomerId: referrer,
      amountMinor: rewardAmount(p.currency),
      currency: p.currency,
      status: existingCustomer ? 'void' : 'pending',
      voidReason: existingCustomer ? 'existing_customer' : null,
      voidedAt: existingCustomer ? at : null,
      createdAt: at,
      updatedAt: at,
    });
    await publishTimelineEvent(
      tx,
      {
        customerId: referrer,
        kind: 'growth.referral_registered',
        summary: `Referred ${maskName(p.legalName)} (${p.reference})${existingCustomer ? ' — already a customer, no reward' : ''}`,
        data: { referralId: ref.id, prospectId: p.id },
        actorName: ctx.actorName,
      },
      at,
    );
    await recordAudit(tx, ctx, at, {
      action: 'referral.registered',
      entityType: 'referral',
      entityId: ref.id,
      after: { referrer, prospectId: p.id, status: ref.status, voidReason: ref.voidReason },
    });
  },
  async applied(tx: Executor, deps: Deps, _ctx: ActorContext, p: ProspectRow) {
    if (!p.referralId) return;
    const ref = await repo.findReferral(tx, p.referralId, true);
    if (ref && ref.status === 'registered')
      await repo.updateReferral(tx, ref.id, { status: 'applied', updatedAt: deps.now() });
  },
  /** The referred loan is disbursed: the reward is earned, unless the referrer's annual cap is reached. */
  async funded(tx: Executor, deps: Deps, ctx: ActorContext, p: ProspectRow) {
    if (!p.referralId) return;
    const ref = await repo.findReferral(tx, p.referralId, true);
    if (!ref || ref.status === 'void') return;
    const at = deps.now();
    await repo.updateReferral(tx, ref.id, { status: 'funded', updatedAt: at });
    const reward = await repo.rewardOfReferral(tx, ref.id, true);
    if (!reward || reward.status !== 'pending') return;
    const year = at.getUTCFullYear();
    const counted = await repo.rewardsCountedInYear(tx, ref.referrerCustomerId, year);
    if (counted.count >= REFERRAL_RULES.annualCap)
      await setReward(tx, deps, ctx, reward, {
        status: 'void',
        voidReason: 'annual_cap',
        voidedAt: at,
        capYear: year,
      });
    else await setReward(tx, deps, ctx, reward, { status: 'earned', earnedAt: at, capYear: year });
  },
  async lost(tx: Executor, deps: Deps, ctx: ActorContext, p: ProspectRow) {
    if (!p.referralId) return;
    const at = deps.now();
    await repo.updateReferral(tx, p.referralId, { status: 'void', voidReason: 'not_funded', updatedAt: at });
    const reward = await repo.rewardOfReferral(tx, p.referralId, true);
    if (reward?.status === 'pending')
      await setReward(tx, deps, ctx, reward, { status: 'void', voidReason: 'not_funded', voidedAt: at });
  },
};

/** The signed-in student's code, link and referrals (friends' names masked). */
export async function myReferrals(deps: Deps, actor: Actor) {
  if (!actor.customerId) throw Problem.notFound('Customer record');
  const customerId = actor.customerId;
  const code = await deps.database.db.transaction((tx) => referralCodeOf(tx, deps, customerId));
  const rows = await repo.referralsOf(deps.database.db, customerId);
  return {
    code,
    path: referralPath(code),
    rules: {
      rewardMinor: REFERRAL_RULES.rewardMinor.CNY!,
      currency: 'CNY',
      annualCap: REFERRAL_RULES.annualCap,
    },
    referrals: rows.map((r) => ({
      id: r.referral.id,
      name: maskName(r.prospect.legalName),
      status: r.referral.status,
      stage: r.prospect.stage,
      createdAt: r.referral.createdAt.toISOString(),
      reward: r.reward
        ? {
            status: r.reward.status,
            amountMinor: r.reward.amountMinor,
            currency: r.reward.currency,
            voidReason: r.reward.voidReason,
          }
        : null,
    })),
  };
}

/** Staff: a customer's code (for the customer page and demo data). */
export async function codeForCustomer(deps: Deps, customerId: string) {
  const code = await deps.database.db.transaction(async (tx) => {
    if (!(await customerContacts(deps, tx, [customerId])).has(customerId)) throw Problem.notFound('Customer');
    return referralCodeOf(tx, deps, customerId);
  });
  return { code, path: referralPath(code) };
}

function rewardView(r: RewardRow) {
  return {
    id: r.id,
    referralId: r.referralId,
    referrerCustomerId: r.referrerCustomerId,
    amountMinor: r.amountMinor,
    currency: r.currency,
    status: r.status,
    capYear: r.capYear,
    voidReason: r.voidReason,
    paymentRef: r.paymentRef,
    earnedAt: r.earnedAt?.toISOString() ?? null,
    paidAt: r.paidAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

export async function listRewards(deps: Deps, status: string | undefined) {
  return { items: (await repo.listRewards(deps.database.db, status)).map(rewardView) };
}

/** Finance settled an earned reward (outside the loan ledger): record it as paid. */
export async function payReward(deps: Deps, ctx: ActorContext, id: string, paymentRef: string) {
  return deps.database.db.transaction(async (tx) => {
    const r = await repo.findReward(tx, id, true);
    if (!r) throw Problem.notFound('Reward');
    if (r.status !== 'earned')
      throw Problem.conflict(
        'reward-not-earned',
        `Only an earned reward can be paid; this one is ${r.status}`,
        'status',
      );
    return rewardView(await setReward(tx, deps, ctx, r, { status: 'paid', paidAt: deps.now(), paymentRef }));
  });
}

export async function voidReward(deps: Deps, ctx: ActorContext, id: string, reason: string) {
  return deps.database.db.transaction(async (tx) => {
    const r = await repo.findReward(tx, id, true);
    if (!r) throw Problem.notFound('Reward');
    if (r.status === 'paid' || r.status === 'void')
      throw Problem.conflict('reward-final', `A ${r.status} reward cannot be voided`, 'status');
    return rewardView(
      await setReward(tx, deps, ctx, r, { status: 'void', voidReason: reason, voidedAt: deps.now() }),
    );
  });
}
