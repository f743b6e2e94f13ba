// Controls on the account a disbursement is paid to. A customer's first account (for the student,
// or the school's account for this borrower) is taken at onboarding; any later change is a
// request that needs re-verification by someone other than the requester (a call-back to the
// number on file, or a fresh identity check) and waits out a cooling-off period (72 h by
// default) before money may go to it. The check is enforced in origination's disbursement path.
import { randomUUID } from 'node:crypto';
import type { ActorContext, Deps } from '../../deps.ts';
import type { Executor } from '../../db/database.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { customerContacts } from '../customers/index.ts';
import * as repo from './kyc.repository.ts';
import type { PayeeAccountRow } from './kyc.repository.ts';
import { kycSettings } from './kyc.settings.ts';
import { assertNotSanctioned } from './sanctions.service.ts';

export type Payee = 'student' | 'school';

export function normaliseAccountNumber(raw: string): string {
  return raw.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
}

/** A bank account number, IBAN or Chinese card number: 6 to 34 letters and digits. */
export function accountNumberProblem(normal: string): string | null {
  return /^[A-Z0-9]{6,34}$/.test(normal) ? null : 'must be 6 to 34 letters and digits';
}

const maskAccount = (n: string) => `****${n.slice(-4)}`;

export function payeeAccountView(a: PayeeAccountRow, now: Date) {
  const coolingOff = a.coolingOffUntil !== null && a.coolingOffUntil > now;
  return {
    id: a.id,
    customerId: a.customerId,
    payee: a.payee,
    holderName: a.holderName,
    bankName: a.bankName,
    account: a.accountMasked,
    status: a.status,
    isChange: a.isChange,
    reason: a.reason,
    requestedBy: a.requestedBy,
    requestedAt: a.requestedAt.toISOString(),
    coolingOffUntil: a.coolingOffUntil?.toISOString() ?? null,
    inCoolingOff: coolingOff,
    verifiedBy: a.verifiedBy,
    verifiedAt: a.verifiedAt?.toISOString() ?? null,
    verificationNote: a.verificationNote,
    verificationId: a.verificationId,
    decidedAt: a.decidedAt?.toISOString() ?? null,
    /** Money may go to this account now. */
    payable: a.status === 'active' && !coolingOff,
  };
}

export interface PayeeAccountInput {
  payee: Payee;
  holderName: string;
  bankName: string;
  accountNumber: string;
  reason?: string | undefined;
}

/** Register the first account, or request a change (re-verification and cooling-off follow). */
export async function requestPayeeAccount(deps: Deps, ctx: ActorContext, customerId: string, input: PayeeAccountInput) {
  const normal = normaliseAccountNumber(input.accountNumber);
  const why = accountNumberProblem(normal);
  if (why) throw Problem.badRequest('accountNumber', why);
  const db = deps.database.db;
  if (!(await customerContacts(deps, db, [customerId])).has(customerId)) throw Problem.notFound('Customer');
  const hours = kycSettings().BURSAR_PAYEE_COOLING_OFF_HOURS;
  const now = deps.now();
  return db.transaction(async (tx) => {
    const existing = (await repo.payeeAccountsOf(tx, customerId)).filter(
      (a) => a.payee === input.payee && (a.status === 'active' || a.status === 'pending'),
    );
    const hash = deps.cipher.blindIndex(`acct:${normal}`);
    if (existing.some((a) => a.accountHash === hash))
      throw Problem.conflict('account-unchanged', 'This account is already on file', 'accountNumber');
    const isChange = existing.length > 0;
    if (isChange && !input.reason?.trim())
      throw Problem.badRequest('reason', 'say why the account changes (the customer’s request, its channel)');
    // An earlier change still pending is replaced by this one.
    for (const a of existing.filter((x) => x.status === 'pending'))
      await repo.updatePayeeAccount(tx, a.id, { status: 'superseded', decidedAt: now });
    const row = await repo.insertPayeeAccount(tx, {
      id: randomUUID(),
      customerId,
      payee: input.payee,
      holderName: input.holderName.trim(),
      bankName: input.bankName.trim(),
      accountEnc: deps.cipher.encrypt(normal),
      accountHash: hash,
      accountMasked: maskAccount(normal),
      status: isChange ? 'pending' : 'active',
      isChange,
      reason: input.reason?.trim() ?? null,
      requestedBy: ctx.actorName,
      requestedAt: now,
      coolingOffUntil: isChange ? new Date(now.getTime() + hours * 3_600_000) : null,
    });
    await recordAudit(tx, ctx, now, {
      action: isChange ? 'payee_account.change_requested' : 'payee_account.registered',
      entityType: 'customer',
      entityId: customerId,
      after: {
        accountId: row.id,
        payee: row.payee,
        account: row.accountMasked,
        bank: row.bankName,
        coolingOffUntil: row.coolingOffUntil?.toISOString() ?? null,
      },
    });
    return payeeAccountView(row, now);
  });
}

/**
 * Re-verify a requested change. The verifier may not be the requester; an identity check must be
 * a passing verification of this customer made after the request.
 */
export async function verifyPayeeChange(
  deps: Deps,
  ctx: ActorContext,
  accountId: string,
  input: { method: 'callback' | 'identity_check'; note: string; verificationId?: string | undefined },
) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const a = await repo.findPayeeAccount(tx, accountId, true);
    if (!a) throw Problem.notFound('Account change');
    if (a.status !== 'pending')
      throw Problem.conflict('not-pending', `This account is ${a.status}; only a pending change is verified`, 'status');
    if (a.requestedBy && a.requestedBy === ctx.actorName)
      throw Problem.conflict('four-eyes', 'Someone other than the requester must verify the change', 'accountId');
    if (input.method === 'identity_check') {
      if (!input.verificationId) throw Problem.badRequest('verificationId', 'is required for an identity check');
      const v = await repo.findVerification(tx, input.verificationId);
      if (!v || v.customerId !== a.customerId || v.outcome !== 'pass' || v.createdAt < a.requestedAt)
        throw Problem.badRequest(
          'verificationId',
          'must be a passing identity verification of this customer made after the change was requested',
        );
    }
    for (const old of (await repo.payeeAccountsOf(tx, a.customerId)).filter(
      (x) => x.payee === a.payee && x.status === 'active',
    ))
      await repo.updatePayeeAccount(tx, old.id, { status: 'superseded', decidedAt: now });
    const updated = await repo.updatePayeeAccount(tx, a.id, {
      status: 'active',
      verifiedBy: ctx.actorName,
      verifiedAt: now,
      verificationNote: `${input.method}: ${input.note}`,
      verificationId: input.verificationId ?? null,
      decidedAt: now,
    });
    await recordAudit(tx, ctx, now, {
      action: 'payee_account.change_verified',
      entityType: 'customer',
      entityId: a.customerId,
      before: { status: 'pending' },
      after: { accountId: a.id, status: 'active', method: input.method, coolingOffUntil: a.coolingOffUntil?.toISOString() ?? null },
    });
    return payeeAccountView(updated, now);
  });
}

export async function rejectPayeeChange(deps: Deps, ctx: ActorContext, accountId: string, input: { reason: string }) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const a = await repo.findPayeeAccount(tx, accountId, true);
    if (!a) throw Problem.notFound('Account change');
    if (a.status !== 'pending')
      throw Problem.conflict('not-pending', `This account is ${a.status}; only a pending change is rejected`, 'status');
    const updated = await repo.updatePayeeAccount(tx, a.id, {
      status: 'rejected',
      verificationNote: input.reason,
      verifiedBy: ctx.actorName,
      decidedAt: now,
    });
    await recordAudit(tx, ctx, now, {
      action: 'payee_account.change_rejected',
      entityType: 'customer',
      entityId: a.customerId,
      before: { status: 'pending' },
      after: { accountId: a.id, status: 'rejected', reason: input.reason },
    });
    return payeeAccountView(updated, now);
  });
}

export async function listPayeeAccounts(deps: Deps, customerId: string) {
  const now = deps.now();
  return (await repo.payeeAccountsOf(deps.database.db, customerId)).map((a) => payeeAccountView(a, now));
}

export async function listPayeeChanges(deps: Deps, status: PayeeAccountRow['status'] | undefined) {
  const db = deps.database.db;
  const now = deps.now();
  const rows = await repo.payeeChangesWhere(db, status);
  const names = await customerContacts(deps, db, rows.map((r) => r.customerId));
  return rows.map((r) => ({ ...payeeAccountView(r, now), customerName: names.get(r.customerId)?.legalName ?? null }));
}

/**
 * May money go to this customer's account for this payee now? Refused (409, naming the field)
 * while a change awaits re-verification or its cooling-off has not run out. A customer with no
 * account on file is not held here (tuition goes to the school's registered account).
 */
export async function assertPayeeAccountReady(db: Executor, customerId: string, payee: Payee, now: Date) {
  const accounts = (await repo.payeeAccountsOf(db, customerId)).filter((a) => a.payee === payee);
  const pending = accounts.find((a) => a.status === 'pending');
  if (pending)
    throw new Problem(
      409,
      'payee-change-unverified',
      'Conflict',
      `The ${payee}'s disbursement account was changed on ${pending.requestedAt.toISOString()} and the change has not been re-verified`,
      { errors: [{ field: 'payee', message: 'account change awaiting re-verification' }], accountId: pending.id },
    );
  const active = accounts.find((a) => a.status === 'active');
  if (active?.coolingOffUntil && active.coolingOffUntil > now)
    throw new Problem(
      409,
      'payee-cooling-off',
      'Conflict',
      `The ${payee}'s disbursement account changed recently; money may go to it from ${active.coolingOffUntil.toISOString()}`,
      {
        errors: [{ field: 'payee', message: 'account in its cooling-off period' }],
        accountId: active.id,
        coolingOffUntil: active.coolingOffUntil.toISOString(),
      },
    );
  return active ?? null;
}

/**
 * Everything KYC/AML checks before a disbursement, on the caller's transaction: no confirmed
 * sanctions match, and the payee's account not freshly changed. Origination's disbursement calls it.
 */
export async function assertDisbursementAllowed(
  db: Executor,
  input: { customerId: string; payee: Payee; now: Date },
): Promise<void> {
  await assertNotSanctioned(db, input.customerId);
  await assertPayeeAccountReady(db, input.customerId, input.payee, input.now);
}
