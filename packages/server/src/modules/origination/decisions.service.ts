// Product fit, the credit decision and the offer. The policy rules (core) plus, when the risk
// module has an active scorecard, its score, grade and reason codes; approve, decline or refer;
// four eyes above a configured amount or outside policy; the adverse-action notice on a decline.
import { randomUUID } from 'node:crypto';
import {
  ageOn,
  evaluatePolicy,
  minorFactor,
  needsSecondApproval,
  parseMoney,
  priceOffer,
  productFit,
  repaymentPreview,
  tranchePlan,
  academicYearStart,
  REASON_TEXT,
  type ApplicationSections,
  type DecisionOutcome,
  type PolicyDecision,
  type PolicyInput,
  type PolicyScore,
  type ProductFit,
  type ProductUsage,
} from '@bursar/core';
import type { ActorContext, Deps } from '../../deps.ts';
import type { Executor } from '../../db/database.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { deliverDisclosure } from '../compliance/index.ts';
import { publishTimelineEvent } from '../customers/index.ts';
import { enqueueMessage } from '../engagement/index.ts';
import type { Actor } from '../identity/index.ts';
import { activeProduct, listProducts, type ProductVersionView } from '../products/index.ts';
import { recordDecision, scoreApplication } from '../risk/index.ts';
import { listLoans } from '../servicing/index.ts';
import { visibleApplication } from './access.ts';
import { answersOf } from './applications.service.ts';
import { issueContract } from './contracts.service.ts';
import * as repo from './origination.repository.ts';
import type { ApplicationRow, OfferRow } from './origination.repository.ts';
import { originationSettings } from './settings.ts';

const LIVE = ['pending_approval', 'approved', 'contracted', 'disbursed'];

/** What the customer already borrows: per product (for limits) and in total (exposure). */
async function usageOf(deps: Deps, app: ApplicationRow) {
  const db = deps.database.db;
  const usage: Record<string, { totalMinor: number; byYear: Record<string, number> }> = {};
  let pendingExposure = 0;
  for (const other of await repo.applicationsOfCustomer(db, app.customerId)) {
    if (other.id === app.id || !LIVE.includes(other.status)) continue;
    const offer = await repo.offerOf(db, other.id);
    if (!offer) continue;
    const u = (usage[offer.productCode] ??= { totalMinor: 0, byYear: {} });
    for (const t of offer.tranches as { academicYear: string; amountMinor: number }[]) {
      u.totalMinor += t.amountMinor;
      u.byYear[t.academicYear] = (u.byYear[t.academicYear] ?? 0) + t.amountMinor;
    }
    if (!other.loanId) pendingExposure += offer.amount;
  }
  const loans = await listLoans(
    deps,
    { ownCustomerOnly: true, customerId: app.customerId },
    {},
    { limit: 500, offset: 0 },
  );
  let exposure = pendingExposure;
  for (const l of loans.items) {
    if (['closed', 'written_off', 'charged_off'].includes(l.state)) continue;
    const undrawn = parseMoney(l.commitment, l.currency) - parseMoney(l.disbursed, l.currency);
    exposure += parseMoney(l.balances.principal, l.currency) + Math.max(0, undrawn);
  }
  return { usage: usage as Record<string, ProductUsage>, exposureMinor: exposure };
}

function fitApplicant(deps: Deps, a: ApplicationSections, usage: Record<string, ProductUsage>) {
  return {
    level: a.school?.level,
    purpose: a.purpose?.purpose,
    financialNeed: (a.household?.needs ?? []).length > 0,
    expectedGraduationDate: a.school?.expectedGraduationDate,
    years: a.purpose?.years ?? [],
    usage,
    today: deps.now().toISOString().slice(0, 10),
  };
}

export async function productFitFor(deps: Deps, actor: Actor, id: string): Promise<ProductFit[]> {
  const app = await visibleApplication(deps.database.db, actor, id);
  const { usage } = await usageOf(deps, app);
  const products = (await listProducts(deps)).filter((p) => p.status === 'active').map((p) => p.definition);
  return productFit(products, fitApplicant(deps, answersOf(app), usage));
}

/**
 * What the scorecard sees. Built from an allow-list: protected attributes (sex, marital status,
 * ethnicity, religion, nationality, disability) are never collected here, and age is not scored.
 */
export function scoringAttributes(
  a: ApplicationSections,
  requestedTotalMinor: number,
): Record<string, unknown> {
  const size = a.household?.size ?? 1;
  return {
    level: a.school?.level ?? null,
    yearOfStudy: a.school?.yearOfStudy ?? null,
    householdSize: size,
    incomePerCapita: Math.floor((a.household?.annualIncomeMinor ?? 0) / size / 100),
    financialNeed: (a.household?.needs ?? []).length ? 'yes' : 'no',
    academicResult: a.school?.academicResult ?? 'unknown',
    hasCosigner: a.related?.cosigner ? 'yes' : 'no',
    requestedTotal: Math.floor(requestedTotalMinor / 100),
  };
}

async function scoreOf(
  deps: Deps,
  app: ApplicationRow,
  store: boolean,
): Promise<{ score: PolicyScore | null; note: string }> {
  const name = originationSettings().BURSAR_APPLICATION_SCORECARD;
  try {
    const r = await scoreApplication(
      deps,
      { name },
      scoringAttributes(answersOf(app), app.requestedTotal ?? 0),
      store ? { applicationRef: app.id } : {},
    );
    return {
      score: {
        score: r.score,
        pd: r.pd,
        grade: r.grade,
        reasons: r.reasons.map((x) => ({ feature: x.feature, bin: x.bin, pointsLost: x.pointsLost })),
        model: `${r.model.name}@${r.model.version}`,
      },
      note: `scored by ${r.model.name} version ${r.model.version}`,
    };
  } catch (e) {
    if (e instanceof Problem)
      return { score: null, note: `not scored (${e.detail ?? e.slug}): policy rules alone` };
    throw e;
  }
}

export interface Evaluation {
  policy: PolicyDecision;
  score: PolicyScore | null;
  scoreNote: string;
  input: Omit<PolicyInput, 'score'>;
  fourEyes: { thresholdMinor: number; required: boolean; why: string[] };
  /** The active version of the product applied for (read before any transaction). */
  product: ProductVersionView | null;
}

async function evaluate(deps: Deps, app: ApplicationRow, store: boolean): Promise<Evaluation> {
  const a = answersOf(app);
  const { usage, exposureMinor } = await usageOf(deps, app);
  const product = app.productCode ? await activeProduct(deps, app.productCode) : null;
  const fit = product ? productFit([product.definition], fitApplicant(deps, a, usage))[0]! : null;
  const currency = product?.definition.currency ?? 'CNY';
  const s = originationSettings();
  const today = deps.now().toISOString().slice(0, 10);
  const years = a.purpose?.years ?? [];
  const input: Omit<PolicyInput, 'score'> = {
    eligible: fit?.eligible ?? false,
    ineligibleReasons: fit ? fit.reasons.filter((r) => !r.ok).map((r) => r.code) : ['no_active_product'],
    requestedByYear: years.map((y) => ({
      academicYear: y.academicYear,
      amountMinor: y.amountMinor,
      limitMinor: fit?.remainingByYear.find((r) => r.academicYear === y.academicYear)?.remainingMinor ?? null,
    })),
    requestedTotalMinor: app.requestedTotal ?? 0,
    remainingTotalMinor: fit?.remainingTotalMinor ?? null,
    existingExposureMinor: exposureMinor,
    exposureCapMinor: s.BURSAR_EXPOSURE_CAP * minorFactor(currency),
    ageYears: a.identity?.dateOfBirth ? ageOn(a.identity.dateOfBirth, today) : 0,
    hasCosigner: !!a.related?.cosigner,
    enrolment: app.enrolmentCheck,
    fraudFlags: (app.checks as { fraudFlags?: string[] } | null)?.fraudFlags ?? [],
    duplicateIdentity: ((app.checks as { duplicateOf?: string[] } | null)?.duplicateOf ?? []).length > 0,
  };
  const { score, note } = await scoreOf(deps, app, store);
  const policy = evaluatePolicy({ ...input, score });
  const thresholdMinor = s.BURSAR_FOUR_EYES_ABOVE * minorFactor(currency);
  const four = needsSecondApproval(input.requestedTotalMinor, thresholdMinor, policy.outcome);
  return { policy, score, scoreNote: note, input, fourEyes: { thresholdMinor, ...four }, product };
}

/** The review page's figures: rules fired and score, without deciding or storing anything. */
export async function evaluateApplication(deps: Deps, actor: Actor, id: string): Promise<Evaluation> {
  const app = await visibleApplication(deps.database.db, actor, id);
  if (app.status === 'draft')
    throw Problem.conflict('application-draft', 'Submit the application first', 'status');
  return evaluate(deps, app, false);
}

function seconds(from: Date | null, to: Date): number | null {
  return from ? Math.round((to.getTime() - from.getTime()) / 1000) : null;
}

/** Make the offer (pricing, tranches, preview) and issue the contract, in the caller's transaction. */
async function makeOffer(
  tx: Executor,
  deps: Deps,
  ctx: ActorContext,
  app: ApplicationRow,
  product: ProductVersionView,
  grade: string | null,
) {
  const a = answersOf(app);
  const p = product.definition;
  const years = a.purpose?.years ?? [];
  const first = years.map((y) => y.academicYear).sort()[0]!;
  const price = priceOffer(p, academicYearStart(first), {
    grade,
    academicResult: a.school?.academicResult,
    needs: a.household?.needs ?? [],
  });
  const tranches = tranchePlan(years);
  const amount = tranches.reduce((s, t) => s + t.amountMinor, 0);
  const start = a.school?.startDate ?? academicYearStart(first);
  const end = a.school!.expectedGraduationDate!;
  const yearsOfStudy = Math.max(1, Number(end.slice(0, 4)) - Number(start.slice(0, 4)));
  const preview = repaymentPreview(p, {
    amountMinor: amount,
    rate: price.rate,
    studyEndDate: end,
    yearsOfStudy,
  });
  const offer: OfferRow = await repo.upsertOffer(tx, {
    id: randomUUID(),
    applicationId: app.id,
    productCode: p.code,
    productVersion: product.version,
    currency: p.currency,
    amount,
    baseRate: price.baseRate,
    rate: price.rate,
    adjustments: price.adjustments,
    tranches,
    preview,
    createdAt: deps.now(),
  });
  await issueContract(tx, deps, ctx, app, offer, product.name, 'zh-CN');
  return offer;
}

/** The adverse-action notice: principal reasons (and the score used) in plain English and Chinese. */
async function sendAdverseActionNotice(
  tx: Executor,
  deps: Deps,
  app: ApplicationRow,
  reasons: string[],
  score: PolicyScore | null,
  at: Date,
) {
  const texts = (reasons.length ? reasons : ['officer_judgement']).map(
    (r) => REASON_TEXT[r] ?? REASON_TEXT.officer_judgement!,
  );
  const scoreEn = score ? `\nThe credit score we used: ${score.score} (grade ${score.grade}).` : '';
  const scoreZh = score ? `\n我们使用的信用评分：${score.score}（等级 ${score.grade}）。` : '';
  const body = [
    `We are sorry: we cannot approve your loan application ${app.applicationNumber}. The principal reasons:`,
    ...texts.map((t) => `• ${t.en}`),
    `${scoreEn}\nYou may ask us for the information we used and have it corrected. Your sex, marital status, ethnicity, religion, nationality and disability were not part of this decision.`,
    '',
    `很抱歉，我们无法批准您的贷款申请 ${app.applicationNumber}。主要原因如下：`,
    ...texts.map((t) => `• ${t['zh-CN']}`),
    `${scoreZh}\n您可以要求查阅并更正我们使用的信息。您的性别、婚姻状况、民族、宗教、国籍和残疾状况均未用于本决定。`,
  ].join('\n');
  await enqueueMessage(
    tx,
    deps,
    {
      customerId: app.customerId,
      purpose: 'service',
      legallyRequired: true,
      dedupeKey: `origination:adverse:${app.id}`,
      content: { subject: `Your loan application ${app.applicationNumber} · 您的贷款申请`, body },
      source: { kind: 'origination.adverse_action', id: app.id },
    },
    at,
  );
}

async function finish(
  tx: Executor,
  deps: Deps,
  ctx: ActorContext,
  app: ApplicationRow,
  outcome: 'approved' | 'declined',
  ev: Evaluation,
  reasons: string[],
) {
  const product = ev.product;
  const now = deps.now();
  await repo.updateApplication(tx, app.id, {
    status: outcome,
    decidedAt: now,
    decisionSeconds: seconds(app.submittedAt, now),
    updatedAt: now,
  });
  if (outcome === 'approved') {
    if (!product)
      throw Problem.conflict(
        'product-retired',
        `Product ${app.productCode} is no longer offered`,
        'productCode',
      );
    await makeOffer(tx, deps, ctx, app, product, ev.score?.grade ?? null);
    await deliverDisclosure(tx, deps, { stage: 'approval', applicationId: app.id });
  } else await sendAdverseActionNotice(tx, deps, app, reasons, ev.score, now);
  await publishTimelineEvent(
    tx,
    {
      customerId: app.customerId,
      kind: `origination.application_${outcome}`,
      summary: `Application ${app.applicationNumber} ${outcome}`,
      data: { applicationId: app.id },
      actorName: ctx.actorName,
    },
    now,
  );
}

export interface DecideInput {
  outcome: DecisionOutcome;
  note?: string | undefined;
  /** Principal reasons for a decline the policy did not give (officer's judgement). */
  reasons?: string[] | undefined;
}

/** The first decision, by an officer, on a submitted or referred application. */
export async function decideApplication(
  deps: Deps,
  ctx: ActorContext,
  actor: Actor,
  id: string,
  input: DecideInput,
) {
  const db = deps.database.db;
  const before = await visibleApplication(db, actor, id);
  if (!['submitted', 'referred'].includes(before.status))
    throw Problem.conflict(
      'not-awaiting-decision',
      `A ${before.status} application is not awaiting a decision`,
      'status',
    );
  const stored = (await repo.decisionsOf(db, id)).some((d) => d.score !== null);
  const ev = await evaluate(deps, before, !stored);
  const now = deps.now();
  const result = await db.transaction(async (tx) => {
    const app = await visibleApplication(tx, actor, id, true);
    if (app.status !== before.status)
      throw Problem.conflict('stale-decision', 'The application changed meanwhile; reload', 'status');
    const reasons = input.outcome === 'approve' ? [] : [...ev.policy.reasons, ...(input.reasons ?? [])];
    const four = input.outcome === 'approve' ? ev.fourEyes : { required: false, why: [] };
    await repo.insertDecision(tx, {
      id: randomUUID(),
      applicationId: id,
      kind: 'first',
      outcome: input.outcome,
      policyOutcome: ev.policy.outcome,
      rules: ev.policy.rules,
      score: ev.score,
      reasons,
      approvedAmount: input.outcome === 'approve' ? app.requestedTotal : null,
      needsSecondApproval: four.required,
      secondApprovalWhy: four.why,
      note: input.note ?? null,
      decidedById: actor.userId,
      decidedBy: ctx.actorName,
      decidedAt: now,
    });
    let status: repo.ApplicationStatusValue;
    if (input.outcome === 'refer') {
      status = 'referred';
      await repo.updateApplication(tx, id, { status, updatedAt: now });
    } else if (input.outcome === 'approve' && four.required) {
      status = 'pending_approval';
      await repo.updateApplication(tx, id, { status, updatedAt: now });
    } else {
      status = input.outcome === 'approve' ? 'approved' : 'declined';
      await finish(tx, deps, ctx, app, status, ev, reasons);
    }
    await recordAudit(tx, ctx, now, {
      action: `application.decided_${input.outcome}`,
      entityType: 'application',
      entityId: id,
      before: { status: app.status },
      after: {
        status,
        policyOutcome: ev.policy.outcome,
        reasons,
        score: ev.score?.score ?? null,
        fourEyes: four.why,
      },
    });
    return status;
  });
  if (result === 'approved' || result === 'declined') await recordDecision(deps, id, result); // updates nothing when no scorecard scored it
  return result;
}

/** The second approver (four eyes): never the officer who made the first decision. */
export async function secondApproval(
  deps: Deps,
  ctx: ActorContext,
  actor: Actor,
  id: string,
  input: { approve: boolean; note?: string | undefined },
) {
  const db = deps.database.db;
  const before = await visibleApplication(db, actor, id);
  const ev = await evaluate(deps, before, false);
  const now = deps.now();
  const status = await db.transaction(async (tx) => {
    const app = await visibleApplication(tx, actor, id, true);
    if (app.status !== 'pending_approval')
      throw Problem.conflict(
        'not-pending-approval',
        `A ${app.status} application is not waiting for a second approval`,
        'status',
      );
    const first = (await repo.decisionsOf(tx, id)).filter((d) => d.kind === 'first').at(-1);
    if (first?.decidedById === actor.userId)
      throw Problem.conflict(
        'four-eyes',
        'The second approver must be someone other than the first approver',
        'approver',
      );
    const reasons = input.approve ? [] : [...ev.policy.reasons, 'officer_judgement'];
    await repo.insertDecision(tx, {
      id: randomUUID(),
      applicationId: id,
      kind: 'second',
      outcome: input.approve ? 'approve' : 'decline',
      policyOutcome: ev.policy.outcome,
      rules: ev.policy.rules,
      score: first?.score ?? null,
      reasons,
      approvedAmount: input.approve ? app.requestedTotal : null,
      note: input.note ?? null,
      decidedById: actor.userId,
      decidedBy: ctx.actorName,
      decidedAt: now,
    });
    const outcome = input.approve ? 'approved' : 'declined';
    await finish(
      tx,
      deps,
      ctx,
      app,
      outcome,
      { ...ev, score: (first?.score as PolicyScore | null) ?? ev.score },
      reasons,
    );
    await recordAudit(tx, ctx, now, {
      action: input.approve ? 'application.second_approved' : 'application.second_declined',
      entityType: 'application',
      entityId: id,
      before: { status: app.status, firstApprover: first?.decidedBy ?? null },
      after: { status: outcome },
    });
    return outcome;
  });
  await recordDecision(deps, id, status);
  return status;
}
