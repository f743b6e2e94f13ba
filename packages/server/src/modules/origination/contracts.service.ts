// E-contracts: generated from the versioned template, consent to electronic records, a one-time
// code by email through engagement's outbox, a signature record per party (signer, time, IP,
// method, SHA-256 of the exact document signed), and the lender's PDF seal once all have signed.
// A signed version never changes; an amendment is a new version.
import { createHash, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { PricingAdjustment, RepaymentPreview, SignerParty, TranchePlan } from '@bursar/core';
import type { ActorContext, Deps } from '../../deps.ts';
import type { Executor } from '../../db/database.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { deliverDisclosure } from '../compliance/index.ts';
import { publishTimelineEvent } from '../customers/index.ts';
import { enqueueMessage, handleDomainEvent } from '../engagement/index.ts';
import type { Actor } from '../identity/index.ts';
import { activeProduct } from '../products/index.ts';
import { visibleApplication } from './access.ts';
import { answersOf } from './applications.service.ts';
import {
  CONTRACT_TEMPLATE_VERSION,
  contractMarker,
  renderContract,
  type ContractTerms,
} from './contract-pdf.ts';
import * as repo from './origination.repository.ts';
import type { ApplicationRow, ContractRow, OfferRow } from './origination.repository.ts';
import { checkEmbeddedSignature, sealPdf } from './seal.ts';
import { originationSettings } from './settings.ts';

const CODE_TTL_MS = 10 * 60_000;
const MAX_CODE_ATTEMPTS = 5;
const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** Product names by language, looked up before a transaction (PGlite has one connection). */
export type ProductName = { en: string; 'zh-CN': string };

function termsOf(
  productName: ProductName,
  app: ApplicationRow,
  offer: OfferRow,
  contractNumber: string,
  version: number,
  language: 'en' | 'zh-CN',
  at: Date,
): ContractTerms {
  const a = answersOf(app);
  return {
    contractNumber,
    version,
    language,
    lender: originationSettings().BURSAR_LENDER_NAME,
    borrowerName: a.identity?.legalName ?? '',
    cosignerName: a.related?.cosigner?.name ?? null,
    applicationNumber: app.applicationNumber,
    productName: productName[language],
    currency: offer.currency,
    amountMinor: offer.amount,
    baseRate: offer.baseRate,
    rate: offer.rate,
    adjustments: offer.adjustments as PricingAdjustment[],
    tranches: offer.tranches as TranchePlan[],
    preview: offer.preview as RepaymentPreview,
    issuedAt: at,
  };
}

/** The offered product's names, read outside any transaction. */
async function productNameOf(deps: Deps, applicationId: string): Promise<ProductName> {
  const offer = await repo.offerOf(deps.database.db, applicationId);
  const product = offer ? await activeProduct(deps, offer.productCode) : null;
  const code = offer?.productCode ?? '';
  return product?.name ?? { en: code, 'zh-CN': code };
}

/** Parties that must sign: the borrower, and the co-signer when the application names one. */
export function partiesOf(app: ApplicationRow): SignerParty[] {
  return answersOf(app).related?.cosigner ? ['borrower', 'cosigner'] : ['borrower'];
}

/**
 * Issue a contract version for the offer (in the caller's transaction). An unsigned earlier version
 * is superseded; a signed one only through an explicit amendment.
 */
export async function issueContract(
  tx: Executor,
  deps: Deps,
  ctx: ActorContext,
  app: ApplicationRow,
  offer: OfferRow,
  productName: ProductName,
  language: 'en' | 'zh-CN',
  opts: { amendment?: boolean } = {},
): Promise<ContractRow> {
  const now = deps.now();
  const current = await repo.currentContract(tx, app.id, true);
  if (current?.status === 'signed' && !opts.amendment)
    throw Problem.conflict(
      'contract-signed',
      'The contract is signed; changes need an amendment (a new version)',
      'contract',
    );
  if (current) await repo.updateContract(tx, current.id, { status: 'superseded' });
  const contractNumber = current?.contractNumber ?? `C${app.applicationNumber.slice(1)}`;
  const version = (current?.version ?? 0) + 1;
  const document = await renderContract(
    termsOf(productName, app, offer, contractNumber, version, language, now),
    null,
  );
  const row = await repo.insertContract(tx, {
    id: randomUUID(),
    applicationId: app.id,
    contractNumber,
    version,
    templateVersion: CONTRACT_TEMPLATE_VERSION,
    language,
    status: 'pending_signature',
    document,
    documentSha256: sha256(document),
    createdAt: now,
  });
  await recordAudit(tx, ctx, now, {
    action: opts.amendment ? 'contract.amended' : 'contract.issued',
    entityType: 'contract',
    entityId: `${contractNumber}/v${version}`,
    after: {
      applicationId: app.id,
      language,
      sha256: row.documentSha256,
      template: CONTRACT_TEMPLATE_VERSION,
    },
  });
  return row;
}

/** A new version in another language, or an amendment of a signed contract (staff). */
export async function reissueContract(
  deps: Deps,
  ctx: ActorContext,
  actor: Actor,
  id: string,
  input: { language: 'en' | 'zh-CN'; amendment?: boolean | undefined },
) {
  if (input.amendment && !actor.permissions.has('applications.manage'))
    throw Problem.forbidden('Only staff may amend a signed contract');
  const names = await productNameOf(deps, id);
  return deps.database.db.transaction(async (tx) => {
    const app = await visibleApplication(tx, actor, id, true);
    if (app.status !== 'approved' && !(input.amendment && app.status === 'contracted'))
      throw Problem.conflict(
        'contract-not-open',
        `A ${app.status} application has no contract to reissue`,
        'status',
      );
    const offer = await repo.offerOf(tx, id);
    if (!offer) throw Problem.conflict('no-offer', 'The application has no offer', 'offer');
    const c = await issueContract(tx, deps, ctx, app, offer, names, input.language, {
      amendment: input.amendment === true,
    });
    if (input.amendment) await repo.updateApplication(tx, id, { status: 'approved', updatedAt: deps.now() });
    return c;
  });
}

async function openContract(tx: Executor, actor: Actor, id: string) {
  const app = await visibleApplication(tx, actor, id, true);
  if (app.customerId !== actor.customerId && !actor.permissions.has('applications.manage'))
    throw Problem.notFound('Application');
  const contract = await repo.currentContract(tx, id, true);
  if (!contract || app.status !== 'approved')
    throw Problem.conflict('no-contract-to-sign', 'There is no contract waiting for signature', 'contract');
  return { app, contract };
}

export async function consentToElectronicRecords(deps: Deps, ctx: ActorContext, actor: Actor, id: string) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const { contract } = await openContract(tx, actor, id);
    if (contract.electronicConsentAt) return contract;
    const c = await repo.updateContract(tx, contract.id, { electronicConsentAt: now });
    await deliverDisclosure(tx, deps, { stage: 'signing', applicationId: id });
    await recordAudit(tx, ctx, now, {
      action: 'contract.electronic_consent',
      entityType: 'contract',
      entityId: `${contract.contractNumber}/v${contract.version}`,
      after: { consentedAt: now.toISOString() },
    });
    return c;
  });
}

function codeHash(contractId: string, code: string): string {
  return sha256(`${contractId}:${code}`);
}

/** Send the borrower a one-time signing code by email (engagement's outbox, in this transaction). */
export async function requestSigningCode(deps: Deps, ctx: ActorContext, actor: Actor, id: string) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const { app, contract } = await openContract(tx, actor, id);
    if (!contract.electronicConsentAt)
      throw Problem.conflict('consent-required', 'Consent to electronic records first', 'electronicConsent');
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const codeId = randomUUID();
    const sent = await enqueueMessage(
      tx,
      deps,
      {
        customerId: app.customerId,
        channel: 'email',
        purpose: 'service',
        legallyRequired: true,
        content: {
          subject: `Signing code ${code} · 签署验证码`,
          body: [
            `Your code to sign contract ${contract.contractNumber} (version ${contract.version}) is ${code}. It expires in 10 minutes. Never share it.`,
            `您签署合同 ${contract.contractNumber}（第 ${contract.version} 版）的验证码是 ${code}，10 分钟内有效，请勿告诉他人。`,
          ].join('\n\n'),
        },
        source: { kind: 'origination.signing_code', id: codeId },
        createdBy: ctx.actorName,
        quiet: true,
      },
      now,
    );
    await repo.insertSigningCode(tx, {
      id: codeId,
      contractId: contract.id,
      party: 'borrower',
      codeHash: codeHash(contract.id, code),
      messageId: sent.id,
      expiresAt: new Date(now.getTime() + CODE_TTL_MS),
      createdAt: now,
    });
    await recordAudit(tx, ctx, now, {
      action: 'contract.signing_code_sent',
      entityType: 'contract',
      entityId: `${contract.contractNumber}/v${contract.version}`,
      after: { channel: sent.channel, messageStatus: sent.status },
    });
    return {
      channel: sent.channel,
      status: sent.status,
      expiresAt: new Date(now.getTime() + CODE_TTL_MS).toISOString(),
    };
  });
}

function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** The borrower signs with the one-time code; the co-signer's signature is witnessed by staff. */
export async function signContract(
  deps: Deps,
  ctx: ActorContext,
  actor: Actor,
  id: string,
  input: { party: SignerParty; code?: string | undefined; signerName?: string | undefined },
) {
  const now = deps.now();
  const names = await productNameOf(deps, id);
  const result = await deps.database.db.transaction(async (tx) => {
    const { app, contract } = await openContract(tx, actor, id);
    if (!contract.electronicConsentAt)
      throw Problem.conflict('consent-required', 'Consent to electronic records first', 'electronicConsent');
    const parties = partiesOf(app);
    if (!parties.includes(input.party)) throw Problem.badRequest('party', 'this contract has no such party');
    const signed = await repo.signaturesOf(tx, contract.id);
    if (signed.some((s) => s.party === input.party))
      throw Problem.conflict('already-signed', `The ${input.party} has signed already`, 'party');
    const answers = answersOf(app);
    let method: string;
    let signerName: string;
    if (input.party === 'borrower') {
      if (app.customerId !== actor.customerId) throw Problem.forbidden('Only the borrower signs as borrower');
      const pending = await repo.latestSigningCode(tx, contract.id, 'borrower');
      if (!pending || pending.usedAt || pending.expiresAt <= now || pending.attempts >= MAX_CODE_ATTEMPTS)
        throw Problem.badRequest('code', 'request a new code');
      if (!input.code || !sameHash(pending.codeHash, codeHash(contract.id, input.code))) {
        await repo.updateSigningCode(tx, pending.id, { attempts: pending.attempts + 1 });
        return { wrongCode: true as const };
      }
      await repo.updateSigningCode(tx, pending.id, { usedAt: now });
      method = 'email-otp';
      signerName = answers.identity?.legalName ?? actor.displayName;
    } else {
      if (!actor.permissions.has('applications.manage'))
        throw Problem.forbidden('A co-signer signs in person, witnessed by staff');
      method = `witnessed-in-person:${ctx.actorName ?? 'staff'}`;
      signerName = input.signerName ?? answers.related?.cosigner?.name ?? '';
    }
    await repo.insertSignature(tx, {
      id: randomUUID(),
      contractId: contract.id,
      party: input.party,
      signerName,
      signerUserId: actor.userId,
      signedAt: now,
      ip: ctx.ip,
      method,
      documentSha256: contract.documentSha256,
    });
    await recordAudit(tx, ctx, now, {
      action: 'contract.signed_by_party',
      entityType: 'contract',
      entityId: `${contract.contractNumber}/v${contract.version}`,
      after: { party: input.party, method, documentSha256: contract.documentSha256 },
    });
    const all = [...signed.map((s) => s.party), input.party];
    if (!parties.every((p) => all.includes(p))) return { wrongCode: false as const, sealed: false };
    await sealContract(tx, deps, ctx, app, contract, names);
    return { wrongCode: false as const, sealed: true };
  });
  // A wrong code is counted (committed) and then refused.
  if (result.wrongCode) throw Problem.badRequest('code', 'is not the code we sent');
  return result;
}

/**
 * The demo seed's shortcut: the borrower's signature recorded as `demo-seed` (no code exists to
 * read back), then sealed like any other. Never reachable from a route.
 */
export async function signForDemo(deps: Deps, ctx: ActorContext, applicationId: string): Promise<void> {
  const now = deps.now();
  const names = await productNameOf(deps, applicationId);
  await deps.database.db.transaction(async (tx) => {
    const app = (await repo.findApplication(tx, applicationId, true))!;
    const contract = (await repo.currentContract(tx, applicationId, true))!;
    await repo.updateContract(tx, contract.id, { electronicConsentAt: now });
    await repo.insertSignature(tx, {
      id: randomUUID(),
      contractId: contract.id,
      party: 'borrower',
      signerName: answersOf(app).identity?.legalName ?? '',
      signedAt: now,
      ip: null,
      method: 'demo-seed',
      documentSha256: contract.documentSha256,
    });
    await sealContract(tx, deps, ctx, app, contract, names);
  });
}

/** Everyone has signed: render the final document with its signature page and seal it. */
async function sealContract(
  tx: Executor,
  deps: Deps,
  ctx: ActorContext,
  app: ApplicationRow,
  contract: ContractRow,
  names: ProductName,
) {
  const now = deps.now();
  const offer = (await repo.offerOf(tx, app.id))!;
  const signatures = await repo.signaturesOf(tx, contract.id);
  const terms = termsOf(
    names,
    app,
    offer,
    contract.contractNumber,
    contract.version,
    contract.language,
    contract.createdAt,
  );
  const final = await renderContract(
    terms,
    signatures.map((s) => ({ ...s, party: s.party })),
  );
  const sealed = await sealPdf(deps, final, {
    reason: `${contractMarker(contract.contractNumber, contract.version)} signed by all parties`,
    location: originationSettings().BURSAR_LENDER_NAME,
    signingTime: now,
  });
  const sealedSha256 = sha256(sealed);
  await repo.updateContract(tx, contract.id, { status: 'signed', sealed, sealedSha256, sealedAt: now });
  await repo.updateApplication(tx, app.id, { status: 'contracted', updatedAt: now });
  await publishTimelineEvent(
    tx,
    {
      customerId: app.customerId,
      kind: 'origination.contract_signed',
      summary: `Contract ${contract.contractNumber} v${contract.version} signed and sealed`,
      data: { applicationId: app.id, sha256: sealedSha256 },
      actorName: ctx.actorName,
    },
    now,
  );
  await handleDomainEvent(
    tx,
    deps,
    {
      source: 'origination',
      id: `${contract.id}:signed`,
      type: 'contract.signed',
      customerId: app.customerId,
      payload: { applicationId: app.id, contractNumber: contract.contractNumber, version: contract.version },
    },
    now,
  );
  await recordAudit(tx, ctx, now, {
    action: 'contract.sealed',
    entityType: 'contract',
    entityId: `${contract.contractNumber}/v${contract.version}`,
    after: { sealedSha256, applicationId: app.id },
  });
}

export async function contractPdf(deps: Deps, actor: Actor, id: string, version?: number) {
  const db = deps.database.db;
  const app = await visibleApplication(db, actor, id);
  const all = await repo.contractsOf(db, app.id);
  const c =
    version === undefined
      ? all.filter((x) => x.status !== 'superseded').at(-1)
      : all.find((x) => x.version === version);
  if (!c) throw Problem.notFound('Contract');
  const pdf = c.sealed ?? c.document;
  return {
    fileName: `${c.contractNumber}-v${c.version}${c.sealed ? '-signed' : ''}.pdf`,
    content: Buffer.from(pdf),
  };
}

/**
 * Which stored contract a PDF is and whether it is intact: intact only when its SHA-256 is that of
 * a sealed contract on record and its PDF signature verifies. A changed byte fails both.
 */
export async function verifyContract(deps: Deps, pdf: Buffer) {
  const db = deps.database.db;
  const hash = sha256(pdf);
  const byHash = await repo.contractBySealedHash(db, hash);
  let contract = byHash;
  if (!contract) {
    const m = /BursarContract:(C\d+)\/v(\d+)/.exec(pdf.toString('latin1'));
    if (m) contract = await repo.contractByNumber(db, m[1]!, Number(m[2]));
  }
  const signature = checkEmbeddedSignature(deps, pdf);
  const app = contract ? await repo.findApplication(db, contract.applicationId) : undefined;
  return {
    sha256: hash,
    intact: !!byHash && signature.valid,
    matchedBy: byHash ? ('sha256' as const) : contract ? ('marker' as const) : null,
    contract:
      contract && app
        ? {
            contractNumber: contract.contractNumber,
            version: contract.version,
            applicationNumber: app.applicationNumber,
            status: contract.status,
            sealedAt: contract.sealedAt?.toISOString() ?? null,
            sealedSha256: contract.sealedSha256,
          }
        : null,
    signature,
  };
}

export async function contractView(db: Executor, applicationId: string) {
  const c = await repo.currentContract(db, applicationId);
  if (!c) return null;
  const sigs = await repo.signaturesOf(db, c.id);
  return {
    id: c.id,
    contractNumber: c.contractNumber,
    version: c.version,
    templateVersion: c.templateVersion,
    language: c.language,
    status: c.status,
    documentSha256: c.documentSha256,
    electronicConsentAt: c.electronicConsentAt?.toISOString() ?? null,
    sealedSha256: c.sealedSha256,
    sealedAt: c.sealedAt?.toISOString() ?? null,
    signatures: sigs.map((s) => ({
      party: s.party,
      signerName: s.signerName,
      signedAt: s.signedAt.toISOString(),
      ip: s.ip,
      method: s.method,
      documentSha256: s.documentSha256,
    })),
  };
}
