// Identity verification of a customer: local number checks, then the configured provider; the
// result (provider reference, outcome, reasons, face-match score) is stored per customer with the
// identity number encrypted and masked, and audited in the same transaction.
import { randomUUID } from 'node:crypto';
import { maskNationalId } from '@bursar/core';
import type { ActorContext, Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { customerContacts } from '../customers/index.ts';
import {
  cnBirthDateProblem,
  FileIdentityProvider,
  identityNumberOf,
  localIdentityProblems,
  type IdentityRequest,
  type IdentityVerificationProvider,
  type ProviderResult,
} from './identity-verification.ts';
import * as repo from './kyc.repository.ts';
import type { VerificationRow } from './kyc.repository.ts';
import { kycSettings } from './kyc.settings.ts';

let provider: IdentityVerificationProvider | null = null;
let override: IdentityVerificationProvider | null = null;

/** The configured provider (the file-driven test provider unless another is set). */
export function identityProvider(): IdentityVerificationProvider {
  if (override) return override;
  const s = kycSettings();
  provider ??= new FileIdentityProvider(s.BURSAR_KYC_PROVIDER_FILE, {
    pass: s.BURSAR_KYC_FACE_PASS,
    fail: s.BURSAR_KYC_FACE_FAIL,
  });
  return provider;
}

/** Plug in another provider (a vendor adapter, or a test double); null restores the configured one. */
export function useIdentityProvider(p: IdentityVerificationProvider | null): void {
  override = p;
}

export function verificationView(v: VerificationRow) {
  return {
    id: v.id,
    customerId: v.customerId,
    kind: v.kind,
    provider: v.provider,
    providerRef: v.providerRef,
    outcome: v.outcome,
    reasons: v.reasons,
    faceMatchScore: v.faceMatchScore,
    subjectName: v.subjectName,
    idNumber: v.idNumberMasked,
    trigger: v.trigger,
    requestedBy: v.requestedBy,
    createdAt: v.createdAt.toISOString(),
  };
}

/**
 * Verify a customer's identity. Origination calls this at onboarding and payee controls on an
 * account change; staff run it from the customer's KYC page.
 */
export async function verifyCustomerIdentity(
  deps: Deps,
  ctx: ActorContext,
  customerId: string,
  request: IdentityRequest,
  trigger: 'onboarding' | 'payee_change' | 'manual' = 'manual',
) {
  const db = deps.database.db;
  const customer = (await customerContacts(deps, db, [customerId])).get(customerId);
  if (!customer) throw Problem.notFound('Customer');
  const local = localIdentityProblems(request);
  const dobProblem = cnBirthDateProblem(request, customer.dateOfBirth);
  if (dobProblem) local.push(dobProblem);
  const p = identityProvider();
  // A number that cannot be valid never goes to the provider: it fails here, with the reason.
  const result: ProviderResult =
    local.length > 0
      ? { providerRef: 'local-check', outcome: 'fail', reasons: local, faceMatchScore: null }
      : await p.verify(request);
  const number = identityNumberOf(request);
  const now = deps.now();
  return db.transaction(async (tx) => {
    const row = await repo.insertVerification(tx, {
      id: randomUUID(),
      customerId,
      kind: request.kind,
      provider: local.length > 0 ? 'local' : p.name,
      providerRef: result.providerRef,
      outcome: result.outcome,
      reasons: result.reasons,
      faceMatchScore: result.faceMatchScore,
      subjectName: request.name,
      idNumberEnc: deps.cipher.encrypt(number),
      idNumberMasked: maskNationalId(number),
      trigger,
      requestedBy: ctx.actorName,
      createdAt: now,
    });
    await recordAudit(tx, ctx, now, {
      action: `kyc_verification.${result.outcome}`,
      entityType: 'customer',
      entityId: customerId,
      after: {
        verificationId: row.id,
        kind: row.kind,
        provider: row.provider,
        providerRef: row.providerRef,
        reasons: row.reasons,
        idNumber: row.idNumberMasked,
        trigger,
      },
    });
    return verificationView(row);
  });
}

export async function listVerifications(deps: Deps, customerId: string) {
  return (await repo.verificationsOf(deps.database.db, customerId)).map(verificationView);
}

/** The latest verification of a customer, for onboarding checks (null when never verified). */
export async function latestVerification(deps: Deps, customerId: string) {
  const [v] = await repo.verificationsOf(deps.database.db, customerId);
  return v ? verificationView(v) : null;
}
